package chart

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Series names of a History chart's year-end projection.
const (
	NameProjection     = "Projection"      // dashed: the forecast after the last actual
	nameProjectionBase = "projection-base" // invisible: where the projection's band starts
	NameProjectionBand = "Projection band"
	NameYearTarget     = "Year target" // an outlined marker at year end
)

// Projection is the year-end projection a History chart draws after its
// last actual: one value per label (nil before the projection starts; the
// first value should repeat the last actual, so the dashed line continues
// the solid one), its band, and the year's target at one label.
type Projection struct {
	Value, Low, High []*float64
	// YearTarget is the year's target in the chart's terms (for a KPI that
	// sums, the monthly average it implies), drawn at label YearTargetAt.
	YearTarget   *float64
	YearTargetAt int
	// YearTargetName names the marker in the legend and tooltip; empty
	// means "Year target".
	YearTargetName string
	Basis          string // "run-rate, 6 months", for the text alternative
}

func checkProjection(in HistoryInput) error {
	p := in.Projection
	if p == nil {
		return nil
	}
	n := len(in.Labels)
	for _, s := range []struct {
		name string
		v    []*float64
	}{{"projection", p.Value}, {"projection low", p.Low}, {"projection high", p.High}} {
		if err := checkValues(in.ID, s.name, s.v, n, true); err != nil {
			return err
		}
	}
	if p.YearTarget != nil && (p.YearTargetAt < 0 || p.YearTargetAt >= n) {
		return fmt.Errorf("chart %q: year target at label %d of %d", in.ID, p.YearTargetAt, n)
	}
	return nil
}

// addProjection adds the projection's band (two quiet stacked series), its
// dashed line and the year target's outlined diamond, and returns the
// visible series it added with their values.
func addProjection(line *seriesList, in HistoryInput) (names []string, values [][]*float64) {
	p := in.Projection
	if p == nil {
		return nil, nil
	}
	if hasValue(p.Low) && hasValue(p.High) {
		width := make([]*float64, len(p.Low))
		for i := range p.Low {
			if p.Low[i] != nil && p.High[i] != nil {
				w := rounded(*p.High[i], in.Decimals) - rounded(*p.Low[i], in.Decimals)
				width[i] = &w
			}
		}
		line.add(nameProjectionBase, seriesData(p.Low, in.Decimals), quietLine("projection"),
			charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)}))
		line.add(NameProjectionBand, seriesData(width, in.Decimals), quietLine("projection"),
			charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorActual}),
			charts.WithAreaStyleOpts(opts.AreaStyle{Color: colorActual, Opacity: opts.Float(0.12)}))
	}
	if hasValue(p.Value) {
		// The tooltip leaves out the first value, the last actual repeated.
		tips := append([]*float64(nil), p.Value...)
		for i, v := range tips {
			if v != nil {
				tips[i] = nil
				break
			}
		}
		names, values = append(names, NameProjection), append(values, tips)
		line.add(NameProjection, seriesData(p.Value, in.Decimals),
			charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(false), Symbol: "none"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorActual}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: colorActual, Width: 2, Type: "dashed"}))
	}
	if p.YearTarget != nil {
		vs := make([]*float64, len(in.Labels))
		vs[p.YearTargetAt] = p.YearTarget
		name := p.YearTargetName
		if name == "" {
			name = NameYearTarget
		}
		names, values = append(names, name), append(values, vs)
		line.add(name, seriesData(vs, in.Decimals),
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "diamond", SymbolSize: 14}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: "#ffffff", BorderColor: colorOnTarget, BorderWidth: 2}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: colorOnTarget, Width: 0}))
	}
	return names, values
}

// markerSeries is a line series that draws every symbol: ECharts otherwise
// thins the symbols of a dense category axis, and may leave out a lone
// marker. go-echarts has no field for that.
type markerSeries struct {
	charts.SingleSeries
	ShowAllSymbol bool `json:"showAllSymbol"`
}

// yearTargetName is the name of in's year-target marker, or empty.
func yearTargetName(in HistoryInput) string {
	p := in.Projection
	if p == nil || p.YearTarget == nil {
		return ""
	}
	if p.YearTargetName != "" {
		return p.YearTargetName
	}
	return NameYearTarget
}
