package report

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"

	"kpireport/report/internal/browser/browsertest"
)

// TestProjectionDashed checks that the year-end projection is drawn as a
// dashed line in the site's chart (the ECharts instance's option, and the
// SVG ECharts draws in Chromium) and in the pack's SVG.
func TestProjectionDashed(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	t.Cleanup(cancel)
	bctx := browsertest.Start(ctx, t)
	site, _ := buildSample(ctx, t)
	tab := openDrawn(t, bctx, filepath.Join(site, "kpis", "fin-01.html"))
	const option = `(() => {
	const chart = echarts.getInstanceByDom(document.getElementById('history-fin-01'));
	const s = chart.getOption().series.find(s => s.name === 'Projection');
	if (!s) return 'no Projection series';
	if (!s.lineStyle || s.lineStyle.type !== 'dashed') return 'not dashed: ' + JSON.stringify(s.lineStyle);
	const n = s.data.filter(d => typeof d === 'number').length;
	if (n < 2) return 'projection has ' + n + ' values';
	if (!chart.getOption().series.find(s => s.name === 'Projection band')) return 'no band';
	if (!chart.getOption().series.find(s => s.name.startsWith('Year target'))) return 'no year target';
	return 'ok';
})()`
	got, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[string](option))
	if err != nil || got != "ok" {
		t.Errorf("site chart option: %s %v", got, err)
	}
	const drawn = `[...document.querySelectorAll('#history-fin-01 svg path[stroke-dasharray]')].filter(p => p.getAttribute('stroke') === '#0b5cad' && (p.getAttribute('d') || '').split('L').length > 3).length`
	n, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[int](drawn))
	if err != nil || n == 0 {
		t.Errorf("no dashed projection path drawn in the site's SVG (%d, %v)", n, err)
	}

	pack := readText(t, filepath.Join(site, "packs", "board-pack.html"))
	// The pack's charts are its only SVG paths: the projection is the
	// actual's colour, dashed, over more than two periods.
	found := regexp.MustCompile(`<path d="M[^"]*L[^"]*L[^"]*L[^"]*"[^>]*stroke="#0b5cad"[^>]*stroke-dasharray="[^"]+"`).MatchString(pack)
	if !found {
		t.Error("no dashed projection (stroke #0b5cad with stroke-dasharray) in the pack's SVG")
	}
}
