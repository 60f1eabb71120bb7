package chart

import (
	"math"
	"strconv"
)

// niceTicks returns the ticks of a value axis over the data's extent
// [lo, hi] as ECharts lays out one with scale: true and its default five
// splits: the interval is the span over five made "nice" (1, 2, 3 or 5
// times a power of ten), and the ends are pulled out to the multiples of
// it around the data. A flat extent is widened by half its value each way
// first (or to [0, 1] at zero), so that it still has a span.
func niceTicks(lo, hi float64) []float64 {
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		if lo != 0 {
			d := math.Abs(lo) / 2
			lo, hi = lo-d, hi+d
		} else {
			hi = 1
		}
	}
	interval := niceNumber((hi - lo) / 5)
	precision := decimalsOf(interval) + 2
	first := roundTo(math.Floor(lo/interval)*interval, 10)
	last := roundTo(math.Ceil(hi/interval)*interval, 10)
	ticks := []float64{first}
	// The ticks between are rounded to the interval's decimals and two
	// more, as ECharts rounds them, so 0.1+0.2 is written 0.3.
	// At most 1,000 steps: an interval below float64's precision at the
	// ticks' size would never reach the end.
	start := roundTo(math.Ceil(lo/interval)*interval, precision)
	for i, t := 0, start; t <= last && i < 1000; i, t = i+1, roundTo(t+interval, precision) {
		if t > ticks[len(ticks)-1] {
			ticks = append(ticks, t)
		}
	}
	if ticks[len(ticks)-1] < last {
		ticks = append(ticks, last)
	}
	return ticks
}

// niceNumber rounds v > 0 to the nearest of 1, 2, 3, 5 or 10 times a power
// of ten.
func niceNumber(v float64) float64 {
	exp := math.Floor(math.Log10(v))
	if v/math.Pow(10, exp) >= 10 {
		exp++
	}
	f := v / math.Pow(10, exp)
	var nf float64
	switch {
	case f < 1.5:
		nf = 1
	case f < 2.5:
		nf = 2
	case f < 4:
		nf = 3
	case f < 7:
		nf = 5
	default:
		nf = 10
	}
	if exp < 0 {
		return roundTo(nf*math.Pow(10, exp), int(-exp))
	}
	return nf * math.Pow(10, exp)
}

// decimalsOf is the number of decimals v needs, up to 14.
func decimalsOf(v float64) int {
	e := 1.0
	for i := range 15 {
		if math.Round(v*e)/e == v {
			return i
		}
		e *= 10
	}
	return 15
}

// roundTo rounds v to decimals places.
func roundTo(v float64, decimals int) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', min(max(decimals, 0), 20), 64), 64)
	if r == 0 {
		return 0
	}
	return r
}
