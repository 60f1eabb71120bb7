package scorecard

import (
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"kpireport/report/period"
)

// Compute fills the scorecard's computed fields from what Load read: the
// report period when none was given, each KPI's series, quarters, years,
// current, previous, year-ago and year-to-date points with their scores and
// trend, the roll-ups of objectives, perspectives and the organisation, and
// which initiatives are overdue. It may be called again after the model
// changes; every computed field is replaced.
//
// The rules are the product brief's ("Computing the scorecard"), with these
// choices where it leaves room:
//
//   - A point with an actual but no target has no score and the status
//     NoData; roll-ups count it with the KPIs that have no data.
//   - A point's red flag is the first one given among the sources of its
//     target up to the one that gave the target (see kpiCalc.targetFor),
//     else the tolerance default; points carry the red flag used.
//   - A quarter or year's Targets row is prorated (Count/Of) for a summing
//     KPI when only some of its months have data; with no row, the target
//     is built from the months with data, or from all months when none has.
//   - Ratio KPIs whose aggregation is sum average their targets, which are
//     rates too.
//   - Annual KPIs have no Quarters and no YTD point.
//   - A KPI with no actual for the current period has no trend, however
//     much older data it has.
//   - Series, Quarters and Years stop at the report period: data after it is
//     not used.
func Compute(sc *Scorecard) {
	if sc.Calendar.Start == 0 && sc.Settings.FiscalYearStart >= 1 && sc.Settings.FiscalYearStart <= 12 {
		sc.Calendar.Start = sc.Settings.FiscalYearStart
	}
	calcs := make([]*kpiCalc, len(sc.KPIs))
	labels := map[period.Period]string{}
	for i, k := range sc.KPIs {
		calcs[i] = newKPICalc(k, sc.Calendar, sc.Settings, labels)
	}
	if sc.Period.IsZero() {
		sc.Period = defaultReportPeriod(sc.Calendar, calcs)
	}
	sc.Periods = dataPeriods(sc.Calendar, sc.Period, calcs)
	computeKPIs(calcs, sc.Period)
	computeRollups(sc)
	computeUnits(sc, labels)
	applyExceeded(sc)
	markOverdue(sc.Initiatives, sc.Calendar, sc.Period)
}

// computeKPIs computes each KPI for report period rp. Each KPI's figures
// are its own, so above a few hundred KPIs they are computed on every core,
// each worker with its own cache of period labels (a label is a function of
// its period, so the figures are the same either way).
func computeKPIs(calcs []*kpiCalc, rp period.Period) {
	workers := min(runtime.GOMAXPROCS(0), len(calcs)/250)
	if workers < 2 {
		for _, c := range calcs {
			c.compute(rp)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		labels := map[period.Period]string{}
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(calcs) {
					return
				}
				c := calcs[i]
				shared := c.labels
				c.labels = labels
				c.compute(rp)
				c.labels = shared
			}
		})
	}
	wg.Wait()
}

// defaultReportPeriod picks the latest fiscal quarter that is complete for
// some KPI: its last month has data for a monthly KPI, or it has data for a
// quarterly one. When no quarter qualifies it is the latest quarter with any
// data (an annual KPI's data falls in its year's last quarter). Retired KPIs
// are looked at only when no active one has data. With no data at all it is
// the zero Period.
func defaultReportPeriod(cal period.Calendar, calcs []*kpiCalc) period.Period {
	for _, retired := range []bool{false, true} {
		var best, anyQ period.Period
		later := func(cur, p period.Period) period.Period {
			if cur.IsZero() || cal.Before(cur, p) {
				return p
			}
			return cur
		}
		for _, c := range calcs {
			if c.k.Retired != retired {
				continue
			}
			for _, m := range c.k.Measurements {
				if !c.actualOf(m).OK || m.Period.Freq != c.freq {
					continue
				}
				p := m.Period
				switch p.Freq {
				case period.Month:
					q := cal.In(p, period.Quarter)
					anyQ = later(anyQ, q)
					if cal.Last(q) == cal.First(p) {
						best = later(best, q)
					}
				case period.Quarter:
					anyQ = later(anyQ, p)
					best = later(best, p)
				case period.Year:
					anyQ = later(anyQ, period.Period{Freq: period.Quarter, Year: p.Year, N: 4})
				}
			}
		}
		if !best.IsZero() {
			return best
		}
		if !anyQ.IsZero() {
			return anyQ
		}
	}
	return period.Period{}
}

// dataPeriods returns the periods at the report period's frequency, up to
// and including it, in which some active KPI measured at that frequency or a
// finer one has data, oldest first.
func dataPeriods(cal period.Calendar, rp period.Period, calcs []*kpiCalc) []period.Period {
	if rp.IsZero() {
		return nil
	}
	end := cal.Last(rp)
	seen := map[period.Period]bool{}
	var ps []period.Period
	for _, c := range calcs {
		if c.k.Retired || c.freq > rp.Freq {
			continue
		}
		for _, m := range c.k.Measurements {
			if m.Period.Freq != c.freq || cal.Last(m.Period) > end || !c.actualOf(m).OK {
				continue
			}
			p := cal.In(m.Period, rp.Freq)
			if !seen[p] {
				seen[p] = true
				ps = append(ps, p)
			}
		}
	}
	sort.Slice(ps, func(i, j int) bool { return cal.Before(ps[i], ps[j]) })
	return ps
}

// compute fills the KPI's computed fields for report period rp.
func (c *kpiCalc) compute(rp period.Period) {
	k := c.k
	k.Series, k.Quarters, k.Years = nil, nil, nil
	k.Current, k.Previous, k.YearAgo, k.YTD = Point{}, Point{}, Point{}, Point{}
	k.ChangePrev, k.ChangeYear = Num{}, Num{}
	k.Trend = NoTrend
	c.series = nil
	if rp.IsZero() {
		return
	}
	c.end = c.cal.Last(rp)

	// The last period at the KPI's frequency that ends by the report
	// period's end, and the first with data.
	last := c.cal.In(period.MonthAt(c.end), c.freq)
	if c.cal.Last(last) > c.end {
		last = c.cal.Add(last, -1)
	}
	var first period.Period
	for _, m := range k.Measurements {
		p := m.Period
		if p.Freq != c.freq || c.cal.Last(p) > c.end || !c.actualOf(m).OK {
			continue
		}
		if first.IsZero() || c.cal.Before(p, first) {
			first = p
		}
	}

	if !first.IsZero() {
		step := c.cal.Last(first) - c.cal.First(first) + 1
		series := make([]Point, 0, (c.cal.Last(last)-c.cal.Last(first))/step+1)
		for p := first; !c.cal.Before(last, p); p = c.cal.Add(p, 1) {
			series = append(series, c.own(p))
		}
		c.series = series
		k.Series = series
		switch c.freq {
		case period.Month:
			k.Quarters = c.span(first, last, period.Quarter)
			k.Years = c.span(first, last, period.Year)
		case period.Quarter:
			k.Quarters = series
			k.Years = c.span(first, last, period.Year)
		case period.Year:
			k.Years = series
		}
	}

	cur := last
	if c.freq <= rp.Freq {
		cur = rp
	}
	k.Current = c.at(cur)
	k.Previous = c.at(c.cal.Add(cur, -1))
	k.YearAgo = c.at(c.cal.YearBefore(cur))
	k.ChangePrev = numDiff(k.Current.Actual, k.Previous.Actual)
	k.ChangeYear = numDiff(k.Current.Actual, k.YearAgo.Actual)
	if c.freq < period.Year {
		fy := c.cal.In(period.MonthAt(c.end), period.Year)
		ps := c.subPeriods(fy)
		n := 0
		for n < len(ps) && c.cal.Last(ps[n]) <= c.end {
			n++
		}
		k.YTD = c.rollUp(fy, c.label(fy)+" YTD", c.subPoints(ps[:n]), n, false)
	}
	if k.Current.Actual.OK {
		k.Trend = trendOf(k.Direction, c.seriesThrough(k.Current.Period))
	}
}

// span returns the KPI's points at frequency f for every period from the one
// holding first to the one holding last.
func (c *kpiCalc) span(first, last period.Period, f period.Freq) []Point {
	start, end := c.cal.In(first, f), c.cal.In(last, f)
	out := make([]Point, 0, (c.cal.Last(end)-c.cal.First(start)+1)/(c.cal.Last(start)-c.cal.First(start)+1))
	for p := start; !c.cal.Before(end, p); p = c.cal.Add(p, 1) {
		out = append(out, c.at(p))
	}
	return out
}

// seriesThrough returns the series up to the last point that ends by p's end.
func (c *kpiCalc) seriesThrough(p period.Period) []Point {
	end := c.cal.Last(p)
	n := len(c.series)
	for n > 0 && c.cal.Last(c.series[n-1].Period) > end {
		n--
	}
	return c.series[:n]
}

// numDiff returns a − b when both are present.
func numDiff(a, b Num) Num {
	if !a.OK || !b.OK {
		return Num{}
	}
	return Some(a.V - b.V)
}

// rollupPart is one scored member of a roll-up: its score and weight.
type rollupPart struct {
	score  Num
	weight float64
}

// rollupMean returns the weighted mean of the parts' scores, leaving out
// those with no score or a weight of zero or less; missing when none is
// left.
func rollupMean(parts []rollupPart) Num {
	var sum, w float64
	for _, p := range parts {
		if p.score.OK && p.weight > 0 {
			sum += p.score.V * p.weight
			w += p.weight
		}
	}
	if w == 0 {
		return Num{}
	}
	return Some(sum / w)
}

// computeRollups scores objectives from their active KPIs' current points,
// perspectives from their objectives and the organisation from its
// perspectives, each a weighted mean. A weight of zero shows a member
// without scoring it. Counts, Scored and Total add up the active KPIs below
// at every level; retired KPIs are left out altogether.
func computeRollups(sc *Scorecard) {
	sc.Score = rollUpTree(sc.Perspectives,
		func(o *Objective) []*KPI { return o.KPIs },
		func(o *Objective, r Rollup) { o.Score = r },
		func(i int, r Rollup) { sc.Perspectives[i].Score = r })
}

// rollUpTree rolls one scorecard up: each objective from the KPIs kpisOf
// gives it (a nil entry is skipped), each perspective from its objectives,
// the whole from its perspectives. It hands each objective's and
// perspective's roll-up to setObj and setPersp and returns the whole's.
func rollUpTree(pss []*Perspective, kpisOf func(*Objective) []*KPI, setObj func(*Objective, Rollup), setPersp func(int, Rollup)) Rollup {
	var perParts []rollupPart
	whole := Rollup{}
	for i, ps := range pss {
		var objParts []rollupPart
		pr := Rollup{}
		for _, o := range ps.Objectives {
			var kParts []rollupPart
			or := Rollup{}
			for _, k := range kpisOf(o) {
				if k == nil || k.Retired {
					continue
				}
				or.Total++
				or.Counts[k.Current.Status.Band()]++
				if k.Current.Score.OK {
					or.Scored++
				}
				kParts = append(kParts, rollupPart{k.Current.Score, k.Weight})
			}
			or.Score = rollupMean(kParts)
			or.Status = StatusOf(or.Score)
			setObj(o, or)
			rollupAdd(&pr, or)
			objParts = append(objParts, rollupPart{or.Score, o.Weight})
		}
		pr.Score = rollupMean(objParts)
		pr.Status = StatusOf(pr.Score)
		setPersp(i, pr)
		rollupAdd(&whole, pr)
		perParts = append(perParts, rollupPart{pr.Score, ps.Weight})
	}
	whole.Score = rollupMean(perParts)
	whole.Status = StatusOf(whole.Score)
	return whole
}

// rollupAdd adds b's counts to a's.
func rollupAdd(a *Rollup, b Rollup) {
	for i := range a.Counts {
		a.Counts[i] += b.Counts[i]
	}
	a.Scored += b.Scored
	a.Total += b.Total
}

// markOverdue sets each initiative's Overdue: it has a due date before the
// report period's last day, it is not complete, done or cancelled, and it is
// less than 100% complete (a blank percentage counts as less).
func markOverdue(ins []*Initiative, cal period.Calendar, rp period.Period) {
	var lastDay time.Time
	if !rp.IsZero() {
		m := period.MonthAt(cal.Last(rp))
		lastDay = time.Date(m.Year, time.Month(m.N)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	for _, in := range ins {
		in.Overdue = false
		if rp.IsZero() || in.Due.IsZero() {
			continue
		}
		due := time.Date(in.Due.Year(), in.Due.Month(), in.Due.Day(), 0, 0, 0, 0, time.UTC)
		if !due.Before(lastDay) || initiativeClosed(in.Status) {
			continue
		}
		if in.PercentComplete.OK && in.PercentComplete.V >= 100 {
			continue
		}
		in.Overdue = true
	}
}

// initiativeClosed reports whether an initiative's status says it is over.
func initiativeClosed(status string) bool {
	switch strings.ToLower(strings.TrimSpace(status)) {
	case "complete", "completed", "done", "cancelled", "canceled":
		return true
	}
	return false
}
