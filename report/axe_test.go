package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kpireport/internal/genbook"
	"kpireport/report/internal/browser"
	"kpireport/report/internal/browser/browsertest"
)

// axeVersion is the axe-core release the accessibility test runs; .ci/run
// fetches exactly this one.
const axeVersion = "4.10.3"

// axeEnv names the axe.min.js file of axe-core to inject into the pages.
// When it is unset, axeScript looks in the cache folder that .ci/run fills:
// $XDG_CACHE_HOME/kpireport/axe-core-<axeVersion>/axe.min.js, or
// ~/.cache/kpireport/... (os.UserCacheDir).
const axeEnv = "KPIREPORT_AXE"

// axeScript returns the text of axe.min.js: the file axeEnv names, else the
// one in the cache folder. It returns an error wrapping fs.ErrNotExist when
// there is none.
// axeOrSkip returns axe-core's script and where it was found; without it
// the test skips, except in CI (the CI environment variable set), where it
// fails.
func axeOrSkip(t *testing.T) ([]byte, string) {
	t.Helper()
	axe, path, err := axeScript()
	if errors.Is(err, fs.ErrNotExist) && os.Getenv("CI") == "" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return axe, path
}

func axeScript() ([]byte, string, error) {
	path := os.Getenv(axeEnv)
	if path == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return nil, "", fmt.Errorf("%s is not set and there is no cache folder: %w", axeEnv, fs.ErrNotExist)
		}
		path = filepath.Join(cache, "kpireport", "axe-core-"+axeVersion, "axe.min.js")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, path, fmt.Errorf("axe-core %s: %w (run: npm pack axe-core@%s, unpack it and set %s to its package/axe.min.js)", axeVersion, err, axeVersion, axeEnv)
	}
	return data, path, nil
}

// axeViolation is one rule axe-core found broken on a page, with where.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"` // CSS selectors, with a summary of why
}

// axeRun runs axe-core on the page in the tab (axe.min.js already injected)
// and returns every violation, WCAG 2.1 A and AA rules and best practices.
const axeRun = `axe.run(document, {
	resultTypes: ['violations'],
	runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
}).then(r => r.violations.map(v => ({
	id: v.id,
	impact: v.impact || '',
	help: v.help,
	nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
})))`

// TestAccessibilityAxe builds the sample site and runs axe-core in headless
// Chromium on each kind of page: the index, a perspective, a KPI, the
// initiatives and the health page. It fails on every violation of serious
// or critical impact and logs the others. Without axe-core it skips,
// except in CI (the CI environment variable set), where it fails.
func TestAccessibilityAxe(t *testing.T) {
	axe, axePath := axeOrSkip(t)
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	t.Cleanup(cancel)
	bctx := browsertest.Start(ctx, t)

	site, pages := buildSample(ctx, t)
	kinds := pageKinds(site, pages)
	kinds["initiatives"] = filepath.Join(site, "initiatives.html")
	kinds["health"] = filepath.Join(site, "health.html")
	t.Logf("axe-core %s from %s", axeVersion, axePath)

	axePages(t, bctx, site, string(axe), kinds, []string{"index", "perspective", "kpi", "initiatives", "health"})
}

// TestAccessibilityAxeAtScale runs axe-core on the page kinds a large
// scorecard makes: a perspective page in its compact form, the summary of
// the paged health review and one of its pages (840 KPIs, 210 a
// perspective), and a business unit's page with its health review (the
// group sample).
func TestAccessibilityAxeAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 840 KPIs")
	}
	axe, _ := axeOrSkip(t)
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	t.Cleanup(cancel)
	bctx := browsertest.Start(ctx, t)

	dir := t.TempDir()
	book := filepath.Join(dir, "large.xlsx")
	if err := genbook.Write(book, genbook.Spec{KPIs: 840, Months: 12}); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "site")
	if err := Build(ctx, Options{Inputs: []string{book}, Out: site, NoPacks: true, Log: io.Discard}); err != nil {
		t.Fatal(err)
	}
	group := filepath.Join(dir, "group")
	if err := Build(ctx, Options{Inputs: []string{groupWorkbook}, Out: group, NoPacks: true, Log: io.Discard}); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{
		"compact perspective": filepath.Join(site, "perspectives", "financial.html"),
		"health summary":      filepath.Join(site, "health.html"),
		"health page":         filepath.Join(site, "health", "financial.html"),
		"unit":                filepath.Join(group, "units", "nor.html"),
	}
	axePages(t, bctx, site, string(axe), kinds, []string{"compact perspective", "health summary", "health page", "unit"})
}

// axePages runs axe-core on the page of each kind, in order, in a tab of
// the browser bctx, failing on violations of serious or critical impact
// and logging the others.
func axePages(t *testing.T, bctx context.Context, site, axe string, kinds map[string]string, order []string) {
	t.Helper()
	tab, err := browser.NewTab(bctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if err := chromedp.Do(tab.Ctx, chromedp.EmulateViewport(browserWidth, browserHeight)); err != nil {
		t.Fatal(err)
	}
	for _, kind := range order {
		file := kinds[kind]
		if _, err := os.Stat(file); file == "" || err != nil {
			t.Errorf("the site has no %s page (%v)", kind, err)
			continue
		}
		vs, err := axeCheck(tab, file, axe)
		if err != nil {
			t.Errorf("%s page: %v", kind, err)
			continue
		}
		rel, err := filepath.Rel(site, file)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = filepath.Join(filepath.Base(filepath.Dir(file)), filepath.Base(file))
		}
		for _, v := range vs {
			msg := fmt.Sprintf("%s: %s (%s): %s\n\t%s", rel, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Error(msg)
			} else {
				t.Log(msg)
			}
		}
		t.Logf("%s: %d violations", rel, len(vs))
	}
}

// axeCheck opens the file in the tab, waits for its charts to draw, injects
// axe-core and returns what it finds, sorted by rule id.
func axeCheck(tab *browser.Tab, file, axe string) ([]axeViolation, error) {
	u, err := browser.FileURL(file)
	if err != nil {
		return nil, err
	}
	if err := tab.Open(u); err != nil {
		return nil, fmt.Errorf("does not load: %w", err)
	}
	if _, err := tab.Wait(chartsDrawn, browserChartWait); err != nil {
		return nil, fmt.Errorf("waiting for the charts: %w", err)
	}
	if _, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		return nil, fmt.Errorf("injecting axe-core: %w", err)
	}
	vs, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	slices.SortFunc(vs, func(a, b axeViolation) int { return strings.Compare(a.ID, b.ID) })
	return vs, nil
}

// TestAxeCatchesProblems runs the check of TestAccessibilityAxe on a page
// with known faults and checks that it reports them.
func TestAxeCatchesProblems(t *testing.T) {
	axe, _ := axeOrSkip(t)
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	t.Cleanup(cancel)
	bctx := browsertest.Start(ctx, t)
	file := filepath.Join(t.TempDir(), "bad.html")
	writeSiteFile(t, file, `<!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><main><h1>Bad</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#bbb;background:#fff">Faint text</p>
<a href="x.html"></a>
</main></body></html>`)
	tab, err := browser.NewTab(bctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	vs, err := axeCheck(tab, file, string(axe))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		got = append(got, v.ID+" "+v.Impact)
	}
	want := []string{"color-contrast serious", "image-alt critical", "link-name serious"}
	if !slices.Equal(got, want) {
		t.Errorf("axe found %q, want %q", got, want)
	}
}
