package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"kpireport/report/format"
)

// Size of a History chart, in CSS pixels.
const (
	historyWidth  = 720
	historyHeight = 320
)

// Series names of a History chart, as its legend and tooltip show them.
const (
	nameActual    = "Actual"
	nameTarget    = "Target"
	nameTargetMax = "Target (max)"
	nameRedFlag   = "Red flag"
	nameBandBase  = "band-base" // invisible: where the shaded band starts
	nameAtRisk    = "At risk"   // the band between red flag and target
	nameOnTarget  = "On target" // the band between target and target max
)

// HistoryInput is a KPI's history, one entry per period.
type HistoryInput struct {
	ID        string // chart id, e.g. "kpi-f1-revenue"
	Title     string // the KPI's name
	Unit      string // e.g. "%", "£m", "days"; may be empty
	Frequency string // e.g. "monthly"; only used in the text alternative
	Decimals  int    // decimals shown for values, 0 to 10
	// Direction is "higher" or "lower" (is better), or "range" (on target
	// between Target and TargetMax). Empty means "higher".
	Direction string
	Labels    []string // period labels, oldest first, e.g. "Oct 2023"
	// Actual has one value per label, nil where there is no data. Target,
	// RedFlag and TargetMax have one per label too, or are empty.
	Actual, Target, RedFlag, TargetMax []*float64
	// Locale writes the figures of the tooltips and the text alternative;
	// the zero Locale is en-GB's.
	Locale format.Locale
	// Projection, when not nil, is the year-end projection drawn after
	// the actual (see Projection).
	Projection *Projection
}

// History builds the chart of a KPI's history: the actual as a solid line
// with markers, the target as a dashed line, the red flag as a dotted line,
// and a shaded band between them: for "higher" and "lower" KPIs the at-risk
// band between red flag and target, for "range" KPIs the on-target band
// between target and target max. Missing values stay gaps. Series with no
// values at all are left out.
//
// The band is drawn as two stacked, quiet series (its lower edge, then its
// width), so it follows targets that change from period to period; the
// tooltip lists only the visible lines.
func History(in HistoryInput) (Chart, error) {
	if err := checkHistory(in); err != nil {
		return Chart{}, err
	}
	alt := historyAlt(in)
	s := historySeriesOf(in)
	option, err := historyOption(in, alt, s)
	if err != nil {
		return Chart{}, err
	}
	return Chart{ID: in.ID, Option: option, Width: historyWidth, Height: historyHeight, Alt: alt}, nil
}

// echartsHistory encodes the option of a History chart with go-echarts:
// in's layout with alt as its text alternative, and the series s. With
// holes set, the parts that change from KPI to KPI (the text alternative,
// the title, the labels, each series' data and the tooltip's text) are
// placeholders instead (see historyHole), for historyOption to fill.
func echartsHistory(in HistoryInput, alt string, s historySeries, holes bool) (json.RawMessage, error) {
	var labels any = in.Labels
	var tips any = historyTooltip(in.Locale, s.visible, s.tips, in.Decimals, in.Unit)
	if holes {
		alt, labels, tips = historyHole(holeAlt), historyHole(holeLabels), historyHole(holeTooltip)
		if in.Title != "" {
			in.Title = historyHole(holeTitle)
		}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(historyLayout(in, alt)...)
	line.SetXAxis(labels)
	for i, sp := range s.series {
		var data any = sp.data
		if holes {
			data = historyHole(holeData + strconv.Itoa(i))
		}
		line.AddSeries(sp.name, nil, append([]charts.SeriesOpts{withData(data)}, sp.opts...)...)
	}
	line.SetGlobalOptions(
		charts.WithLegendOpts(opts.Legend{
			Show:      opts.Bool(true),
			Bottom:    "0",
			Data:      s.legend,
			TextStyle: &opts.TextStyle{Color: colorText},
		}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
	)
	line.Accept(tweaks{quiet: map[string]bool{nameBandBase: true, s.band: true, nameProjectionBase: true, NameProjectionBand: true}, allSymbols: map[string]bool{yearTargetName(in): true}, lineChart: true})
	return optionJSON(in.ID, withNumberFormat(anyTooltip{line, tips}, in.Locale, percentSuffix(in.Unit)))
}

// checkHistory reports the first problem of in that History cannot draw:
// a bad id, decimals or direction, or a series whose length is not the
// labels'.
func checkHistory(in HistoryInput) error {
	if err := checkID(in.ID); err != nil {
		return err
	}
	if in.Decimals < 0 || in.Decimals > 10 {
		return fmt.Errorf("chart %q: decimals %d is not between 0 and 10", in.ID, in.Decimals)
	}
	switch in.Direction {
	case "", "higher", "lower", "range":
	default:
		return fmt.Errorf("chart %q: direction %q is not higher, lower or range", in.ID, in.Direction)
	}
	n := len(in.Labels)
	if err := checkValues(in.ID, "actual", in.Actual, n, false); err != nil {
		return err
	}
	if err := checkValues(in.ID, "target", in.Target, n, true); err != nil {
		return err
	}
	if err := checkValues(in.ID, "red flag", in.RedFlag, n, true); err != nil {
		return err
	}
	if err := checkValues(in.ID, "target max", in.TargetMax, n, true); err != nil {
		return err
	}
	return checkProjection(in)
}

// historyLayout is the options of a History chart that frame its series:
// the common ones with alt as its text alternative, the title, the grid
// and the two axes.
func historyLayout(in HistoryInput, alt string) []charts.GlobalOpts {
	return append(commonOptions(in.ID, historyWidth, historyHeight, alt),
		charts.WithTitleOpts(titleOptions(in.Title)),
		// Room for the title and the unit above the plot, the legend below
		// it, and half a period label beside it at either end.
		charts.WithGridOpts(opts.Grid{Left: "16", Right: "32", Top: "60", Bottom: "40", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{
			Type:      "category",
			AxisLabel: &opts.AxisLabel{Color: colorAxis, HideOverlap: opts.Bool(true)},
			AxisLine:  &opts.AxisLine{LineStyle: &opts.LineStyle{Color: colorAxis}},
		}),
		charts.WithYAxisOpts(historyYAxis(in.Unit)),
	)
}

// historySeries is the series of a History chart, bottom to top, and
// what they leave for its legend and tooltip.
type historySeries struct {
	series  seriesList   // every series drawn, bottom to top
	visible []string     // the visible series, bottom to top
	tips    [][]*float64 // their values, in the order of visible
	legend  []string     // visible, then the band when it is drawn
	band    string       // the band's series name, drawn or not
}

// seriesSpec is one series of a line chart: its name, its data (numbers
// and nulls) and its style.
type seriesSpec struct {
	name string
	data []any
	opts []charts.SeriesOpts
}

// seriesList is a line chart's series, bottom to top.
type seriesList []seriesSpec

// add appends the series name with data and style opts.
func (l *seriesList) add(name string, data []any, opts ...charts.SeriesOpts) {
	*l = append(*l, seriesSpec{name: name, data: data, opts: opts})
}

// historySeriesOf lists the series of a History chart bottom to top: the
// band, the red flag, the target (and target max), the actual, the
// projection.
func historySeriesOf(in HistoryInput) historySeries {
	var s historySeries
	var drawn bool
	s.band, drawn = addHistoryBand(&s.series, in)
	if hasValue(in.RedFlag) {
		s.visible, s.tips = append(s.visible, nameRedFlag), append(s.tips, in.RedFlag)
		addPlainLine(&s.series, nameRedFlag, in.RedFlag, in.Decimals, opts.LineStyle{Color: colorOffTarget, Width: 2, Type: "dotted"})
	}
	if hasValue(in.Target) {
		s.visible, s.tips = append(s.visible, nameTarget), append(s.tips, in.Target)
		addPlainLine(&s.series, nameTarget, in.Target, in.Decimals, opts.LineStyle{Color: colorOnTarget, Width: 1.5, Type: "dashed"})
	}
	if in.Direction == "range" && hasValue(in.TargetMax) {
		s.visible, s.tips = append(s.visible, nameTargetMax), append(s.tips, in.TargetMax)
		addPlainLine(&s.series, nameTargetMax, in.TargetMax, in.Decimals, opts.LineStyle{Color: colorOnTarget, Width: 1.5, Type: "dashed"})
	}
	s.visible, s.tips = append(s.visible, nameActual), append(s.tips, in.Actual)
	addActualLine(&s.series, in)
	names, values := addProjection(&s.series, in)
	s.visible, s.tips = append(s.visible, names...), append(s.tips, values...)
	s.legend = s.visible
	if drawn {
		s.legend = append(s.legend[:len(s.legend):len(s.legend)], s.band)
	}
	return s
}

// addHistoryBand adds the shaded band as two quiet stacked series, its
// lower edge and its width, when it has a value anywhere. It returns the
// band's name, at risk or (for range KPIs) on target, and whether it was
// added.
func addHistoryBand(line *seriesList, in HistoryInput) (name string, drawn bool) {
	lower, width := band(in)
	name, color := nameAtRisk, colorAtRisk
	if in.Direction == "range" {
		name, color = nameOnTarget, colorOnTarget
	}
	if !hasValue(lower) {
		return name, false
	}
	line.add(nameBandBase, seriesData(lower, in.Decimals), quietLine("band"),
		charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)}))
	line.add(name, seriesData(width, in.Decimals), quietLine("band"),
		charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: color}), // its legend icon
		charts.WithAreaStyleOpts(opts.AreaStyle{Color: color, Opacity: opts.Float(0.15)}))
	return name, true
}

// addPlainLine adds a target or red-flag line: no markers, drawn in
// style, its legend icon in the line's colour.
func addPlainLine(line *seriesList, name string, values []*float64, decimals int, style opts.LineStyle) {
	line.add(name, seriesData(values, decimals), plainLine(),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: style.Color}),
		charts.WithLineStyleOpts(style))
}

// addActualLine adds the actual: a solid line with a marker at each
// value, gaps kept.
func addActualLine(line *seriesList, in HistoryInput) {
	line.add(nameActual, seriesData(in.Actual, in.Decimals),
		charts.WithLineChartOpts(opts.LineChart{
			ConnectNulls: opts.Bool(false),
			ShowSymbol:   opts.Bool(true), // a value between two gaps is a lone point
			Symbol:       "circle",
			SymbolSize:   5,
		}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorActual}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: colorActual, Width: 2.5}))
}

// historyYAxis is the value axis: scaled to the data rather than from zero,
// with "%" after each label or any other unit as the axis name.
func historyYAxis(unit string) opts.YAxis {
	y := opts.YAxis{
		Type:      "value",
		Scale:     opts.Bool(true),
		AxisLabel: &opts.AxisLabel{Color: colorAxis},
		SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#d0d7de"}},
	}
	switch unit {
	case "":
	case "%":
		y.AxisLabel.Formatter = "{value}%"
	default:
		y.Name = unit
		y.NameLocation = "end"
	}
	return y
}

// historyTooltip is the text of the tooltip of each period: every visible
// series (not the quiet band) with its value written as the pages write it,
// "£27,464k" (format.Value), nil where the series has no value.
func historyTooltip(loc format.Locale, visible []string, values [][]*float64, decimals int, unit string) TooltipText {
	t := TooltipText{Series: visible, Text: make([][]*string, len(values))}
	for i, vs := range values {
		t.Text[i] = make([]*string, len(vs))
		// A value that repeats the one before it (a target, a red flag)
		// is written once.
		var last uint64
		var text *string
		for j, v := range vs {
			if v == nil {
				continue
			}
			if bits := math.Float64bits(*v); text == nil || bits != last {
				s := loc.Value(*v, decimals, unit)
				last, text = bits, &s
			}
			t.Text[i][j] = text
		}
	}
	return t
}

// plainLine is the series style of target and red-flag lines: no markers,
// gaps kept.
func plainLine() charts.SeriesOpts {
	return charts.WithLineChartOpts(opts.LineChart{
		ConnectNulls: opts.Bool(false),
		ShowSymbol:   opts.Bool(false),
		Symbol:       "none",
	})
}

// quietLine is the series style of the band's two stacked series.
func quietLine(stack string) charts.SeriesOpts {
	return charts.WithLineChartOpts(opts.LineChart{
		ConnectNulls: opts.Bool(false),
		ShowSymbol:   opts.Bool(false),
		Symbol:       "none",
		Stack:        stack,
	})
}

// band returns, per period, the lower edge of the shaded band and its
// width, or nil for both where either edge is missing. The band runs
// between red flag and target, or for range KPIs between target and target
// max.
func band(in HistoryInput) (lower, width []*float64) {
	a, b := in.RedFlag, in.Target
	if in.Direction == "range" {
		a, b = in.Target, in.TargetMax
	}
	if len(a) == 0 || len(b) == 0 {
		return nil, nil
	}
	lower = make([]*float64, len(a))
	width = make([]*float64, len(a))
	for i := range a {
		if a[i] == nil || b[i] == nil {
			continue
		}
		lo, hi := rounded(*a[i], in.Decimals), rounded(*b[i], in.Decimals)
		if lo > hi {
			lo, hi = hi, lo
		}
		w := hi - lo
		lower[i], width[i] = &lo, &w
	}
	return lower, width
}

// historyAlt describes a History chart in a sentence, e.g. "Revenue,
// monthly, Oct 2023 to Sep 2026: latest 12.3 £m against target 12.0 £m."
func historyAlt(in HistoryInput) string {
	if p := in.Projection; p != nil {
		// The history runs to the last actual (where the projection starts,
		// or later if an actual comes after that); the projection is told
		// apart.
		end := -1
		for j, v := range p.Value {
			if v != nil {
				end = j
				break
			}
		}
		for i, v := range in.Actual {
			if v != nil && i > end && end >= 0 {
				end = i
			}
		}
		if end >= 0 && end < len(in.Labels) {
			in.Labels = in.Labels[:end+1]
		}
	}
	var b strings.Builder
	title := in.Title
	if title == "" {
		title = "History"
	}
	b.WriteString(title)
	if in.Frequency != "" {
		b.WriteString(", " + in.Frequency)
	}
	switch n := len(in.Labels); n {
	case 0:
	case 1:
		b.WriteString(", " + in.Labels[0])
	default:
		b.WriteString(", " + in.Labels[0] + " to " + in.Labels[n-1])
	}
	last := -1
	for i, v := range in.Actual {
		if v != nil {
			last = i
		}
	}
	if last < 0 {
		b.WriteString(": no data.")
		return b.String()
	}
	b.WriteString(": latest " + in.Locale.Value(*in.Actual[last], in.Decimals, in.Unit))
	if last != len(in.Labels)-1 {
		b.WriteString(" in " + in.Labels[last])
	}
	at := func(values []*float64) *float64 {
		if last < len(values) {
			return values[last]
		}
		return nil
	}
	t, tmax := at(in.Target), at(in.TargetMax)
	switch {
	case in.Direction == "range" && t != nil && tmax != nil:
		b.WriteString(" against target " + in.Locale.Number(*t, in.Decimals) + " to " + in.Locale.Value(*tmax, in.Decimals, in.Unit))
	case t != nil:
		b.WriteString(" against target " + in.Locale.Value(*t, in.Decimals, in.Unit))
	}
	b.WriteString(".")
	if p := in.Projection; p != nil && p.Basis != "" {
		b.WriteString(" Dashed: projected to year end (" + p.Basis + ").")
	}
	return b.String()
}

// percentSuffix is what follows the value axis's numbers: "%" for a unit
// of "%", nothing otherwise (the unit is the axis's name).
func percentSuffix(unit string) string {
	if unit == "%" {
		return "%"
	}
	return ""
}
