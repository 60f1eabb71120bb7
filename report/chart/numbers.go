package chart

import "kpireport/report/format"

// numberOption is a chart whose option carries "numberFormat": the
// locale's separators and the unit after the value axis's numbers, which
// ECharts ignores; the site's script and the SVG renderer make it the value
// axis's label formatter, so that its numbers read as the pages write them.
type numberOption struct {
	optioner
	group, decimal, suffix string
}

// withNumberFormat adds loc's separators to c's option, unless they are
// en-GB's, which ECharts writes itself.
func withNumberFormat(c optioner, loc format.Locale, suffix string) optioner {
	group, decimal, ok := loc.Separators()
	if !ok {
		return c
	}
	return numberOption{c, group, decimal, suffix}
}

// JSON is the chart's option with its number format.
func (c numberOption) JSON() map[string]any {
	m := c.optioner.JSON()
	m["numberFormat"] = map[string]string{"group": c.group, "decimal": c.decimal, "suffix": c.suffix}
	return m
}
