package report

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"kpireport/report/internal/browser"
	"kpireport/report/internal/browser/browsertest"
)

var screenshotDir = flag.String("screenshot", "",
	"TestSiteInBrowser saves full-page PNGs of index.html, a perspective and a KPI page into `DIR`")

// sampleWorkbook is the sample the site tests build, from this folder.
const sampleWorkbook = "../sample-data/northvale-water.xlsx"

const (
	// browserTimeout bounds a whole browser test, browser start included.
	browserTimeout = 3 * time.Minute
	// browserChartWait is how long a page's charts may take to draw.
	browserChartWait = 15 * time.Second
	// browserWidth is the width of the window pages are opened in, and of
	// the screenshots.
	browserWidth, browserHeight = 1280, 900
)

// TestSiteInBrowser builds the sample site and opens every page of it in
// headless Chromium: each must load without console errors or uncaught
// exceptions, draw every chart, and request nothing outside the site's
// folder.
func TestSiteInBrowser(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	t.Cleanup(cancel) // after the browser has closed: cleanups run last first
	bctx := browsertest.Start(ctx, t)

	site, pages := buildSample(ctx, t)
	kinds := pageKinds(site, pages)
	for _, kind := range []string{"index", "perspective", "kpi"} {
		if kinds[kind] == "" {
			t.Errorf("the site has no %s page; it has %q", kind, pages)
		}
	}

	start := time.Now()
	results := checkPages(bctx, site, pages, browserChartWait)
	charts := 0
	for _, r := range results {
		charts += r.charts
	}
	t.Logf("checked %d pages with %d charts in %.1fs", len(pages), charts, time.Since(start).Seconds())
	for _, p := range pages {
		r := results[p]
		rel, _ := filepath.Rel(site, p)
		if strings.HasPrefix(filepath.ToSlash(rel), "kpis/") && r.charts == 0 && len(r.problems) == 0 {
			r.problems = append(r.problems, "no .chart element on a KPI page")
		}
		if len(r.problems) > 0 {
			t.Errorf("%s:\n\t%s", rel, strings.Join(r.problems, "\n\t"))
		}
	}

	if *screenshotDir != "" {
		saveScreenshots(t, bctx, kinds, *screenshotDir)
	}
}

// TestBrowserCatchesProblems opens pages with known faults and checks that
// the checker of TestSiteInBrowser reports each one, and nothing on a page
// without faults.
func TestBrowserCatchesProblems(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	t.Cleanup(cancel)
	bctx := browsertest.Start(ctx, t)

	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	files := map[string]string{
		"bad.html": `<!doctype html><title>bad</title>
<img src="https://example.com/x.png">
<div class="chart" id="never"></div>
<script>console.error("chart data is missing");</script>`,
		"thrown.html": `<!doctype html><title>thrown</title>
<script>throw new Error("thrown on purpose");</script>`,
		"outside.html": `<!doctype html><title>outside</title>
<img src="../outside.png">`,
		"good.html": `<!doctype html><title>good</title>
<link rel="stylesheet" href="assets/site.css">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<div class="chart"><svg width="10" height="10"><path d="M0 0L10 10"/></svg></div>
<script>console.log("fine"); console.warn("fine too");</script>`,
		"assets/site.css": `body { margin: 0 }`,
	}
	for name, text := range files {
		writeSiteFile(t, filepath.Join(site, name), text)
	}
	writeSiteFile(t, filepath.Join(dir, "outside.png"), "")

	pageURL := func(name string) string {
		u, err := browser.FileURL(filepath.Join(site, name))
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	outsideURL, err := browser.FileURL(filepath.Join(dir, "outside.png"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"bad.html": {
			"console.error: chart data is missing (" + pageURL("bad.html") + ":4)",
			"request leaves the site: https://example.com/x.png",
			"chart #never has no <svg>",
		},
		"thrown.html": {
			"uncaught exception: Error: thrown on purpose (" + pageURL("thrown.html") + ":2)",
		},
		"outside.html": {
			"request leaves the site: " + outsideURL,
		},
		"good.html": nil,
		"missing.html": {
			"does not load: page load error net::ERR_FILE_NOT_FOUND",
		},
	}

	var pages []string
	for name := range want {
		pages = append(pages, filepath.Join(site, name))
	}
	// A short wait: the chart on bad.html never draws.
	results := checkPages(bctx, site, pages, 300*time.Millisecond)
	for name, w := range want {
		got := results[filepath.Join(site, name)].problems
		if !slices.Equal(got, w) {
			t.Errorf("%s: got problems\n\t%s\nwant\n\t%s", name, strings.Join(got, "\n\t"), strings.Join(w, "\n\t"))
		}
	}
}

func TestInsideSite(t *testing.T) {
	site := filepath.FromSlash("/tmp/x/site")
	for _, tc := range []struct {
		url  string
		want bool
	}{
		{"file:///tmp/x/site/index.html", true},
		{"file:///tmp/x/site/kpis/f%20one.html", true},
		{"file:///tmp/x/site/assets/echarts.min.js?v=1#top", true},
		{"file://localhost/tmp/x/site/index.html", true},
		{"data:image/png;base64,AAAA", true},
		{"file:///tmp/x/site", false},
		{"file:///tmp/x/site2/index.html", false},
		{"file:///tmp/x/site/../secret.txt", false},
		{"file:///tmp/x/other.png", false},
		{"file://server/tmp/x/site/index.html", false},
		{"https://example.com/x.png", false},
		{"http://localhost/site/index.html", false},
		{"blob:file:///abc", false},
		{"about:blank", false},
		{"", false},
	} {
		if got := insideSite(site, tc.url); got != tc.want {
			t.Errorf("insideSite(%q, %q) = %v; want %v", site, tc.url, got, tc.want)
		}
	}
}

// pageResult is what checkPage found on one page.
type pageResult struct {
	problems []string // one line each; none when the page is fine
	charts   int      // the number of .chart elements
}

// checkPages checks the HTML files pages, all inside the folder site, in a
// few tabs of the browser at once, one a CPU up to four, and returns what
// it found by file.
func checkPages(bctx context.Context, site string, pages []string, wait time.Duration) map[string]pageResult {
	results := make(map[string]pageResult, len(pages))
	var mu sync.Mutex
	todo := make(chan string)
	var wg sync.WaitGroup
	for range min(4, runtime.GOMAXPROCS(0), len(pages)) {
		wg.Go(func() {
			tab, err := browser.NewTab(bctx)
			if err == nil {
				defer tab.Close()
				err = chromedp.Do(tab.Ctx, chromedp.EmulateViewport(browserWidth, browserHeight))
			}
			for p := range todo {
				r := pageResult{problems: []string{fmt.Sprint(err)}}
				if err == nil {
					r = checkPage(tab, site, p, wait)
				}
				mu.Lock()
				results[p] = r
				mu.Unlock()
			}
		})
	}
	for _, p := range pages {
		todo <- p
	}
	close(todo)
	wg.Wait()
	return results
}

// checkPage opens the file in the tab and reports what is wrong: the page
// does not load, the console shows an error or an uncaught exception, a
// request goes outside the folder site, or a chart has not drawn within
// wait.
func checkPage(tab *browser.Tab, site, file string, wait time.Duration) pageResult {
	var r pageResult
	u, err := browser.FileURL(file)
	if err != nil {
		r.problems = []string{err.Error()}
		return r
	}
	var chartProblems []string
	if err := tab.Open(u); err != nil {
		r.problems = append(r.problems, "does not load: "+err.Error())
	} else {
		r.charts, chartProblems = checkCharts(tab, wait)
	}
	r.problems = append(r.problems, tab.Problems()...)
	for _, req := range tab.Requests() {
		if !insideSite(site, req) {
			r.problems = append(r.problems, "request leaves the site: "+req)
		}
	}
	r.problems = append(r.problems, chartProblems...)
	return r
}

// chartsDrawn is true once every .chart element holds an <svg> with a <path>.
const chartsDrawn = `[...document.querySelectorAll('.chart')].every(c => c.querySelector('svg path'))`

// undrawnCharts names each .chart element that holds no <svg> with a <path>,
// and says what it lacks.
const undrawnCharts = `[...document.querySelectorAll('.chart')].flatMap((c, i) => {
	const svg = c.querySelector('svg');
	if (svg && svg.querySelector('path')) return [];
	const name = c.id ? '#' + c.id : 'number ' + (i + 1);
	return ['chart ' + name + (svg ? ' has an <svg> with no <path>' : ' has no <svg>')];
})`

// checkCharts waits up to wait for the charts of the page in the tab to
// draw, and returns how many there are and a line for each that did not.
func checkCharts(tab *browser.Tab, wait time.Duration) (int, []string) {
	if _, err := tab.Wait(chartsDrawn, wait); err != nil {
		return 0, []string{"waiting for the charts: " + err.Error()}
	}
	n, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[int](`document.querySelectorAll('.chart').length`))
	if err != nil {
		return 0, []string{"counting the charts: " + err.Error()}
	}
	undrawn, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[[]string](undrawnCharts))
	if err != nil {
		return n, []string{"listing the charts: " + err.Error()}
	}
	return n, undrawn
}

// insideSite reports whether the request URL stays within the folder site:
// a file:// URL of a file inside it, or a data: URL.
func insideSite(site, rawURL string) bool {
	if strings.HasPrefix(rawURL, "data:") {
		return true
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "file" || (u.Host != "" && u.Host != "localhost") {
		return false
	}
	p := u.Path
	if len(p) > 2 && p[0] == '/' && p[2] == ':' {
		p = p[1:] // a Windows drive letter: /C:/...
	}
	rel, err := filepath.Rel(site, filepath.FromSlash(p))
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// siteHTMLFiles lists the .html files under dir, sorted.
// buildSample builds the sample workbook's site into a temporary folder and
// returns the folder and its HTML pages.
func buildSample(ctx context.Context, t *testing.T) (site string, pages []string) {
	t.Helper()
	site = filepath.Join(t.TempDir(), "site")
	var log bytes.Buffer
	if err := Build(ctx, Options{Inputs: []string{sampleWorkbook}, Out: site, Log: &log}); err != nil {
		t.Fatalf("Build: %v\n%s", err, log.Bytes())
	}
	pages, err := siteHTMLFiles(site)
	if err != nil {
		t.Fatal(err)
	}
	return site, pages
}

func siteHTMLFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".html") {
			files = append(files, p)
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// pageKinds picks one page of each kind from the sorted pages of the site:
// "index", the first "perspective" and the first "kpi".
func pageKinds(site string, pages []string) map[string]string {
	kinds := make(map[string]string)
	for _, p := range pages {
		rel, err := filepath.Rel(site, p)
		if err != nil {
			continue
		}
		kind := ""
		switch dir, name := path.Split(filepath.ToSlash(rel)); {
		case dir == "" && name == "index.html":
			kind = "index"
		case dir == "perspectives/":
			kind = "perspective"
		case dir == "kpis/":
			kind = "kpi"
		}
		if kind != "" && kinds[kind] == "" {
			kinds[kind] = p
		}
	}
	return kinds
}

// saveScreenshots saves a full-page PNG, browserWidth wide, of each page in
// kinds into dir as KIND.png.
func saveScreenshots(t *testing.T, bctx context.Context, kinds map[string]string, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, kind := range slices.Sorted(maps.Keys(kinds)) {
		png, err := screenshotPage(bctx, kinds[kind])
		if err != nil {
			t.Errorf("screenshot of %s: %v", kinds[kind], err)
			continue
		}
		out := filepath.Join(dir, kind+".png")
		if err := os.WriteFile(out, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("saved %s (%s)", out, filepath.Base(kinds[kind]))
	}
}

// chartsStill is true when the charts' markup is the same as 200 ms or more
// before: their animations have ended.
const chartsStill = `(() => {
	const now = [...document.querySelectorAll('.chart svg')].map(s => s.innerHTML).join('\n');
	const last = window.__kpireportCharts;
	if (!last || last.markup !== now) {
		window.__kpireportCharts = {markup: now, since: performance.now()};
		return false;
	}
	return performance.now() - last.since >= 200;
})()`

// screenshotPage opens the file in a new tab browserWidth wide, waits for its
// charts to draw and to stop moving, and returns a PNG of the whole page.
func screenshotPage(bctx context.Context, file string) ([]byte, error) {
	u, err := browser.FileURL(file)
	if err != nil {
		return nil, err
	}
	tab, err := browser.NewTab(bctx)
	if err != nil {
		return nil, err
	}
	defer tab.Close()
	err = chromedp.Do(tab.Ctx, chromedp.EmulateViewport(browserWidth, browserHeight))
	if err == nil {
		err = tab.Open(u)
	}
	if err != nil {
		return nil, err
	}
	// A page whose charts do not draw or settle is still worth a look.
	for _, cond := range []string{chartsDrawn, chartsStill} {
		if _, err := tab.Wait(cond, 5*time.Second); err != nil {
			return nil, err
		}
	}
	return chromedp.Run(tab.Ctx, func(ctx context.Context, target *chromedp.Target) ([]byte, error) {
		m, err := cdp.Call(ctx, target, page.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		if m.CSSContentSize == nil {
			return nil, fmt.Errorf("no content size for %s", u)
		}
		yes := true
		r, err := cdp.Call(ctx, target, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			CaptureBeyondViewport: &yes,
			FromSurface:           &yes,
			Clip: &page.Viewport{
				Width:  browserWidth,
				Height: math.Ceil(m.CSSContentSize.Height),
				Scale:  1,
			},
		})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	})
}

func writeSiteFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// openDrawn opens a page of the built site in a new tab, closed when the
// test ends, and waits for its charts to draw.
func openDrawn(t *testing.T, bctx context.Context, page string) *browser.Tab {
	t.Helper()
	tab, err := browser.NewTab(bctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tab.Close)
	u, err := browser.FileURL(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := tab.Open(u); err != nil {
		t.Fatal(err)
	}
	if ok, err := tab.Wait(chartsDrawn, browserChartWait); !ok || err != nil {
		t.Fatalf("the charts of %s did not draw: %v", page, err)
	}
	return tab
}

// TestChartTooltip shows the tooltip of a currency KPI's chart in the browser
// and checks it writes the figures as the history table does: "£27,464k",
// the currency before the number.
func TestChartTooltip(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	t.Cleanup(cancel)
	bctx := browsertest.Start(ctx, t)
	site, _ := buildSample(ctx, t)
	tab := openDrawn(t, bctx, filepath.Join(site, "kpis", "fin-01.html"))
	const show = `(() => {
	const el = document.getElementById('history-fin-01');
	const chart = echarts.getInstanceByDom(el);
	const last = chart.getOption().xAxis[0].data.indexOf('Sep 2026'); // the last actual; the projection follows
	chart.dispatchAction({type: 'showTip', seriesIndex: chart.getOption().series.findIndex(s => s.name === 'Actual'), dataIndex: last});
	return true;
})()`
	if _, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[bool](show)); err != nil {
		t.Fatal(err)
	}
	const tip = `[...document.getElementById('history-fin-01').querySelectorAll('div')].map(d => d.innerText).filter(s => s.includes('Actual')).pop() || ''`
	if ok, err := tab.Wait(tip, browserChartWait); !ok || err != nil {
		t.Fatalf("no tooltip showed: %v", err)
	}
	got, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[string](tip))
	if err != nil {
		t.Fatal(err)
	}
	want := "Sep 2026\nRed flag: £24,480k\nTarget: £27,200k\nActual: £27,464k"
	if strings.TrimSpace(got) != want {
		t.Errorf("tooltip %q, want %q", got, want)
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("console: %q", p)
	}
}
