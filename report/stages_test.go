package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Options.Stage hears every stage of a build in order, then "", and a
// build that is not on a terminal writes no carriage return.
func TestStages(t *testing.T) {
	var got []string
	var log bytes.Buffer
	err := Build(t.Context(), Options{Inputs: []string{sampleWorkbook}, Out: filepath.Join(t.TempDir(), "site"), NoPacks: true, Log: &log,
		Stage: func(name string) { got = append(got, name) }})
	if err != nil {
		t.Fatal(err)
	}
	if s, want := strings.Join(got, ","), "read,compute,view,pages,exports,index,write,"; s != want {
		t.Errorf("stages %q, want %q", s, want)
	}
	if strings.Contains(log.String(), "\r") {
		t.Errorf("a carriage return in a log that is not a terminal:\n%q", log.String())
	}
}

// On a terminal the line names the stage running once the build has
// taken a second, and is cleared before the summary.
func TestStageLine(t *testing.T) {
	var w bytes.Buffer
	s := newStages(Options{Progress: true}, &w)
	s.begin(StageRead)
	if w.Len() != 0 {
		t.Errorf("a line in the first second: %q", w.String())
	}
	s.start = s.start.Add(-2 * time.Second)
	s.begin(StagePages)
	s.end()
	if got, want := w.String(), "\rwriting the site's pages and the data exports…\x1b[K\r\x1b[K"; got != want {
		t.Errorf("line %q, want %q", got, want)
	}
}

// A page that fails while the exports are being written beside the pages
// stops the build with the page's error, leaves the site of the last build
// as it was and no staging folder behind.
func TestPageFailsBesideExports(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "site")
	if err := Build(t.Context(), Options{Inputs: []string{sampleWorkbook}, Out: out, NoPacks: true}); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	own := filepath.Join(dir, "templates")
	if err := os.Mkdir(own, 0o755); err != nil {
		t.Fatal(err)
	}
	bad := `{{template "base" .}}{{define "content"}}{{.NoSuchField}}{{end}}`
	if err := os.WriteFile(filepath.Join(own, "kpi.html"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	var stages []string
	err = Build(t.Context(), Options{Inputs: []string{sampleWorkbook}, Out: out, NoPacks: true, Templates: own,
		Stage: func(name string) { stages = append(stages, name) }})
	if err == nil || !strings.Contains(err.Error(), "site: kpis/") || !strings.Contains(err.Error(), "NoSuchField") {
		t.Fatalf("err = %v, want the KPI page's", err)
	}
	if s := strings.Join(stages, ","); strings.Contains(s, StageIndex) {
		t.Errorf("stages %q: the index after a failed page", s)
	}
	after, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !bytes.Equal(after, before) {
		t.Errorf("the site's index changed (%v)", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".site.kpireport-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
