package chart

import "fmt"

// Legend layout of ECharts' defaults: each item an icon of 25 by 14 with
// its text 5 after it, items 10 apart, 5 of padding around them all.
const (
	legendIconW   = 25
	legendIconH   = 14
	legendGap     = 10
	legendPadding = 5
)

// legendItem is one entry of the legend, placed relative to the legend.
type legendItem struct {
	name   string
	series int
	x, y   float64 // the item's origin: the top left of its icon
	top    float64 // the top of what the item draws, from its origin
	w, h   float64 // the size of what it draws
}

// drawLegend draws the legend of a line chart centred at the chart's
// bottom: a row of items (wrapped when wider than the chart), each a short
// line in the series' style with its symbol (a circle for none) and name.
func (d *drawing) drawLegend() {
	l := d.o.Legend
	if l.Show == nil || !*l.Show || len(l.Data) == 0 {
		return
	}
	var items []legendItem
	for _, name := range l.Data {
		for i, s := range d.o.Series {
			if s.Name != name {
				continue
			}
			it := legendItem{name: name, series: i, top: 1, h: lineHeight}
			it.w = legendIconW + 5 + textWidth(name, fontSize) + 1 // the icon's line pokes out 1 at the left
			if half := legendIconH*0.8/2 + d.o.Series[i].ItemStyle.BorderWidth/2; s.Symbol == "diamond" && half > legendIconH/2-1 {
				it.top, it.h = legendIconH/2-half, 2*half
			}
			items = append(items, it)
			break
		}
	}
	if len(items) == 0 {
		return
	}
	// Rows, as ECharts' box layout fills them.
	maxW := d.w - 2*legendPadding
	var x, y, rowH, contentW float64
	for i := range items {
		it := &items[i]
		if x > 0 && x+it.w > maxW {
			x, y = 0, y+rowH+legendGap
			rowH = 0
		}
		it.x, it.y = x, y
		rowH = max(rowH, it.h)
		contentW = max(contentW, x+it.w)
		x += it.w + legendGap
	}
	minY := items[0].top
	for _, it := range items {
		minY = min(minY, it.y+it.top)
	}
	contentH := y + rowH
	for _, it := range items {
		if it.y == y {
			contentH = max(contentH, it.y+it.top+it.h-minY)
		}
	}
	left := (d.w-(contentW+2*legendPadding))/2 + legendPadding + 1
	top := d.h - length(l.Bottom, d.h, 0) - (contentH + 2*legendPadding) + legendPadding - minY
	color := or(l.TextStyle.Color, "#333")
	for _, it := range items {
		d.legendIcon(left+it.x, top+it.y, it.series)
		d.label(left+it.x, top+it.y, legendIconW+5, legendIconH/2, "start", color, it.name)
	}
}

// legendIcon draws series i's legend icon with its top left at (x, y).
func (d *drawing) legendIcon(x, y float64, i int) {
	s := d.o.Series[i]
	st := s.LineStyle
	cy := y + legendIconH/2
	fmt.Fprintf(&d.b, `<path d="M%s %sL%s %s" fill="none" stroke="%s" stroke-width="2"%s%s/>`,
		dec(x), dec(cy), dec(x+legendIconW), dec(cy), attr(or(st.Color, d.seriesColor(i))), dash(st.Type, 2), opacity("stroke-opacity", st.Opacity))
	kind := s.Symbol
	if kind == "none" {
		kind = "circle"
	}
	d.symbol(kind, x+legendIconW/2.0, cy, legendIconH*0.8, s.ItemStyle, d.seriesColor(i))
}
