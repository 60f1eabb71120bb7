package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --templates reaches the packs as it does the site: the user's copy of the
// packs' style sheet replaces the built-in one in every pack, and the site's
// pages and the packs' other templates stay built in.
func TestPackTemplates(t *testing.T) {
	dir := t.TempDir()
	const marker = "/* Northvale's own pack style */ h1 { color: #123456 }"
	if err := os.MkdirAll(filepath.Join(dir, "packs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "packs", "pack.css"), []byte(marker), 0o644); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "site")
	var log bytes.Buffer
	if err := Build(t.Context(), Options{Inputs: []string{sampleWorkbook}, Out: site, Templates: dir, Log: &log}); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	board, err := os.ReadFile(filepath.Join(site, "packs", "board-pack.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(board), marker) {
		t.Error("the board pack does not carry the user's pack.css")
	}
	if !strings.Contains(string(board), "Board pack") && !strings.Contains(string(board), "board pack") {
		t.Error("the board pack lost its built-in page template")
	}
	index, err := os.ReadFile(filepath.Join(site, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(index), "#123456") {
		t.Error("the site's index took the packs' style sheet")
	}
}

// The progress line is rewritten in place, at most ten times a second, and
// ends with the last count and a new line.
func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := progressLine(&b)
	for i := 1; i <= 1250; i++ {
		p(i, 1250)
	}
	got := b.String()
	if !strings.HasPrefix(got, "\rdrawing pack charts 1/1,250") || !strings.HasSuffix(got, "\rdrawing pack charts 1,250/1,250\n") {
		t.Errorf("progress %q", got)
	}
	if n := strings.Count(got, "\r"); n > 5 {
		t.Errorf("%d rewrites for a count done at once; want it throttled", n)
	}
}
