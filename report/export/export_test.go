package export

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

// golden compares got with testdata/name, or rewrites the file with -update.
// A difference is shown as the first line that differs, with its number.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
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
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(gl), len(wl)); i++ {
		g, w := line(gl, i), line(wl, i)
		if g != w {
			t.Fatalf("%s differs at line %d (go test -update rewrites it):\n got: %s\nwant: %s", path, i+1, g, w)
		}
	}
}

func line(lines []string, i int) string {
	if i < len(lines) {
		return fmt.Sprintf("%q", lines[i])
	}
	return "(end of file)"
}

func TestNilScorecard(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   func() ([]byte, error)
		want string
	}{
		{"JSON", func() ([]byte, error) { return JSON(nil) }, "export: scorecard.json: no scorecard"},
		{"CSV", func() ([]byte, error) { return MeasurementsCSV(nil) }, "export: measurements.csv: no scorecard"},
		{"XLSX", func() ([]byte, error) { return XLSX(nil) }, "export: scorecard.xlsx: no scorecard"},
	} {
		b, err := tc.fn()
		if err == nil || err.Error() != tc.want || b != nil {
			t.Errorf("%s(nil) = %d bytes, %v; want error %q", tc.name, len(b), err, tc.want)
		}
	}
}

func TestDefuse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Revenue", "Revenue"},
		{"=1+1", "'=1+1"},
		{"+44 20", "'+44 20"},
		{"-5", "'-5"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{" =1", " =1"},
		{"a=b", "a=b"},
		{"'quoted", "'quoted"},
		{"£5", "£5"},
	} {
		if got := defuse(tc.in); got != tc.want {
			t.Errorf("defuse(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDeterministic checks that each export gives the same bytes twice.
// XLSX would differ between runs if excelize's map order or the clock
// reached the file.
func TestDeterministic(t *testing.T) {
	for name, fn := range map[string]func() ([]byte, error){
		"JSON": func() ([]byte, error) { return JSON(fixture()) },
		"CSV":  func() ([]byte, error) { return MeasurementsCSV(fixture()) },
		"XLSX": func() ([]byte, error) { return XLSX(fixture()) },
	} {
		first, err := fn()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for range 5 {
			again, err := fn()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !bytes.Equal(first, again) {
				t.Fatalf("%s: two calls gave different bytes (%d and %d)", name, len(first), len(again))
			}
		}
	}
}
