package format

import "testing"

func TestLocaleNumber(t *testing.T) {
	for _, tt := range []struct {
		locale   string
		v        float64
		decimals int
		want     string
	}{
		{"", 1234.5, 1, "1,234.5"},
		{"en-GB", -1234567.25, 1, "-1,234,567.3"},
		{"en_GB", 1234.5, -3, "1,234.5"},
		{"de-DE", 1234.5, 1, "1.234,5"},
		{"de-DE", -1234567.25, 1, "-1.234.567,3"},
		{"de-DE", 96.25, 1, "96,3"},
		{"de-DE", 1.5, -3, "1,5"},
		{"de-DE", -0.04, 1, "0,0"},
		{"fr-FR", 1234.5, 1, "1\u00a0234,5"},
		{"de-CH", 1234.5, 1, "1’234.5"},
	} {
		l, err := ParseLocale(tt.locale)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.Number(tt.v, tt.decimals); got != tt.want {
			t.Errorf("%s Number(%v, %d) = %q, want %q", tt.locale, tt.v, tt.decimals, got, tt.want)
		}
	}
	de, _ := ParseLocale("de-DE")
	if got := de.Value(-27464, 0, "£k"); got != "-£27.464k" {
		t.Errorf("de Value = %q", got)
	}
	if got := de.Score(6.666); got != "6,6" {
		t.Errorf("de Score = %q", got)
	}
	if _, err := ParseLocale("Klingon"); err == nil {
		t.Error("Klingon is a locale")
	}
}

func TestLocaleSymbol(t *testing.T) {
	de, _ := ParseLocale("de-DE")
	for code, want := range map[string]string{"EUR": "€", "gbp": "£", "USD": "$", "CHF": "CHF "} {
		if got, ok := de.Symbol(code); !ok || got != want {
			t.Errorf("Symbol(%s) = %q, %v; want %q", code, got, ok, want)
		}
	}
	if _, ok := (Locale{}).Symbol("XYZ"); ok {
		t.Error("XYZ is a currency")
	}
	if g, d, ok := de.Separators(); !ok || g != "." || d != "," {
		t.Errorf("de separators %q %q %v", g, d, ok)
	}
	if _, _, ok := (Locale{}).Separators(); ok {
		t.Error("en-GB's separators are reported as another locale's")
	}
}
