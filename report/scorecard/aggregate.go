package scorecard

import (
	"math"

	"kpireport/report/period"
)

// kpiCalc holds what computing one KPI's points needs: its measurements and
// target rows by period, its tolerance and ratio scale, and the report
// period's end.
type kpiCalc struct {
	k     *KPI
	cal   period.Calendar
	freq  period.Freq // k.Frequency, or Month when it is not set
	tol   float64
	scale float64 // actual ≈ scale·numerator/denominator
	meas  map[period.Period]*Measurement
	rows  map[period.Period]*TargetRow
	end   int // index of the report period's last month

	// series is the KPI's own series once built; pointAt reads it instead of
	// recomputing points within its span.
	series []Point
	labels map[period.Period]string // shared by all KPIs
	subBuf [12]period.Period        // room for subPeriods' result
}

func newKPICalc(k *KPI, cal period.Calendar, s Settings, labels map[period.Period]string) *kpiCalc {
	c := &kpiCalc{
		k:      k,
		cal:    cal,
		labels: labels,
		freq:   k.Frequency,
		tol:    toleranceFor(k, s),
		meas:   make(map[period.Period]*Measurement, len(k.Measurements)),
		rows:   make(map[period.Period]*TargetRow, len(k.Targets)),
	}
	if c.freq < period.Month || c.freq > period.Year {
		c.freq = period.Month
	}
	for _, m := range k.Measurements {
		c.meas[m.Period] = m
	}
	for _, t := range k.Targets {
		c.rows[t.Period] = t
	}
	c.scale = ratioScale(k)
	return c
}

// ratioScale infers the factor between a ratio KPI's actual and its
// numerator / denominator: the power of ten that most rows with all three
// agree on (ties go to the one nearest the default), or by default 100 when
// the KPI's unit is "%" and 1 otherwise.
func ratioScale(k *KPI) float64 {
	def := 0
	if k.percentUnit() {
		def = 2
	}
	votes := map[int]int{}
	for _, m := range k.Measurements {
		if !m.Actual.OK || !m.Numerator.OK || !m.Denominator.OK {
			continue
		}
		if m.Actual.V == 0 || m.Numerator.V == 0 || m.Denominator.V == 0 {
			continue
		}
		q := m.Actual.V / (m.Numerator.V / m.Denominator.V)
		if q <= 0 || math.IsInf(q, 0) || math.IsNaN(q) {
			continue
		}
		e := int(math.Round(math.Log10(q)))
		if e < -12 || e > 12 {
			continue
		}
		votes[e]++
	}
	best, bestN := def, 0
	for e, n := range votes {
		if n > bestN || n == bestN && ratioCloser(e, best, def) {
			best, bestN = e, n
		}
	}
	return math.Pow(10, float64(best))
}

// ratioCloser reports whether exponent e is a better tie-break than cur: nearer
// the default, then smaller.
func ratioCloser(e, cur, def int) bool {
	de, dc := absInt(e-def), absInt(cur-def)
	if de != dc {
		return de < dc
	}
	return e < cur
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// actualOf returns a measurement's actual, or scale·numerator/denominator
// when only those were given.
func (c *kpiCalc) actualOf(m *Measurement) Num {
	if m.Actual.OK {
		return m.Actual
	}
	if m.Numerator.OK && m.Denominator.OK && m.Denominator.V != 0 {
		return Some(c.scale * m.Numerator.V / m.Denominator.V)
	}
	return Num{}
}

// agg is how the KPI's values add up over sub-periods. A ratio KPI's targets
// (and its actuals, when some period lacks a numerator or denominator) are
// rates, so a ratio KPI marked "sum" averages them instead.
func (c *kpiCalc) agg() Aggregation {
	if c.k.Ratio && c.k.Aggregation == Sum {
		return Average
	}
	return c.k.Aggregation
}

// targetFor returns the target and red flag for p, a period at the KPI's
// frequency. The target is the first of: the measurement's own; a Targets
// row for p; a Targets row for a period holding p, the smallest first (for a
// KPI that sums, divided by the number of p-sized periods in it); the KPI's
// default. The red flag is the first found among those same sources up to
// and including the one that gave the target, so that a general red flag is
// never paired with a more specific target; when there is none, scorePoint
// applies the tolerance.
func (c *kpiCalc) targetFor(p period.Period) (g, r Num) {
	take := func(tg, rf Num, div float64) bool {
		if !r.OK && rf.OK {
			r = Some(rf.V / div)
		}
		if tg.OK {
			g = Some(tg.V / div)
			return true
		}
		return false
	}
	if m := c.meas[p]; m != nil && take(m.Target, m.RedFlag, 1) {
		return g, r
	}
	if t := c.rows[p]; t != nil && take(t.Target, t.RedFlag, 1) {
		return g, r
	}
	for f := p.Freq + 1; f <= period.Year; f++ {
		q := c.cal.In(p, f)
		t := c.rows[q]
		if t == nil {
			continue
		}
		div := 1.0
		if c.agg() == Sum {
			div = float64(c.cal.Last(q)-c.cal.First(q)+1) / float64(c.cal.Last(p)-c.cal.First(p)+1)
		}
		if take(t.Target, t.RedFlag, div) {
			return g, r
		}
	}
	if take(c.k.Target, c.k.RedFlag, 1) {
		return g, r
	}
	return Num{}, Num{}
}

// own computes the KPI's point for p, a period at its own frequency.
func (c *kpiCalc) own(p period.Period) Point {
	pt := Point{Period: p, Label: c.label(p), Of: 1, TargetMax: c.k.TargetMax}
	if m := c.meas[p]; m != nil {
		pt.Actual = c.actualOf(m)
		pt.Numerator, pt.Denominator = m.Numerator, m.Denominator
		pt.Comment = m.Comment
	}
	if pt.Actual.OK {
		pt.Count = 1
	}
	pt.Target, pt.RedFlag = c.targetFor(p)
	scorePoint(&pt, c.k.Direction, c.tol)
	return pt
}

// pointAt returns the KPI's point for p at its own frequency, from the
// series when p lies within it.
func (c *kpiCalc) pointAt(p period.Period) Point {
	if i, ok := c.seriesIndex(p); ok {
		return c.series[i]
	}
	return c.own(p)
}

// seriesIndex returns the index of p, a period at the KPI's frequency, in
// the series.
func (c *kpiCalc) seriesIndex(p period.Period) (int, bool) {
	if len(c.series) == 0 {
		return 0, false
	}
	d := c.cal.First(p) - c.cal.First(c.series[0].Period)
	if d < 0 {
		return 0, false
	}
	i := d / (c.cal.Last(p) - c.cal.First(p) + 1)
	if i < len(c.series) && c.series[i].Period == p {
		return i, true
	}
	return 0, false
}

// label returns p's label, made once per period for all KPIs.
func (c *kpiCalc) label(p period.Period) string {
	l, ok := c.labels[p]
	if !ok {
		l = c.cal.Label(p)
		c.labels[p] = l
	}
	return l
}

// subPeriods returns the periods at the KPI's frequency that make up p, a
// period at the same or a coarser frequency, in order. The result is valid
// until the next call.
func (c *kpiCalc) subPeriods(p period.Period) []period.Period {
	ps := c.subBuf[:0]
	last := c.cal.Last(p)
	for q := c.cal.In(period.MonthAt(c.cal.First(p)), c.freq); c.cal.Last(q) <= last; q = c.cal.Add(q, 1) {
		ps = append(ps, q)
	}
	return ps
}

// subPoints returns the KPI's points for the given consecutive periods that
// end by the report period's last month: a part of the series when they lie
// within it, else computed.
func (c *kpiCalc) subPoints(ps []period.Period) []Point {
	n := 0
	for n < len(ps) && c.cal.Last(ps[n]) <= c.end {
		n++
	}
	ps = ps[:n]
	if n == 0 {
		return nil
	}
	if i, ok := c.seriesIndex(ps[0]); ok && i+n <= len(c.series) && c.series[i+n-1].Period == ps[n-1] {
		return c.series[i : i+n : i+n]
	}
	pts := make([]Point, n)
	for i, q := range ps {
		pts[i] = c.pointAt(q)
	}
	return pts
}

// at returns the KPI's point for p, a period at its own frequency or a
// coarser one (then aggregated from the sub-periods up to the report
// period's end).
func (c *kpiCalc) at(p period.Period) Point {
	if p.Freq <= c.freq {
		return c.pointAt(p)
	}
	ps := c.subPeriods(p)
	return c.rollUp(p, c.label(p), c.subPoints(ps), len(ps), true)
}

// rollUp aggregates sub-period points into one point for p, out of of
// sub-periods. When useRow is set, a Targets row for p itself gives the
// target; for a KPI that sums it is prorated to the sub-periods with data
// when the period is partial. Otherwise the target comes from the sub-period
// targets (see rollTarget).
func (c *kpiCalc) rollUp(p period.Period, label string, subs []Point, of int, useRow bool) Point {
	pt := Point{Period: p, Label: label, Of: of}
	for i := range subs {
		if subs[i].Actual.OK {
			pt.Count++
		}
	}
	c.rollActual(&pt, subs)
	c.rollTarget(&pt, subs)
	if t := c.rows[p]; useRow && t != nil && t.Target.OK {
		f := 1.0
		if c.agg() == Sum && pt.Count > 0 && pt.Count < of {
			f = float64(pt.Count) / float64(of)
		}
		pt.Target, pt.RedFlag = Some(t.Target.V*f), Num{}
		if t.RedFlag.OK {
			pt.RedFlag = Some(t.RedFlag.V * f)
		}
	}
	scorePoint(&pt, c.k.Direction, c.tol)
	return pt
}

// rollActual sets pt's actual from the sub-periods with data (pt.Count of
// them). A ratio KPI divides the summed numerators by the summed
// denominators when every one of them has both; otherwise the KPI's
// aggregation applies to the actuals.
func (c *kpiCalc) rollActual(pt *Point, subs []Point) {
	if pt.Count == 0 {
		return
	}
	if c.k.Ratio {
		var num, den float64
		all := true
		for i := range subs {
			s := &subs[i]
			if !s.Actual.OK {
				continue
			}
			if !s.Numerator.OK || !s.Denominator.OK {
				all = false
				break
			}
			num += s.Numerator.V
			den += s.Denominator.V
		}
		if all && den != 0 {
			pt.Numerator, pt.Denominator = Some(num), Some(den)
			pt.Actual = Some(c.scale * num / den)
			return
		}
	}
	var buf [16]float64
	vals := buf[:0]
	for i := range subs {
		if subs[i].Actual.OK {
			vals = append(vals, subs[i].Actual.V)
		}
	}
	pt.Actual = Some(aggValues(c.agg(), vals))
}

// aggValues combines values, oldest first, by an aggregation. vals must not
// be empty.
func aggValues(a Aggregation, vals []float64) float64 {
	v := vals[0]
	switch a {
	case Sum, Average:
		v = 0
		for _, x := range vals {
			v += x
		}
		if a == Average {
			v /= float64(len(vals))
		}
	case Last:
		v = vals[len(vals)-1]
	case Min:
		for _, x := range vals[1:] {
			v = math.Min(v, x)
		}
	case Max:
		for _, x := range vals[1:] {
			v = math.Max(v, x)
		}
	}
	return v
}

// rollTarget sets pt's target, red flag and band top from its sub-periods':
// those with data, or all of them when none has data (pt.Count is zero). A
// KPI that sums adds them up (no target when one of them has none); "last"
// takes the last one's; the others average the sub-periods that have a
// target. The red flags are the sub-periods' effective ones, tolerance
// defaults included. A summing range KPI's band top is the KPI's target_max
// times the sub-periods counted.
func (c *kpiCalc) rollTarget(pt *Point, subs []Point) {
	pt.TargetMax = c.k.TargetMax
	all := pt.Count == 0
	var g, r float64
	n, withTarget := 0, 0
	var last *Point
	for i := range subs {
		s := &subs[i]
		if !all && !s.Actual.OK {
			continue
		}
		n++
		last = s
		if s.Target.OK {
			withTarget++
			g += s.Target.V
			r += s.RedFlag.V
		}
	}
	if n == 0 {
		return
	}
	switch c.agg() {
	case Sum:
		if withTarget < n {
			return
		}
		pt.Target, pt.RedFlag = Some(g), Some(r)
		if c.k.TargetMax.OK {
			pt.TargetMax = Some(c.k.TargetMax.V * float64(n))
		}
	case Last:
		pt.Target, pt.RedFlag = last.Target, last.RedFlag
	default:
		if withTarget > 0 {
			pt.Target, pt.RedFlag = Some(g/float64(withTarget)), Some(r/float64(withTarget))
		}
	}
}
