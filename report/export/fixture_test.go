package export

import (
	"fmt"
	"strings"
	"testing"

	"kpireport/report/period"
	"kpireport/report/scorecard"
)

// Names in the fixture that a spreadsheet would run as formulas.
const (
	injectName  = `=HYPERLINK("http://x","y")`
	injectOwner = "@evil"
)

func month(y, m int) period.Period { return period.Period{Freq: period.Month, Year: y, N: m} }

// point builds a series point; a negative actual means "no data".
func point(p period.Period, actual, target, redFlag float64, comment string) scorecard.Point {
	pt := scorecard.Point{Period: p, Label: period.Calendar{}.Label(p), Target: scorecard.Some(target),
		RedFlag: scorecard.Some(redFlag), Comment: comment, Count: 1, Of: 1}
	if actual != noData {
		pt.Actual = scorecard.Some(actual)
		d := target - redFlag
		score := 10 * (actual - redFlag + d) / (3 * d)
		pt.Score = scorecard.Some(min(max(score, 0), 10))
		pt.PctOfTarget = scorecard.Some(actual / target * 100)
	}
	pt.Status = scorecard.StatusOf(pt.Score)
	return pt
}

const noData = -999

// fixture builds a small computed scorecard by hand: three perspectives
// (one named "History", which Excel reserves, and one whose name Excel
// would refuse), three objectives and four KPIs, with a KPI and an owner
// that look like formulas, a negative actual, a missing actual and a "£".
func fixture() *scorecard.Scorecard {
	fin := &scorecard.Perspective{Name: "Financial", Slug: "financial", Order: 1, Weight: 1}
	cus := &scorecard.Perspective{Name: "History", Slug: "history", Order: 2, Weight: 1}
	lg := &scorecard.Perspective{Name: "Learning/Growth: [people] & skills?", Slug: "learning-growth", Order: 3, Weight: 1}
	f1 := &scorecard.Objective{ID: "F1", Name: "Grow revenue", Slug: "f1", Perspective: fin, Weight: 1, Owner: "CFO"}
	c1 := &scorecard.Objective{ID: "C1", Name: "Delight customers", Slug: "c1", Perspective: cus, Weight: 1}
	l1 := &scorecard.Objective{ID: "L1", Name: "Skills", Slug: "l1", Perspective: lg, Weight: 1, Drives: []string{"C1"}}
	fin.Objectives = []*scorecard.Objective{f1}
	cus.Objectives = []*scorecard.Objective{c1}
	lg.Objectives = []*scorecard.Objective{l1}

	rev := &scorecard.KPI{
		ID: "REV", Name: "Revenue (£m)", Slug: "rev", Objective: f1,
		Unit: "£m", Direction: scorecard.Higher, Frequency: period.Month, Aggregation: scorecard.Sum,
		Target: scorecard.Some(1), Weight: 1, Owner: "Jane Doe", Decimals: -1,
		Series: []scorecard.Point{
			point(month(2026, 1), 1.2, 1, 0.9, ""),
			point(month(2026, 2), 0.95, 1, 0.9, "Late invoices, \"chased\""),
			point(month(2026, 3), -0.5, 1, 0.9, "Write-off\nof a bad debt"),
		},
		Trend: scorecard.Worsening,
	}
	rev.Current, rev.Previous = rev.Series[2], rev.Series[1]
	rev.ChangePrev = scorecard.Some(-1.45)

	inj := &scorecard.KPI{
		ID: "C-NPS", Name: injectName, Slug: "c-nps", Objective: c1,
		Unit: "points", Direction: scorecard.Higher, Frequency: period.Month, Aggregation: scorecard.Average,
		Weight: 1, Owner: injectOwner, Decimals: -1,
		Series: []scorecard.Point{
			point(month(2026, 2), 40, 50, 45, "+cmd|' /C calc'!A0"),
			point(month(2026, 3), 52, 50, 45, ""),
		},
		Trend: scorecard.Improving,
	}
	inj.Current, inj.Previous = inj.Series[1], inj.Series[0]
	inj.ChangePrev = scorecard.Some(12)

	churn := &scorecard.KPI{
		ID: "C2", Name: "Churn", Slug: "c2", Objective: c1,
		Unit: "%", Direction: scorecard.Lower, Frequency: period.Month, Aggregation: scorecard.Average,
		Weight: 1, Owner: "", Decimals: 1,
		Series: []scorecard.Point{
			point(month(2026, 2), 2, 3, 4, ""),
			point(month(2026, 3), noData, 3, 4, ""),
		},
	}
	churn.Current, churn.Previous = churn.Series[1], churn.Series[0]

	train := &scorecard.KPI{
		ID: "L-TRAIN", Name: "Training hours", Slug: "l-train", Objective: l1,
		Direction: scorecard.Higher, Frequency: period.Quarter, Aggregation: scorecard.Sum, Weight: 1, Decimals: -1,
	}
	f1.KPIs = []*scorecard.KPI{rev}
	c1.KPIs = []*scorecard.KPI{inj, churn}
	l1.KPIs = []*scorecard.KPI{train}

	fin.Score = scorecard.Rollup{Score: scorecard.Some(0), Status: scorecard.OffTarget, Counts: [4]int{0, 1, 0, 0}, Scored: 1, Total: 1}
	cus.Score = scorecard.Rollup{Score: scorecard.Some(7.333333333333333), Status: scorecard.OnTarget, Counts: [4]int{1, 0, 0, 1}, Scored: 1, Total: 2}
	lg.Score = scorecard.Rollup{Status: scorecard.NoData, Counts: [4]int{1, 0, 0, 0}, Total: 1}
	f1.Score, c1.Score, l1.Score = fin.Score, cus.Score, lg.Score

	q1 := period.Period{Freq: period.Quarter, Year: 2026, N: 1}
	return &scorecard.Scorecard{
		Settings:     scorecard.Settings{Title: "Acme scorecard", Organisation: "Acme £ Ltd", FiscalYearStart: 1, Currency: "GBP", Tolerance: 0.1},
		Period:       q1,
		Perspectives: []*scorecard.Perspective{fin, cus, lg},
		Objectives:   []*scorecard.Objective{f1, c1, l1},
		KPIs:         []*scorecard.KPI{rev, inj, churn, train},
		Score:        scorecard.Rollup{Score: scorecard.Some(3.6666666666666665), Status: scorecard.AtRisk, Counts: [4]int{2, 1, 0, 1}, Scored: 2, Total: 4},
		Periods:      []period.Period{q1},
	}
}

// parseKey reads a period key: "2026-03", "2026-Q1", "2026"; "" is the zero
// period.
func parseKey(t *testing.T, key string) period.Period {
	t.Helper()
	var p period.Period
	var err error
	switch {
	case key == "":
	case strings.Contains(key, "-Q"):
		p.Freq = period.Quarter
		_, err = fmt.Sscanf(key, "%d-Q%d", &p.Year, &p.N)
	case strings.Contains(key, "-"):
		p.Freq = period.Month
		_, err = fmt.Sscanf(key, "%d-%d", &p.Year, &p.N)
	default:
		p.Freq, p.N = period.Year, 1
		_, err = fmt.Sscanf(key, "%d", &p.Year)
	}
	if err != nil {
		t.Fatalf("period %q: %v", key, err)
	}
	return p
}

// unitFixture is fixture() with two business units: the region N and the
// unit N1 below it (named like a formula), both reporting Revenue for
// January and February. N1's figures are read; N's January is rolled up
// from N1, and its February is its own figure, which disagrees with N1's
// roll-up. The organisation's figures are rolled up from N.
func unitFixture() *scorecard.Scorecard {
	sc := fixture()
	rev := sc.KPIs[0]
	n := &scorecard.Unit{ID: "N", Name: "North", Slug: "n", Owner: "Ann", Order: 1}
	n1 := &scorecard.Unit{ID: "N1", Name: "=North one", Slug: "n1", ParentID: "N", Parent: n, Order: 2, Depth: 1}
	n.Children = []*scorecard.Unit{n1}
	jan, feb := month(2026, 1), month(2026, 2)
	results := func(u *scorecard.Unit, a1, a2 float64, ms ...*scorecard.Measurement) {
		r := *rev
		r.Target, r.RedFlag = scorecard.Num{}, scorecard.Num{} // a sum: no default target for a unit
		r.Series = []scorecard.Point{point(jan, a1, 1, 0.9, ""), point(feb, a2, 1, 0.9, "")}
		r.Measurements = ms
		r.Current, r.Previous, r.YearAgo = r.Series[1], r.Series[0], scorecard.Point{}
		r.ChangePrev = scorecard.Some(a2 - a1)
		r.Trend = scorecard.NoTrend
		u.KPIs = []*scorecard.KPI{&r}
		score := r.Current.Score
		roll := scorecard.Rollup{Score: score, Status: scorecard.StatusOf(score), Scored: 1, Total: 1}
		roll.Counts[roll.Status] = 1
		u.Score = roll
		u.Perspectives = []scorecard.Rollup{roll, {}, {}}
		u.Objectives = map[*scorecard.Objective]scorecard.Rollup{rev.Objective: roll}
	}
	results(n1, 0.5, 0.6,
		&scorecard.Measurement{Period: jan, Actual: scorecard.Some(0.5), Unit: n1},
		&scorecard.Measurement{Period: feb, Actual: scorecard.Some(0.6), Unit: n1, Comment: "Quay closed"})
	results(n, 0.5, 0.95,
		&scorecard.Measurement{Period: jan, Actual: scorecard.Some(0.5), RolledUp: true},
		&scorecard.Measurement{Period: feb, Actual: scorecard.Some(0.95), Unit: n, Disagrees: scorecard.Some(0.6)})
	n1.KPIs[0].Series[1].Comment = "Quay closed"
	rev.Measurements = []*scorecard.Measurement{
		{Period: jan, Actual: scorecard.Some(1.2), RolledUp: true},
		{Period: feb, Actual: scorecard.Some(0.95), RolledUp: true},
	}
	sc.Units = []*scorecard.Unit{n, n1}
	return sc
}
