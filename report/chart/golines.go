package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// lineSeries is a line series ready to draw: its values, and for a stacked
// series the values it sits on.
type lineSeries struct {
	goSeries
	index  int
	values []*float64 // the top of the series: its own values, stacked
	base   []*float64 // what it is stacked on, nil when not stacked on another
}

// drawLines draws a History chart. It returns false when the series'
// data are not numbers or nulls, one per category.
func (d *drawing) drawLines() bool {
	o := d.o
	xa, ya := o.XAxis[0], o.YAxis[0]
	n := len(xa.Data)
	series, ok := stackLines(o.Series, n)
	if !ok {
		return false
	}

	// The value axis's extent: every value, stacked values as stacked.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range series {
		for _, v := range s.values {
			if v != nil {
				lo, hi = min(lo, *v), max(hi, *v)
			}
		}
	}
	if lo > hi {
		lo, hi = 0, 1 // no data: ECharts' blank axis
	}
	if math.IsInf(hi-lo, 0) {
		return false // a span past float64's: ECharts' to draw as it may
	}
	ticks := niceTicks(lo, hi)
	if len(ticks) < 2 || !(ticks[len(ticks)-1] > ticks[0]) {
		return false // an axis of one tick (or NaN): nothing to scale by; ECharts' to draw
	}
	ymin, ymax := ticks[0], ticks[len(ticks)-1]
	labels := make([]string, len(ticks))
	for i, t := range ticks {
		labels[i] = d.valueLabel(ya, t)
	}

	if !d.layoutGrid(n > 0, labels) {
		return false
	}
	g := d.grid
	xAt := func(i int) float64 {
		if n == 1 {
			return g.x + g.w/2
		}
		return g.x + float64(i)*g.w/float64(n-1)
	}
	yAt := func(v float64) float64 { return g.y + g.h - (v-ymin)/(ymax-ymin)*g.h }
	bottom := g.y + g.h

	// Split lines, the value axis's name, the category axis, the labels.
	if ya.SplitLine.Show == nil || *ya.SplitLine.Show {
		color := or(ya.SplitLine.LineStyle.Color, "#E0E6F1")
		for _, t := range ticks {
			y := crisp(yAt(t))
			fmt.Fprintf(&d.b, `<path d="M%s %sL%s %s" fill="none" stroke="%s"/>`, dec(g.x), dec(y), dec(g.x+g.w), dec(y), attr(color))
		}
	}
	if ya.Name != "" {
		d.label(g.x, g.y-nameGap, 0, -lineHeight/2, "middle", defaultAxis, ya.Name)
	}
	axisY := bottom
	if ymin <= 0 && ymax >= 0 {
		axisY = yAt(0) // ECharts draws the category axis on zero
	}
	axisColor := or(xa.AxisLine.LineStyle.Color, defaultAxis)
	fmt.Fprintf(&d.b, `<path d="M%s %sL%s %s" fill="none" stroke="%s" stroke-linecap="round"/>`,
		dec(g.x), dec(crisp(axisY)), dec(g.x+g.w), dec(crisp(axisY)), attr(axisColor))
	shown := categoryLabels(xa.Data, xAt)
	for _, i := range shown {
		x := crisp(xAt(i))
		fmt.Fprintf(&d.b, `<path d="M%s %sL%s %s" fill="none" stroke="%s"/>`, dec(x), dec(axisY), dec(x), dec(axisY+tickLength), attr(axisColor))
	}
	color := or(ya.AxisLabel.Color, defaultAxis)
	for i, t := range ticks {
		d.label(g.x-labelMargin, yAt(t), 0, 0, "end", color, labels[i])
	}
	color = or(xa.AxisLabel.Color, defaultAxis)
	visible := shown
	if xa.AxisLabel.HideOverlap {
		visible = hideOverlap(xa.Data, shown, xAt)
	}
	for _, i := range visible {
		d.label(xAt(i), bottom+labelMargin, 0, lineHeight/2, "middle", color, xa.Data[i])
	}

	// The series: areas below lines below markers, each in series order.
	for _, s := range series {
		if s.AreaStyle != nil {
			d.area(s, xAt, yAt)
		}
	}
	for _, s := range series {
		d.line(s, xAt, yAt)
	}
	symbolsAt := map[int]bool{}
	for _, i := range shown {
		symbolsAt[i] = true
	}
	for _, s := range series {
		if s.ShowSymbol != nil && !*s.ShowSymbol || s.Symbol == "none" {
			continue
		}
		size := s.SymbolSize
		if size == 0 {
			size = 4
		}
		// ECharts thins the markers of a crowded axis to the labelled
		// categories, unless told to show them all; a value between two
		// gaps, which has no line, keeps its marker all the same.
		thin := !s.ShowAllSymbol && n > 0 && size*1.5 > g.w/float64(n)
		for i, v := range s.values {
			lone := (i == 0 || s.values[i-1] == nil) && (i == n-1 || s.values[i+1] == nil)
			if v != nil && (!thin || symbolsAt[i] || lone) {
				d.symbol(s.Symbol, xAt(i), yAt(*v), size, s.ItemStyle, d.seriesColor(s.index))
			}
		}
	}
	d.drawLegend()
	d.drawTitle()
	return true
}

// stackLines decodes the line series' data and stacks the series that
// share a stack: each sits on the sum of those before it. It returns false
// when a series' data is not n numbers or nulls.
func stackLines(all []goSeries, n int) ([]lineSeries, bool) {
	out := make([]lineSeries, len(all))
	top := map[string][]*float64{}
	for i, s := range all {
		var data []*float64
		if err := json.Unmarshal(s.Data, &data); err != nil || len(data) != n {
			return nil, false
		}
		ls := lineSeries{goSeries: s, index: i, values: data}
		if s.Stack != "" {
			if below, ok := top[s.Stack]; ok {
				ls.base = below
				ls.values = make([]*float64, n)
				for j, v := range data {
					if v != nil && below[j] != nil {
						sum := *v + *below[j]
						ls.values[j] = &sum
					}
				}
			}
			top[s.Stack] = ls.values
		}
		out[i] = ls
	}
	return out, true
}

// categoryLabels returns the categories that get a label and a tick: every
// one, or every so many when their labels would crowd the axis, as
// ECharts picks them (labels 1.3 times their width apart).
func categoryLabels(labels []string, xAt func(int) float64) []int {
	n := len(labels)
	interval := 0
	if n > 1 {
		unit := math.Abs(xAt(1) - xAt(0))
		step := 1
		if n > 40 {
			step = n / 40
		}
		widest := 0.0
		for i := 0; i < n; i += step {
			widest = max(widest, textWidth(labels[i], fontSize)*1.3, 7)
		}
		if unit > 0 {
			interval = int(math.Floor(widest / unit))
		}
	}
	var out []int
	for i := 0; i < n; i += interval + 1 {
		out = append(out, i)
	}
	return out
}

// hideOverlap leaves out the labels of shown that would overlap one kept
// before them.
func hideOverlap(labels []string, shown []int, xAt func(int) float64) []int {
	var out []int
	lastEnd := math.Inf(-1)
	for _, i := range shown {
		w := textWidth(labels[i], fontSize)
		x := xAt(i) - w/2
		if x < lastEnd {
			continue
		}
		out = append(out, i)
		lastEnd = x + w
	}
	return out
}

// line draws a series' line, one path with a piece per run of values
// between gaps, unless the line is invisible.
func (d *drawing) line(s lineSeries, xAt func(int) float64, yAt func(float64) float64) {
	st := s.LineStyle
	if st.Opacity != nil && *st.Opacity <= 0 {
		return
	}
	width := 2.0
	if st.Width != nil {
		width = *st.Width
	}
	if width <= 0 {
		return
	}
	var p strings.Builder
	segment := false
	for i, v := range s.values {
		if v == nil {
			segment = false
			continue
		}
		if segment {
			p.WriteString("L")
		} else {
			p.WriteString("M")
		}
		p.WriteString(dec(xAt(i)) + " " + dec(yAt(*v)))
		segment = true
	}
	if !strings.Contains(p.String(), "L") {
		return // lone points only: nothing to stroke
	}
	color := or(st.Color, d.seriesColor(s.index))
	fmt.Fprintf(&d.b, `<path d="%s" fill="none" stroke="%s" stroke-width="%s"%s%s stroke-linejoin="bevel"%s/>`,
		p.String(), attr(color), dec(width), dash(st.Type, width), opacity("stroke-opacity", st.Opacity), d.clip(s))
}

// area shades a stacked series between its values and those it sits on
// (or the axis' bottom when it sits on none), a polygon per run of values.
func (d *drawing) area(s lineSeries, xAt func(int) float64, yAt func(float64) float64) {
	var p strings.Builder
	n := len(s.values)
	for i := 0; i < n; {
		if s.values[i] == nil || s.base != nil && s.base[i] == nil {
			i++
			continue
		}
		j := i
		for j < n && s.values[j] != nil && (s.base == nil || s.base[j] != nil) {
			j++
		}
		if j-i > 1 {
			for k := i; k < j; k++ {
				p.WriteString(map[bool]string{true: "M", false: "L"}[k == i] + dec(xAt(k)) + " " + dec(yAt(*s.values[k])))
			}
			for k := j - 1; k >= i; k-- {
				bottom := 0.0
				if s.base != nil {
					bottom = *s.base[k]
				}
				p.WriteString("L" + dec(xAt(k)) + " " + dec(yAt(bottom)))
			}
			p.WriteString("Z")
		}
		i = j
	}
	if p.Len() == 0 {
		return
	}
	a := s.AreaStyle
	color := or(a.Color, d.seriesColor(s.index))
	op := 0.7
	if a.Opacity != nil {
		op = *a.Opacity
	}
	fmt.Fprintf(&d.b, `<path d="%s" fill="%s" fill-opacity="%s"%s/>`, p.String(), attr(color), num3(op), d.clip(s))
}

// clip is the clip-path attribute of a series' line and area: the grid
// widened by half the line's width, as ECharts clips them, so that a line
// along the grid's edge is cut as ECharts cuts it (to the tenth of a pixel
// its clip rectangle is written to). Series of one width share a clip path.
func (d *drawing) clip(s lineSeries) string {
	width := 2.0
	if w := s.LineStyle.Width; w != nil && *w > 0 {
		width = *w
	}
	key := dec(width)
	id, ok := d.clips[key]
	if !ok {
		id = d.id + "-c" + strconv.Itoa(len(d.clips))
		if d.clips == nil {
			d.clips = map[string]string{}
		}
		d.clips[key] = id
		g := d.grid
		x, y, w, h := g.x-width/2, g.y-width/2, math.Ceil(g.w+width), g.h+width
		if x != math.Floor(x) {
			x, w = math.Floor(x), w+1
		}
		fmt.Fprintf(&d.defs, `<clipPath id="%s"><path d="M%s %sh%sv%sh%sZ"/></clipPath>`, id, dec(x), dec(y), dec(w), dec(h), dec(-w))
	}
	return ` clip-path="url(#` + id + `)"`
}

// symbol draws a marker of size at (x, y): a filled circle, or a diamond
// filled and outlined by its item style.
func (d *drawing) symbol(kind string, x, y, size float64, st goItemStyle, color string) {
	fill := or(st.Color, color)
	h := size / 2
	stroke := ""
	if st.BorderWidth > 0 && st.BorderColor != "" {
		stroke = fmt.Sprintf(` stroke="%s" stroke-width="%s"`, attr(st.BorderColor), dec(st.BorderWidth))
	}
	if kind == "diamond" {
		fmt.Fprintf(&d.b, `<path d="M%s %sL%s %sL%s %sL%s %sZ" fill="%s"%s/>`,
			dec(x), dec(y-h), dec(x+h), dec(y), dec(x), dec(y+h), dec(x-h), dec(y), attr(fill), stroke)
		return
	}
	fmt.Fprintf(&d.b, `<circle cx="%s" cy="%s" r="%s" fill="%s"%s/>`, pos(x), pos(y), pos(h), attr(fill), stroke)
}

// dash is the stroke-dasharray attribute of a line type, scaled to the
// line's width as ECharts scales it.
func dash(kind string, width float64) string {
	switch kind {
	case "dashed":
		return ` stroke-dasharray="` + dec(4*width) + `,` + dec(2*width) + `"`
	case "dotted":
		return ` stroke-dasharray="` + dec(width) + `"`
	}
	return ""
}

// opacity is an opacity attribute, or nothing when it is not set.
func opacity(name string, v *float64) string {
	if v == nil || *v >= 1 {
		return ""
	}
	return ` ` + name + `="` + num3(max(*v, 0)) + `"`
}

// num3 writes an opacity, with up to three decimals.
func num3(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", v), "0"), ".")
}

// or is s, or def when s is empty.
func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
