package pack

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"kpireport/report/internal/browser"
	"kpireport/report/internal/browser/browsertest"
)

// TestPacksInBrowser opens every pack of the sample from file:// in headless
// Chromium with JavaScript disabled: every chart must be there as an SVG
// with a size, no script may have run, and the page may request nothing
// but itself.
func TestPacksInBrowser(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	t.Cleanup(cancel)
	bctx := browsertest.Start(ctx, t)
	tab, err := browser.NewTab(bctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if err := DisableScripts(tab.Ctx); err != nil {
		t.Fatal(err)
	}
	// Lay the packs out as print does, in the width of an A4 page inside
	// its margins (182 mm, 688 CSS pixels), to catch what would overflow
	// the paper.
	err = chromedp.Do(tab.Ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		if _, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, target, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: a4ContentWidth, Height: 1000, DeviceScaleFactor: 1})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()

	// First, that scripts are indeed off: this page would retitle itself.
	probe := filepath.Join(dir, "probe.html")
	if err := os.WriteFile(probe, []byte(`<title>off</title><script>document.title = "ran"</script>`), 0o600); err != nil {
		t.Fatal(err)
	}
	pu, _ := browser.FileURL(probe)
	if err := tab.Open(pu); err != nil {
		t.Fatal(err)
	}
	if title, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[string](`document.title`)); err != nil || title != "off" {
		t.Fatalf("with scripts disabled, the probe's title is %q (%v), want \"off\"", title, err)
	}

	for _, f := range samplePacks(t) {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		name := filepath.Base(f.Path)
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, f.Data, 0o600); err != nil {
			t.Fatal(err)
		}
		u, err := browser.FileURL(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := tab.Open(u); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// The DevTools protocol evaluates even where the page's own
		// scripts are disabled.
		type result struct {
			Figures, SVGs, Sized, Scripts int
			Small                         []string
			Wide                          int
			Over                          []string // elements past the page's right edge
		}
		res, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[result](`(() => {
	const r = {Figures: 0, SVGs: 0, Sized: 0, Scripts: document.scripts.length, Small: [],
		Wide: document.documentElement.scrollWidth, Over: []};
	for (const e of document.querySelectorAll('body *')) {
		const b = e.getBoundingClientRect();
		if (b.right > window.innerWidth + 1) { r.Over.push(e.tagName + '.' + e.className + ' ' + Math.round(b.right)); if (r.Over.length > 3) break; }
	}
	for (const fig of document.querySelectorAll('figure.chart-figure')) {
		r.Figures++;
		const svg = fig.querySelector(':scope > svg');
		if (!svg) continue;
		r.SVGs++;
		const b = svg.getBoundingClientRect();
		if (b.width > 100 && b.height > 50 && svg.querySelectorAll('path, text').length > 0) r.Sized++;
		else r.Small.push(svg.id || fig.textContent.slice(0, 40));
	}
	return r;
})()`))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Logf("%s: %d charts, %d drawn as SVG with a size", name, res.Figures, res.Sized)
		if res.Figures == 0 || res.SVGs != res.Figures || res.Sized != res.Figures {
			t.Errorf("%s: %d chart figures, %d with an SVG, %d with a size; small: %q", name, res.Figures, res.SVGs, res.Sized, res.Small)
		}
		if res.Wide > a4ContentWidth {
			t.Errorf("%s: %dpx wide, wider than an A4 page's %dpx: %q", name, res.Wide, a4ContentWidth, res.Over)
		}
		if res.Scripts != 0 {
			t.Errorf("%s: %d script elements", name, res.Scripts)
		}
		reqs := tab.Requests()
		if len(reqs) == 0 {
			t.Errorf("%s: no request recorded, not even the pack's own", name)
		}
		for _, r := range reqs {
			if r != u {
				t.Errorf("%s: requested %s", name, r)
			}
		}
		for _, p := range tab.Problems() {
			t.Errorf("%s: %s", name, p)
		}
	}
}

// a4ContentWidth is the width inside an A4 page's margins, 210 − 2 × 14 mm,
// in CSS pixels (96 to the inch).
const a4ContentWidth = 688
