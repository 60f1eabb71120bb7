package chart

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"kpireport/report/format"
)

// TestHistoryOptionMatchesGoEcharts checks that History's option, written
// into a cached shape, is byte for byte the option go-echarts and
// encoding/json write, over many KPIs of every shape: directions, units,
// titles with characters JSON escapes, gaps, projections and locales.
func TestHistoryOptionMatchesGoEcharts(t *testing.T) {
	de, err := format.ParseLocale("de-DE")
	if err != nil {
		t.Fatal(err)
	}
	fr, err := format.ParseLocale("fr-FR")
	if err != nil {
		t.Fatal(err)
	}
	locales := []format.Locale{{}, de, fr}
	texts := []string{"", "Revenue", `Cost <per> "unit" & more`, "Ünïcödé ÷ 12", "line\u2028break\u2029", "bad \xff utf-8", "tab\there\nnew\\line", "\x01\x1f control", "'quote' +plus"}
	units := []string{"", "%", "£m", "days", "<b>&", "€k"}
	directions := []string{"", "higher", "lower", "range"}
	rng := rand.New(rand.NewPCG(1, 2))
	values := func(n int, base float64, gaps float64) []*float64 {
		vs := make([]*float64, n)
		for i := range vs {
			if rng.Float64() < gaps {
				continue
			}
			v := base * (0.5 + rng.Float64())
			switch rng.IntN(8) {
			case 0:
				v = 0
			case 1:
				v = -v
			case 2:
				v *= 1e-8
			case 3:
				v *= 1e22
			}
			vs[i] = &v
		}
		return vs
	}
	maybe := func(vs []*float64) []*float64 {
		switch rng.IntN(4) {
		case 0:
			return nil
		case 1:
			return make([]*float64, len(vs)) // all gaps
		}
		return vs
	}
	shapes := map[string]bool{}
	for i := range 600 {
		n := rng.IntN(40)
		in := HistoryInput{
			ID:        "history-k" + strconv.Itoa(i),
			Title:     texts[rng.IntN(len(texts))],
			Unit:      units[rng.IntN(len(units))],
			Frequency: []string{"", "monthly", "quarterly"}[rng.IntN(3)],
			Decimals:  rng.IntN(4),
			Direction: directions[rng.IntN(len(directions))],
			Locale:    locales[rng.IntN(len(locales))],
			Actual:    values(n, 100, 0.2),
			Target:    maybe(values(n, 100, 0.1)),
			RedFlag:   maybe(values(n, 90, 0.1)),
			TargetMax: maybe(values(n, 110, 0.1)),
		}
		in.Labels = make([]string, n)
		for j := range in.Labels {
			in.Labels[j] = texts[rng.IntN(len(texts))] + strconv.Itoa(j)
		}
		if n > 0 && rng.IntN(2) == 0 {
			// As the scorecard makes it, the projection starts at the last
			// actual (historyAlt relies on that).
			p := &Projection{Value: values(n, 100, 0.5), Basis: texts[rng.IntN(len(texts))]}
			last := -1
			for j, v := range in.Actual {
				if v != nil {
					last = j
				}
			}
			for j := 0; j < last; j++ {
				p.Value[j] = nil
			}
			if rng.IntN(2) == 0 {
				p.Low, p.High = values(n, 80, 0.3), values(n, 120, 0.3)
			}
			if rng.IntN(2) == 0 {
				y := rng.Float64() * 100
				p.YearTarget, p.YearTargetAt = &y, rng.IntN(n)
				p.YearTargetName = []string{"", "Year target ÷ 12", "Year <target>"}[rng.IntN(3)]
			}
			in.Projection = p
		}
		got, err := History(in)
		if err != nil {
			t.Fatalf("KPI %d: %v", i, err)
		}
		s := historySeriesOf(in)
		shapes[historyShapeKey(in, s)] = true
		want, err := echartsHistory(in, historyAlt(in), s, false)
		if err != nil {
			t.Fatalf("KPI %d: %v", i, err)
		}
		if !bytes.Equal(got.Option, want) {
			t.Fatalf("KPI %d: option differs from go-echarts'\n got %s\nwant %s", i, got.Option, want)
		}
	}
	if len(shapes) < 50 {
		t.Errorf("only %d shapes of chart tried", len(shapes))
	}
}

// TestAppendJSON checks the JSON writers against encoding/json on every
// byte, awkward runes and floats of every size.
func TestAppendJSON(t *testing.T) {
	var strs []string
	for c := range 256 {
		strs = append(strs, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
	}
	strs = append(strs, "\u2028\u2029", "€÷Ü", "\xe2\x82", "<script>&amp;</script>", "")
	for _, s := range strs {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("string %q: got %s, want %s", s, got, want)
		}
	}
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 9.99e-7, 1e-7, 1.5e-300, 1e20, 1e21, 1.2345e21, -3e-9, math.MaxFloat64, math.SmallestNonzeroFloat64, 12.3, 27464}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		floats = append(floats, (rng.Float64()-0.5)*math.Pow(10, float64(rng.IntN(60)-30)))
	}
	data := make([]any, len(floats)+1)
	for i, f := range floats {
		data[i] = f
	}
	want, _ := json.Marshal(data)
	if got, ok := appendJSONData(nil, data); !ok || !bytes.Equal(got, want) {
		t.Errorf("data: got %s (%v), want %s", got, ok, want)
	}
	if got, ok := appendJSONData([]byte("x"), []any{1.0, "two"}); ok || string(got) != "x" {
		t.Errorf("data with a string: got %q, %v; want it refused", got, ok)
	}
	one := "one"
	tt := TooltipText{Series: []string{"A", "<B>"}, Text: [][]*string{{&one, nil}, {}, nil}}
	want, _ = json.Marshal(tt)
	if got := appendTooltipText(nil, tt); !bytes.Equal(got, want) {
		t.Errorf("tooltip: got %s, want %s", got, want)
	}
}

// TestRepeatedValuesWrittenOnce checks that seriesData and historyTooltip,
// which round and write a value once while it repeats, give what rounding
// and writing every value gives: runs of equal values, zero and minus
// zero, gaps between repeats.
func TestRepeatedValuesWrittenOnce(t *testing.T) {
	de, err := format.ParseLocale("de-DE")
	if err != nil {
		t.Fatal(err)
	}
	negZero := math.Copysign(0, -1)
	raw := []float64{100, 100, 100, 0, negZero, negZero, 0, 12.345, 12.345, 12.3449, -0.0004, -0.0004, 100}
	var values []*float64
	for i, v := range raw {
		values = append(values, &v)
		if i%4 == 3 {
			values = append(values, nil)
		}
	}
	for decimals := range 4 {
		data := seriesData(values, decimals)
		for _, loc := range []format.Locale{{}, de} {
			tips := historyTooltip(loc, []string{"A"}, [][]*float64{values}, decimals, "£m")
			for i, v := range values {
				if v == nil {
					if data[i] != nil || tips.Text[0][i] != nil {
						t.Errorf("value %d: a gap gave %v, %v", i, data[i], tips.Text[0][i])
					}
					continue
				}
				if want := rounded(*v, decimals); data[i] != want {
					t.Errorf("value %d (%v) to %d decimals: data %v, want %v", i, *v, decimals, data[i], want)
				}
				if want := loc.Value(*v, decimals, "£m"); tips.Text[0][i] == nil || *tips.Text[0][i] != want {
					t.Errorf("value %d (%v) to %d decimals: tooltip %v, want %q", i, *v, decimals, tips.Text[0][i], want)
				}
			}
		}
	}
}
