// Package chart builds the scorecard's charts as ECharts options and renders
// them to SVG.
//
// The options are built with go-echarts, but only its option JSON is used:
// never its HTML renderer, its random chart ids or its CDN assets. The site
// puts Chart.Option into its pages and draws it in the browser with the
// ECharts file from package templates; the review packs turn the very same
// option into inline SVG (see RenderAll): in Go for the History and Scores
// charts, laid out by ECharts' rules so that they look as ECharts draws
// them, and with ECharts' server-side renderer in goja for any other.
//
// Options hold data only (no JavaScript functions), have animation off, and
// are byte-identical for identical input.
package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"kpireport/report/format"
	"kpireport/report/scorecard"
)

// Chart is one chart ready to place in a page: its id, the ECharts option as
// JSON, its size in CSS pixels and a text alternative for screen readers.
type Chart struct {
	// ID identifies the chart in a page (an HTML id) and prefixes the ids
	// inside its SVG, so two charts on one page never share an id.
	ID string
	// Option is the ECharts option, for echarts.setOption. It is encoded
	// with <, > and & escaped, so it is data even inside a <script>.
	Option json.RawMessage
	// Width and Height are the chart's size in CSS pixels.
	Width, Height int
	// Alt describes the chart in a sentence.
	Alt string
}

// Status colours, dark enough for text on white (WCAG AA, 4.5:1).
const (
	colorOnTarget  = "#1a7f37"
	colorAtRisk    = "#b26a00"
	colorOffTarget = "#c62828"
	colorNoData    = "#6e7781"
	colorActual    = "#0b5cad"
	colorText      = "#24292f"
	colorAxis      = "#57606a"
)

// scoreStatus returns the words and colour for a 0–10 score, or for no data,
// with the scorecard's own thresholds.
func scoreStatus(score *float64) (words, color string) {
	var n scorecard.Num
	if score != nil {
		n = scorecard.Some(*score)
	}
	st := scorecard.StatusOf(n)
	return st.String(), statusColors[st]
}

// statusColors colours each status.
var statusColors = map[scorecard.Status]string{
	scorecard.NoData:    colorNoData,
	scorecard.OffTarget: colorOffTarget,
	scorecard.AtRisk:    colorAtRisk,
	scorecard.OnTarget:  colorOnTarget,
	scorecard.Exceeded:  "#0550ae", // the optional BRAG band: blue
}

// checkID reports whether id can name a chart: it becomes an HTML id and a
// prefix of SVG ids, so it is kept to letters, digits, '-', '_' and '.', and
// starts with a letter.
func checkID(id string) error {
	if id == "" {
		return fmt.Errorf("chart: empty id")
	}
	for i, r := range id {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		ok := letter || i > 0 && (r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.')
		if !ok {
			return fmt.Errorf("chart %q: id must start with a letter and hold only letters, digits, '-', '_' and '.'", id)
		}
	}
	return nil
}

// rounded returns v rounded to decimals places, half away from zero as a
// spreadsheet does, as the number that prints with exactly those decimals
// (so 0.1+0.2 becomes 0.3, not 0.30000000000000004).
func rounded(v float64, decimals int) float64 {
	r, _ := strconv.ParseFloat(format.Decimal(v, decimals), 64)
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

// checkValues checks that values has n entries (or none, when optional) and
// that every value is a finite number; name says which series it is.
func checkValues(id, name string, values []*float64, n int, optional bool) error {
	if len(values) != n && !(optional && len(values) == 0) {
		return fmt.Errorf("chart %q: %d labels but %d %s values", id, n, len(values), name)
	}
	for i, v := range values {
		if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0)) {
			return fmt.Errorf("chart %q: %s value %d is %v, not a finite number", id, name, i+1, *v)
		}
	}
	return nil
}

// seriesData turns values into ECharts series data, rounded to decimals,
// with nil as null so that gaps stay gaps. A value that repeats the one
// before it (a target, a red flag) is rounded once.
func seriesData(values []*float64, decimals int) []any {
	data := make([]any, len(values))
	var last uint64
	var lastData any
	for i, v := range values {
		if v == nil {
			continue
		}
		if bits := math.Float64bits(*v); lastData == nil || bits != last {
			last, lastData = bits, rounded(*v, decimals)
		}
		data[i] = lastData
	}
	return data
}

// hasValue reports whether values holds at least one number.
func hasValue(values []*float64) bool {
	for _, v := range values {
		if v != nil {
			return true
		}
	}
	return false
}

// withData replaces a series' data with data, which may hold nulls;
// go-echarts' own data types cannot express a missing value.
func withData(data any) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = data })
}

// quietSeries is a series hidden from the tooltip and from mouse events: the
// helper series that draw a shaded band. go-echarts has no field for that,
// nor for the band's stacking: "all" stacks its width on its lower edge
// whatever their signs, where ECharts' default ("samesign") stacks a width on
// zero when the edge below it is negative, drawing the band on the wrong
// side of the axis. (The Go renderer stacks so in any case.)
type quietSeries struct {
	charts.SingleSeries
	StackStrategy string `json:"stackStrategy,omitempty"`
	Tooltip       struct {
		Show bool `json:"show"`
	} `json:"tooltip"`
	Silent bool `json:"silent"`
}

// tweaks adjusts go-echarts' option on its way to JSON with the few options
// it has no field for.
type tweaks struct {
	charts.BaseConfigurationVisitor
	quiet       map[string]bool // names of series to make quiet
	allSymbols  map[string]bool // names of series whose every symbol is drawn, however dense the axis
	boundaryGap bool            // the category axis' boundaryGap, for line charts
	lineChart   bool
}

// VisitSeriesOpt makes the series named in t.quiet quiet.
func (t tweaks) VisitSeriesOpt(series charts.MultiSeries) any {
	out := make([]any, len(series))
	for i, s := range series {
		if t.quiet[s.Name] {
			q := quietSeries{SingleSeries: s, Silent: true}
			if s.Stack != "" {
				q.StackStrategy = "all"
			}
			out[i] = q
		} else if t.allSymbols[s.Name] {
			out[i] = markerSeries{SingleSeries: s, ShowAllSymbol: true}
		} else {
			out[i] = s
		}
	}
	return out
}

// VisitXAxis sets boundaryGap on a line chart's category axis, so the first
// and last periods sit on the chart's edges.
func (t tweaks) VisitXAxis(axes []opts.XAxis) any {
	if !t.lineChart {
		return axes
	}
	type gapAxis struct {
		opts.XAxis
		BoundaryGap bool `json:"boundaryGap"`
	}
	out := make([]gapAxis, len(axes))
	for i, a := range axes {
		out[i] = gapAxis{XAxis: a, BoundaryGap: t.boundaryGap}
	}
	return out
}

// optioner is what every go-echarts chart offers to build its option.
type optioner interface {
	Validate()
	JSON() map[string]any
}

// optionJSON encodes a go-echarts chart's option. encoding/json writes map
// keys in sorted order and escapes <, > and &, so the result is
// deterministic and safe to place in a page.
func optionJSON(id string, c optioner) (json.RawMessage, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, fmt.Errorf("chart %q: encoding option: %w", id, err)
	}
	return b, nil
}

// TooltipText is the text an axis tooltip shows, written in Go so that it
// reads as the pages do: Text[i][j] is series Series[i]'s value at the j-th
// category, nil for none. It goes into the option as "tooltipText", which
// ECharts ignores; the site's script makes it the tooltip's formatter
// function, so the option itself stays data.
type TooltipText struct {
	Series []string    `json:"series"`
	Text   [][]*string `json:"text"`
}

// anyTooltip is a chart whose option carries tip as "tooltipText": a
// TooltipText, or a placeholder for one (see echartsHistory).
type anyTooltip struct {
	optioner
	tip any
}

// JSON is the chart's option with its tooltip text.
func (c anyTooltip) JSON() map[string]any {
	m := c.optioner.JSON()
	m["tooltipText"] = c.tip
	return m
}

// commonOptions are the global options every chart shares: no animation
// (for SSR and print), a fixed palette, the chart's id and size, and an aria
// description that ECharts puts on the chart in the browser.
func commonOptions(id string, width, height int, alt string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{
			ChartID: id,
			Width:   strconv.Itoa(width) + "px",
			Height:  strconv.Itoa(height) + "px",
			// Set so go-echarts never points at its CDN; we never use its assets.
			AssetsHost: "./",
		}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(opts.Colors{colorActual, colorOnTarget, colorOffTarget, colorAtRisk, colorNoData}),
		charts.WithAriaOpts(&opts.Aria{
			Enabled: opts.Bool(true),
			Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: alt},
		}),
	}
}

// titleOptions shows title at the top left, or nothing when it is empty.
func titleOptions(title string) opts.Title {
	if title == "" {
		return opts.Title{Show: opts.Bool(false)}
	}
	return opts.Title{
		Title:      title,
		Left:       "0",
		Top:        "0",
		TitleStyle: &opts.TextStyle{Color: colorText, FontSize: 15, FontWeight: "bold"},
	}
}
