package scorecard

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScoreFor(t *testing.T) {
	none := Num{}
	tests := []struct {
		name       string
		dir        Direction
		a, g, r    float64
		gmax       Num
		want       float64
		wantStatus Status
	}{
		{"higher at red flag", Higher, 90, 100, 90, none, 10.0 / 3, AtRisk},
		{"higher at target", Higher, 100, 100, 90, none, 20.0 / 3, OnTarget},
		{"higher midway", Higher, 95, 100, 90, none, 5, AtRisk},
		{"higher just below red flag", Higher, 89.999, 100, 90, none, 10 * (89.999 - 80) / 30, OffTarget},
		{"higher one step above target", Higher, 110, 100, 90, none, 10, OnTarget},
		{"higher clamped high", Higher, 150, 100, 90, none, 10, OnTarget},
		{"higher at zero point", Higher, 80, 100, 90, none, 0, OffTarget},
		{"higher clamped low", Higher, 10, 100, 90, none, 0, OffTarget},
		{"lower at red flag", Lower, 20, 10, 20, none, 10.0 / 3, AtRisk},
		{"lower at target", Lower, 10, 10, 20, none, 20.0 / 3, OnTarget},
		{"lower midway", Lower, 15, 10, 20, none, 5, AtRisk},
		{"lower best", Lower, 0, 10, 20, none, 10, OnTarget},
		{"lower clamped low", Lower, 40, 10, 20, none, 0, OffTarget},
		{"lower clamped high", Lower, -40, 10, 20, none, 10, OnTarget},
		{"higher d zero meets", Higher, 0, 0, 0, none, 10, OnTarget},
		{"higher d zero beats", Higher, 3, 0, 0, none, 10, OnTarget},
		{"higher d zero misses", Higher, -0.5, 0, 0, none, 0, OffTarget},
		{"lower d zero meets", Lower, 0, 0, 0, none, 10, OnTarget},
		{"lower d zero beats", Lower, -2, 0, 0, none, 10, OnTarget},
		{"lower d zero misses", Lower, 1, 0, 0, none, 0, OffTarget},
		{"higher red flag equal target", Higher, 49, 50, 50, none, 0, OffTarget},
		{"range midpoint", Range, 15, 10, 5, Some(20), 10, OnTarget},
		{"range lower edge", Range, 10, 10, 5, Some(20), 20.0 / 3, OnTarget},
		{"range upper edge", Range, 20, 10, 5, Some(20), 20.0 / 3, OnTarget},
		{"range inside quarter", Range, 12.5, 10, 5, Some(20), 10 - 10.0/6, OnTarget},
		{"range inside three quarters", Range, 17.5, 10, 5, Some(20), 10 - 10.0/6, OnTarget},
		{"range below at red flag", Range, 5, 10, 5, Some(20), 10.0 / 3, AtRisk},
		{"range above at upper red flag", Range, 25, 10, 5, Some(20), 10.0 / 3, AtRisk},
		{"range below midway", Range, 7.5, 10, 5, Some(20), 5, AtRisk},
		{"range above midway", Range, 22.5, 10, 5, Some(20), 5, AtRisk},
		{"range far below", Range, 0, 10, 5, Some(20), 0, OffTarget},
		{"range far above", Range, 30, 10, 5, Some(20), 0, OffTarget},
		{"range way off clamped", Range, 100, 10, 5, Some(20), 0, OffTarget},
		{"range no max on target", Range, 10, 10, 9, none, 10, OnTarget},
		{"range no max above", Range, 11, 10, 9, none, 10.0 / 3, AtRisk},
		{"range no max below", Range, 9.5, 10, 9, none, 5, AtRisk},
		{"range zero d outside", Range, 9, 10, 10, Some(20), 0, OffTarget},
		{"range zero d inside", Range, 12, 10, 10, Some(20), 10 - 10.0/3*3/5, OnTarget},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scoreFor(tt.dir, tt.a, tt.g, tt.r, tt.gmax)
			if !near(got, tt.want) {
				t.Errorf("scoreFor(%v, a=%v, g=%v, r=%v) = %v, want %v", tt.dir, tt.a, tt.g, tt.r, got, tt.want)
			}
			if s := StatusOf(Some(got)); s != tt.wantStatus {
				t.Errorf("status %v, want %v", s, tt.wantStatus)
			}
		})
	}
}

// TestScoreBoundaries checks that an actual exactly at the red flag or the
// target lands on the better status despite rounding, for awkward numbers.
func TestScoreBoundaries(t *testing.T) {
	for _, c := range []struct {
		dir  Direction
		g, r float64
	}{
		{Higher, 0.7, 0.63}, {Higher, 123.456, 111.1104}, {Lower, 0.3, 0.33}, {Lower, 17, 18.7}, {Range, 0.7, 0.63},
	} {
		if s := StatusOf(Some(scoreFor(c.dir, c.r, c.g, c.r, Some(c.g+1)))); s != AtRisk {
			t.Errorf("%v g=%v r=%v: actual at red flag is %v, want at risk", c.dir, c.g, c.r, s)
		}
		if s := StatusOf(Some(scoreFor(c.dir, c.g, c.g, c.r, Some(c.g+1)))); s != OnTarget {
			t.Errorf("%v g=%v r=%v: actual at target is %v, want on target", c.dir, c.g, c.r, s)
		}
	}
}

func TestRedFlagDefault(t *testing.T) {
	tests := []struct {
		dir       Direction
		g, tol, r float64
	}{
		{Higher, 100, 0.1, 90},
		{Lower, 100, 0.1, 110},
		{Range, 100, 0.1, 90},
		{Higher, -50, 0.1, -55},
		{Lower, -50, 0.1, -45},
		{Higher, 0, 0.1, 0},
		{Lower, 20, 0.25, 25},
	}
	for _, tt := range tests {
		if got := redFlagDefault(tt.dir, tt.g, tt.tol); !near(got, tt.r) {
			t.Errorf("redFlagDefault(%v, %v, %v) = %v, want %v", tt.dir, tt.g, tt.tol, got, tt.r)
		}
	}
}

func TestScorePoint(t *testing.T) {
	tests := []struct {
		name      string
		dir       Direction
		p         Point
		wantRF    Num
		wantScore Num
		wantPct   Num
		want      Status
	}{
		{"default red flag", Higher, Point{Actual: Some(90), Target: Some(100)}, Some(90), Some(10.0 / 3), Some(90), AtRisk},
		{"default red flag lower", Lower, Point{Actual: Some(105), Target: Some(100)}, Some(110), Some(5), Some(105), AtRisk},
		{"own red flag kept", Higher, Point{Actual: Some(100), Target: Some(100), RedFlag: Some(50)}, Some(50), Some(20.0 / 3), Some(100), OnTarget},
		{"no target", Higher, Point{Actual: Some(100)}, Num{}, Num{}, Num{}, NoData},
		{"no actual", Higher, Point{Target: Some(100)}, Some(90), Num{}, Num{}, NoData},
		{"zero target", Higher, Point{Actual: Some(0), Target: Some(0)}, Some(0), Some(10), Num{}, OnTarget},
		{"range", Range, Point{Actual: Some(15), Target: Some(10), TargetMax: Some(20)}, Some(9), Some(10), Some(150), OnTarget},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.p
			scorePoint(&p, tt.dir, 0.1)
			if !numEq(p.RedFlag, tt.wantRF) || !numEq(p.Score, tt.wantScore) || !numEq(p.PctOfTarget, tt.wantPct) || p.Status != tt.want {
				t.Errorf("got red flag %v score %v pct %v status %v, want %v %v %v %v",
					p.RedFlag, p.Score, p.PctOfTarget, p.Status, tt.wantRF, tt.wantScore, tt.wantPct, tt.want)
			}
		})
	}
}

func numEq(a, b Num) bool { return a.OK == b.OK && (!a.OK || near(a.V, b.V)) }

func TestToleranceFor(t *testing.T) {
	tests := []struct {
		name string
		k    Num
		s    float64
		want float64
	}{
		{"kpi's own", Some(0.05), 0.2, 0.05},
		{"kpi's zero", Some(0), 0.2, 0},
		{"settings", Num{}, 0.2, 0.2},
		{"default", Num{}, 0, 0.10},
	}
	for _, tt := range tests {
		if got := toleranceFor(&KPI{Tolerance: tt.k}, Settings{Tolerance: tt.s}); got != tt.want {
			t.Errorf("%s: toleranceFor = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestScoreNotNegativeZero: a score of zero is written as 0, never -0.
func TestScoreNotNegativeZero(t *testing.T) {
	s := scoreFor(Lower, 7, 3, 5, Num{}) // 10·(7−5−2)/(−6) = −0
	if b, _ := Some(s).MarshalJSON(); string(b) != "0" {
		t.Errorf("score JSON %s, want 0", b)
	}
}
