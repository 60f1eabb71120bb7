package scorecard

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"kpireport/report/internal/golden"
	"kpireport/report/period"
)

// Periods for tests.
func mon(y, m int) period.Period { return period.Period{Freq: period.Month, Year: y, N: m} }
func qtr(y, n int) period.Period { return period.Period{Freq: period.Quarter, Year: y, N: n} }
func fy(y int) period.Period     { return period.Period{Freq: period.Year, Year: y, N: 1} }

// testKPI makes an active KPI with weight 1.
func testKPI(id string, f period.Freq, agg Aggregation, dir Direction, target Num) *KPI {
	return &KPI{ID: id, Name: id, Frequency: f, Aggregation: agg, Direction: dir, Target: target, Weight: 1}
}

// withData adds a measurement per value, one period after another from p;
// NaN leaves a gap.
func (k *KPI) withData(cal period.Calendar, p period.Period, vals ...float64) *KPI {
	for _, v := range vals {
		if v == v {
			k.Measurements = append(k.Measurements, &Measurement{Period: p, Actual: Some(v)})
		}
		p = cal.Add(p, 1)
	}
	return k
}

var gap = nan()

func nan() float64 { z := 0.0; return z / z }

// testScorecard puts the KPIs into one objective of one perspective.
func testScorecard(start int, rp period.Period, ks ...*KPI) *Scorecard {
	per := &Perspective{Name: "P", Weight: 1}
	o := &Objective{ID: "O", Name: "O", Perspective: per, Weight: 1, KPIs: ks}
	per.Objectives = []*Objective{o}
	for _, k := range ks {
		k.Objective = o
	}
	return &Scorecard{
		Settings:     Settings{FiscalYearStart: start, Tolerance: 0.1},
		Calendar:     period.Calendar{Start: start},
		Period:       rp,
		Perspectives: []*Perspective{per},
		Objectives:   []*Objective{o},
		KPIs:         ks,
	}
}

// ptString shows the parts of a point that tests compare.
func ptString(p Point) string {
	f := func(n Num) string {
		if !n.OK {
			return "-"
		}
		return fmt.Sprintf("%.4g", n.V)
	}
	return fmt.Sprintf("%s a=%s g=%s r=%s s=%s %d/%d", p.Label, f(p.Actual), f(p.Target), f(p.RedFlag), f(p.Score), p.Count, p.Of)
}

func ptStrings(ps []Point) string {
	var b []string
	for _, p := range ps {
		b = append(b, ptString(p))
	}
	return strings.Join(b, "\n")
}

func TestDefaultReportPeriod(t *testing.T) {
	cal := period.Calendar{Start: 1}
	tests := []struct {
		name string
		ks   []*KPI
		want string
	}{
		{"last month of a quarter", []*KPI{
			testKPI("a", period.Month, Sum, Higher, Some(1)).withData(cal, mon(2025, 10), 1, 2, 3, 4, 5),
		}, "2025-Q4"},
		{"quarterly data wins when later", []*KPI{
			testKPI("a", period.Month, Sum, Higher, Some(1)).withData(cal, mon(2025, 10), 1, 2, 3, 4, 5),
			testKPI("b", period.Quarter, Sum, Higher, Some(1)).withData(cal, qtr(2026, 1), 1),
		}, "2026-Q1"},
		{"no complete quarter", []*KPI{
			testKPI("a", period.Month, Sum, Higher, Some(1)).withData(cal, mon(2026, 1), 1, 2),
		}, "2026-Q1"},
		{"annual only", []*KPI{
			testKPI("a", period.Year, Sum, Higher, Some(1)).withData(cal, fy(2024), 1, 2),
		}, "2025-Q4"},
		{"retired ignored", []*KPI{
			testKPI("a", period.Month, Sum, Higher, Some(1)).withData(cal, mon(2025, 1), 1, 2, 3),
			func() *KPI {
				k := testKPI("b", period.Month, Sum, Higher, Some(1)).withData(cal, mon(2025, 1), 1, 2, 3, 4, 5, 6)
				k.Retired = true
				return k
			}(),
		}, "2025-Q1"},
		{"only retired", []*KPI{
			func() *KPI {
				k := testKPI("b", period.Month, Sum, Higher, Some(1)).withData(cal, mon(2025, 1), 1, 2, 3, 4, 5, 6)
				k.Retired = true
				return k
			}(),
		}, "2025-Q2"},
		{"numerator and denominator count as data", []*KPI{
			func() *KPI {
				k := testKPI("a", period.Month, Sum, Higher, Some(1))
				k.Ratio = true
				k.Measurements = []*Measurement{{Period: mon(2025, 6), Numerator: Some(1), Denominator: Some(2)}}
				return k
			}(),
		}, "2025-Q2"},
		{"target only is not data", []*KPI{
			func() *KPI {
				k := testKPI("a", period.Month, Sum, Higher, Some(1)).withData(cal, mon(2025, 1), 1, 2, 3)
				k.Measurements = append(k.Measurements, &Measurement{Period: mon(2025, 6), Target: Some(5)})
				return k
			}(),
		}, "2025-Q1"},
		{"no data", []*KPI{testKPI("a", period.Month, Sum, Higher, Some(1))}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := testScorecard(1, period.Period{}, tt.ks...)
			Compute(sc)
			if got := sc.Period.Key(); got != tt.want {
				t.Errorf("report period %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReportPeriodLabelFiscal(t *testing.T) {
	cal := period.Calendar{Start: 4}
	k := testKPI("a", period.Month, Sum, Higher, Some(1)).withData(cal, mon(2025, 4), 1, 2, 3, 4, 5, 6, 7)
	sc := testScorecard(4, period.Period{}, k)
	Compute(sc)
	if sc.Period != qtr(2026, 2) || sc.PeriodLabel() != "FY2026 Q2" {
		t.Errorf("report period %v %q, want 2026-Q2 \"FY2026 Q2\"", sc.Period.Key(), sc.PeriodLabel())
	}
	var keys []string
	for _, p := range sc.Periods {
		keys = append(keys, p.Key())
	}
	if got := strings.Join(keys, " "); got != "2026-Q1 2026-Q2" {
		t.Errorf("Periods %q, want %q", got, "2026-Q1 2026-Q2")
	}
}

func TestSeriesWithGaps(t *testing.T) {
	cal := period.Calendar{Start: 1}
	k := testKPI("a", period.Month, Sum, Higher, Some(10)).withData(cal, mon(2025, 11), 10, gap, 12, gap, gap, 99)
	sc := testScorecard(1, qtr(2026, 1), k)
	Compute(sc)
	want := `Nov 2025 a=10 g=10 r=9 s=6.667 1/1
Dec 2025 a=- g=10 r=9 s=- 0/1
Jan 2026 a=12 g=10 r=9 s=10 1/1
Feb 2026 a=- g=10 r=9 s=- 0/1
Mar 2026 a=- g=10 r=9 s=- 0/1`
	if got := ptStrings(k.Series); got != want {
		t.Errorf("series differ:\n%s", golden.Diff("want", want, "got", got))
	}
	want = `Q4 2025 a=10 g=10 r=9 s=6.667 1/3
Q1 2026 a=12 g=10 r=9 s=10 1/3`
	if got := ptStrings(k.Quarters); got != want {
		t.Errorf("quarters differ:\n%s", golden.Diff("want", want, "got", got))
	}
	want = `2025 a=10 g=10 r=9 s=6.667 1/12
2026 a=12 g=10 r=9 s=10 1/12`
	if got := ptStrings(k.Years); got != want {
		t.Errorf("years differ:\n%s", golden.Diff("want", want, "got", got))
	}
}

// TestCurrent checks Current, Previous, YearAgo, the changes and YTD for each
// frequency against report periods of each frequency. For a year, the
// previous period and the year before are the same.
func TestCurrent(t *testing.T) {
	cal := period.Calendar{Start: 1}
	monthly := func() *KPI {
		// 2024-01 .. 2026-06: 1, 2, 3, ...
		var vals []float64
		for i := 1; i <= 30; i++ {
			vals = append(vals, float64(i))
		}
		return testKPI("m", period.Month, Sum, Higher, Some(10)).withData(cal, mon(2024, 1), vals...)
	}
	quarterly := func() *KPI {
		return testKPI("q", period.Quarter, Average, Higher, Some(10)).withData(cal, qtr(2024, 1), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
	}
	annual := func() *KPI {
		return testKPI("y", period.Year, Last, Higher, Some(10)).withData(cal, fy(2023), 1, 2, 3)
	}
	tests := []struct {
		name string
		k    *KPI
		rp   period.Period
		want string // current; previous; year ago; change prev, change year; YTD
	}{
		{"monthly by month", monthly(), mon(2026, 2),
			"Feb 2026 a=26 g=10 r=9 s=10 1/1; Jan 2026 a=25 g=10 r=9 s=10 1/1; Feb 2025 a=14 g=10 r=9 s=10 1/1; 1 12; 2026 YTD a=51 g=20 r=18 s=10 2/2"},
		{"monthly by quarter", monthly(), qtr(2026, 1),
			"Q1 2026 a=78 g=30 r=27 s=10 3/3; Q4 2025 a=69 g=30 r=27 s=10 3/3; Q1 2025 a=42 g=30 r=27 s=10 3/3; 9 36; 2026 YTD a=78 g=30 r=27 s=10 3/3"},
		{"monthly by year", monthly(), fy(2025),
			"2025 a=222 g=120 r=108 s=10 12/12; 2024 a=78 g=120 r=108 s=0 12/12; 2024 a=78 g=120 r=108 s=0 12/12; 144 144; 2025 YTD a=222 g=120 r=108 s=10 12/12"},
		{"monthly partial quarter", monthly(), qtr(2026, 3),
			"Q3 2026 a=- g=30 r=27 s=- 0/3; Q2 2026 a=87 g=30 r=27 s=10 3/3; Q3 2025 a=60 g=30 r=27 s=10 3/3; - -; 2026 YTD a=165 g=60 r=54 s=10 6/9"},
		{"quarterly by month", quarterly(), mon(2026, 2),
			"Q4 2025 a=8 g=10 r=9 s=0 1/1; Q3 2025 a=7 g=10 r=9 s=0 1/1; Q4 2024 a=4 g=10 r=9 s=0 1/1; 1 4; 2026 YTD a=- g=- r=- s=- 0/0"},
		{"quarterly by quarter", quarterly(), qtr(2026, 2),
			"Q2 2026 a=10 g=10 r=9 s=6.667 1/1; Q1 2026 a=9 g=10 r=9 s=3.333 1/1; Q2 2025 a=6 g=10 r=9 s=0 1/1; 1 4; 2026 YTD a=9.5 g=10 r=9 s=5 2/2"},
		{"quarterly by year", quarterly(), fy(2025),
			"2025 a=6.5 g=10 r=9 s=0 4/4; 2024 a=2.5 g=10 r=9 s=0 4/4; 2024 a=2.5 g=10 r=9 s=0 4/4; 4 4; 2025 YTD a=6.5 g=10 r=9 s=0 4/4"},
		{"annual by quarter", annual(), qtr(2025, 3),
			"2024 a=2 g=10 r=9 s=0 1/1; 2023 a=1 g=10 r=9 s=0 1/1; 2023 a=1 g=10 r=9 s=0 1/1; 1 1;  a=- g=- r=- s=- 0/0"},
		{"annual by year", annual(), fy(2025),
			"2025 a=3 g=10 r=9 s=0 1/1; 2024 a=2 g=10 r=9 s=0 1/1; 2024 a=2 g=10 r=9 s=0 1/1; 1 1;  a=- g=- r=- s=- 0/0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := testScorecard(1, tt.rp, tt.k)
			Compute(sc)
			k := tt.k
			f := func(n Num) string {
				if !n.OK {
					return "-"
				}
				return fmt.Sprintf("%.4g", n.V)
			}
			got := fmt.Sprintf("%s; %s; %s; %s %s; %s", ptString(k.Current), ptString(k.Previous), ptString(k.YearAgo),
				f(k.ChangePrev), f(k.ChangeYear), ptString(k.YTD))
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestYTDFiscalApril(t *testing.T) {
	cal := period.Calendar{Start: 4}
	// Jan 2025 .. Dec 2025, 10 each; FY2026 runs Apr 2025 .. Mar 2026.
	k := testKPI("a", period.Month, Sum, Higher, Num{}).withData(cal, mon(2025, 1), 10, 10, 10, 10, 10, 10, gap, 10, 10, 10, 10, 10)
	k.Targets = []*TargetRow{{Period: fy(2026), Target: Some(1200)}}
	sc := testScorecard(4, qtr(2026, 3), k)
	Compute(sc)
	// Apr..Dec 2025 is nine months, eight with data; the year's target is
	// 100 a month.
	if got, want := ptString(k.YTD), "FY2026 YTD a=80 g=800 r=720 s=0 8/9"; got != want {
		t.Errorf("YTD %s, want %s", got, want)
	}
	if k.YTD.Period != fy(2026) {
		t.Errorf("YTD period %v, want 2026", k.YTD.Period.Key())
	}
	if got, want := ptString(k.Current), "FY2026 Q3 a=30 g=300 r=270 s=0 3/3"; got != want {
		t.Errorf("current %s, want %s", got, want)
	}
	if got, want := ptString(k.Previous), "FY2026 Q2 a=20 g=200 r=180 s=0 2/3"; got != want {
		t.Errorf("previous %s, want %s", got, want)
	}
	if got, want := ptString(k.YearAgo), "FY2025 Q3 a=- g=- r=- s=- 0/3"; got != want {
		t.Errorf("year ago %s, want %s", got, want)
	}
}

func TestRollups(t *testing.T) {
	pt := func(score float64) Point {
		if score < 0 {
			return Point{Status: NoData}
		}
		return Point{Score: Some(score), Status: StatusOf(Some(score))}
	}
	kpi := func(score, weight float64, retired bool) *KPI {
		return &KPI{Current: pt(score), Weight: weight, Retired: retired}
	}
	// Perspective A: objective A1 (weight 1) with KPIs 9 (w2), 3 (w1),
	// no data, retired 0; objective A2 (weight 3) with 6 (w1) and 10 shown
	// but weighted 0. Perspective B (weight 2): one objective with only a
	// KPI with no data. Perspective C (weight 1): objective scoring 2.
	a1 := &Objective{ID: "A1", Weight: 1, KPIs: []*KPI{kpi(9, 2, false), kpi(3, 1, false), kpi(-1, 1, false), kpi(0, 1, true)}}
	a2 := &Objective{ID: "A2", Weight: 3, KPIs: []*KPI{kpi(6, 1, false), kpi(10, 0, false)}}
	b1 := &Objective{ID: "B1", Weight: 1, KPIs: []*KPI{kpi(-1, 1, false)}}
	c1 := &Objective{ID: "C1", Weight: 1, KPIs: []*KPI{kpi(2, 1, false)}}
	sc := &Scorecard{Perspectives: []*Perspective{
		{Name: "A", Weight: 1, Objectives: []*Objective{a1, a2}},
		{Name: "B", Weight: 2, Objectives: []*Objective{b1}},
		{Name: "C", Weight: 1, Objectives: []*Objective{c1}},
	}}
	computeRollups(sc)
	rs := func(r Rollup) string {
		s := "-"
		if r.Score.OK {
			s = fmt.Sprintf("%.4g", r.Score.V)
		}
		return fmt.Sprintf("%s %s %v %d/%d", s, r.Status.Slug(), r.Counts, r.Scored, r.Total)
	}
	tests := []struct {
		name string
		r    Rollup
		want string
	}{
		{"A1", a1.Score, "7 on-target [1 1 0 1] 2/3"},
		{"A2", a2.Score, "6 at-risk [0 0 1 1] 2/2"},
		{"B1", b1.Score, "- no-data [1 0 0 0] 0/1"},
		{"A", sc.Perspectives[0].Score, "6.25 at-risk [1 1 1 2] 4/5"},
		{"B", sc.Perspectives[1].Score, "- no-data [1 0 0 0] 0/1"},
		{"C", sc.Perspectives[2].Score, "2 off-target [0 1 0 0] 1/1"},
		{"org", sc.Score, "4.125 at-risk [2 2 1 2] 5/7"},
	}
	for _, tt := range tests {
		if got := rs(tt.r); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestRollupFromCompute(t *testing.T) {
	cal := period.Calendar{Start: 1}
	good := testKPI("good", period.Month, Average, Higher, Some(10)).withData(cal, mon(2026, 1), 10, 10, 10)
	noTarget := testKPI("nt", period.Month, Average, Higher, Num{}).withData(cal, mon(2026, 1), 1, 2, 3)
	sc := testScorecard(1, qtr(2026, 1), good, noTarget)
	Compute(sc)
	if got, want := noTarget.Current.Status, NoData; got != want || noTarget.Current.Score.OK {
		t.Errorf("KPI without target: status %v score %v, want no data and no score", got, noTarget.Current.Score)
	}
	r := sc.Score
	if !numEq(r.Score, Some(20.0/3)) || r.Counts != [4]int{1, 0, 0, 1} || r.Scored != 1 || r.Total != 2 {
		t.Errorf("org roll-up %+v", r)
	}
}

func TestOverdue(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name  string
		in    Initiative
		rp    period.Period
		start int
		want  bool
	}{
		{"due before the period ends", Initiative{Due: day(2026, 2, 15), Status: "in progress", PercentComplete: Some(50)}, qtr(2026, 1), 1, true},
		{"due on the last day", Initiative{Due: day(2026, 3, 31), PercentComplete: Some(50)}, qtr(2026, 1), 1, false},
		{"due the day before", Initiative{Due: day(2026, 3, 30)}, qtr(2026, 1), 1, true},
		{"due later", Initiative{Due: day(2026, 5, 1)}, qtr(2026, 1), 1, false},
		{"no due date", Initiative{}, qtr(2026, 1), 1, false},
		{"complete", Initiative{Due: day(2025, 1, 1), Status: " Complete "}, qtr(2026, 1), 1, false},
		{"completed", Initiative{Due: day(2025, 1, 1), Status: "completed"}, qtr(2026, 1), 1, false},
		{"done", Initiative{Due: day(2025, 1, 1), Status: "DONE"}, qtr(2026, 1), 1, false},
		{"cancelled", Initiative{Due: day(2025, 1, 1), Status: "Cancelled"}, qtr(2026, 1), 1, false},
		{"hundred percent", Initiative{Due: day(2025, 1, 1), Status: "on hold", PercentComplete: Some(100)}, qtr(2026, 1), 1, false},
		{"fiscal quarter", Initiative{Due: day(2025, 6, 29)}, qtr(2026, 1), 4, true},
		{"fiscal quarter end", Initiative{Due: day(2025, 6, 30)}, qtr(2026, 1), 4, false},
		{"month period", Initiative{Due: day(2026, 2, 27)}, mon(2026, 2), 1, true},
		{"due time of day in another zone", Initiative{Due: time.Date(2026, 3, 31, 23, 0, 0, 0, time.FixedZone("x", -5*3600))}, qtr(2026, 1), 1, false},
		{"no report period", Initiative{Due: day(2025, 1, 1)}, period.Period{}, 1, false},
	}
	for _, tt := range tests {
		in := tt.in
		in.Overdue = !tt.want
		markOverdue([]*Initiative{&in}, period.Calendar{Start: tt.start}, tt.rp)
		if in.Overdue != tt.want {
			t.Errorf("%s: overdue %v, want %v", tt.name, in.Overdue, tt.want)
		}
	}
}

func TestComputeEmpty(t *testing.T) {
	sc := &Scorecard{}
	Compute(sc)
	if !sc.Period.IsZero() || sc.Score.Total != 0 {
		t.Errorf("empty scorecard: %+v", sc)
	}
	k := testKPI("a", period.Month, Sum, Higher, Some(1))
	sc = testScorecard(1, period.Period{}, k)
	Compute(sc)
	if k.Current.Status != NoData || k.Series != nil || sc.Score.Counts[NoData] != 1 {
		t.Errorf("KPI with no data: %+v", k)
	}
}

// TestComputeAgain checks that a second Compute replaces rather than adds.
func TestComputeAgain(t *testing.T) {
	cal := period.Calendar{Start: 1}
	k := testKPI("a", period.Month, Sum, Higher, Some(1)).withData(cal, mon(2026, 1), 1, 2, 3)
	sc := testScorecard(1, period.Period{}, k)
	Compute(sc)
	first := ptStrings(k.Series) + ptString(k.Current)
	Compute(sc)
	if got := ptStrings(k.Series) + ptString(k.Current); got != first || sc.Score.Total != 1 {
		t.Errorf("second Compute differs:\n%s\nwant\n%s", got, first)
	}
}

// largeKPIs are n monthly KPIs of 60 months each, of every aggregation and
// direction, with gaps, a range and a year's target.
func largeKPIs(n int) []*KPI {
	cal := period.Calendar{Start: 4}
	var ks []*KPI
	for i := 0; i < n; i++ {
		vals := make([]float64, 60)
		for j := range vals {
			vals[j] = float64(100 + (i*7+j*13)%40)
		}
		k := testKPI(fmt.Sprint("k", i), period.Month, Aggregation(i%5), Direction(i%3), Some(110)).withData(cal, mon(2021, 4), vals...)
		k.TargetMax = Some(130)
		k.Targets = []*TargetRow{{Period: fy(2025), Target: Some(1300)}}
		ks = append(ks, k)
	}
	return ks
}

// Computed on every core (above a few hundred KPIs), each KPI's figures
// are those computed one KPI at a time.
func TestComputeParallel(t *testing.T) {
	par := testScorecard(4, period.Period{}, largeKPIs(1000)...)
	prev := runtime.GOMAXPROCS(4) // workers even on a machine of one core
	Compute(par)
	one := testScorecard(4, period.Period{}, largeKPIs(1000)...)
	runtime.GOMAXPROCS(1)
	Compute(one)
	runtime.GOMAXPROCS(prev)
	computed := func(k *KPI) []any {
		return []any{k.Series, k.Quarters, k.Years, k.Current, k.Previous, k.YearAgo, k.YTD, k.ChangePrev, k.ChangeYear, k.Trend}
	}
	for i, k := range par.KPIs {
		if got, want := computed(k), computed(one.KPIs[i]); !reflect.DeepEqual(got, want) {
			t.Fatalf("KPI %s on every core:\n%v\none at a time:\n%v", k.ID, got, want)
		}
	}
	if par.Score != one.Score || par.Period != one.Period {
		t.Errorf("scorecard %+v %v, one at a time %+v %v", par.Score, par.Period, one.Score, one.Period)
	}
}

// BenchmarkCompute computes a large organisation's scorecard: 5,000 monthly
// KPIs with 60 months each.
func BenchmarkCompute(b *testing.B) {
	sc := testScorecard(4, period.Period{}, largeKPIs(5000)...)
	b.ReportAllocs()
	for b.Loop() {
		sc.Period = period.Period{}
		Compute(sc)
	}
}
