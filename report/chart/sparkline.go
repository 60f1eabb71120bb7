package chart

import (
	"fmt"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Size of a Sparkline, in CSS pixels.
const (
	sparklineWidth  = 120
	sparklineHeight = 32
)

// Sparkline builds a tiny line of values, oldest first, for a table row: no
// axes, no legend, no tooltip, gaps kept, and the latest value marked with a
// dot. Values are drawn as given; round them first if that matters.
func Sparkline(id string, values []*float64) (Chart, error) {
	if err := checkID(id); err != nil {
		return Chart{}, err
	}
	if err := checkValues(id, "sparkline", values, len(values), false); err != nil {
		return Chart{}, err
	}
	data := make([]any, len(values))
	last := -1
	for i, v := range values {
		if v != nil {
			data[i] = *v
			last = i
		}
	}
	if last >= 0 {
		data[last] = opts.LineData{Value: *values[last], Symbol: "circle", SymbolSize: 5}
	}

	alt := sparklineAlt(values)
	line := charts.NewLine()
	line.SetGlobalOptions(append(commonOptions(id, sparklineWidth, sparklineHeight, alt),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "4", Right: "6", Top: "4", Bottom: "4"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Show: opts.Bool(false)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Show: opts.Bool(false), Scale: opts.Bool(true)}),
	)...)
	line.AddSeries("Actual", nil, withData(data),
		charts.WithLineChartOpts(opts.LineChart{
			ConnectNulls: opts.Bool(false),
			ShowSymbol:   opts.Bool(true), // the series has none; only the last point has one
			Symbol:       "none",
		}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorActual}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: colorActual, Width: 1.5}))
	line.Accept(tweaks{lineChart: true})

	option, err := optionJSON(id, line)
	if err != nil {
		return Chart{}, err
	}
	return Chart{ID: id, Option: option, Width: sparklineWidth, Height: sparklineHeight, Alt: alt}, nil
}

// sparklineAlt describes a sparkline, e.g. "Trend over 12 periods, from
// 10.1 to 12.3."
func sparklineAlt(values []*float64) string {
	var first, last *float64
	count := 0
	for _, v := range values {
		if v != nil {
			if first == nil {
				first = v
			}
			last = v
			count++
		}
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	switch count {
	case 0:
		return fmt.Sprintf("Trend over %d periods: no data.", len(values))
	case 1:
		return fmt.Sprintf("Trend over %d periods: one value, %s.", len(values), num(*last))
	}
	return fmt.Sprintf("Trend over %d periods, from %s to %s.", len(values), num(*first), num(*last))
}
