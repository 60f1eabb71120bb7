package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// drawBars draws a Scores chart: horizontal bars on a value x axis of a
// fixed extent, one per category of the y axis, each labelled at its end.
// It returns false when the bars are not one per category.
func (d *drawing) drawBars() bool {
	o := d.o
	xa, ya := o.XAxis[0], o.YAxis[0]
	s := o.Series[0]
	var bars []barDatum
	if err := json.Unmarshal(s.Data, &bars); err != nil || len(bars) != len(ya.Data) || len(bars) == 0 {
		return false
	}
	for _, b := range bars {
		if b.Label.Show && b.Label.Position != "right" || strings.Contains(b.Label.Formatter, "{") {
			return false
		}
	}
	ticks := fixedTicks(*xa.Min, *xa.Max)
	if len(ticks) < 2 || !(ticks[len(ticks)-1] > ticks[0]) {
		return false // an axis of one tick (or NaN): ECharts' to draw
	}
	labels := make([]string, len(ticks))
	for i, t := range ticks {
		labels[i] = d.valueLabel(xa, t)
	}

	if !d.layoutGrid(true, ya.Data) {
		return false
	}
	g := d.grid
	n := len(ya.Data)
	band := g.h / float64(n)
	xmin, xmax := ticks[0], ticks[len(ticks)-1]
	xAt := func(v float64) float64 { return g.x + (v-xmin)/(xmax-xmin)*g.w }
	bandTop := func(i int) float64 {
		if ya.Inverse {
			return g.y + float64(i)*band
		}
		return g.y + g.h - float64(i+1)*band
	}

	if xa.SplitLine.Show == nil || *xa.SplitLine.Show {
		color := or(xa.SplitLine.LineStyle.Color, "#E0E6F1")
		for _, t := range ticks {
			x := crisp(xAt(t))
			fmt.Fprintf(&d.b, `<path d="M%s %sL%s %s" fill="none" stroke="%s"/>`, dec(x), dec(g.y), dec(x), dec(g.y+g.h), attr(color))
		}
	}
	axisColor := or(ya.AxisLine.LineStyle.Color, defaultAxis)
	fmt.Fprintf(&d.b, `<path d="M%s %sL%s %s" fill="none" stroke="%s" stroke-linecap="round"/>`,
		dec(crisp(g.x)), dec(g.y), dec(crisp(g.x)), dec(g.y+g.h), attr(axisColor))
	// A category's label every so many bands when the labels would crowd
	// them, as ECharts picks them (labels 1.3 times their height apart).
	step := int(math.Floor(max(lineHeight*1.3, 7)/band)) + 1
	for i := 0; i <= n; i += step {
		y := crisp(g.y + float64(i)*band)
		fmt.Fprintf(&d.b, `<path d="M%s %sL%s %s" fill="none" stroke="%s"/>`, dec(g.x), dec(y), dec(g.x-tickLength), dec(y), attr(axisColor))
	}
	color := or(ya.AxisLabel.Color, defaultAxis)
	for i := 0; i < n; i += step {
		d.label(g.x-labelMargin, bandTop(i)+band/2, 0, 0, "end", color, ya.Data[i])
	}
	color = or(xa.AxisLabel.Color, defaultAxis)
	for i, t := range ticks {
		d.label(xAt(t), g.y+g.h+labelMargin, 0, lineHeight/2, "middle", color, labels[i])
	}

	thick := band * (1 - share(s.BarCategoryGap, 0.2))
	for i, b := range bars {
		v := min(max(b.Value, xmin), xmax)
		x0, x1 := xAt(max(xmin, min(0, xmax))), xAt(v)
		if x1 < x0 {
			x0, x1 = x1, x0
		}
		y := bandTop(i) + (band-thick)/2
		if x1 > x0 {
			fmt.Fprintf(&d.b, `<path d="M%s %sh%sv%sh%sZ" fill="%s"/>`,
				dec(x0), dec(y), dec(x1-x0), dec(thick), dec(x0-x1), attr(or(b.ItemStyle.Color, d.seriesColor(0))))
		}
	}
	for i, b := range bars {
		if b.Label.Show {
			end := xAt(min(max(b.Value, xmin), xmax))
			d.label(end+5, bandTop(i)+band/2, 0, 0, "start", or(b.Label.Color, "#333"), b.Label.Formatter)
		}
	}
	d.drawTitle()
	return true
}

// fixedTicks are the ticks of a value axis of a fixed extent [lo, hi], as
// ECharts lays them out: a nice interval for five splits, from lo to hi
// with the ends always ticked.
func fixedTicks(lo, hi float64) []float64 {
	interval := niceNumber((hi - lo) / 5)
	precision := decimalsOf(interval) + 2
	ticks := []float64{}
	first := roundTo(math.Ceil(lo/interval)*interval, precision)
	if lo < first {
		ticks = append(ticks, lo)
	}
	for t := first; t <= hi && len(ticks) < 1000; t = roundTo(t+interval, precision) {
		if len(ticks) > 0 && t <= ticks[len(ticks)-1] {
			break // a step lost to rounding
		}
		ticks = append(ticks, t)
	}
	if ticks[len(ticks)-1] < hi {
		ticks = append(ticks, hi)
	}
	return ticks
}

// share reads a percentage such as "35%" as 0.35, or def.
func share(s string, def float64) float64 {
	p, ok := strings.CutSuffix(s, "%")
	if !ok {
		return def
	}
	v, err := strconv.ParseFloat(p, 64)
	if err != nil || v < 0 || v >= 100 {
		return def
	}
	return v / 100
}
