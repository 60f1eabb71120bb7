package genbook

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteSameBytes writes one Spec twice and checks the two files are the
// same bytes: excelize streams the sheets and would otherwise put them in
// the zip in a map's order, different from run to run.
func TestWriteSameBytes(t *testing.T) {
	dir := t.TempDir()
	s := Spec{KPIs: 30, Months: 12, Seed: 7}
	var files [][]byte
	for _, name := range []string{"a.xlsx", "b.xlsx", "c.xlsx"} {
		path := filepath.Join(dir, name)
		if err := Write(path, s); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data)
	}
	if !bytes.Equal(files[0], files[1]) || !bytes.Equal(files[0], files[2]) {
		t.Errorf("three workbooks of one Spec differ (%d, %d, %d bytes)", len(files[0]), len(files[1]), len(files[2]))
	}
}
