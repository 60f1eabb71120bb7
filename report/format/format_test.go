package format

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v        float64
		decimals int
		want     string
	}{
		{0, 0, "0"},
		{-0.04, 1, "0.0"},
		{12.345, 1, "12.3"},
		{999.5, 0, "1,000"},
		{1234567.891, 2, "1,234,567.89"},
		{-1234.5, 1, "-1,234.5"},
		{100, 0, "100"},
		{96.25, 1, "96.3"},
		{4.5, 0, "5"},
		{-4.5, 0, "-5"},
		{9.96, 1, "10.0"},
		{0.999, 2, "1.00"},
		{1e21, 0, "1,000,000,000,000,000,000,000"},
		{5e-7, 3, "0.000"},
		{-5e-7, 3, "0.000"},
	}
	for _, tt := range tests {
		if got := Number(tt.v, tt.decimals); got != tt.want {
			t.Errorf("Number(%v, %d) = %q, want %q", tt.v, tt.decimals, got, tt.want)
		}
	}
}

func TestNumberTrim(t *testing.T) {
	tests := []struct {
		v        float64
		decimals int
		want     string
	}{
		{1.005, 2, "1.01"}, // as typed: a table and a chart both say 1.01
		{1.5, -3, "1.5"},
		{2, -3, "2"},
		{-0.0001, -3, "0"},
		{1234.5, -2, "1,234.5"},
	}
	for _, tt := range tests {
		if got := Number(tt.v, tt.decimals); got != tt.want {
			t.Errorf("Number(%v, %d) = %q, want %q", tt.v, tt.decimals, got, tt.want)
		}
	}
}

// TestScore checks that a shown score stays inside its status band: the
// status comes from the exact score, the text from the rounded one.
func TestScore(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{10, "10.0"},
		{20.0 / 3, "6.7"}, // the target: on target
		{6.7, "6.7"},
		{6.66, "6.6"}, // at risk, though it rounds to 6.7
		{6.65, "6.6"},
		{6.64, "6.6"},
		{5, "5.0"},
		{10.0 / 3, "3.3"}, // the red flag: at risk
		{3.34, "3.3"},
		{3.32, "3.2"}, // off target, though it rounds to 3.3
		{3.25, "3.2"},
		{3.24, "3.2"},
		{0, "0.0"},
	}
	for _, tt := range tests {
		if got := Score(tt.v); got != tt.want {
			t.Errorf("Score(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
	if v := ScoreValue(math.NaN()); !math.IsNaN(v) {
		t.Errorf("ScoreValue(NaN) = %v", v)
	}
}

// FuzzNumber checks that Number never panics and writes v to the places
// asked for, with commas every three digits.
func FuzzNumber(f *testing.F) {
	for _, v := range []float64{0, math.Copysign(0, -1), 1234567.891, -0.005, 1e20, 13.25} {
		f.Add(v, int8(2))
	}
	f.Fuzz(func(t *testing.T, v float64, d int8) {
		if math.IsNaN(v) || math.IsInf(v, 0) || d < -11 || d > 10 {
			t.Skip()
		}
		s := Number(v, int(d))
		plain := strings.ReplaceAll(strings.TrimPrefix(s, "-"), ",", "")
		got, err := strconv.ParseFloat(plain, 64)
		if err != nil {
			t.Fatalf("number(%v, %d) = %q: %v", v, d, s, err)
		}
		places := int(d)
		if places < 0 {
			places = -1 - places
		}
		if diff := math.Abs(got - math.Abs(v)); diff > 0.5*math.Pow10(-places)*(1+1e-9)+math.Abs(v)*1e-15 {
			t.Errorf("number(%v, %d) = %q, off by %v", v, d, s, diff)
		}
		whole, _, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
		for i, g := range strings.Split(whole, ",") {
			if i > 0 && len(g) != 3 || i == 0 && (len(g) == 0 || len(g) > 3) {
				t.Errorf("number(%v, %d) = %q: bad grouping", v, d, s)
			}
		}
	})
}

func TestUnitSuffix(t *testing.T) {
	for unit, want := range map[string]string{
		"": "", "count": "", "Count": "", "#": "", "%": "%", "m": "m", "bn": "bn",
		"days": " days", "£k": " £k", "per 10k": " per 10k",
	} {
		if got := UnitSuffix(unit); got != want {
			t.Errorf("UnitSuffix(%q) = %q, want %q", unit, got, want)
		}
	}
}

func TestCount(t *testing.T) {
	for _, tt := range []struct {
		n    int
		noun string
		want string
	}{
		{0, "KPI", "0 KPIs"},
		{1, "KPI", "1 KPI"},
		{3, "KPI", "3 KPIs"},
		{2, "error", "2 errors"},
		{1, "warning", "1 warning"},
		{2, "entry", "2 entries"},
		{2, "day", "2 days"},
		{2, "box", "2 boxes"},
		{2, "status", "2 statuses"},
		{2, "branch", "2 branches"},
		{12, "link", "12 links"},
	} {
		if got := Count(tt.n, tt.noun); got != tt.want {
			t.Errorf("Count(%d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
		}
	}
}
