package scorecard

import (
	"math"
	"testing"
)

func nums(vs ...float64) []Num {
	out := make([]Num, len(vs))
	for i, v := range vs {
		out[i] = Some(v)
	}
	return out
}

func TestProject(t *testing.T) {
	flat := nums(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10)
	// Last year: the first half carries a quarter of the total.
	skew := nums(5, 5, 5, 5, 5, 5, 15, 15, 15, 15, 15, 15)
	tests := []struct {
		name    string
		in      OutlookInput
		method  OutlookMethod
		months  int
		value   float64
		verdict Likelihood
	}{
		{"no months yet", OutlookInput{Aggregation: Sum, PerYear: 12, Target: Some(100)}, NoOutlook, 0, 0, NoVerdict},
		{"one month", OutlookInput{Aggregation: Sum, PerYear: 12, YearSoFar: nums(10), Target: Some(100)}, NoOutlook, 0, 0, NoVerdict},
		{"two months", OutlookInput{Aggregation: Average, PerYear: 12, YearSoFar: nums(1, 2)}, NoOutlook, 0, 0, NoVerdict},
		{"range never projected", OutlookInput{Direction: Range, Aggregation: Average, PerYear: 12, YearSoFar: nums(1, 2, 3, 4)}, NoOutlook, 0, 0, NoVerdict},
		{"gap in the year", OutlookInput{Aggregation: Sum, PerYear: 12, YearSoFar: []Num{Some(1), {}, Some(3)}}, NoOutlook, 0, 0, NoVerdict},
		{"run-rate higher meets", OutlookInput{Aggregation: Sum, PerYear: 12, YearSoFar: nums(10, 10, 10), Target: Some(100)}, RunRate, 3, 120, Likely},
		{"run-rate higher misses", OutlookInput{Aggregation: Sum, PerYear: 12, YearSoFar: nums(10, 10, 10), Target: Some(150)}, RunRate, 3, 120, Unlikely},
		{"run-rate lower (costs) over budget", OutlookInput{Direction: Lower, Aggregation: Sum, PerYear: 12, YearSoFar: nums(10, 10, 10, 10), Target: Some(100)}, RunRate, 4, 120, Unlikely},
		{"run-rate lower under budget", OutlookInput{Direction: Lower, Aggregation: Sum, PerYear: 12, YearSoFar: nums(10, 10, 10, 10), Target: Some(130)}, RunRate, 4, 120, Likely},
		{"run-rate in doubt", OutlookInput{Aggregation: Sum, PerYear: 12, YearSoFar: nums(5, 15, 10), Target: Some(120)}, RunRate, 3, 120, InDoubt},
		{"profile of last year", OutlookInput{Aggregation: Sum, PerYear: 12, YearSoFar: nums(6, 6, 6, 6, 6, 6), LastYear: skew, Target: Some(120)}, Profile, 6, 144, Likely},
		{"profile needs a full last year", OutlookInput{Aggregation: Sum, PerYear: 12, YearSoFar: nums(6, 6, 6), LastYear: flat[:11], Target: Some(120)}, RunRate, 3, 72, Unlikely},
		{"year of zeros", OutlookInput{Aggregation: Sum, PerYear: 12, YearSoFar: nums(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), LastYear: nums(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), Target: Some(0)}, RunRate, 12, 0, Likely},
		{"target of zero, lower", OutlookInput{Direction: Lower, Aggregation: Sum, PerYear: 12, YearSoFar: nums(1, 1, 1), Target: Some(0)}, RunRate, 3, 12, Unlikely},
		{"no target", OutlookInput{Aggregation: Sum, PerYear: 12, YearSoFar: nums(1, 1, 1)}, RunRate, 3, 12, NoVerdict},
		{"quarters: one quarter is three months", OutlookInput{Aggregation: Sum, PerYear: 4, YearSoFar: nums(30), Target: Some(100)}, RunRate, 3, 120, Likely},
		{"trend rising rate", OutlookInput{Aggregation: Average, PerYear: 12, YearSoFar: nums(1, 2, 3), Target: Some(5)}, RecentTrend, 3, 6.5, Likely},
		{"trend falling, lower is better", OutlookInput{Direction: Lower, Aggregation: Average, PerYear: 12, YearSoFar: nums(12, 11, 10), Target: Some(8)}, RecentTrend, 3, 6.5, Likely},
		{"trend flat misses", OutlookInput{Aggregation: Average, PerYear: 12, YearSoFar: nums(50, 50, 50, 50), Target: Some(60)}, RecentTrend, 4, 50, Unlikely},
		{"trend uses the last six", OutlookInput{Aggregation: Average, PerYear: 12, YearSoFar: nums(100, 100, 1, 1, 1, 1, 1, 1), Target: Some(10)}, RecentTrend, 8, (200 + 6 + 4) / 12.0, Likely},
		{"stock holds its last value", OutlookInput{Aggregation: Last, PerYear: 12, YearSoFar: nums(200, 210, 205), Target: Some(200)}, LastValue, 3, 205, InDoubt},
		{"stock lower is better", OutlookInput{Direction: Lower, Aggregation: Last, PerYear: 12, YearSoFar: nums(5, 5, 5), Target: Some(6)}, LastValue, 3, 5, Likely},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := Project(tt.in)
			if o.Method != tt.method || o.Months != tt.months || math.Abs(o.Value-tt.value) > 1e-9 || o.Verdict != tt.verdict {
				t.Fatalf("got %v over %d months = %v (%v), want %v over %d = %v (%v)",
					o.Method, o.Months, o.Value, o.Verdict, tt.method, tt.months, tt.value, tt.verdict)
			}
			if o.OK() {
				if o.Low > o.Value+1e-9 || o.High < o.Value-1e-9 {
					t.Errorf("band %v..%v does not hold %v", o.Low, o.High, o.Value)
				}
				rest := tt.in.PerYear - len(tt.in.YearSoFar)
				if len(o.Path) != rest || len(o.PathLow) != rest || len(o.PathHigh) != rest {
					t.Errorf("path has %d periods, want %d", len(o.Path), rest)
				}
			}
		})
	}
}

func TestVarianceSigns(t *testing.T) {
	tests := []struct {
		name        string
		actual, ref float64
		d           Direction
		abs, rel    float64
		relOK       bool
		want        Verdict
	}{
		{"revenue above target", 110, 100, Higher, 10, 0.1, true, Favourable},
		{"revenue below target", 90, 100, Higher, -10, -0.1, true, Unfavourable},
		{"costs rose", 110, 100, Lower, 10, 0.1, true, Unfavourable},
		{"costs fell", 90, 100, Lower, -10, -0.1, true, Favourable},
		{"on the nose", 100, 100, Higher, 0, 0, true, Neutral},
		{"target of zero: no relative", 5, 0, Lower, 5, 0, false, Unfavourable},
		{"negative reference", -5, -10, Higher, 5, 0.5, true, Favourable},
		{"range alone is neutral", 5, 3, Range, 2, 2.0 / 3, true, Neutral},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := VarianceOf(Some(tt.actual), Some(tt.ref), tt.d)
			if !v.Abs.OK || math.Abs(v.Abs.V-tt.abs) > 1e-9 || v.Rel.OK != tt.relOK || (tt.relOK && math.Abs(v.Rel.V-tt.rel) > 1e-9) || v.Verdict != tt.want {
				t.Fatalf("got %+v, want %v %v %v", v, tt.abs, tt.rel, tt.want)
			}
		})
	}
	if v := VarianceOf(Num{}, Some(1), Higher); v.Abs.OK || v.Verdict != Neutral {
		t.Errorf("missing actual: %+v", v)
	}
	if v := RangeVariance(Some(5), Some(4), 4, 6, true); v.Verdict != Favourable {
		t.Errorf("inside band: %v", v.Verdict)
	}
	if v := RangeVariance(Some(7), Some(4), 4, 6, true); v.Verdict != Unfavourable {
		t.Errorf("above band: %v", v.Verdict)
	}
	if v := RangeVariance(Some(6.5), Some(8), 4, 6, false); v.Verdict != Favourable {
		t.Errorf("nearer the band than last year: %v", v.Verdict)
	}
	if v := RangeVariance(Some(3), Some(5), 4, 6, false); v.Verdict != Unfavourable {
		t.Errorf("left the band: %v", v.Verdict)
	}
}
