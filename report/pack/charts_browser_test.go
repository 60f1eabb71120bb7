package pack

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kpireport/report/chart"
	"kpireport/report/internal/browser/browsertest"
	"kpireport/report/view"
)

// TestSampleChartsMatchECharts draws every chart of the sample's packs
// with ECharts and as the packs draw them (in Go), and checks in Chromium
// that few pixels differ: the packs look as they did when ECharts drew
// them. The share allowed is the chart package's (see maxDiffShare there).
func TestSampleChartsMatchECharts(t *testing.T) {
	const maxDiffShare = 0.004
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	t.Cleanup(cancel)
	sc, err := sample()
	if err != nil {
		t.Fatal(err)
	}
	charts, err := view.New(sc, "").PackCharts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	drawn, err := chart.RenderAll(ctx, charts, 2)
	if err != nil {
		t.Fatal(err)
	}
	r, err := chart.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	tab := browsertest.Tab(ctx, t)
	dir := t.TempDir()
	pngDir := os.Getenv(browsertest.PNGDirEnv)
	worst := 0.0
	for i, c := range charts {
		want, err := r.SVG(c)
		if err != nil {
			t.Fatal(err)
		}
		a := browsertest.ShowSVG(t, tab, dir, want)
		b := browsertest.ShowSVG(t, tab, dir, drawn[i])
		share, diff := browsertest.PixelDiff(a, b)
		worst = max(worst, share)
		t.Logf("%s: %.3f%% of pixels differ", c.ID, 100*share)
		if share > maxDiffShare {
			t.Errorf("%s: %.2f%% of pixels differ from ECharts' drawing, more than %.1f%%", c.ID, 100*share, 100*maxDiffShare)
		}
		if pngDir != "" {
			browsertest.SavePNG(t, filepath.Join(pngDir, "sample-"+c.ID+".png"), a, b, diff)
		}
	}
	t.Logf("%d charts; at most %.3f%% of a chart's pixels differ", len(charts), 100*worst)
}
