package scorecard

import "math"

// Verdict says whether a difference is good for a KPI.
type Verdict int

const (
	Neutral Verdict = iota // no difference, or no way to judge it
	Favourable
	Unfavourable
)

var verdictNames = [...]string{"neutral", "favourable", "unfavourable"}

// String is the word a reader sees beside the figure.
func (v Verdict) String() string { return verdictNames[v] }

// MarshalText writes the verdict's word.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// Variance is an actual's difference from a reference (its target, or the
// same period last year), absolute and relative, judged by the KPI's
// direction.
type Variance struct {
	Abs Num // actual − reference
	Rel Num // Abs / |reference|; missing when the reference is zero
	Verdict
}

// VarianceOf compares actual with ref for a KPI with direction d: for a
// "higher" KPI a rise is favourable, for a "lower" one (costs)
// unfavourable. A range KPI's difference is neutral here: see
// RangeVariance.
func VarianceOf(actual, ref Num, d Direction) Variance {
	v := diff(actual, ref)
	if !v.Abs.OK || math.Abs(v.Abs.V) <= varianceEps || d == Range {
		return v
	}
	if (v.Abs.V > 0) == (d == Higher) {
		v.Verdict = Favourable
	} else {
		v.Verdict = Unfavourable
	}
	return v
}

const varianceEps = 1e-12

func diff(actual, ref Num) Variance {
	var v Variance
	if !actual.OK || !ref.OK {
		return v
	}
	v.Abs = Some(actual.V - ref.V)
	if ref.V != 0 {
		v.Rel = Some(v.Abs.V / math.Abs(ref.V))
	}
	return v
}

// RangeVariance compares a range KPI's actual with ref, its band being
// [lo, hi]. Against the target (ref is lo) the actual is favourable inside
// the band and unfavourable outside; against last year it is favourable
// when it lies nearer the band than last year's did.
func RangeVariance(actual, ref Num, lo, hi float64, againstTarget bool) Variance {
	v := diff(actual, ref)
	if !v.Abs.OK {
		return v
	}
	dist := func(x float64) float64 { return math.Max(0, math.Max(lo-x, x-hi)) }
	da := dist(actual.V)
	if againstTarget {
		v.Verdict = Unfavourable
		if da <= varianceEps {
			v.Verdict = Favourable
		}
		return v
	}
	switch dr := dist(ref.V); {
	case math.Abs(da-dr) <= varianceEps:
	case da < dr:
		v.Verdict = Favourable
	default:
		v.Verdict = Unfavourable
	}
	return v
}

// ToTarget is the current actual's variance to its target.
func (k *KPI) ToTarget() Variance {
	c := k.Current
	if k.Direction == Range && c.Target.OK && c.TargetMax.OK {
		return RangeVariance(c.Actual, c.Target, c.Target.V, c.TargetMax.V, true)
	}
	return VarianceOf(c.Actual, c.Target, k.Direction)
}

// ToYearAgo is the current actual's variance to the same period last year.
func (k *KPI) ToYearAgo() Variance {
	c := k.Current
	if k.Direction == Range && c.Target.OK && c.TargetMax.OK {
		return RangeVariance(c.Actual, k.YearAgo.Actual, c.Target.V, c.TargetMax.V, false)
	}
	return VarianceOf(c.Actual, k.YearAgo.Actual, k.Direction)
}
