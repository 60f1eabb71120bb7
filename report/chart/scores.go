package chart

import (
	"fmt"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"kpireport/report/format"
)

// Layout of a Scores chart, in CSS pixels.
const (
	scoresWidth     = 640
	scoresBarHeight = 34 // per name
	scoresExtra     = 70 // title and axis
)

// Scores builds a horizontal bar chart of 0–10 scores, one bar per name, top
// to bottom in the order given. Each bar is coloured by its status (on
// target from 6.67, at risk from 3.33, off target below, grey without a
// score) and labelled with its score and status in words, so status is never
// shown by colour alone.
func Scores(id, title string, names []string, scores []*float64) (Chart, error) {
	return ScoresIn(format.Locale{}, id, title, names, scores)
}

// ScoresIn is Scores with the labels, tooltips and text alternative
// written in loc.
func ScoresIn(loc format.Locale, id, title string, names []string, scores []*float64) (Chart, error) {
	if err := checkID(id); err != nil {
		return Chart{}, err
	}
	if len(scores) != len(names) {
		return Chart{}, fmt.Errorf("chart %q: %d names but %d scores", id, len(names), len(scores))
	}
	if err := checkValues(id, "score", scores, len(names), false); err != nil {
		return Chart{}, err
	}
	for i, s := range scores {
		if s != nil && (*s < 0 || *s > 10) {
			return Chart{}, fmt.Errorf("chart %q: score %v of %q is not between 0 and 10", id, *s, names[i])
		}
	}

	data := make([]opts.BarData, len(names))
	for i, s := range scores {
		words, color := scoreStatus(s)
		text := words
		var value float64
		if s != nil {
			value = format.ScoreValue(*s)
			text = loc.Score(*s) + " · " + words
		}
		data[i] = opts.BarData{
			Name:      names[i],
			Value:     value,
			ItemStyle: &opts.ItemStyle{Color: color},
			Label: &opts.Label{
				Show:      opts.Bool(true),
				Position:  "right",
				Color:     colorText,
				Formatter: text,
			},
			Tooltip: &opts.Tooltip{Formatter: types.FuncStr("{b}: " + text)},
		}
	}

	alt := scoresAlt(loc, title, names, scores)
	height := scoresExtra + scoresBarHeight*len(names)
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(commonOptions(id, scoresWidth, height, alt),
		charts.WithTitleOpts(titleOptions(title)),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "120", Top: "40", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{
			Type:      "value",
			Min:       0,
			Max:       10,
			AxisLabel: &opts.AxisLabel{Color: colorAxis},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#d0d7de"}},
		}),
		charts.WithYAxisOpts(opts.YAxis{
			Type:      "category",
			Inverse:   opts.Bool(true), // first name at the top
			AxisLabel: &opts.AxisLabel{Color: colorText},
		}),
	)...)
	bar.SetXAxis(names).XYReversal()
	bar.AddSeries("Score", data, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "35%"}))

	option, err := optionJSON(id, bar)
	if err != nil {
		return Chart{}, err
	}
	return Chart{ID: id, Option: option, Width: scoresWidth, Height: height, Alt: alt}, nil
}

// scoresAlt describes a Scores chart, e.g. "Perspective scores: Financial
// 7.20 (on target), Customer 4.10 (at risk)."
func scoresAlt(loc format.Locale, title string, names []string, scores []*float64) string {
	if title == "" {
		title = "Scores"
	}
	if len(names) == 0 {
		return title + ": none."
	}
	parts := make([]string, len(names))
	for i, s := range scores {
		words, _ := scoreStatus(s)
		if s == nil {
			parts[i] = names[i] + " (" + words + ")"
		} else {
			parts[i] = names[i] + " " + loc.Score(*s) + " (" + words + ")"
		}
	}
	return title + ": " + strings.Join(parts, ", ") + "."
}
