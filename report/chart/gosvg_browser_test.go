package chart

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kpireport/report/format"
	"kpireport/report/internal/browser/browsertest"
)

// maxDiffShare is the share of a chart's pixels that may differ visibly
// between ECharts' SVG and the Go renderer's in Chromium. Both measure text
// with the same table and write coordinates to the same tenth of a pixel,
// so what is left is anti-aliasing: markers drawn as circles rather than
// ECharts' arcs, and lines a hundredth of a pixel apart. That is under
// 0.2% of the pixels for every chart here (0.0% for the Scores charts).
// Real differences cost more: the at-risk band drawn on the wrong side of
// zero differed by 18%, and the range chart with its coordinates written to
// a hundredth rather than a tenth (its dashed lines 0.04px off, their
// dashes out of step) and its labels at x and y rather than translated by
// 0.53%.
const maxDiffShare = 0.004

// pngDirEnv names a folder where TestGoRendererMatchesECharts saves each
// comparison as a PNG: ECharts' chart, the Go renderer's, and their
// differences in red.
const pngDirEnv = browsertest.PNGDirEnv

// comparisonCharts are the charts drawn both ways: every direction, gaps,
// a projection, a % unit, a long title, a German locale, a flat series,
// negative values, a long history and the Scores chart.
func comparisonCharts(t *testing.T) []Chart {
	t.Helper()
	months := func(n int) []string {
		l := make([]string, n)
		for i := range l {
			l[i] = time.Date(2021, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC).Format("Jan 2006")
		}
		return l
	}
	series := func(n int, f func(i int) float64) []*float64 {
		out := make([]*float64, n)
		for i := range out {
			out[i] = num(f(i))
		}
		return out
	}
	de, err := format.ParseLocale("de-DE")
	if err != nil {
		t.Fatal(err)
	}
	proj := func(n, from int, last float64) *Projection {
		p := &Projection{Value: make([]*float64, n), Low: make([]*float64, n), High: make([]*float64, n), Basis: "run-rate, 6 months"}
		for i := from; i < n; i++ {
			k := float64(i - from)
			p.Value[i], p.Low[i], p.High[i] = num(last-k*2), num(last-k*2-k*1.5), num(last-k*2+k*1.5)
		}
		p.YearTarget, p.YearTargetAt = num(last+2), n-1
		return p
	}
	n := 24
	wave := func(i int) float64 { return 100 + 8*float64(i%7) - 3*float64(i%5) }
	ins := []HistoryInput{
		{ID: "higher", Title: "Revenue", Unit: "£m", Decimals: 1, Direction: "higher", Labels: months(n),
			Actual: series(n, wave), Target: series(n, func(int) float64 { return 110 }), RedFlag: series(n, func(int) float64 { return 100 })},
		{ID: "lower", Title: "Complaints", Unit: "days", Direction: "lower", Labels: months(n),
			Actual: series(n, func(i int) float64 { return 40 - float64(i%9) }), Target: series(n, func(i int) float64 { return 35 - float64(i/12) }), RedFlag: series(n, func(i int) float64 { return 45 - float64(i/12) })},
		{ID: "range", Title: "Stock cover", Unit: "weeks", Decimals: 1, Direction: "range", Labels: months(n),
			Actual: series(n, func(i int) float64 { return 4 + float64(i%4)*0.6 }), Target: series(n, func(int) float64 { return 4.5 }), TargetMax: series(n, func(int) float64 { return 5.5 })},
		{ID: "gaps", Title: "Survey score", Decimals: 1, Labels: months(12),
			Actual: nums(7.1, gap, 7.4, gap, gap, 7.9, 8, gap, 6.5, gap, 7, 7.2), Target: nums(7.5, 7.5, 7.5, gap, gap, 7.5, 7.5, 7.5, 7.5, 7.5, 7.5, 7.5)},
		{ID: "projection", Title: "Water delivered", Unit: "Ml", Direction: "higher", Labels: months(12),
			Actual: append(series(7, wave), nil, nil, nil, nil, nil), Target: series(12, func(int) float64 { return 108 }), RedFlag: series(12, func(int) float64 { return 98 }),
			Projection: proj(12, 6, wave(6))},
		{ID: "percent", Title: "Leakage", Unit: "%", Decimals: 1, Direction: "lower", Labels: months(n),
			Actual: series(n, func(i int) float64 { return 12 + float64(i%6)*0.7 }), Target: series(n, func(int) float64 { return 12.5 }), RedFlag: series(n, func(int) float64 { return 14 })},
		{ID: "longtitle", Title: "Percentage of customer contacts resolved at the first point of contact across all channels, weighted", Unit: "%", Labels: months(n),
			Actual: series(n, func(i int) float64 { return 60 + float64(i%8) }), Target: series(n, func(int) float64 { return 65 })},
		{ID: "german", Title: "Umsatz", Unit: "€k", Decimals: 1, Locale: de, Labels: months(n),
			Actual: series(n, func(i int) float64 { return 18000 + 900*float64(i%5) }), Target: series(n, func(int) float64 { return 19500.5 }), RedFlag: series(n, func(int) float64 { return 17500 })},
		{ID: "germanpercent", Title: "Quote", Unit: "%", Decimals: 1, Locale: de, Labels: months(12),
			Actual: series(12, func(i int) float64 { return 0.5 + float64(i%3)*0.25 }), Target: series(12, func(int) float64 { return 1 })},
		{ID: "flat", Title: "Flat", Unit: "staff", Labels: months(n),
			Actual: series(n, func(int) float64 { return 42 }), Target: series(n, func(int) float64 { return 42 })},
		// Negative values, the band above zero; then a band whose lower
		// edge is below zero, which the option's stackStrategy "all" has
		// ECharts stack on that edge, as the Go renderer does (see
		// TestGoBandBelowZero).
		{ID: "negative", Title: "Net cash flow", Unit: "£m", Decimals: 1, Labels: months(n),
			Actual: series(n, func(i int) float64 { return -3 + float64(i%7) }), Target: series(n, func(int) float64 { return 1.5 }), RedFlag: series(n, func(int) float64 { return 0.5 })},
		{ID: "belowzero", Title: "Operating margin", Unit: "%", Decimals: 1, Labels: months(n),
			Actual: series(n, func(i int) float64 { return -2 + float64(i%6) }), Target: series(n, func(int) float64 { return 0.5 }), RedFlag: series(n, func(int) float64 { return -1 })},
		{ID: "long", Title: "Five years", Unit: "£k", Labels: months(60),
			Actual: series(60, func(i int) float64 { return 1200 + 35*float64(i%11) + 4*float64(i) }), Target: series(60, func(i int) float64 { return 1300 + 3*float64(i) }), RedFlag: series(60, func(i int) float64 { return 1150 + 3*float64(i) })},
		{ID: "lone", Title: "Lone value", Labels: months(6), Actual: nums(gap, gap, 3, gap, gap, gap)},
	}
	var out []Chart
	for _, in := range ins {
		c, err := History(in)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	sc, err := ScoresIn(format.Locale{}, "scores", "", []string{"Financial", "Customer", "Internal processes", "Learning and growth"}, nums(7.2, 4.1, gap, 2.5))
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, sc)
	sc, err = Scores("scorestitle", "Objective scores", []string{"Grow revenue", "Keep customers"}, nums(9.5, 0))
	if err != nil {
		t.Fatal(err)
	}
	return append(out, sc)
}

// TestGoRendererMatchesECharts draws each of comparisonCharts with ECharts
// and with the Go renderer, screenshots both in Chromium and checks that
// few of their pixels differ.
func TestGoRendererMatchesECharts(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	t.Cleanup(cancel)
	tab := browsertest.Tab(ctx, t)
	dir := t.TempDir()
	pngDir := os.Getenv(pngDirEnv)
	for _, c := range comparisonCharts(t) {
		want := svg(t, c)
		got, ok, err := goSVG(c)
		if !ok || err != nil {
			t.Fatalf("%s: the Go renderer does not draw it (%v)", c.ID, err)
		}
		a := browsertest.ShowSVG(t, tab, dir, want)
		b := browsertest.ShowSVG(t, tab, dir, got)
		share, diff := browsertest.PixelDiff(a, b)
		t.Logf("%s: %.3f%% of pixels differ", c.ID, 100*share)
		if share > maxDiffShare {
			t.Errorf("%s: %.2f%% of pixels differ between ECharts and the Go renderer, more than %.1f%%", c.ID, 100*share, 100*maxDiffShare)
		}
		if pngDir != "" {
			browsertest.SavePNG(t, filepath.Join(pngDir, c.ID+".png"), a, b, diff)
		}
	}
}
