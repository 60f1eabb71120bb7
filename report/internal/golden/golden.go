// Package golden compares test output with files in a package's testdata
// folder, and rewrites them when the tests run with -update.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Check compares got with testdata/name, or writes it there under -update.
// A difference shows the first lines that differ, with their numbers and a
// little context, enough to see what changed without a diff tool.
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
		t.Errorf("%s differs (go test -update rewrites it, if the change is meant):\n%s", path, Diff(string(want), string(got)))
	}
}

// Diff shows the first lines where two texts differ: "-" the wanted line,
// "+" the one got, each with its number.
func Diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		wl, gl := lineAt(w, i), lineAt(g, i)
		if wl == gl {
			continue
		}
		if shown == 0 {
			for j := max(0, i-3); j < i; j++ {
				fmt.Fprintf(&b, "  %5d  %s\n", j+1, w[j])
			}
		}
		fmt.Fprintf(&b, "- %5d  %s\n+ %5d  %s\n", i+1, wl, i+1, gl)
		if shown++; shown == 20 {
			b.WriteString("  ...\n")
			break
		}
	}
	return b.String()
}

func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(end of file)"
}
