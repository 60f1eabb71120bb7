package report

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kpireport/report/internal/browser"
	"kpireport/report/internal/browser/browsertest"
)

// hostile is markup and script put in every text field that reaches a page,
// a chart, the strategy map or a pack. Each would set window.pwned if it ran.
const hostile = `<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>"><svg onload="window.pwned=1">`

// A workbook whose every text holds script and markup, and commentary with
// images from a web server and from outside the folder, builds a site and
// packs that run nothing, fetch nothing outside the site's folder and show
// no live image; links stay links.
func TestHostileTextInBrowser(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	files := map[string]string{
		"settings.csv":     "key,value\ntitle," + q("Board "+hostile) + "\norganisation," + q(hostile) + "\n",
		"perspectives.csv": "name,description\n" + q("Customer "+hostile) + "," + q(hostile) + "\n",
		"objectives.csv":   "id,name,perspective,owner\nO1," + q("Serve "+hostile) + "," + q("Customer "+hostile) + "," + q(hostile) + "\n",
		"kpis.csv": "id,name,objective,unit,target,owner,description,data_source\n" +
			"K1," + q("Orders "+hostile) + ",O1," + q("u"+hostile) + ",10," + q(hostile) + "," + q(hostile) + "," + q(hostile) + "\n",
		"measurements.csv": "kpi,period,actual,comment\nK1,2026-01,9," + q(hostile) + "\nK1,2026-02,11,x\nK1,2026-03,12," + q(hostile) + "\n",
		"initiatives.csv":  "id,name,objective,owner,status\nI1," + q(hostile) + ",O1," + q(hostile) + ",on track\n",
		filepath.Join("commentary", "2026-03", "overall.md"): "Read ![beacon](http://127.0.0.1:9/beacon.gif) and ![local](../../../../etc/hosts) " +
			"and [the plan](https://example.com/plan) and [bad](javascript:window.pwned=1).\n\n" + hostile + "\n",
		filepath.Join("commentary", "2026-03", "K1.md"): "**Up** " + hostile + " ![x](file:///etc/passwd)\n",
	}
	var inputs []string
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if filepath.Ext(name) == ".csv" {
			inputs = append(inputs, p)
		}
	}
	site := filepath.Join(t.TempDir(), "site")
	var log bytes.Buffer
	if err := Build(ctx, Options{Inputs: inputs, Out: site, Log: &log}); err != nil {
		t.Fatalf("Build: %v\n%s", err, log.String())
	}
	pages, err := siteHTMLFiles(site)
	if err != nil {
		t.Fatal(err)
	}
	index, _ := os.ReadFile(filepath.Join(site, "index.html"))
	for _, want := range []string{"[image: beacon]", "(http://127.0.0.1:9/beacon.gif)", `<a href="https://example.com/plan">the plan</a>`} {
		if !bytes.Contains(index, []byte(want)) {
			t.Errorf("index.html does not show the commentary's %s", want)
		}
	}
	var packs int
	for _, p := range pages {
		if strings.Contains(filepath.ToSlash(p), "/packs/") {
			packs++
		}
		data, _ := os.ReadFile(p)
		for _, live := range []string{`<img src="http`, `<img src="../`, `<img src="file:`, `href="javascript:`, `<script>window`, `onerror="window`} {
			if bytes.Contains(data, []byte(live)) {
				rel, _ := filepath.Rel(site, p)
				t.Errorf("%s holds %s", rel, live)
			}
		}
	}

	bctx := browsertest.Start(ctx, t)
	results := checkPages(bctx, site, pages, browserChartWait)
	tab, err := browser.NewTab(bctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	for _, p := range pages {
		rel, _ := filepath.Rel(site, p)
		if r := results[p]; len(r.problems) > 0 {
			t.Errorf("%s:\n\t%s", rel, strings.Join(r.problems, "\n\t"))
		}
		u, _ := browser.FileURL(p)
		if err := tab.Open(u); err != nil {
			t.Fatal(err)
		}
		ran, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[bool](`window.pwned !== undefined || document.querySelectorAll('img:not([src^="data:"])').length > 0`))
		if err != nil || ran {
			t.Errorf("%s: injected script ran or a live image is on the page (%v)", rel, err)
		}
	}
	if packs == 0 {
		t.Errorf("no pack among the pages %q", pages)
	}

	// Over http too: the pages' policy lets the site's own scripts and
	// styles load from a server, the charts draw, and nothing else is asked.
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()
	htab, err := browser.NewTab(bctx, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer htab.Close()
	tab = htab
	for _, p := range pages {
		rel, _ := filepath.Rel(site, p)
		if err := tab.Open(srv.URL + "/" + filepath.ToSlash(rel)); err != nil {
			t.Fatal(err)
		}
		if _, problems := checkCharts(tab, browserChartWait); len(problems) > 0 {
			t.Errorf("over http, %s: %v", rel, problems)
		}
		for _, pr := range tab.Problems() {
			t.Errorf("over http, %s: %s", rel, pr)
		}
		for _, req := range tab.Requests() {
			if !strings.HasPrefix(req, srv.URL+"/") && !strings.HasPrefix(req, "data:") {
				t.Errorf("over http, %s requests %s", rel, req)
			}
		}
	}
	t.Logf("checked %d pages, %d of them packs", len(pages), packs)
}
