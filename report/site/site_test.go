package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"kpireport/report/internal/fixture"
	"kpireport/report/output"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/net/html"

	"kpireport/report/scorecard"
	"kpireport/report/view"
)

// render renders sc in memory beside stand-ins for the data exports, which
// Build writes before the pages, and which the index links.
func render(t testing.TB, sc *scorecard.Scorecard, opts Options) *output.Files {
	t.Helper()
	return renderViews(t, view.New(sc, ""), opts)
}

// renderViews is render with the views given.
func renderViews(t testing.TB, v *view.Builder, opts Options) *output.Files {
	t.Helper()
	files := &output.Files{}
	for _, d := range testData {
		files.Add(d.Href, []byte("stand-in for "+d.Name))
	}
	v.SetDataFiles(testData)
	if err := RenderTo(context.Background(), files, v, opts); err != nil {
		t.Fatal(err)
	}
	return files
}

// testData are the downloads as Build gives them to the site.
var testData = []view.DataFile{
	{Name: "The scorecard", Href: "data/scorecard.json", Format: "JSON", Size: "12 kB"},
	{Name: "Every measurement", Href: "data/measurements.csv", Format: "CSV", Size: "3 kB"},
	{Name: "The scorecard as a workbook", Href: "data/scorecard.xlsx", Format: "Excel", Size: "1.2 MB"},
}

func TestRenderPageList(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 12})
	files := render(t, sc, Options{})
	want := []string{
		"assets/echarts-LICENSE-d3.txt",
		"assets/echarts-LICENSE.txt",
		"assets/echarts-NOTICE.txt",
		"assets/echarts.min.js",
		"assets/site.css",
		"assets/site.js",
		"data/measurements.csv",
		"data/scorecard.json",
		"data/scorecard.xlsx",
		"health.html",
		"index.html",
		"initiatives.html",
	}
	for i := 1; i <= 12; i++ {
		want = append(want, fmt.Sprintf("kpis/k%03d.html", i))
	}
	want = append(want,
		"perspectives/customer.html",
		"perspectives/financial.html",
		"perspectives/internal-processes.html",
		"perspectives/learning-growth.html",
	)
	got := files.Paths()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("paths:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// page is a parsed HTML page of a rendered site.
type page struct {
	path string
	doc  *html.Node
}

func parsePages(t *testing.T, files *output.Files) []page {
	t.Helper()
	var pages []page
	for _, p := range files.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		data, _ := files.Get(p)
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		pages = append(pages, page{p, doc})
	}
	return pages
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func hasClass(n *html.Node, class string) bool {
	c, _ := attr(n, "class")
	for _, f := range strings.Fields(c) {
		if f == class {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
	})
	return b.String()
}

func ids(doc *html.Node) map[string]int {
	m := map[string]int{}
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id, ok := attr(n, "id"); ok {
				m[id]++
			}
		}
	})
	return m
}

// TestLinks checks that every link, script and style sheet of every page
// is relative and leads to a file of the site (and to an id in it, for a
// link with a fragment), and that no id appears twice in a page.
func TestLinks(t *testing.T) {
	files := render(t, fixture.Scorecard(fixture.Options{KPIs: 12}), Options{})
	pages := parsePages(t, files)
	idsOf := map[string]map[string]int{}
	for _, p := range pages {
		idsOf[p.path] = ids(p.doc)
		for id, n := range idsOf[p.path] {
			if n > 1 {
				t.Errorf("%s: id %q appears %d times", p.path, id, n)
			}
		}
	}
	links := 0
	for _, p := range pages {
		walk(p.doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			for _, key := range []string{"href", "src"} {
				ref, ok := attr(n, key)
				if !ok {
					continue
				}
				links++
				if ref == "data:," && n.Data == "link" {
					continue // the empty icon, which spares a request for favicon.ico
				}
				if strings.Contains(ref, "://") || strings.HasPrefix(ref, "//") || strings.HasPrefix(ref, "/") {
					// Only links written in commentary may leave the site.
					if !(strings.HasPrefix(ref, "https://example.com/") && n.Data == "a") {
						t.Errorf("%s: <%s %s=%q> is not relative", p.path, n.Data, key, ref)
					}
					continue
				}
				target, frag, _ := strings.Cut(ref, "#")
				file := p.path
				if target != "" {
					file = path.Join(path.Dir(p.path), target)
				}
				if _, ok := files.Get(file); !ok {
					t.Errorf("%s: <%s %s=%q>: no file %s", p.path, n.Data, key, ref, file)
					continue
				}
				if frag != "" && idsOf[file][frag] == 0 {
					t.Errorf("%s: <%s %s=%q>: no id %q in %s", p.path, n.Data, key, ref, frag, file)
				}
			}
		})
	}
	if links < 100 {
		t.Errorf("only %d links checked", links)
	}
}

// TestCharts checks every chart placeholder: valid JSON options, a role and
// a text alternative.
func TestCharts(t *testing.T) {
	files := render(t, fixture.Scorecard(fixture.Options{KPIs: 12}), Options{})
	charts := 0
	for _, p := range parsePages(t, files) {
		walk(p.doc, func(n *html.Node) {
			if n.Type != html.ElementNode || !hasClass(n, "chart") {
				return
			}
			charts++
			id, _ := attr(n, "id")
			opt, _ := attr(n, "data-option")
			var v map[string]any
			if err := json.Unmarshal([]byte(opt), &v); err != nil {
				t.Errorf("%s: chart %q: data-option is not JSON: %v", p.path, id, err)
			}
			if strings.Contains(opt, "http") {
				t.Errorf("%s: chart %q: option refers to the network", p.path, id)
			}
			if _, ok := v["series"]; !ok {
				t.Errorf("%s: chart %q: option has no series", p.path, id)
			}
			if role, _ := attr(n, "role"); role != "img" {
				t.Errorf("%s: chart %q: role %q, want img", p.path, id, role)
			}
			if alt, _ := attr(n, "aria-label"); len(alt) < 10 {
				t.Errorf("%s: chart %q: aria-label %q is too short", p.path, id, alt)
			}
		})
	}
	// index, 4 perspectives, 12 KPIs.
	if charts != 17 {
		t.Errorf("%d charts, want 17", charts)
	}
}

// TestAccessibility checks the page shell and that status is never shown
// by colour alone.
func TestAccessibility(t *testing.T) {
	files := render(t, fixture.Scorecard(fixture.Options{KPIs: 12}), Options{})
	for _, p := range parsePages(t, files) {
		walk(p.doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			switch {
			case n.Data == "html":
				if lang, _ := attr(n, "lang"); lang != "en-GB" {
					t.Errorf("%s: lang %q, want en-GB", p.path, lang)
				}
			case n.Data == "table":
				_, labelled := attr(n, "aria-label")
				hasCaption := n.FirstChild != nil
				if hasCaption {
					hasCaption = false
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.Type == html.ElementNode && c.Data == "caption" && strings.TrimSpace(text(c)) != "" {
							hasCaption = true
						}
					}
				}
				if !labelled && !hasCaption {
					t.Errorf("%s: a table has neither caption nor aria-label", p.path)
				}
			case hasClass(n, "status"):
				words := strings.TrimSpace(text(n))
				ok := false
				for _, w := range []string{"on target", "at risk", "off target", "no data", "overdue"} {
					ok = ok || strings.HasSuffix(words, w)
				}
				if !ok {
					t.Errorf("%s: status %q has no words", p.path, words)
				}
			case n.Data == "svg":
				if label, _ := attr(n, "aria-label"); label == "" {
					t.Errorf("%s: sparkline without aria-label", p.path)
				}
			}
		})
	}
}

func TestIndexContent(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 12})
	files := renderViews(t, view.New(sc, "kpireport test"), Options{})
	data, _ := files.Get("index.html")
	s := string(data)
	for _, want := range []string{
		"<title>Board scorecard</title>",
		"Northwind Water",
		"Report period: <strong>Mar 2026</strong>",
		"Generated by kpireport test · Report period Mar 2026",
		"<caption>Financial KPIs</caption>",
		"<caption>Learning &amp; Growth KPIs</caption>",
		`<a href="perspectives/financial.html">Financial</a>`,
		`<a href="kpis/k001.html">KPI 1</a>`,
		"<p>A <strong>good</strong> quarter overall.</p>",
		`<svg class="spark"`,
		`<span class="status status-`,
		"/ 10",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	for _, unwanted := range []string{
		"Last month&#39;s news", // another period's commentary
		"KPI 7<",                // retired
	} {
		if strings.Contains(s, unwanted) {
			t.Errorf("index.html has %q", unwanted)
		}
	}
}

func TestPerspectiveContent(t *testing.T) {
	files := render(t, fixture.Scorecard(fixture.Options{KPIs: 12}), Options{})
	data, _ := files.Get("perspectives/financial.html")
	s := string(data)
	for _, want := range []string{
		`<section class="objective" id="obj-f1"`,
		`<a href="#obj-f2">`,
		"Objective F1 description.",
		"Owner F1",
		"<caption>KPIs of Financial objective 1</caption>",
		`<a href="../kpis/k001.html">KPI 1</a>`,
		"<caption>Initiatives</caption>",
		"New billing system",
		"<td class=\"n\">60%</td>",
		"31 Jan 2026",
		"overdue",
		"<p>Quarter note for <em>Financial</em>.</p>",
		"<p>Objective F1 on track.</p>",
		`aria-current="page">Financial</a>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("financial.html lacks %q", want)
		}
	}
	// KPI 7 is retired: listed, not in the table.
	data, _ = files.Get("perspectives/learning-growth.html")
	s = string(data)
	if !strings.Contains(s, `Retired KPIs: <a href="../kpis/k007.html">KPI 7</a>`) || strings.Contains(s, `<th scope="row"><a href="../kpis/k007.html">`) {
		t.Error("learning-growth.html does not list KPI 7 as retired")
	}
}

func TestKPIContent(t *testing.T) {
	files := render(t, fixture.Scorecard(fixture.Options{KPIs: 12}), Options{})
	data, _ := files.Get("kpis/k001.html")
	s := string(data)
	for _, want := range []string{
		`<li><a href="../index.html">Overview</a></li>`,
		`<li><a href="../perspectives/financial.html">Financial</a></li>`,
		`<li><a href="../perspectives/financial.html#obj-f1">Financial objective 1</a></li>`,
		`<div class="chart" id="history-k001"`,
		"<caption>History of KPI 1, newest first</caption>",
		"<caption>Quarters of KPI 1, newest first</caption>",
		"(2 of 3 months)",
		`<tr class="current-row"><th scope="row">Mar 2026</th>`,
		"<dt>Year to date (FY2026)</dt>",
		"<dt>Frequency</dt><dd>monthly</dd>",
		"<dt>Data source</dt><dd>ERP</dd>",
		"<dt>Review date</dt><dd>30 Jun 2026</dd>",
		"<h3 class=\"comment-heading\">Mar 2026</h3>",
		"March close",
		" pp</dd>", // changes of a percentage are in points
	} {
		if !strings.Contains(s, want) {
			t.Errorf("k001.html lacks %q", want)
		}
	}
	// Commentary newest first.
	if i, j := strings.Index(s, "Newest note"), strings.Index(s, "Older note"); i < 0 || j < 0 || i > j {
		t.Errorf("commentary not newest first (%d, %d)", i, j)
	}
}

// TestEscaping renders names and commentary that try to break out of the
// page and checks that none does.
func TestEscaping(t *testing.T) {
	evil := `</script><script>alert(1)</script>"'><img src=x onerror=alert(2)>`
	sc := fixture.Scorecard(fixture.Options{KPIs: 6, Evil: evil})
	sc.KPIs[0].Comments = append(sc.KPIs[0].Comments, &scorecard.Comment{Period: sc.Period,
		Markdown: "[click](javascript:alert(3)) <script>alert(4)</script>"})
	files := render(t, sc, Options{})
	for _, p := range files.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		data, _ := files.Get(p)
		s := string(data)
		for _, bad := range []string{"<script>alert", "<img src=x", "javascript:"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s holds %q", p, bad)
			}
		}
	}
	for _, p := range parsePages(t, files) {
		walk(p.doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			if n.Data == "script" {
				src, _ := attr(n, "src")
				if !strings.HasPrefix(src, "../assets/") && !strings.HasPrefix(src, "assets/") || n.FirstChild != nil {
					t.Errorf("%s: unexpected script %q", p.path, src)
				}
			}
			if n.Data == "img" {
				t.Errorf("%s: an <img> got in", p.path)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s %s=...>", p.path, n.Data, a.Key)
				}
			}
			if hasClass(n, "chart") {
				opt, _ := attr(n, "data-option")
				if !json.Valid([]byte(opt)) {
					t.Errorf("%s: chart option is not JSON", p.path)
				}
			}
		})
	}
	// The names are still there, as text.
	data, _ := files.Get("kpis/k001.html")
	if !strings.Contains(string(data), "KPI 1&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("kpis/k001.html does not show the KPI's name escaped")
	}
}

func TestDeterministic(t *testing.T) {
	a := render(t, fixture.Scorecard(fixture.Options{KPIs: 20}), Options{})
	b := render(t, fixture.Scorecard(fixture.Options{KPIs: 20}), Options{})
	if strings.Join(a.Paths(), ",") != strings.Join(b.Paths(), ",") {
		t.Fatal("paths differ")
	}
	for _, p := range a.Paths() {
		x, _ := a.Get(p)
		y, _ := b.Get(p)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two renders", p)
		}
	}
}

func TestTemplatesOverride(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 3})
	user := fstest.MapFS{
		"site.css":   {Data: []byte("body { color: black }")},
		"index.html": {Data: []byte(`{{template "base" .}}{{define "content"}}<p>Custom {{.Overall.Score.Text}}</p>{{end}}`)},
	}
	files := render(t, sc, Options{Templates: user})
	css, _ := files.Get("assets/site.css")
	if string(css) != "body { color: black }" {
		t.Errorf("site.css = %q", css)
	}
	idx, _ := files.Get("index.html")
	if !strings.Contains(string(idx), "<p>Custom ") || !strings.Contains(string(idx), `<link rel="stylesheet" href="assets/site.css">`) {
		t.Errorf("index.html did not use the custom template:\n%s", idx)
	}
	if js, _ := files.Get("assets/site.js"); !bytes.Contains(js, []byte("echarts.init")) {
		t.Error("site.js not taken from the built-in templates")
	}

	bad := fstest.MapFS{"kpi.html": {Data: []byte(`{{template "base" .}}{{define "content"}}{{.NoSuchField}}{{end}}`)}}
	_, err := Render(view.New(sc, ""), Options{Templates: bad})
	if err == nil || !strings.HasPrefix(err.Error(), "site: kpis/k001.html: template: kpi.html:1:") {
		t.Errorf("bad template: err = %v", err)
	}
	broken := fstest.MapFS{"parts.html": {Data: []byte(`{{define "status"}}`)}}
	_, err = Render(view.New(sc, ""), Options{Templates: broken})
	if err == nil || !strings.HasPrefix(err.Error(), "site: template: parts.html:1:") {
		t.Errorf("broken template: err = %v", err)
	}
}

func TestRenderModelErrors(t *testing.T) {
	if _, err := Render(nil, Options{}); err == nil || err.Error() != "site: no scorecard" {
		t.Errorf("nil scorecard: %v", err)
	}
	sc := fixture.Scorecard(fixture.Options{KPIs: 2})
	stray := &scorecard.Perspective{Name: "Stray"}
	sc.KPIs[0].Objective = &scorecard.Objective{ID: "STRAY", Name: "Stray objective", Perspective: stray}
	_, err := Render(view.New(sc, ""), Options{})
	want := `site: KPI "K001": its perspective "Stray" is not among the scorecard's perspectives`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

// TestSlugs checks that missing, unsafe and clashing slugs still give one
// page per KPI with a safe name.
func TestSlugs(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 3})
	sc.KPIs[0].Slug = ""
	sc.KPIs[1].Slug = "../../etc/passwd"
	sc.KPIs[1].ID = "K001"
	sc.KPIs[2].Slug = "k001"
	files := render(t, sc, Options{})
	var kpis []string
	for _, p := range files.Paths() {
		if strings.HasPrefix(p, "kpis/") {
			kpis = append(kpis, p)
		}
	}
	want := "kpis/k001-2.html kpis/k001-3.html kpis/k001.html"
	if strings.Join(kpis, " ") != want {
		t.Errorf("KPI pages %v, want %s", kpis, want)
	}
}

// TestIndexSize reports the size of the index for 40 KPIs.
func TestIndexSize(t *testing.T) {
	files := render(t, fixture.Scorecard(fixture.Options{KPIs: 40}), Options{})
	idx, _ := files.Get("index.html")
	k, _ := files.Get("kpis/k001.html")
	t.Logf("40 KPIs: index.html %d bytes, kpis/k001.html %d bytes", len(idx), len(k))
	if len(idx) > 200_000 {
		t.Errorf("index.html is %d bytes for 40 KPIs", len(idx))
	}
}

func BenchmarkRender(b *testing.B) {
	for _, n := range []int{40, 1000} {
		sc := fixture.Scorecard(fixture.Options{KPIs: n, Months: 60})
		b.Run(fmt.Sprintf("kpis=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Render(view.New(sc, ""), Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzKPIName renders a KPI with any name and checks that the name comes
// out as text, whole, in the page's heading and nothing else in the page
// changes shape.
func FuzzKPIName(f *testing.F) {
	for _, s := range []string{"Revenue", "</script><script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, "a & b < c", "{{.Name}}", "\u003c/div\u003e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if !utf8.ValidString(name) || strings.ContainsRune(name, 0) || strings.ContainsAny(name, "\r\n\f") {
			t.Skip() // html.Parse normalises these
		}
		sc := fixture.Scorecard(fixture.Options{KPIs: 1, Months: 3})
		sc.KPIs[0].Name = name
		files, err := Render(view.New(sc, ""), Options{})
		if err != nil {
			t.Fatal(err)
		}
		data, _ := files.Get("kpis/k001.html")
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		var h1 string
		scripts := 0
		walk(doc, func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "h1" {
				h1 = text(n)
			}
			if n.Type == html.ElementNode && n.Data == "script" {
				scripts++
			}
		})
		if h1 != name {
			t.Errorf("h1 = %q, want %q", h1, name)
		}
		if scripts != 2 {
			t.Errorf("%d scripts, want 2", scripts)
		}
	})
}
