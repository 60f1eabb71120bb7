// Package golden compares test output with files in a package's testdata
// folder, and rewrites them when the tests run with -update.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pmezard/go-difflib/difflib"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Check compares got with testdata/name, or writes it there under -update.
// A difference is reported as a unified diff from the golden file to what
// the test got.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it, if the change is meant):\n%s",
			path, Diff(path, string(want), "got", string(got)))
	}
}

// Diff returns the unified diff, with three lines of context, that turns
// text a (named aName in the header) into text b (bName). It is empty when
// the texts are equal.
func Diff(aName, a, bName, b string) string {
	d, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A:        lines(a),
		B:        lines(b),
		FromFile: aName,
		ToFile:   bName,
		Context:  3,
	})
	if err != nil {
		// It fails only when writing to its own buffer does.
		return "(no diff: " + err.Error() + ")\n"
	}
	return d
}

// lines splits a text into lines that keep their newline. A last line
// without one is followed by diff's "\ No newline at end of file", so that
// a missing final newline shows in the diff.
func lines(s string) []string {
	ls := strings.SplitAfter(s, "\n")
	if last := ls[len(ls)-1]; last == "" {
		ls = ls[:len(ls)-1]
	} else {
		ls[len(ls)-1] = last + "\n"
		ls = append(ls, "\\ No newline at end of file\n")
	}
	return ls
}
