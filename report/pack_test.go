package report

import (
	"os"
	"path/filepath"
	"testing"

	"kpireport/report/internal/browser"
)

// TestBuildPDFWithoutChrome checks that --pdf without a browser fails with
// a clear message before anything is written.
func TestBuildPDFWithoutChrome(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(browser.EnvPath, "")
	out := filepath.Join(t.TempDir(), "site")
	err := Build(t.Context(), Options{Inputs: []string{sampleWorkbook}, Out: out, PDF: true})
	want := "--pdf: no Chromium or Chrome found on PATH; install chromium or pass --chrome PATH"
	if err == nil || err.Error() != want {
		t.Errorf("Build with --pdf and no browser: %v, want %q", err, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was written (stat: %v)", out, err)
	}
}

// TestBuildWritesPacks checks that a build writes the packs beside the site.
func TestBuildWritesPacks(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	if err := Build(t.Context(), Options{Inputs: []string{sampleWorkbook}, Out: out}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"financial.html", "board-pack.html", "review-packs.zip"} {
		if fi, err := os.Stat(filepath.Join(out, "packs", name)); err != nil || fi.Size() == 0 {
			t.Errorf("packs/%s: %v", name, err)
		}
	}
}
