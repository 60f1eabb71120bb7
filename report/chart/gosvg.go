package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// This file is the Go renderer: it draws, from their option JSON, the two
// kinds of chart the packs print (a History chart's lines on a category
// axis, and a Scores chart's horizontal bars) as ECharts' server-side
// renderer draws them, measured and laid out by the same rules (see
// measure.go and ticks.go), so that a pack looks as it did with ECharts but
// needs no JavaScript runtime. An option outside what the renderer knows is
// left to ECharts (drawable reports which).

// Style of ECharts' defaults that the options do not set.
const (
	fontSize     = 12 // axis labels, legend, axis name
	lineHeight   = 12 // a line of 12px text, as ECharts measures it
	labelMargin  = 8  // between an axis and its labels
	tickLength   = 5
	nameGap      = 15 // between a value axis's end and its name
	titlePadding = 5
	defaultAxis  = "#6E7079" // an axis's line and name without a colour of their own
)

// goOption is the subset of an ECharts option the Go renderer reads.
type goOption struct {
	Title  goTitle    `json:"title"`
	Grid   []goGrid   `json:"grid"`
	Legend goLegend   `json:"legend"`
	Series []goSeries `json:"series"`
	XAxis  []goAxis   `json:"xAxis"`
	YAxis  []goAxis   `json:"yAxis"`
	Color  []string   `json:"color"`
	// NumberFormat is the locale's separators for the value axis (see
	// withNumberFormat).
	NumberFormat *struct {
		Group   string `json:"group"`
		Decimal string `json:"decimal"`
		Suffix  string `json:"suffix"`
	} `json:"numberFormat"`
}

type goTitle struct {
	Show      *bool  `json:"show"`
	Text      string `json:"text"`
	TextStyle struct {
		Color      string  `json:"color"`
		FontSize   float64 `json:"fontSize"`
		FontWeight string  `json:"fontWeight"`
	} `json:"textStyle"`
	Left string `json:"left"`
	Top  string `json:"top"`
}

type goGrid struct {
	Left         string `json:"left"`
	Top          string `json:"top"`
	Right        string `json:"right"`
	Bottom       string `json:"bottom"`
	ContainLabel bool   `json:"containLabel"`
}

type goLegend struct {
	Show      *bool    `json:"show"`
	Bottom    string   `json:"bottom"`
	Data      []string `json:"data"`
	TextStyle struct {
		Color string `json:"color"`
	} `json:"textStyle"`
}

type goLineStyle struct {
	Color   string   `json:"color"`
	Width   *float64 `json:"width"`
	Type    string   `json:"type"`
	Opacity *float64 `json:"opacity"`
}

type goItemStyle struct {
	Color       string  `json:"color"`
	BorderColor string  `json:"borderColor"`
	BorderWidth float64 `json:"borderWidth"`
}

type goSeries struct {
	Name          string          `json:"name"`
	Type          string          `json:"type"`
	Stack         string          `json:"stack"`
	ConnectNulls  bool            `json:"connectNulls"`
	ShowSymbol    *bool           `json:"showSymbol"`
	ShowAllSymbol bool            `json:"showAllSymbol"`
	Symbol        string          `json:"symbol"`
	SymbolSize    float64         `json:"symbolSize"`
	Smooth        bool            `json:"smooth"`
	Data          json.RawMessage `json:"data"`
	ItemStyle     goItemStyle     `json:"itemStyle"`
	LineStyle     goLineStyle     `json:"lineStyle"`
	AreaStyle     *struct {
		Color   string   `json:"color"`
		Opacity *float64 `json:"opacity"`
	} `json:"areaStyle"`
	BarCategoryGap string `json:"barCategoryGap"`
}

type goAxis struct {
	Type         string   `json:"type"`
	Data         []string `json:"data"`
	Name         string   `json:"name"`
	NameLocation string   `json:"nameLocation"`
	Scale        bool     `json:"scale"`
	Inverse      bool     `json:"inverse"`
	BoundaryGap  *bool    `json:"boundaryGap"`
	Min          *float64 `json:"min"`
	Max          *float64 `json:"max"`
	AxisLabel    struct {
		Color       string `json:"color"`
		Formatter   string `json:"formatter"`
		HideOverlap bool   `json:"hideOverlap"`
		Show        *bool  `json:"show"`
		Rotate      any    `json:"rotate"`
		Interval    any    `json:"interval"`
	} `json:"axisLabel"`
	AxisLine struct {
		LineStyle struct {
			Color string `json:"color"`
		} `json:"lineStyle"`
	} `json:"axisLine"`
	SplitLine struct {
		Show      *bool `json:"show"`
		LineStyle struct {
			Color string `json:"color"`
		} `json:"lineStyle"`
	} `json:"splitLine"`
}

// barDatum is one bar of a Scores chart.
type barDatum struct {
	Name      string      `json:"name"`
	Value     float64     `json:"value"`
	ItemStyle goItemStyle `json:"itemStyle"`
	Label     struct {
		Show      bool   `json:"show"`
		Position  string `json:"position"`
		Color     string `json:"color"`
		Formatter string `json:"formatter"`
	} `json:"label"`
}

// goSVG draws c in Go. It returns ok false, and no error, when c's option
// is not one the Go renderer draws; ECharts has to draw it then.
func goSVG(c Chart) (svg string, ok bool, err error) {
	if err := checkID(c.ID); err != nil {
		return "", true, err
	}
	if c.Width <= 0 || c.Height <= 0 {
		return "", true, fmt.Errorf("chart %q: size %dx%d is not positive", c.ID, c.Width, c.Height)
	}
	var o goOption
	if err := json.Unmarshal(c.Option, &o); err != nil {
		return "", false, nil
	}
	d := &drawing{id: c.ID, w: float64(c.Width), h: float64(c.Height), o: &o}
	switch {
	case d.lineChart():
		if !d.drawLines() {
			return "", false, nil
		}
	case d.barChart():
		if !d.drawBars() {
			return "", false, nil
		}
	default:
		return "", false, nil
	}
	return addLabel(d.finish(), c.Alt), true, nil
}

// drawing is a chart being drawn.
type drawing struct {
	id   string
	w, h float64
	o    *goOption
	b    strings.Builder
	grid rect
	// defs holds the clip paths, named in clips by their line width.
	defs  strings.Builder
	clips map[string]string
}

type rect struct{ x, y, w, h float64 }

// lineChart reports whether the option is a History chart: one grid, a
// category x axis with its points on the band edges (boundaryGap false), a
// value y axis with its scale from the data, and only straight line series
// with a symbol of their own.
func (d *drawing) lineChart() bool {
	o := d.o
	if len(o.Grid) != 1 || len(o.XAxis) != 1 || len(o.YAxis) != 1 || len(o.Series) == 0 {
		return false
	}
	x, y := o.XAxis[0], o.YAxis[0]
	if x.Type != "category" || x.Inverse || x.BoundaryGap == nil || *x.BoundaryGap || y.Type != "value" || !y.Scale || y.Inverse || y.Min != nil || y.Max != nil {
		return false
	}
	if !plainLabels(x) || !plainLabels(y) || y.NameLocation != "" && y.NameLocation != "end" {
		return false
	}
	if y.AxisLabel.Formatter != "" && strings.Count(y.AxisLabel.Formatter, "{") != 1 {
		return false
	}
	for _, s := range o.Series {
		if s.Type != "line" || s.Smooth || s.ConnectNulls {
			return false
		}
		switch s.Symbol {
		case "none", "circle", "diamond":
		default:
			return false
		}
		switch s.LineStyle.Type {
		case "", "solid", "dashed", "dotted":
		default:
			return false
		}
	}
	return true
}

// barChart reports whether the option is a Scores chart: one grid, a value
// x axis with a fixed extent and a category y axis, and one bar series.
func (d *drawing) barChart() bool {
	o := d.o
	if len(o.Grid) != 1 || len(o.XAxis) != 1 || len(o.YAxis) != 1 || len(o.Series) != 1 {
		return false
	}
	x, y := o.XAxis[0], o.YAxis[0]
	if x.Type != "value" || x.Min == nil || x.Max == nil || *x.Max <= *x.Min || x.Inverse || y.Type != "category" {
		return false
	}
	if !plainLabels(x) || !plainLabels(y) || x.AxisLabel.Formatter != "" || x.Name != "" || y.Name != "" {
		return false
	}
	s := o.Series[0]
	return s.Type == "bar" && s.Stack == ""
}

// plainLabels reports whether an axis's labels are shown unrotated at
// their automatic interval.
func plainLabels(a goAxis) bool {
	return (a.AxisLabel.Show == nil || *a.AxisLabel.Show) && a.AxisLabel.Rotate == nil && a.AxisLabel.Interval == nil
}

// finish wraps what was drawn in the root <svg>.
func (d *drawing) finish() string {
	w, h := dec(d.w), dec(d.h)
	defs := ""
	if d.defs.Len() > 0 {
		defs = "<defs>" + d.defs.String() + "</defs>"
	}
	return `<svg width="` + w + `" height="` + h + `" xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 ` + w + ` ` + h + `">` +
		d.b.String() + defs + `</svg>`
}

// layoutGrid places the grid by its option in the chart and, when it is to
// contain its axes' labels, takes out of it a line of labels at the bottom
// (when the x axis has some) and the widest of the y axis's labels at the
// left, as ECharts' containLabel does. It returns false when no room is
// left.
func (d *drawing) layoutGrid(xLabels bool, yLabels []string) bool {
	g := d.o.Grid[0]
	left, top := length(g.Left, d.w, 0.1*d.w), length(g.Top, d.h, 60)
	right, bottom := length(g.Right, d.w, 0.1*d.w), length(g.Bottom, d.h, 60)
	d.grid = rect{left, top, d.w - left - right, d.h - top - bottom}
	if g.ContainLabel {
		if xLabels {
			d.grid.h -= lineHeight + labelMargin
		}
		wide := 0.0
		for _, l := range yLabels {
			wide = max(wide, textWidth(l, fontSize))
		}
		d.grid.x += wide + labelMargin
		d.grid.w -= wide + labelMargin
	}
	return d.grid.w > 0 && d.grid.h > 0
}

// length reads a position of the option: pixels ("16"), a share of whole
// ("10%"), or def when empty or unreadable.
func length(s string, whole, def float64) float64 {
	if p, ok := strings.CutSuffix(s, "%"); ok {
		if v, err := strconv.ParseFloat(p, 64); err == nil {
			return v / 100 * whole
		}
		return def
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v
	}
	return def
}

// valueLabel writes a value axis's number as ECharts does, with the
// option's number format (its separators and suffix) or, without one, with
// commas and the axis's "{value}" formatter.
func (d *drawing) valueLabel(a goAxis, v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if nf := d.o.NumberFormat; nf != nil {
		s = group(intPart, nf.Group)
		if hasFrac {
			s += nf.Decimal + frac
		}
		return s + nf.Suffix
	}
	s = group(intPart, ",")
	if hasFrac {
		s += "." + frac
	}
	if f := a.AxisLabel.Formatter; f != "" {
		return strings.Replace(f, "{value}", s, 1)
	}
	return s
}

// group puts sep between each three digits of an integer's digits.
func group(digits, sep string) string {
	sign := ""
	if rest, ok := strings.CutPrefix(digits, "-"); ok {
		sign, digits = "-", rest
	}
	if len(digits) <= 3 {
		return sign + digits
	}
	var b strings.Builder
	b.WriteString(sign)
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// seriesColor is a series' colour: its item colour, or the palette's.
func (d *drawing) seriesColor(i int) string {
	if c := d.o.Series[i].ItemStyle.Color; c != "" {
		return c
	}
	if len(d.o.Color) > 0 {
		return d.o.Color[i%len(d.o.Color)]
	}
	return "#5470c6"
}

// drawTitle writes the title at the top left, as ECharts places it.
func (d *drawing) drawTitle() {
	t := d.o.Title
	if t.Show != nil && !*t.Show || t.Text == "" {
		return
	}
	size := t.TextStyle.FontSize
	if size == 0 {
		size = 18
	}
	color := t.TextStyle.Color
	if color == "" {
		color = "#464646"
	}
	weight := ""
	if t.TextStyle.FontWeight != "" && t.TextStyle.FontWeight != "normal" {
		weight = "font-weight:" + attr(t.TextStyle.FontWeight) + ";"
	}
	x := length(t.Left, d.w, 0) + titlePadding
	y := length(t.Top, d.h, 0) + titlePadding
	fmt.Fprintf(&d.b, `<text dominant-baseline="central" style="font-size:%spx;font-family:sans-serif;%s"%s y="%s" transform="translate(%s %s)" fill="%s">%s</text>`,
		pos(size), weight, preserve(t.Text), pos(size/2), pos(x), pos(y), attr(color), text(t.Text))
}

// label writes a line of 12px text at (x+dx, y), centred vertically on
// y+dy.
// Text goes where ECharts puts it, at a translation, for Chromium places
// the glyphs of translated text a little differently from text at x and y.
func (d *drawing) label(x, y, dx, dy float64, anchor, color, s string) {
	off := ""
	if dx != 0 {
		off = ` x="` + pos(dx) + `"`
	}
	if dy != 0 {
		off += ` y="` + pos(dy) + `"`
	}
	fmt.Fprintf(&d.b, `<text dominant-baseline="central" text-anchor="%s" style="font-size:12px;font-family:sans-serif;"%s%s transform="translate(%s %s)" fill="%s">%s</text>`,
		anchor, preserve(s), off, pos(x), pos(y), attr(color), text(s))
}

// preserve keeps the spaces of s as they are, when it has some.
func preserve(s string) string {
	if strings.Contains(s, " ") {
		return ` xml:space="preserve"`
	}
	return ""
}

// crisp moves a coordinate of a 1px line to the middle of a pixel, as
// ECharts does, so that the line is sharp.
func crisp(v float64) float64 {
	d := math.Round(v * 2)
	if int64(d+1)%2 == 0 {
		return d / 2
	}
	return (d + 1) / 2
}

// dec writes a coordinate of a path with at most one decimal, as ECharts
// writes them (a tenth of a pixel is below what shows), and pos a position
// of text or a marker with up to four.
func dec(v float64) string { return decimals(v, 10) }

func pos(v float64) string { return decimals(v, 1e4) }

// decimals writes v rounded to 1/scale; never NaN or Inf, which the
// callers keep out, but 0 should one slip in.
func decimals(v, scale float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	v = math.Round(v*scale) / scale
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// text escapes s for an SVG text node, quotes too, as ECharts does: the
// text of a hostile name then reads as no markup at all, not even to a
// search for an attribute.
func text(s string) string { return escaper.Replace(s) }

// attr escapes s for a double-quoted attribute.
func attr(s string) string { return escaper.Replace(s) }

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")
