package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The sample's pack charts are all drawn in Go, which is quicker than
// reading them back: a build stores none of them in the chart cache, and
// the site and packs of a build with the cache are byte for byte those of a
// build without it (--no-cache). The cache's own behaviour, for the charts
// that go to ECharts, is tested in package chart (TestRenderCached).
func TestChartCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	build := func(noCache bool) (string, string) {
		site := filepath.Join(t.TempDir(), "site")
		var log bytes.Buffer
		if err := Build(t.Context(), Options{Inputs: []string{sampleWorkbook}, Out: site, NoCache: noCache, Log: &log}); err != nil {
			t.Fatalf("%v\n%s", err, log.String())
		}
		return site, log.String()
	}
	first, _ := build(false)
	second, log2 := build(false)
	if !strings.Contains(log2, "rendered 44 charts for the packs in ") || strings.Contains(log2, "from the chart cache") {
		t.Errorf("the second build did not draw its 44 charts:\n%s", log2)
	}
	drawn, _ := build(true)
	for _, site := range []string{first, second} {
		if a, b := treeOf(t, site), treeOf(t, drawn); a != b {
			t.Errorf("%s differs from the build without the cache", site)
		}
	}
	entries, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "kpireport", "charts", "*.svg"))
	if len(entries) != 0 {
		t.Errorf("%d cache entries, want none: every chart of the sample is drawn in Go", len(entries))
	}
}

// treeOf is every file of dir, with its contents, as one string.
func treeOf(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + "\x00" + string(data) + "\x00")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
