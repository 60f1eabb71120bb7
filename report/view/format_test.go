package view

import (
	"math"
	"testing"

	"kpireport/report/format"
	"kpireport/report/scorecard"
)

func TestFormatValue(t *testing.T) {
	gbp := scorecard.Settings{Currency: "GBP"}
	tests := []struct {
		name     string
		format   string
		unit     string
		decimals int
		currency string
		v        scorecard.Num
		want     string
	}{
		{"percent fraction", "percent", "", -1, "", scorecard.Some(0.952), "95.2%"},
		{"percent fraction fixed", "percent", "", 2, "", scorecard.Some(0.9523), "95.23%"},
		{"unit percent wins over format", "percent", "%", 1, "", scorecard.Some(95.23), "95.2%"},
		{"percent fraction whole", "percent", "", -1, "", scorecard.Some(1), "100%"},
		{"unit percent", "", "%", -1, "", scorecard.Some(95.2), "95.2%"},
		{"unit percent small", "", "%", -1, "", scorecard.Some(4.25), "4.25%"},
		{"GBP", "currency", "", -1, "GBP", scorecard.Some(1234567.4), "£1,234,567"},
		{"USD decimals", "currency", "", 2, "USD", scorecard.Some(1234.5), "$1,234.50"},
		{"EUR negative", "currency", "", 0, "EUR", scorecard.Some(-1200), "-€1,200"},
		{"other code", "currency", "", 0, "chf", scorecard.Some(999), "CHF 999"},
		{"no currency", "currency", "", 0, "", scorecard.Some(999), "999"},
		{"currency millions", "currency", "£m", 1, "GBP", scorecard.Some(12.34), "£12.3m"},
		{"unit after", "", "days", -1, "", scorecard.Some(13.25), "13.3 days"},
		{"count is no unit", "", "count", -1, "", scorecard.Some(304), "304"},
		{"unit symbol", "", "£", 0, "", scorecard.Some(5000), "£5,000"},
		{"unit symbol and multiplier", "", "£m", -1, "", scorecard.Some(4.5), "£4.5m"},
		{"plain big", "", "", -1, "", scorecard.Some(123456.7), "123,457"},
		{"plain medium", "", "", -1, "", scorecard.Some(42.25), "42.3"},
		{"plain trims zeros", "", "", -1, "", scorecard.Some(3), "3"},
		{"plain small", "", "", -1, "", scorecard.Some(0.0345), "0.035"},
		{"fixed keeps zeros", "", "", 2, "", scorecard.Some(3), "3.00"},
		{"zero", "", "", -1, "", scorecard.Some(0), "0"},
		{"no minus zero", "", "", 1, "", scorecard.Some(-0.01), "0.0"},
		{"negative thousands", "", "", 0, "", scorecard.Some(-1234567), "-1,234,567"},
		{"missing", "", "", -1, "", scorecard.Num{}, ""},
		{"NaN", "", "", -1, "", scorecard.Some(math.NaN()), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := &scorecard.KPI{Format: tt.format, Unit: tt.unit, Decimals: tt.decimals}
			s := gbp
			s.Currency = tt.currency
			got := formatOf(k, s).value(tt.v)
			if got.Text != tt.want || got.OK != (tt.want != "") {
				t.Errorf("value = %+v, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatChange(t *testing.T) {
	tests := []struct {
		name   string
		format string
		unit   string
		v, ref scorecard.Num
		want   string
	}{
		{"percent points", "percent", "", scorecard.Some(0.0123), scorecard.Some(0.952), "+1.2 pp"},
		{"unit percent points", "", "%", scorecard.Some(-2.04), scorecard.Some(95.2), "-2 pp"},
		{"decimals of the value", "", "days", scorecard.Some(0.578), scorecard.Some(13.5), "+0.6 days"},
		{"no reference", "", "days", scorecard.Some(0.578), scorecard.Num{}, "+0.578 days"},
		{"currency", "currency", "", scorecard.Some(-67055.2), scorecard.Some(1.2e6), "-£67,055"},
		{"no change", "", "", scorecard.Some(0.001), scorecard.Some(500), "0"},
		{"missing", "", "", scorecard.Num{}, scorecard.Some(1), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := &scorecard.KPI{Format: tt.format, Unit: tt.unit, Decimals: -1}
			got := formatOf(k, scorecard.Settings{Currency: "GBP"}).change(tt.v, tt.ref)
			if got.Text != tt.want {
				t.Errorf("change = %q, want %q", got.Text, tt.want)
			}
		})
	}
}

func TestScoreAndPct(t *testing.T) {
	// 6.666 is just below the target's 20/3: at risk, so not "6.7".
	if got := scoreVal(format.Locale{}, scorecard.Some(6.666)).Text; got != "6.6" {
		t.Errorf("score = %q", got)
	}
	if got := scoreVal(format.Locale{}, scorecard.Num{}); got.OK {
		t.Errorf("missing score = %+v", got)
	}
	if got := pctVal(format.Locale{}, scorecard.Some(1234.56)).Text; got != "1,234.6%" {
		t.Errorf("pct = %q", got)
	}
}

func TestTargetRange(t *testing.T) {
	k := &scorecard.KPI{Unit: "days", Decimals: 0}
	f := formatOf(k, scorecard.Settings{})
	got := targetVal(f, scorecard.Range, scorecard.Some(10), scorecard.Some(14)).Text
	if got != "10 to 14 days" {
		t.Errorf("range target = %q", got)
	}
	got = targetVal(f, scorecard.Higher, scorecard.Some(10), scorecard.Some(14)).Text
	if got != "10 days" {
		t.Errorf("target = %q", got)
	}
}

func TestLang(t *testing.T) {
	for in, want := range map[string]string{"": "en", "en_GB": "en-GB", "fr": "fr", `en"><script>`: "en", " de-DE ": "de-DE"} {
		if got := langOf(in); got != want {
			t.Errorf("langOf(%q) = %q, want %q", in, got, want)
		}
	}
}
