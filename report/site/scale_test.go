package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kpireport/report/internal/fixture"
	"kpireport/report/output"
	"kpireport/report/scorecard"
	"kpireport/report/view"
)

// pageRenderer is a renderer with the built-in templates, to render single
// pages in a test without the thousands of KPI pages around them.
func pageRenderer(t testing.TB, v *view.Builder) *renderer {
	t.Helper()
	r := &renderer{ctx: context.Background(), sc: v.Scorecard(), files: &output.Files{}, v: v}
	if err := r.loadTemplates(); err != nil {
		t.Fatal(err)
	}
	return r
}

// renderPage renders one page and checks it is under limit bytes.
func renderPage(t testing.TB, r *renderer, tmpl, p string, data any, limit int) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.tmpl[tmpl].Execute(&b, data); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	if b.Len() > limit {
		t.Errorf("%s is %d bytes, over %d", p, b.Len(), limit)
	}
	return b.String()
}

var hrefRE = regexp.MustCompile(`href="([^"#]*)(#[^"]*)?"`)

// linkedFrom lists the pages that page (at path from) links to, as paths
// from the site's root.
func linkedFrom(from, page string) map[string]bool {
	out := map[string]bool{}
	for _, m := range hrefRE.FindAllStringSubmatch(page, -1) {
		if m[1] != "" {
			out[path.Join(path.Dir(from), m[1])] = true
		}
	}
	return out
}

// TestPagesAtScale renders the perspective pages and the health review of
// 5,000 KPIs: each page under a megabyte, every KPI linked without
// JavaScript from its perspective's page and listed on one health page,
// and each KPI page's health badge pointing at its row there.
func TestPagesAtScale(t *testing.T) {
	const n, limit = 5000, 1 << 20
	sc := fixture.Scorecard(fixture.Options{KPIs: n, Months: 24})
	v := view.New(sc, "")
	r := pageRenderer(t, v)

	linked := map[string]bool{}
	for _, p := range sc.Perspectives {
		page, err := v.PerspectivePage(p)
		if err != nil {
			t.Fatal(err)
		}
		if !page.Compact {
			t.Errorf("%s: not compact with %d KPIs", p.Name, n/len(sc.Perspectives))
		}
		y := page.YearEnd
		if len(y.Rows) != y.InDoubt+y.Unlikely || y.InDoubt+y.Unlikely == 0 || y.Likely+y.InDoubt+y.Unlikely+y.None < n/len(sc.Perspectives)-1 {
			t.Errorf("%s: the year-end table lists %d KPIs; %d likely, %d in doubt, %d unlikely, %d without", p.Name, len(y.Rows), y.Likely, y.InDoubt, y.Unlikely, y.None)
		}
		html := renderPage(t, r, perspPage, v.PerspectivePath(p), page, limit)
		for l := range linkedFrom(v.PerspectivePath(p), html) {
			linked[l] = true
		}
		if strings.Contains(html, `class="spark"`) {
			t.Errorf("%s draws sparklines at scale", p.Name)
		}
		if !strings.Contains(html, "Only the KPIs in doubt or unlikely") {
			t.Errorf("%s: the year-end table does not say it lists only some KPIs", p.Name)
		}
	}
	for _, k := range sc.KPIs {
		if !linked[v.KPIPath(k)] {
			t.Fatalf("KPI %s is linked from no perspective page", k.ID)
		}
	}

	summary := renderPage(t, r, healthPage, view.HealthPath, v.HealthPage(), limit)
	parts := v.HealthParts()
	if len(parts) < len(sc.Perspectives) {
		t.Fatalf("%d health pages for %d perspectives", len(parts), len(sc.Perspectives))
	}
	onPage := map[string]string{} // anchor → health page
	for _, part := range parts {
		if !linkedFrom(view.HealthPath, summary)[part.Path] {
			t.Errorf("health.html does not link %s", part.Path)
		}
		if len(part.Page.Rows) > view.HealthRowsPerPage {
			t.Errorf("%s lists %d KPIs, over %d", part.Path, len(part.Page.Rows), view.HealthRowsPerPage)
		}
		html := renderPage(t, r, healthPage, part.Path, part.Page, limit)
		for _, row := range part.Page.Rows {
			if prev, dup := onPage[row.Anchor]; dup {
				t.Errorf("%s is on %s and %s", row.Anchor, prev, part.Path)
			}
			onPage[row.Anchor] = part.Path
			if !strings.Contains(html, `id="`+row.Anchor+`"`) {
				t.Errorf("%s lacks the row %s", part.Path, row.Anchor)
			}
		}
	}
	if len(onPage) != len(sc.KPIs) {
		t.Errorf("the health pages list %d KPIs, want %d", len(onPage), len(sc.KPIs))
	}
	for i := 0; i < len(sc.KPIs); i += 997 {
		k := sc.KPIs[i]
		page, err := v.KPIPage(k)
		if err != nil {
			t.Fatal(err)
		}
		href := path.Join("kpis", page.Health.Href) // from kpis/
		file, anchor, _ := strings.Cut(href, "#")
		if onPage[anchor] != file {
			t.Errorf("%s's health badge links %s; its row is on %s", k.ID, page.Health.Href, onPage[anchor])
		}
	}
}

// TestPagesBelowScale checks that up to CompactAbove KPIs in a perspective
// its page keeps the full tables and the whole year-end list, and that up
// to CompactAbove KPIs health.html lists every KPI itself.
func TestPagesBelowScale(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 4 * view.CompactAbove, Months: 24})
	v := view.New(sc, "")
	for _, p := range sc.Perspectives {
		page, err := v.PerspectivePage(p)
		if err != nil {
			t.Fatal(err)
		}
		rows := 0
		for _, o := range page.Objectives {
			rows += len(o.KPIs.Rows)
		}
		if page.Compact || page.YearEnd.Unlisted != "" || len(page.YearEnd.Rows) != rows {
			t.Errorf("%s (%d KPIs): compact %v, %d of %d KPIs in the year-end table", p.Name, rows, page.Compact, len(page.YearEnd.Rows), rows)
		}
	}
	// The health review is paged from CompactAbove KPIs in the scorecard,
	// as the index is compact.
	// (The fixture retires one KPI: 201 KPIs are 200 active ones.)
	for _, tt := range []struct {
		kpis  int
		paged bool
	}{{view.CompactAbove + 1, false}, {view.CompactAbove + 2, true}} {
		sc := fixture.Scorecard(fixture.Options{KPIs: tt.kpis, Months: 12})
		v := view.New(sc, "")
		h, parts := v.HealthPage(), v.HealthParts()
		if tt.paged != (len(h.Parts) == len(sc.Perspectives)) || len(parts) != len(h.Parts) || tt.paged != (len(h.Rows) == 0) {
			t.Errorf("health.html at %d KPIs: %d rows and %d parts", len(sc.KPIs), len(h.Rows), len(h.Parts))
		}
	}
}

// writeGroup writes a group workbook as CSV files: three regions holding
// units operating units, each reporting kpis monthly KPIs for months
// months, the KPIs split over the four perspectives. One unit stops
// reporting a KPI half way, so that its review finds the data stale.
func writeGroup(t testing.TB, dir string, units, kpis, months int) []string {
	t.Helper()
	var b strings.Builder
	b.WriteString("id,name,parent\nN,North,\nS,South,\nW,West,\n")
	regions := []string{"N", "S", "W"}
	for u := 1; u <= units; u++ {
		fmt.Fprintf(&b, "U%03d,Unit %d,%s\n", u, u, regions[u%3])
	}
	files := map[string]string{"units.csv": b.String()}
	b.Reset()
	b.WriteString("id,name,perspective,unit,direction,aggregation,target,owner,description,data_source\n")
	persp := []string{"Financial", "Customer", "Internal Processes", "Learning & Growth"}
	for k := 1; k <= kpis; k++ {
		fmt.Fprintf(&b, "K%03d,Indicator %d,%s,%%,higher,average,70,Owner,What indicator %d measures,Survey\n", k, k, persp[k%4], k)
	}
	files["kpis.csv"] = b.String()
	b.Reset()
	b.WriteString("kpi,period,actual,unit\n")
	for k := 1; k <= kpis; k++ {
		for u := 1; u <= units; u++ {
			for m := 1; m <= months; m++ {
				if u == 1 && k == 1 && m > months/2 {
					continue
				}
				fmt.Fprintf(&b, "K%03d,2025-%02d,%d,U%03d\n", k, m, 55+(k*7+u*13+m*3)%40, u)
			}
		}
	}
	files["measurements.csv"] = b.String()
	var paths []string
	for _, name := range []string{"units.csv", "kpis.csv", "measurements.csv"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// TestGroupPagesAtScale renders the pages of 50 units × 100 KPIs that grow
// with the units (the index with its unit heatmap, a unit page, a KPI page
// with its comparison across units): each under a megabyte, the heatmap
// without its per-cell tooltips, and each unit's page with the health
// review of its own figures.
func TestGroupPagesAtScale(t *testing.T) {
	const units, kpis, limit = 50, 100, 1 << 20
	sc, ps, err := scorecard.Load(writeGroup(t, t.TempDir(), units, kpis, 12), scorecard.LoadOptions{})
	if err != nil || ps.Errors() > 0 {
		t.Fatalf("load: %v %v", err, ps.List)
	}
	scorecard.Compute(sc)
	scorecard.ReviewHealth(sc)
	v := view.New(sc, "")
	r := pageRenderer(t, v)
	index, err := v.IndexPage()
	if err != nil {
		t.Fatal(err)
	}
	html := renderPage(t, r, indexPage, "index.html", index, limit)
	heat := html[strings.Index(html, `class="heatmap unit-heatmap"`):]
	heat = heat[:strings.Index(heat, "</table>")]
	if cells := strings.Count(heat, `<td class="heat `); cells != (units+3)*kpis {
		t.Errorf("the unit heatmap has %d cells, want %d", cells, (units+3)*kpis)
	}
	if strings.Contains(heat, "title=") {
		t.Error("the unit heatmap of 5,300 cells has tooltips")
	}

	k1 := sc.KPIs[0]
	page, err := v.KPIPage(k1)
	if err != nil {
		t.Fatal(err)
	}
	renderPage(t, r, kpiPage, v.KPIPath(k1), page, limit)

	u1 := sc.UnitByID("U001")
	up := v.UnitPage(u1)
	html = renderPage(t, r, unitPage, v.UnitPath(u1), up, limit)
	if up.Health == nil || up.Health.Counts.Good+up.Health.Counts.Fair+up.Health.Counts.Poor != kpis {
		t.Fatalf("unit page health %+v, want a review of %d KPIs", up.Health, kpis)
	}
	if !strings.Contains(html, `id="uhealth-h"`) || !strings.Contains(html, "no data for the last 6 months") {
		t.Errorf("%s does not show that its Indicator 1 stopped reporting", v.UnitPath(u1))
	}
	// Unit 2 reports Indicator 1 every month: no stale finding there.
	if html := renderPage(t, r, unitPage, "units/u002.html", v.UnitPage(sc.UnitByID("U002")), limit); strings.Contains(html, "no data for the last") {
		t.Error("units/u002.html finds stale data it does not have")
	}
}
