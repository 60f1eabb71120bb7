package scorecard

import (
	"math"

	"kpireport/report/period"
)

// OutlookMethod is how a year-end projection was made.
type OutlookMethod int

const (
	NoOutlook   OutlookMethod = iota
	RunRate                   // sums: the year to date's monthly rate, carried to year end
	Profile                   // sums: the year to date scaled by last year's monthly profile
	RecentTrend               // rates and averages: the recent straight-line trend, carried on
	LastValue                 // stocks: the latest value holds
)

var outlookMethodNames = [...]string{"none", "run-rate", "last year's profile", "recent trend", "last value"}

// String is the method as a reader sees it: "run-rate".
func (m OutlookMethod) String() string { return outlookMethodNames[m] }

// MarshalText writes the method's name.
func (m OutlookMethod) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// Likelihood says whether a projection meets the year's target.
type Likelihood int

const (
	NoVerdict Likelihood = iota // no target, or no projection
	Likely                      // the projection and its whole band meet the target
	InDoubt                     // the projection meets it but its band does not, or the reverse
	Unlikely                    // the projection and its whole band miss it
)

var likelihoodNames = [...]string{"no verdict", "likely", "in doubt", "unlikely"}

func (l Likelihood) String() string { return likelihoodNames[l] }

// MarshalText writes the likelihood's name.
func (l Likelihood) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// minOutlookMonths is the fewest months of the fiscal year a projection
// rests on.
const minOutlookMonths = 3

// OutlookInput is what a projection is made from: the fiscal year's
// periods so far and last year's, at the KPI's frequency.
type OutlookInput struct {
	Direction   Direction
	Aggregation Aggregation
	PerYear     int   // periods in a year: 12 or 4
	YearSoFar   []Num // this fiscal year's periods through the report period, oldest first
	LastYear    []Num // last fiscal year's PerYear periods, or nil
	Target      Num   // the fiscal year's target
}

// Outlook is a KPI's projected fiscal year-end value.
type Outlook struct {
	Method OutlookMethod
	// Months is how many months of the year the projection rests on.
	Months    int
	Value     float64 // the year as its aggregation makes it
	Low, High float64 // the band around Value
	Target    Num
	Verdict   Likelihood
	// Path is the projected value of each remaining period of the year, in
	// the KPI's own terms (a month's flow, a month's rate), with its band;
	// it is what a chart draws after the last actual.
	Path, PathLow, PathHigh []float64
}

// OK reports whether there is a projection.
func (o Outlook) OK() bool { return o.Method != NoOutlook }

// Project makes a year-end projection, or none (Method NoOutlook) for a
// range KPI, a year with fewer than three months of data, or a year with
// nothing left to project.
func Project(in OutlookInput) Outlook {
	var o Outlook
	if in.Direction == Range || in.PerYear <= 0 || len(in.YearSoFar) == 0 {
		return o
	}
	// The year so far must have data in every period through its last.
	var vals []float64
	for _, n := range in.YearSoFar {
		if !n.OK {
			return o
		}
		vals = append(vals, n.V)
	}
	months := len(vals) * 12 / in.PerYear
	if months < minOutlookMonths || len(vals) > in.PerYear {
		return o
	}
	rest := in.PerYear - len(vals)
	o.Months, o.Target = months, in.Target
	switch in.Aggregation {
	case Sum:
		o.Method = RunRate
		projectSum(&o, in, vals, rest)
	case Last:
		o.Method = LastValue
		projectLast(&o, vals, rest)
	default:
		o.Method = RecentTrend
		projectTrend(&o, in.Aggregation, vals, rest)
	}
	o.Verdict = verdict(in.Direction, o)
	return o
}

// projectSum carries the year to date's rate to year end, or, with a full
// last year whose first months hold a positive share of its total, scales
// the year to date by that share. The band is a standard deviation of the
// monthly values for each period left, added in quadrature.
func projectSum(o *Outlook, in OutlookInput, vals []float64, rest int) {
	done := sum(vals)
	rate := done / float64(len(vals))
	shares := make([]float64, rest)
	for i := range shares {
		shares[i] = rate
	}
	if ly, ok := full(in.LastYear, in.PerYear); ok {
		total := sum(ly)
		head := sum(ly[:len(vals)])
		if total > 0 && head > 0 && done >= 0 {
			o.Method = Profile
			scale := done / head
			for i := range shares {
				shares[i] = ly[len(vals)+i] * scale
			}
		}
	}
	spread := stddev(vals)
	o.Value = done + sum(shares)
	w := spread * math.Sqrt(float64(rest))
	o.Low, o.High = o.Value-w, o.Value+w
	o.Path = shares
	o.PathLow, o.PathHigh = shifted(shares, -spread), shifted(shares, spread)
}

// projectLast holds the latest value; the band is the spread of the
// period-on-period changes, growing with the square root of the periods left.
func projectLast(o *Outlook, vals []float64, rest int) {
	last := vals[len(vals)-1]
	var steps []float64
	for i := 1; i < len(vals); i++ {
		steps = append(steps, vals[i]-vals[i-1])
	}
	s := stddev(steps)
	o.Value = last
	w := s * math.Sqrt(float64(rest))
	o.Low, o.High = last-w, last+w
	o.Path = make([]float64, rest)
	o.PathLow, o.PathHigh = make([]float64, rest), make([]float64, rest)
	for i := range o.Path {
		wi := s * math.Sqrt(float64(i+1))
		o.Path[i], o.PathLow[i], o.PathHigh[i] = last, last-wi, last+wi
	}
}

// recentPeriods is how many of the latest periods the trend is fitted to.
const recentPeriods = 6

// projectTrend fits a straight line to the latest periods (up to six),
// carries it to year end and aggregates the year from the actuals and the
// projected periods; the band is the fit's residual spread.
func projectTrend(o *Outlook, agg Aggregation, vals []float64, rest int) {
	recent := vals
	if len(recent) > recentPeriods {
		recent = recent[len(recent)-recentPeriods:]
	}
	xs := make([]float64, len(recent))
	for i := range xs {
		xs[i] = float64(i)
	}
	slope := trendSlope(xs, recent)
	mx, my := mean(xs), mean(recent)
	var res []float64
	for i, y := range recent {
		res = append(res, y-(my+slope*(xs[i]-mx)))
	}
	s := stddev(res)
	o.Path = make([]float64, rest)
	o.PathLow, o.PathHigh = make([]float64, rest), make([]float64, rest)
	lo := append([]float64(nil), vals...)
	hi := append([]float64(nil), vals...)
	year := append([]float64(nil), vals...)
	for i := range o.Path {
		x := float64(len(recent) + i)
		v := my + slope*(x-mx)
		o.Path[i], o.PathLow[i], o.PathHigh[i] = v, v-s, v+s
		year, lo, hi = append(year, v), append(lo, v-s), append(hi, v+s)
	}
	o.Value = aggValues(agg, year)
	o.Low, o.High = aggValues(agg, lo), aggValues(agg, hi)
}

// verdict judges a projection against its target for the KPI's direction.
func verdict(d Direction, o Outlook) Likelihood {
	if !o.Target.OK {
		return NoVerdict
	}
	meets := func(v float64) bool {
		if d == Lower {
			return v <= o.Target.V
		}
		return v >= o.Target.V
	}
	mid, lo, hi := meets(o.Value), meets(o.Low), meets(o.High)
	switch {
	case mid && lo && hi:
		return Likely
	case !mid && !lo && !hi:
		return Unlikely
	}
	return InDoubt
}

// YearOutlook projects k's current fiscal year to its end, from the KPI's
// computed series (Compute first). The year's target is the Targets row for
// the fiscal year, else its periods' targets (measurement, Targets row or
// the KPI's default) aggregated as the KPI aggregates.
func YearOutlook(k *KPI, cal period.Calendar) Outlook {
	if k.Frequency >= period.Year || len(k.Series) == 0 || k.Current.Period.IsZero() {
		return Outlook{}
	}
	end := cal.Last(k.Current.Period)
	fy := cal.In(period.MonthAt(end), period.Year)
	ps := yearPeriods(cal, fy, k.Frequency)
	in := OutlookInput{Direction: k.Direction, Aggregation: k.Aggregation, PerYear: len(ps)}
	for _, p := range ps {
		if cal.Last(p) > end {
			break
		}
		in.YearSoFar = append(in.YearSoFar, actualAt(k.Series, p))
	}
	for _, p := range yearPeriods(cal, cal.Add(fy, -1), k.Frequency) {
		in.LastYear = append(in.LastYear, actualAt(k.Series, p))
	}
	in.Target = yearTarget(k, cal, fy, ps)
	return Project(in)
}

// actualAt is the actual of the point of series at p, missing when there
// is none. The lookups below scan rather than build a map: a year's
// outlook asks for two dozen periods of a series of a few dozen points, for
// each KPI on each page that shows its outlook.
func actualAt(series []Point, p period.Period) Num {
	for i := len(series) - 1; i >= 0; i-- {
		if series[i].Period == p {
			return series[i].Actual
		}
	}
	return Num{}
}

// rowTarget is the target of the last of rows for p that gives one.
func rowTarget(rows []*TargetRow, p period.Period) (Num, bool) {
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].Period == p && rows[i].Target.OK {
			return rows[i].Target, true
		}
	}
	return Num{}, false
}

// measuredTarget is the target of the last of ms at p that gives one.
func measuredTarget(ms []*Measurement, p period.Period) (Num, bool) {
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].Period == p && ms[i].Target.OK {
			return ms[i].Target, true
		}
	}
	return Num{}, false
}

// yearPeriods lists the periods at frequency f that make fiscal year fy.
func yearPeriods(cal period.Calendar, fy period.Period, f period.Freq) []period.Period {
	var ps []period.Period
	last := cal.Last(fy)
	for q := cal.In(period.MonthAt(cal.First(fy)), f); cal.Last(q) <= last; q = cal.Add(q, 1) {
		ps = append(ps, q)
	}
	return ps
}

// yearTarget is the fiscal year's target: given for the year, or made from
// every period's target by the KPI's aggregation; missing when a summing
// KPI lacks a target for any period.
func yearTarget(k *KPI, cal period.Calendar, fy period.Period, ps []period.Period) Num {
	if t, ok := rowTarget(k.Targets, fy); ok {
		return t
	}
	var ts []float64
	for _, p := range ps {
		t, ok := measuredTarget(k.Measurements, p)
		if !ok {
			t, ok = rowTarget(k.Targets, p)
		}
		if !ok {
			t, ok = k.Target, k.Target.OK
		}
		if !ok {
			if k.Aggregation == Sum {
				return Num{}
			}
			continue
		}
		ts = append(ts, t.V)
	}
	if len(ts) == 0 {
		return Num{}
	}
	return Some(aggValues(k.Aggregation, ts))
}

func full(ns []Num, n int) ([]float64, bool) {
	if len(ns) != n {
		return nil, false
	}
	out := make([]float64, n)
	for i, x := range ns {
		if !x.OK {
			return nil, false
		}
		out[i] = x.V
	}
	return out, true
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return sum(xs) / float64(len(xs))
}

func stddev(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	m := mean(xs)
	var ss float64
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return math.Sqrt(ss / float64(len(xs)-1))
}

func shifted(xs []float64, d float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x + d
	}
	return out
}
