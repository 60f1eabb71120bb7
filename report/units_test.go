package report

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kpireport/report/internal/browser"
	"kpireport/report/internal/browser/browsertest"
)

var unitShots = flag.String("unit-screenshots", "", "TestGroupSampleScreenshots saves the unit heatmap, Learn-from list and a KPI's comparison across units as PNGs into `DIR`")

const groupWorkbook = "../sample-data/harbour-group/harbour-group.xlsx"

func buildGroup(t *testing.T) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	var log bytes.Buffer
	if err := Build(t.Context(), Options{Inputs: []string{groupWorkbook}, Out: site, Log: &log}); err != nil {
		t.Fatalf("Build: %v\n%s", err, log.Bytes())
	}
	return site
}

func readSite(t *testing.T, site, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGroupSample builds the Harbour Group sample and checks a unit page, a
// KPI's comparison across units, the unit heatmap and the Learn-from list.
func TestGroupSample(t *testing.T) {
	site := buildGroup(t)

	index := readSite(t, site, "index.html")
	for _, want := range []string{
		`id="units-h">Business units`,
		`href="units/nor.html">North Region</a>`,
		`href="units/abd.html">Aberdeen Terminal</a>`,
		`class="heatmap unit-heatmap"`,
		`id="learn-h">Learn from`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	// The heatmap: a row per unit (11), a column per KPI (30) in four
	// perspective groups.
	heat := index[strings.Index(index, `class="heatmap unit-heatmap"`):]
	heat = heat[:strings.Index(heat, "</table>")]
	if n := strings.Count(heat, `<th scope="colgroup"`); n != 4 {
		t.Errorf("heatmap has %d perspective groups, want 4", n)
	}
	if n := strings.Count(heat, `<th scope="col" class="heat-col">`); n != 30 {
		t.Errorf("heatmap has %d KPI columns, want 30", n)
	}
	rows := strings.Count(heat, "<tr") - 2
	if rows != 11 {
		t.Errorf("heatmap has %d unit rows, want 11", rows)
	}
	if n := strings.Count(heat, `<td class="heat heat-`); n != 11*30 {
		t.Errorf("heatmap has %d cells, want %d", n, 11*30)
	}
	// Learn from: at least one leader, with its commentary quoted.
	learn := index[strings.Index(index, `id="learn-h"`):]
	learn = learn[:strings.Index(learn, "</section>")]
	if !strings.Contains(learn, "(led the last 3)") || !strings.Contains(learn, `class="learn-quote"`) {
		t.Errorf("Learn-from list has no leader with a quote:\n%.2000s", learn)
	}
	// Each perspective's page has the Learn-from rows of its own KPIs: one
	// group, links up to the site's root, and together the index's rows.
	pages, err := filepath.Glob(filepath.Join(site, "perspectives", "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no perspective pages: %v", err)
	}
	learnRows := 0
	for _, page := range pages {
		html := readSite(t, site, filepath.Join("perspectives", filepath.Base(page)))
		i := strings.Index(html, `id="learn-h"`)
		if i < 0 {
			continue
		}
		sec := html[i:]
		sec = sec[:strings.Index(sec, "</section>")]
		if n := strings.Count(sec, "<h3>"); n != 1 {
			t.Errorf("%s: Learn from has %d groups, want its own only", filepath.Base(page), n)
		}
		if !strings.Contains(sec, `href="../kpis/`) || !strings.Contains(sec, `href="../units/`) {
			t.Errorf("%s: Learn from does not link up to the site's root:\n%.1000s", filepath.Base(page), sec)
		}
		learnRows += strings.Count(sec, `<tr><th scope="row">`)
	}
	if want := strings.Count(learn, `<tr><th scope="row">`); learnRows != want {
		t.Errorf("the perspective pages have %d Learn-from rows, the index %d", learnRows, want)
	}

	unit := readSite(t, site, "units/nor.html")
	for _, want := range []string{
		"<h1>North Region</h1>",
		`<a href="../index.html">Overview</a>`, // breadcrumb
		`id="children-h">Units below`,
		`href="../units/tyn.html">Tyne Quay</a>`,
		`href="../kpis/fin-01.html#units">Revenue</a>`,
	} {
		if !strings.Contains(unit, want) {
			t.Errorf("units/nor.html lacks %s", want)
		}
	}

	kpi := readSite(t, site, "kpis/cus-02.html")
	cmp := kpi[strings.Index(kpi, `id="ucmp-h"`):]
	cmp = cmp[:strings.Index(cmp, "</table>")]
	if !strings.Contains(cmp, "Spread: ") {
		t.Errorf("comparison has no spread")
	}
	// Eight operating units ranked 1-8, then the three regions.
	ranks := regexp.MustCompile(`<td class="num">(\d+)</td><th scope="row">`).FindAllStringSubmatch(cmp, -1)
	if len(ranks) != 8 || ranks[0][1] != "1" || ranks[7][1] != "8" {
		t.Errorf("comparison ranks %v, want 1 to 8", ranks)
	}
	if n := strings.Count(cmp, `class="unit-rollup"`); n != 3 {
		t.Errorf("comparison has %d roll-ups, want 3", n)
	}
	// Sorted: scores do not rise down the ranked rows.
	scores := regexp.MustCompile(`<td class="num">\d+</td><th scope="row">.*?</th><td class="num">[^<]*</td><td class="num">[^<]*</td><td class="num">([0-9.]+)</td>`).FindAllStringSubmatch(cmp, -1)
	for i := 1; i < len(scores); i++ {
		if scores[i][1] > scores[i-1][1] && len(scores[i][1]) == len(scores[i-1][1]) {
			t.Errorf("comparison not sorted by score: %v", scores)
			break
		}
	}
}

// TestGroupSampleScreenshots saves screenshots of the unit heatmap, the
// Learn-from list and a KPI's comparison across units when
// -unit-screenshots DIR is given.
func TestGroupSampleScreenshots(t *testing.T) {
	if *unitShots == "" {
		t.Skip("no -unit-screenshots DIR")
	}
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	t.Cleanup(cancel)
	bctx := browsertest.Start(ctx, t)
	site := buildGroup(t)
	for _, s := range []struct{ file, sel, name string }{
		{"index.html", "#unit-heatmap", "units-heatmap.png"},
		{"index.html", "#learn-from", "units-learn.png"},
		{"kpis/cus-02.html", "#units", "units-compare.png"},
		{"units/nor.html", "main", "units-page.png"},
	} {
		u, err := browser.FileURL(filepath.Join(site, s.file))
		if err != nil {
			t.Fatal(err)
		}
		tab, err := browser.NewTab(bctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(tab.Ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
			t.Fatal(err)
		}
		if err := tab.Open(u); err != nil {
			t.Fatal(err)
		}
		if _, err := tab.Wait("document.readyState === 'complete'", 5*time.Second); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(tab.Ctx, chromedp.Screenshot(chromedp.CSS(s.sel)))
		tab.Close()
		if err != nil {
			t.Fatalf("%s %s: %v", s.file, s.sel, err)
		}
		if err := os.WriteFile(filepath.Join(*unitShots, s.name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGroupUnitPacks builds the group sample with --unit-packs: a board
// pack for each region, of that region's KPIs only.
func TestGroupUnitPacks(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	var log bytes.Buffer
	if err := Build(t.Context(), Options{Inputs: []string{groupWorkbook}, Out: site, Log: &log, UnitPacks: true}); err != nil {
		t.Fatalf("Build: %v\n%s", err, log.Bytes())
	}
	for _, slug := range []string{"nor", "sou", "wes"} {
		b := readSite(t, site, "packs/units/"+slug+".html")
		if !strings.Contains(b, "<title>Board pack") {
			t.Errorf("packs/units/%s.html is not a board pack", slug)
		}
	}
	nor := readSite(t, site, "packs/units/nor.html")
	if !strings.Contains(nor, "North Region") || strings.Contains(nor, "Southampton Docks") {
		t.Errorf("North Region's pack is not its own")
	}
}

// A KPI reported by one unit only has no comparison across units on its
// page, so nothing links to one: every link to a KPI page's "#units" finds
// the section. (The heatmap, Learn from, a unit's KPIs and its health
// review all link there.)
func TestUnitsLinksFindTheirSection(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"kpis.csv": "id,name,perspective,direction,frequency,aggregation,target\n" +
			"K1,Revenue,Financial,higher,monthly,sum,10\n" +
			"K2,Audits,Customer,higher,monthly,average,5\n",
		"units.csv": "id,name,parent,owner,order\nU1,North,,,1\nU2,South,,,2\n",
		"measurements.csv": "kpi,period,unit,actual,target\n" +
			"K1,2026-01,U1,8,10\nK1,2026-01,U2,12,10\nK1,2026-02,U1,9,10\nK1,2026-02,U2,11,10\n" +
			"K2,2026-01,U1,4,5\nK2,2026-02,U1,6,5\n", // K2: North only
	}
	var inputs []string
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	site := filepath.Join(dir, "site")
	var log bytes.Buffer
	if err := Build(t.Context(), Options{Inputs: inputs, Out: site, NoPacks: true, Log: &log}); err != nil {
		t.Fatalf("Build: %v\n%s", err, log.Bytes())
	}
	link := regexp.MustCompile(`href="([^"#]*\.html)#units"`)
	linked := map[string]bool{}
	err := filepath.Walk(site, func(p string, fi os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range link.FindAllStringSubmatch(string(b), -1) {
			target := filepath.Join(filepath.Dir(p), m[1])
			page, err := os.ReadFile(target)
			if err != nil {
				t.Errorf("%s links %s#units, which is missing", p, m[1])
				continue
			}
			if !strings.Contains(string(page), `id="units"`) {
				rel, _ := filepath.Rel(site, p)
				t.Errorf("%s links %s#units, which has no comparison across units", rel, m[1])
			}
			linked[filepath.Base(target)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(linked) == 0 {
		t.Error("no page links to a comparison across units at all")
	}
}
