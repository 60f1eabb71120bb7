package scorecard

import (
	"fmt"
	"strings"
	"testing"

	"kpireport/report/period"
)

func TestAggValues(t *testing.T) {
	vals := []float64{4, -1, 7, 2}
	tests := []struct {
		a    Aggregation
		want float64
	}{
		{Sum, 12}, {Average, 3}, {Last, 2}, {Min, -1}, {Max, 7},
	}
	for _, tt := range tests {
		if got := aggValues(tt.a, vals); got != tt.want {
			t.Errorf("aggValues(%v) = %v, want %v", tt.a, got, tt.want)
		}
		if got := aggValues(tt.a, []float64{5}); got != 5 {
			t.Errorf("aggValues(%v, one value) = %v, want 5", tt.a, got)
		}
	}
}

// TestAggregationWithGaps rolls a quarter with a missing month up by each
// aggregation. The target is 10 a month.
func TestAggregationWithGaps(t *testing.T) {
	cal := period.Calendar{Start: 1}
	tests := []struct {
		agg  Aggregation
		want string
	}{
		{Sum, "Q1 2026 a=12 g=20 r=18 s=0 2/3"},
		{Average, "Q1 2026 a=6 g=10 r=9 s=0 2/3"},
		{Last, "Q1 2026 a=8 g=10 r=9 s=0 2/3"},
		{Min, "Q1 2026 a=4 g=10 r=9 s=0 2/3"},
		{Max, "Q1 2026 a=8 g=10 r=9 s=0 2/3"},
	}
	for _, tt := range tests {
		t.Run(tt.agg.String(), func(t *testing.T) {
			k := testKPI("a", period.Month, tt.agg, Higher, Some(10)).withData(cal, mon(2026, 1), 4, 8, gap)
			sc := testScorecard(1, qtr(2026, 1), k)
			Compute(sc)
			if got := ptString(k.Current); got != tt.want {
				t.Errorf("current %s, want %s", got, tt.want)
			}
		})
	}
}

func TestRatio(t *testing.T) {
	cal := period.Calendar{Start: 1}
	ratio := func(unit string, rows ...[3]float64) *KPI {
		k := testKPI("late", period.Month, Sum, Lower, Some(4))
		k.Unit, k.Ratio = unit, true
		p := mon(2026, 1)
		for _, r := range rows {
			m := &Measurement{Period: p, Numerator: Some(r[1]), Denominator: Some(r[2])}
			if r[0] == r[0] {
				m.Actual = Some(r[0])
			}
			k.Measurements = append(k.Measurements, m)
			p = cal.Add(p, 1)
		}
		return k
	}
	tests := []struct {
		name   string
		k      *KPI
		want   string
		num    float64
		den    float64
		months string
	}{
		{"4 late of 104", ratio("%", [3]float64{0, 0, 30}, [3]float64{100.0 / 40, 1, 40}, [3]float64{3 * 100.0 / 34, 3, 34}),
			"Q1 2026 a=3.846 g=4 r=4.4 s=7.949 3/3", 4, 104, ""},
		{"actuals derived, percent default", ratio("%", [3]float64{gap, 0, 30}, [3]float64{gap, 1, 40}, [3]float64{gap, 3, 34}),
			"Q1 2026 a=3.846 g=4 r=4.4 s=7.949 3/3", 4, 104, "0 2.5 8.824"},
		{"actuals derived, no unit", ratio("", [3]float64{gap, 0, 30}, [3]float64{gap, 1, 40}, [3]float64{gap, 3, 34}),
			"Q1 2026 a=0.03846 g=4 r=4.4 s=10 3/3", 4, 104, "0 0.025 0.08824"},
		{"scale inferred from fractions", ratio("%", [3]float64{0.025, 1, 40}, [3]float64{gap, 3, 34}),
			"Q1 2026 a=0.05405 g=4 r=4.4 s=10 2/3", 4, 74, "0.025 0.08824 -"},
		{"scale inferred per mille", ratio("", [3]float64{25, 1, 40}, [3]float64{gap, 3, 34}),
			"Q1 2026 a=54.05 g=4 r=4.4 s=0 2/3", 4, 74, "25 88.24 -"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := testScorecard(1, qtr(2026, 1), tt.k)
			Compute(sc)
			c := tt.k.Current
			if got := ptString(c); got != tt.want {
				t.Errorf("current %s, want %s", got, tt.want)
			}
			if !numEq(c.Numerator, Some(tt.num)) || !numEq(c.Denominator, Some(tt.den)) {
				t.Errorf("numerator %v denominator %v, want %v %v", c.Numerator, c.Denominator, tt.num, tt.den)
			}
			if tt.months != "" {
				var got []string
				for _, p := range tt.k.Series {
					s := "-"
					if p.Actual.OK {
						s = fmt.Sprintf("%.4g", p.Actual.V)
					}
					got = append(got, s)
				}
				if g := strings.Join(got, " "); g != tt.months {
					t.Errorf("monthly actuals %s, want %s", g, tt.months)
				}
			}
		})
	}
}

// TestRatioFallback: when a month has an actual but no numerator and
// denominator, the quarter averages the actuals instead.
func TestRatioFallback(t *testing.T) {
	k := testKPI("late", period.Month, Sum, Lower, Some(4))
	k.Unit, k.Ratio = "%", true
	k.Measurements = []*Measurement{
		{Period: mon(2026, 1), Actual: Some(2), Numerator: Some(1), Denominator: Some(50)},
		{Period: mon(2026, 2), Actual: Some(6)},
	}
	sc := testScorecard(1, qtr(2026, 1), k)
	Compute(sc)
	if got, want := ptString(k.Current), "Q1 2026 a=4 g=4 r=4.4 s=6.667 2/3"; got != want {
		t.Errorf("current %s, want %s", got, want)
	}
	if k.Current.Numerator.OK {
		t.Errorf("numerator %v, want none", k.Current.Numerator)
	}
}

func TestRatioScale(t *testing.T) {
	m := func(a, n, d float64) *Measurement {
		return &Measurement{Actual: Some(a), Numerator: Some(n), Denominator: Some(d)}
	}
	tests := []struct {
		name string
		unit string
		ms   []*Measurement
		want float64
	}{
		{"default percent", "%", nil, 100},
		{"default plain", "", nil, 1},
		{"percent numbers", "", []*Measurement{m(50, 1, 2), m(25, 1, 4)}, 100},
		{"fractions", "%", []*Measurement{m(0.5, 1, 2)}, 1},
		{"rounded actuals", "", []*Measurement{m(33.3, 1, 3)}, 100},
		{"per thousand", "", []*Measurement{m(2.5, 1, 400)}, 1000},
		{"majority", "", []*Measurement{m(50, 1, 2), m(0.5, 1, 2), m(25, 1, 4)}, 100},
		{"tie goes to default", "%", []*Measurement{m(50, 1, 2), m(0.5, 1, 2)}, 100},
		{"zeros skipped", "", []*Measurement{m(0, 0, 2), m(0, 1, 2), m(50, 1, 2)}, 100},
		{"negative skipped", "%", []*Measurement{m(-0.5, 1, 2)}, 100},
	}
	for _, tt := range tests {
		k := &KPI{Unit: tt.unit, Measurements: tt.ms}
		if got := ratioScale(k); got != tt.want {
			t.Errorf("%s: ratioScale = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestTargetPrecedence checks where a monthly point's target and red flag
// come from.
func TestTargetPrecedence(t *testing.T) {
	tests := []struct {
		name   string
		agg    Aggregation
		meas   *Measurement
		rows   []*TargetRow
		kg, kr Num
		g, r   Num
	}{
		{"kpi default", Sum, nil, nil, Some(50), Some(40), Some(50), Some(40)},
		{"kpi default, tolerance", Sum, nil, nil, Some(50), Num{}, Some(50), Some(45)},
		{"no target", Sum, nil, nil, Num{}, Some(40), Num{}, Num{}},
		{"measurement first", Sum, &Measurement{Target: Some(7), RedFlag: Some(6)},
			[]*TargetRow{{Period: mon(2026, 2), Target: Some(70), RedFlag: Some(60)}}, Some(50), Some(40), Some(7), Some(6)},
		{"measurement target, default red flag", Sum, &Measurement{Target: Some(7)}, nil, Some(50), Some(40), Some(7), Some(6.3)},
		{"measurement red flag only", Sum, &Measurement{RedFlag: Some(30)}, nil, Some(50), Some(40), Some(50), Some(30)},
		{"month row", Sum, &Measurement{}, []*TargetRow{
			{Period: mon(2026, 2), Target: Some(70), RedFlag: Some(60)},
			{Period: qtr(2026, 1), Target: Some(900)},
		}, Some(50), Some(40), Some(70), Some(60)},
		{"quarter row divided", Sum, nil, []*TargetRow{
			{Period: qtr(2026, 1), Target: Some(300), RedFlag: Some(240)},
			{Period: fy(2026), Target: Some(2400)},
		}, Some(50), Some(40), Some(100), Some(80)},
		{"year row divided", Sum, nil, []*TargetRow{{Period: fy(2026), Target: Some(1200)}}, Some(50), Some(40), Some(100), Some(90)},
		{"year row as is for average", Average, nil, []*TargetRow{{Period: fy(2026), Target: Some(95), RedFlag: Some(90)}}, Some(50), Some(40), Some(95), Some(90)},
		{"year row as is for last", Last, nil, []*TargetRow{{Period: fy(2026), Target: Some(95)}}, Some(50), Some(40), Some(95), Some(85.5)},
		{"other quarter's row ignored", Sum, nil, []*TargetRow{{Period: qtr(2026, 2), Target: Some(300)}}, Some(50), Some(40), Some(50), Some(40)},
		{"row red flag only", Sum, nil, []*TargetRow{{Period: qtr(2026, 1), RedFlag: Some(60)}}, Some(50), Some(40), Some(50), Some(20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := testKPI("a", period.Month, tt.agg, Higher, tt.kg)
			k.RedFlag = tt.kr
			m := tt.meas
			if m == nil {
				m = &Measurement{}
			}
			m.Period, m.Actual = mon(2026, 2), Some(1)
			k.Measurements = []*Measurement{m}
			k.Targets = tt.rows
			sc := testScorecard(1, mon(2026, 2), k)
			Compute(sc)
			c := k.Current
			if !numEq(c.Target, tt.g) || !numEq(c.RedFlag, tt.r) {
				t.Errorf("target %v red flag %v, want %v %v", c.Target, c.RedFlag, tt.g, tt.r)
			}
		})
	}
}

// TestRolledUpTargets checks a quarter's target: its own row, else built
// from its months'.
func TestRolledUpTargets(t *testing.T) {
	cal := period.Calendar{Start: 1}
	tests := []struct {
		name string
		agg  Aggregation
		vals []float64
		rows []*TargetRow
		want string
	}{
		{"sum of months with data", Sum, []float64{10, gap, 10},
			[]*TargetRow{{Period: mon(2026, 1), Target: Some(5)}, {Period: mon(2026, 2), Target: Some(50)}, {Period: mon(2026, 3), Target: Some(10)}},
			"Q1 2026 a=20 g=15 r=13.5 s=10 2/3"},
		{"quarter row", Sum, []float64{10, 10, 10},
			[]*TargetRow{{Period: mon(2026, 1), Target: Some(5)}, {Period: qtr(2026, 1), Target: Some(60), RedFlag: Some(30)}},
			"Q1 2026 a=30 g=60 r=30 s=3.333 3/3"},
		{"quarter row prorated when partial", Sum, []float64{10, gap, 10},
			[]*TargetRow{{Period: qtr(2026, 1), Target: Some(60), RedFlag: Some(30)}},
			"Q1 2026 a=20 g=40 r=20 s=3.333 2/3"},
		{"quarter row as is for average", Average, []float64{10, gap, 10},
			[]*TargetRow{{Period: qtr(2026, 1), Target: Some(20)}},
			"Q1 2026 a=10 g=20 r=18 s=0 2/3"},
		{"last month with data", Last, []float64{10, 10, gap},
			[]*TargetRow{{Period: mon(2026, 2), Target: Some(8), RedFlag: Some(7)}, {Period: mon(2026, 3), Target: Some(80)}},
			"Q1 2026 a=10 g=8 r=7 s=10 2/3"},
		{"average of months", Average, []float64{10, 10, gap},
			[]*TargetRow{{Period: mon(2026, 1), Target: Some(8), RedFlag: Some(6)}, {Period: mon(2026, 2), Target: Some(12), RedFlag: Some(10)}},
			"Q1 2026 a=10 g=10 r=8 s=6.667 2/3"},
		{"min averages targets", Min, []float64{10, 4, gap},
			[]*TargetRow{{Period: mon(2026, 1), Target: Some(8), RedFlag: Some(6)}, {Period: mon(2026, 2), Target: Some(12), RedFlag: Some(10)}},
			"Q1 2026 a=4 g=10 r=8 s=0 2/3"},
		{"max averages targets", Max, []float64{10, 4, gap},
			[]*TargetRow{{Period: mon(2026, 1), Target: Some(8), RedFlag: Some(6)}, {Period: mon(2026, 2), Target: Some(12), RedFlag: Some(10)}},
			"Q1 2026 a=10 g=10 r=8 s=6.667 2/3"},
		{"sum with a month lacking a target", Sum, []float64{10, 10, gap},
			[]*TargetRow{{Period: mon(2026, 1), Target: Some(8)}},
			"Q1 2026 a=20 g=- r=- s=- 2/3"},
		{"no data: all months' targets", Sum, []float64{},
			[]*TargetRow{{Period: fy(2026), Target: Some(120)}},
			"Q1 2026 a=- g=30 r=27 s=- 0/3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := testKPI("a", period.Month, tt.agg, Higher, Num{}).withData(cal, mon(2026, 1), tt.vals...)
			k.Targets = tt.rows
			sc := testScorecard(1, qtr(2026, 1), k)
			Compute(sc)
			if got := ptString(k.Current); got != tt.want {
				t.Errorf("current %s, want %s", got, tt.want)
			}
		})
	}
}

// TestRatioSumAveragesTargets: a ratio KPI with aggregation sum (as the
// "ratio" aggregation is read) averages its monthly targets.
func TestRatioSumAveragesTargets(t *testing.T) {
	k := testKPI("late", period.Month, Sum, Lower, Num{})
	k.Unit, k.Ratio = "%", true
	k.Targets = []*TargetRow{{Period: fy(2026), Target: Some(4)}}
	k.Measurements = []*Measurement{
		{Period: mon(2026, 1), Numerator: Some(1), Denominator: Some(50)},
		{Period: mon(2026, 2), Numerator: Some(3), Denominator: Some(50)},
	}
	sc := testScorecard(1, qtr(2026, 1), k)
	Compute(sc)
	if got, want := ptString(k.Current), "Q1 2026 a=4 g=4 r=4.4 s=6.667 2/3"; got != want {
		t.Errorf("current %s, want %s", got, want)
	}
	if got, want := ptString(k.Series[0]), "Jan 2026 a=2 g=4 r=4.4 s=10 1/1"; got != want {
		t.Errorf("January %s, want %s", got, want)
	}
}

func TestRangeSumBand(t *testing.T) {
	cal := period.Calendar{Start: 1}
	k := testKPI("a", period.Month, Sum, Range, Some(10)).withData(cal, mon(2026, 1), 15, 15, gap)
	k.TargetMax = Some(20)
	sc := testScorecard(1, qtr(2026, 1), k)
	Compute(sc)
	c := k.Current
	if !numEq(c.Target, Some(20)) || !numEq(c.TargetMax, Some(40)) || !numEq(c.Score, Some(10)) {
		t.Errorf("current %s max %v, want target 20, max 40, score 10", ptString(c), c.TargetMax)
	}
}
