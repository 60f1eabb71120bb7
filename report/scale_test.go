package report

import (
	"context"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kpireport/internal/genbook"
)

// buildGenerated writes the workbook of spec and builds its site, its packs
// too unless noPacks; it returns the workbook's path and the site's.
func buildGenerated(t *testing.T, spec genbook.Spec, noPacks bool) (book, site string) {
	t.Helper()
	dir := t.TempDir()
	book = filepath.Join(dir, "large.xlsx")
	if err := genbook.Write(book, spec); err != nil {
		t.Fatal(err)
	}
	site = filepath.Join(dir, "site")
	if err := Build(context.Background(), Options{Inputs: []string{book}, Out: site, NoPacks: noPacks, Log: io.Discard}); err != nil {
		t.Fatal(err)
	}
	return book, site
}

// TestSiteAtScale builds the site of 600 KPIs and checks the compact index:
// no page over a megabyte, every KPI page reachable from the index by
// plain links (no JavaScript), and the filter box there for site.js.
func TestSiteAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 600 KPIs")
	}
	_, out := buildGenerated(t, genbook.Spec{KPIs: 600, Months: 24}, true)
	const limit = 1 << 20
	var kpiPages []string
	err := filepath.Walk(out, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if strings.HasSuffix(rel, ".html") && fi.Size() > limit {
			t.Errorf("%s is %d bytes, over %d", rel, fi.Size(), limit)
		}
		if strings.HasPrefix(rel, "kpis/") && strings.HasSuffix(rel, ".html") {
			kpiPages = append(kpiPages, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(kpiPages) < 600 {
		t.Fatalf("%d KPI pages, want 600", len(kpiPages))
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="kpi-filter"`, `id="kpi-list"`, `id="objs-h"`, `id="attn-h"`} {
		if !strings.Contains(string(index), want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if strings.Contains(string(index), `class="spark"`) {
		t.Error("the compact index draws sparklines")
	}
	js, err := os.ReadFile(filepath.Join(out, "assets", "site.js"))
	if err != nil || !strings.Contains(string(js), "kpi-filter") {
		t.Errorf("site.js has no KPI filter (%v)", err)
	}
	// Crawl the site's links from the index, as a browser without
	// JavaScript would follow them.
	href := regexp.MustCompile(`href="([^"#]+)(?:#[^"]*)?"`)
	seen := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
		if err != nil {
			continue
		}
		for _, m := range href.FindAllStringSubmatch(string(b), -1) {
			u := m[1]
			if strings.Contains(u, ":") || !strings.HasSuffix(u, ".html") {
				continue
			}
			next := path.Clean(path.Join(path.Dir(page), u))
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	for _, p := range kpiPages {
		if !seen[p] {
			t.Errorf("%s is not reachable by links from index.html", p)
		}
	}
}
