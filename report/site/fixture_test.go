package site

import (
	"fmt"
	"math"
	"time"

	"kpireport/report/period"
	"kpireport/report/scorecard"
)

// fixtureOptions shape a hand-made scorecard for tests.
type fixtureOptions struct {
	kpis   int    // how many KPIs, spread over the perspectives' objectives
	months int    // months of data per KPI, ending March 2026
	evil   string // when set, put into every name and commentary
}

// fixture builds a computed scorecard by hand, without the loader: four
// perspectives of two objectives each, monthly KPIs of every format and
// direction, a retired KPI, gaps, initiatives and commentary.
func fixture(o fixtureOptions) *scorecard.Scorecard {
	if o.months == 0 {
		o.months = 24
	}
	cal := period.Calendar{Start: 4}
	rp := period.Period{Freq: period.Month, Year: 2026, N: 3}
	sc := &scorecard.Scorecard{
		Settings: scorecard.Settings{
			Title:           "Board scorecard" + o.evil,
			Organisation:    "Northwind Water" + o.evil,
			FiscalYearStart: 4,
			Currency:        "GBP",
			Locale:          "en_GB",
			Tolerance:       0.1,
		},
		Calendar: cal,
		Period:   rp,
	}
	sc.Comments = []*scorecard.Comment{
		{Scope: "overall", Period: rp, Markdown: "A **good** quarter overall." + o.evil},
		{Scope: "overall", Period: cal.Add(rp, -1), Markdown: "Last month's news, not shown."},
	}
	names := []string{"Financial", "Customer", "Internal Processes", "Learning & Growth"}
	for i, n := range names {
		p := &scorecard.Perspective{Name: n + o.evil, Slug: scorecard.Slugify(n), Order: i + 1, Weight: 1,
			Description: "The " + n + " perspective."}
		p.Comments = []*scorecard.Comment{{Scope: n, Period: cal.In(rp, period.Quarter), Markdown: "Quarter note for *" + n + "*." + o.evil}}
		sc.Perspectives = append(sc.Perspectives, p)
		for j := 1; j <= 2; j++ {
			id := fmt.Sprintf("%c%d", n[0], j)
			ob := &scorecard.Objective{ID: id, Name: fmt.Sprintf("%s objective %d%s", n, j, o.evil), Slug: scorecard.Slugify(id),
				Perspective: p, Owner: "Owner " + id, Weight: 1, Description: "Objective " + id + " description."}
			ob.Comments = []*scorecard.Comment{{Scope: id, Period: rp, Markdown: "Objective " + id + " on track." + o.evil}}
			p.Objectives = append(p.Objectives, ob)
			sc.Objectives = append(sc.Objectives, ob)
		}
	}
	for i := 0; i < o.kpis; i++ {
		ob := sc.Objectives[i%len(sc.Objectives)]
		k := fixtureKPI(sc, ob, i, o)
		ob.KPIs = append(ob.KPIs, k)
	}
	// sc.KPIs in objective order, as the loader gives them.
	for _, ob := range sc.Objectives {
		sc.KPIs = append(sc.KPIs, ob.KPIs...)
	}
	in := &scorecard.Initiative{ID: "I1", Name: "New billing system" + o.evil, ObjectiveID: sc.Objectives[0].ID,
		Objective: sc.Objectives[0], Owner: "CFO", Status: "in progress",
		Due: time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC), PercentComplete: scorecard.Some(60), Overdue: true}
	sc.Initiatives = append(sc.Initiatives, in)
	sc.Objectives[0].Initiatives = append(sc.Objectives[0].Initiatives, in)

	for _, ob := range sc.Objectives {
		ob.Score = rollupOf(kpiScores(ob.KPIs))
	}
	for _, p := range sc.Perspectives {
		var rs []scorecard.Rollup
		for _, ob := range p.Objectives {
			rs = append(rs, ob.Score)
		}
		p.Score = rollupOf(rs)
	}
	var rs []scorecard.Rollup
	for _, p := range sc.Perspectives {
		rs = append(rs, p.Score)
	}
	sc.Score = rollupOf(rs)
	for i := o.months - 1; i >= 0; i-- {
		sc.Periods = append(sc.Periods, cal.Add(rp, -i))
	}
	// Each objective drives the one of the same number in the perspective
	// above: learning drives processes, processes the customer, the
	// customer the financial.
	for i, ob := range sc.Objectives {
		if i >= 2 {
			ob.Drives = []string{sc.Objectives[i-2].ID}
		}
	}
	scorecard.ReviewHealth(sc)
	return sc
}

// fixtureKPI makes the i'th KPI with its computed series.
func fixtureKPI(sc *scorecard.Scorecard, ob *scorecard.Objective, i int, o fixtureOptions) *scorecard.KPI {
	cal, rp := sc.Calendar, sc.Period
	id := fmt.Sprintf("K%03d", i+1)
	k := &scorecard.KPI{ID: id, Name: fmt.Sprintf("KPI %d%s", i+1, o.evil), Slug: scorecard.Slugify(id),
		Objective: ob, Frequency: period.Month, Weight: 1, Decimals: -1,
		Owner: "Owner " + id, Description: "What KPI " + id + " measures." + o.evil, DataSource: "ERP"}
	base, target := 100.0, 105.0
	switch i % 5 {
	case 0: // a fraction shown as a percentage
		k.Format, base, target, k.Aggregation = "percent", 0.9, 0.95, scorecard.Average
	case 1: // money
		k.Format, k.Unit, base, target = "currency", "", 1.2e6, 1.25e6
	case 2: // percentage points, lower is better
		k.Unit, k.Direction, base, target, k.Aggregation = "%", scorecard.Lower, 5.2, 4.5, scorecard.Average
	case 3: // a range
		k.Unit, k.Direction, base, target, k.Aggregation = "days", scorecard.Range, 12, 10, scorecard.Last
		k.TargetMax = scorecard.Some(14)
	case 4:
		k.Decimals = 1
	}
	k.Target = scorecard.Some(target)
	tol := 0.1 * math.Abs(target)
	red := target - tol
	if k.Direction == scorecard.Lower {
		red = target + tol
	}
	k.RedFlag = scorecard.Some(red)
	k.Baseline = scorecard.Some(base)
	k.ReviewDate = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	k.Comments = []*scorecard.Comment{
		{Scope: id, Period: cal.Add(rp, -2), Markdown: "Older note." + o.evil},
		{Scope: id, Period: rp, Markdown: "Newest note with a [link](https://example.com/x)." + o.evil},
	}
	if i == 6 {
		k.Retired = true
	}
	for m := o.months - 1; m >= 0; m-- {
		p := cal.Add(rp, -m)
		pt := scorecard.Point{Period: p, Label: cal.Label(p), Target: k.Target, RedFlag: k.RedFlag, TargetMax: k.TargetMax}
		gap := i%7 == 5 && m%5 == 2 // some KPIs miss some months
		noData := i%11 == 10        // and some have none at all lately
		if !gap && !(noData && m < 3) {
			wave := math.Sin(float64(i+m)) * 0.08
			pt.Actual = scorecard.Some(base * (1 + wave + 0.002*float64(o.months-m)))
		}
		scoreFixture(&pt, k.Direction)
		k.Series = append(k.Series, pt)
		if m == 0 {
			k.Current = pt
			pt.Comment = "March close"
			k.Series[len(k.Series)-1] = pt
		}
	}
	n := len(k.Series)
	if n > 1 {
		k.Previous = k.Series[n-2]
		if k.Current.Actual.OK && k.Previous.Actual.OK {
			k.ChangePrev = scorecard.Some(k.Current.Actual.V - k.Previous.Actual.V)
		}
	}
	if n > 12 {
		k.YearAgo = k.Series[n-13]
		if k.Current.Actual.OK && k.YearAgo.Actual.OK {
			k.ChangeYear = scorecard.Some(k.Current.Actual.V - k.YearAgo.Actual.V)
		}
	}
	k.YTD = k.Current
	k.YTD.Label = "FY2026"
	k.Trend = []scorecard.Trend{scorecard.Improving, scorecard.Steady, scorecard.Worsening, scorecard.NoTrend}[i%4]
	for q := 0; q+3 <= n; q += 3 {
		pt := k.Series[q+2]
		pt.Period = cal.In(pt.Period, period.Quarter)
		pt.Label = cal.Label(pt.Period)
		pt.Count, pt.Of = 3, 3
		k.Quarters = append(k.Quarters, pt)
	}
	if len(k.Quarters) > 0 {
		k.Quarters[len(k.Quarters)-1].Count = 2
	}
	return k
}

// scoreFixture scores a point with the goal / red-flag formula.
func scoreFixture(p *scorecard.Point, dir scorecard.Direction) {
	if !p.Actual.OK {
		p.Status = scorecard.NoData
		return
	}
	a, g, r := p.Actual.V, p.Target.V, p.RedFlag.V
	if dir == scorecard.Range {
		if a >= g && a <= p.TargetMax.V {
			a, g, r = 1, 1, 0
		} else {
			a, g, r = 0.5, 1, 0
		}
	}
	d := g - r
	s := math.Max(0, math.Min(10, 10*(a-r+d)/(3*d)))
	p.Score = scorecard.Some(s)
	p.Status = scorecard.StatusOf(p.Score)
	p.PctOfTarget = scorecard.Some(p.Actual.V / p.Target.V * 100)
}

func kpiScores(ks []*scorecard.KPI) []scorecard.Rollup {
	var rs []scorecard.Rollup
	for _, k := range ks {
		if k.Retired {
			continue
		}
		r := scorecard.Rollup{Score: k.Current.Score, Status: k.Current.Status, Total: 1}
		r.Counts[k.Current.Status]++
		if k.Current.Score.OK {
			r.Scored = 1
		}
		rs = append(rs, r)
	}
	return rs
}

// rollupOf averages scores and adds up counts.
func rollupOf(rs []scorecard.Rollup) scorecard.Rollup {
	var out scorecard.Rollup
	sum, n := 0.0, 0
	for _, r := range rs {
		for s := range r.Counts {
			out.Counts[s] += r.Counts[s]
		}
		out.Scored += r.Scored
		out.Total += r.Total
		if r.Score.OK {
			sum += r.Score.V
			n++
		}
	}
	if n > 0 {
		out.Score = scorecard.Some(sum / float64(n))
	}
	out.Status = scorecard.StatusOf(out.Score)
	return out
}
