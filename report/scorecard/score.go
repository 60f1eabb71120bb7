package scorecard

import "math"

// defaultTolerance is the tolerance used when neither the KPI nor the
// Settings sheet gives one.
const defaultTolerance = 0.10

// redFlagDefault returns the red flag implied by target g and tolerance tol
// when none is given: tol·|g| on the bad side of the target, below it when
// higher is better (and for the lower edge of a range), above it when lower
// is better.
func redFlagDefault(dir Direction, g, tol float64) float64 {
	if dir == Lower {
		return g + tol*math.Abs(g)
	}
	return g - tol*math.Abs(g)
}

// scoreFor returns the 0-10 goal / red-flag score of actual a against target
// g and red flag r. With d = g − r,
//
//	score = 10·(a − r + d) / (3·d), clamped to [0, 10],
//
// so the red flag scores 3.33 and the target 6.67, whichever way is better
// (d < 0 when lower is better). When d is zero there is no scale to score
// on; Load reports the targets and red flags that would give it (a red flag
// equal to its target, a target of 0 or a tolerance of 0 with no red flag),
// and should one still arrive, an actual that meets or beats the target
// scores 10, any other 0.
//
// For a Range KPI g is the lower end of the on-target band and gmax the
// upper end (missing: a band of one value); see scoreRange.
func scoreFor(dir Direction, a, g, r float64, gmax Num) float64 {
	if dir == Range {
		hi := g
		if gmax.OK && gmax.V > g {
			hi = gmax.V
		}
		return scoreRange(a, g, hi, r)
	}
	d := g - r
	if d == 0 {
		if (dir == Lower && a <= g) || (dir != Lower && a >= g) {
			return 10
		}
		return 0
	}
	return scoreClamp(10 * (a - r + d) / (3 * d))
}

// scoreRange scores actual a for a KPI that is on target inside the band
// [lo, hi], with red flag r below the band and, symmetrically, hi + (lo − r)
// above it. Inside the band the score is 10 at the band's midpoint and falls
// linearly to 6.67 at its edges; outside it falls on from 6.67 at the edge to
// 3.33 at the red flag and to 0 beyond, as for a higher- (below the band) or
// lower-is-better (above it) KPI. A red flag that is not below the band
// (lo − r ≤ 0) leaves no scale outside the band: there the score is 0.
func scoreRange(a, lo, hi, r float64) float64 {
	d := lo - r
	switch {
	case a >= lo && a <= hi:
		half := (hi - lo) / 2
		if half == 0 {
			return 10
		}
		return 10 - 10.0/3*math.Abs(a-(lo+hi)/2)/half
	case d <= 0:
		return 0
	case a < lo:
		return scoreClamp(10 * (a - r + d) / (3 * d))
	}
	rHi := hi + d
	return scoreClamp(10 * (rHi - a + d) / (3 * d))
}

// scoreClamp keeps a score within [0, 10] (and never −0).
func scoreClamp(s float64) float64 {
	switch {
	case s <= 0:
		return 0
	case s > 10:
		return 10
	}
	return s
}

// scorePoint completes a point whose Actual, Target, RedFlag and TargetMax
// are set: it fills the default red flag when the point has a target but no
// red flag, then Score, Status and PctOfTarget.
//
// A point with an actual but no target has no score and so the status
// NoData, as does a point with no actual; the page tells the two apart by
// Target.
func scorePoint(p *Point, dir Direction, tol float64) {
	p.Score, p.PctOfTarget = Num{}, Num{}
	if p.Target.OK && !p.RedFlag.OK {
		p.RedFlag = Some(redFlagDefault(dir, p.Target.V, tol))
	}
	if p.Actual.OK && p.Target.OK {
		p.Score = Some(scoreFor(dir, p.Actual.V, p.Target.V, p.RedFlag.V, p.TargetMax))
		if p.Target.V != 0 {
			p.PctOfTarget = Some(p.Actual.V / p.Target.V * 100)
		}
	}
	p.Status = StatusOf(p.Score)
}

// toleranceFor returns the tolerance that sets k's default red flags: the
// KPI's own, else the Settings sheet's, else 10%.
func toleranceFor(k *KPI, s Settings) float64 {
	if k.Tolerance.OK {
		return math.Abs(k.Tolerance.V)
	}
	if s.Tolerance > 0 {
		return s.Tolerance
	}
	return defaultTolerance
}
