package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The second build of the sample draws no chart: every one comes from the
// chart cache. The site and packs are byte for byte those of a build that
// draws every chart (--no-cache), and a damaged entry is drawn again.
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
	first, log1 := build(false)
	if strings.Contains(log1, "from the chart cache") {
		t.Fatalf("the first build found charts in an empty cache:\n%s", log1)
	}
	second, log2 := build(false)
	// The time in the line depends on the machine's load; the count does not.
	if !strings.Contains(log2, "rendered 44 charts for the packs in ") || !strings.Contains(log2, "(44 of them from the chart cache)") {
		t.Errorf("the second build drew charts:\n%s", log2)
	}
	drawn, _ := build(true)
	for _, site := range []string{first, second} {
		if a, b := treeOf(t, site), treeOf(t, drawn); a != b {
			t.Errorf("%s differs from the build without the cache", site)
		}
	}
	entries, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "kpireport", "charts", "*.svg"))
	if len(entries) != 44 {
		t.Fatalf("%d cache entries, want 44", len(entries))
	}
	if err := os.WriteFile(entries[0], []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	third, log3 := build(false)
	if !strings.Contains(log3, "(43 of them from the chart cache)") || treeOf(t, third) != treeOf(t, drawn) {
		t.Errorf("a damaged entry was not drawn again:\n%s", log3)
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
