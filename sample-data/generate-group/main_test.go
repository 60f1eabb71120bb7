package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedWorkbook writes the workbook and compares it with the one
// committed beside this folder: the output is the same on every run.
func TestCommittedWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "harbour-group.xlsx")
	if err := write(path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../harbour-group/harbour-group.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the generated workbook differs from sample-data/harbour-group/harbour-group.xlsx; run go run ./sample-data/generate-group")
	}
	leaves := 0
	for _, u := range units {
		if u.size > 0 {
			leaves++
		}
	}
	if leaves != 8 || len(units)-leaves != 3 || len(kpis) != 30 {
		t.Errorf("%d operating units, %d regions, %d KPIs; want 8, 3, 30", leaves, len(units)-leaves, len(kpis))
	}
}
