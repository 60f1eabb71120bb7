package scorecard

import "math"

// Trend window and threshold.
const (
	trendWindow = 6    // the most recent points with actuals looked at
	trendMin    = 3    // fewer points with actuals than this: NoTrend
	trendSteady = 0.02 // a relative change below 2% over the window is steady
)

// trendOf judges the direction of a KPI from the points of its own series
// (oldest first, gaps included): a least-squares line through the last up to
// six points with actuals, x being the point's place in the series so that
// gaps count as time passing. The line's change over the window (slope times
// the periods the window spans) relative to the larger of the mean actual's
// size and the latest target's is the measure: under 2% either way is
// Steady; otherwise Improving when it moves the good way for dir (up for
// Higher, down for Lower, and for Range toward the band's midpoint, judged by
// the line through the distances to it) and Worsening when not.
func trendOf(dir Direction, series []Point) Trend {
	var xs, ys []float64
	for i := len(series) - 1; i >= 0 && len(xs) < trendWindow; i-- {
		if series[i].Actual.OK {
			xs = append(xs, float64(i))
			ys = append(ys, series[i].Actual.V)
		}
	}
	n := len(xs)
	if n < trendMin {
		return NoTrend
	}
	// xs and ys run newest first; the slope does not mind.
	last := series[int(xs[0])]
	mean := 0.0
	for _, y := range ys {
		mean += y
	}
	mean /= float64(n)
	scale := math.Max(math.Abs(mean), 1e-12)
	if last.Target.OK {
		scale = math.Max(scale, math.Abs(last.Target.V))
	}
	if dir == Range {
		if !last.Target.OK {
			return NoTrend
		}
		mid := last.Target.V
		if last.TargetMax.OK && last.TargetMax.V > mid {
			mid = (mid + last.TargetMax.V) / 2
		}
		for i, y := range ys {
			ys[i] = math.Abs(y - mid)
		}
	}
	rel := trendSlope(xs, ys) * (xs[0] - xs[n-1]) / scale
	switch {
	case math.Abs(rel) < trendSteady:
		return Steady
	case (rel > 0) == (dir == Higher):
		return Improving
	}
	return Worsening
}

// trendSlope returns the least-squares slope of ys against xs.
func trendSlope(xs, ys []float64) float64 {
	n := float64(len(xs))
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx /= n
	my /= n
	var sxy, sxx float64
	for i := range xs {
		sxy += (xs[i] - mx) * (ys[i] - my)
		sxx += (xs[i] - mx) * (xs[i] - mx)
	}
	if sxx == 0 {
		return 0
	}
	return sxy / sxx
}
