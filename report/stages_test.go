package report

import (
	"bytes"
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
	if s, want := strings.Join(got, ","), "read,compute,exports,view,pages,write,"; s != want {
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
	if got, want := w.String(), "\rwriting the site's pages…\x1b[K\r\x1b[K"; got != want {
		t.Errorf("line %q, want %q", got, want)
	}
}
