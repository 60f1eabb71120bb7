package view

import (
	"math"
	"strconv"
	"strings"

	"kpireport/report/scorecard"
)

// Sparkline is a small line chart of recent values, drawn by a template as
// inline SVG (see "spark" in parts.html). It needs no JavaScript, so the
// review packs can use it as well as the site, and it stays light: a few
// hundred bytes, for pages that list thousands of KPIs.
type Sparkline struct {
	Width, Height int
	// Lines holds one SVG polyline "points" list per run of values without
	// a gap, e.g. "2,10.5 14,8 26,3". A lone value is a zero-length line,
	// which the round line caps draw as a dot.
	Lines []string
	// Last is where the latest value is, marked with a dot; nil when the
	// latest period has no value.
	Last *SparkPoint
	// HasTarget and TargetY place a dashed line at the target.
	HasTarget bool
	TargetY   float64
	// Label describes the line for screen readers.
	Label string
}

// SparkPoint is a point of a Sparkline, in SVG user units.
type SparkPoint struct{ X, Y float64 }

// sparkPad keeps the line and its end dot inside the box.
const sparkPad = 2.5

// NewSparkline lays out values (oldest first, missing values as gaps) and a
// target (drawn when present) in a w×h box. It has no Lines when no value is
// present. Its Label is left for the caller, who knows how to write the
// values.
func NewSparkline(values []scorecard.Num, target scorecard.Num, w, h int) Sparkline {
	sp := Sparkline{Width: w, Height: h}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if ok(v) {
			lo, hi = min(lo, v.V), max(hi, v.V)
		}
	}
	if math.IsInf(lo, 1) {
		return sp
	}
	if ok(target) {
		lo, hi = min(lo, target.V), max(hi, target.V)
	}
	fw, fh := float64(w)-2*sparkPad, float64(h)-2*sparkPad
	y := func(v float64) float64 {
		if hi == lo {
			return round1(float64(h) / 2)
		}
		return round1(sparkPad + (hi-v)/(hi-lo)*fh)
	}
	step := 0.0
	if len(values) > 1 {
		step = fw / float64(len(values)-1)
	}
	var b strings.Builder
	var buf []byte
	var first SparkPoint
	flush := func(n int) {
		if n == 1 { // a lone value: repeat it so the line cap draws a dot
			b.WriteByte(' ')
			b.Write(appendPoint(buf[:0], first))
		}
		if n > 0 {
			sp.Lines = append(sp.Lines, b.String())
			b.Reset()
		}
	}
	n := 0
	for i, v := range values {
		if !ok(v) {
			flush(n)
			n = 0
			continue
		}
		p := SparkPoint{X: round1(sparkPad + float64(i)*step), Y: y(v.V)}
		if len(values) == 1 {
			p.X = round1(float64(w) / 2)
		}
		if n > 0 {
			b.WriteByte(' ')
		} else {
			first = p
		}
		buf = appendPoint(buf[:0], p)
		b.Write(buf)
		n++
		if i == len(values)-1 {
			sp.Last = &p
		}
	}
	flush(n)
	if ok(target) {
		sp.HasTarget, sp.TargetY = true, y(target.V)
	}
	return sp
}

// ok reports whether n is a number that can be drawn.
func ok(n scorecard.Num) bool {
	return n.OK && !math.IsNaN(n.V) && !math.IsInf(n.V, 0)
}

// round1 rounds to one decimal, plenty for a few dozen pixels.
func round1(v float64) float64 { return math.Round(v*10) / 10 }

func appendPoint(b []byte, p SparkPoint) []byte {
	b = strconv.AppendFloat(b, p.X, 'f', -1, 64)
	b = append(b, ',')
	return strconv.AppendFloat(b, p.Y, 'f', -1, 64)
}
