package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"kpireport/internal/genbook"
)

// TestCommittedWorkbook writes the workbook and compares it with the one
// committed beside this folder: the output is the same on every run.
func TestCommittedWorkbook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "harbour-group.xlsx")
	if err := genbook.WriteGroup(path, genbook.Group{}); err != nil {
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
	if units, regions, kpis := genbook.SampleGroup(); units != 8 || regions != 3 || kpis != 30 {
		t.Errorf("%d operating units, %d regions, %d KPIs; want 8, 3, 30", units, regions, kpis)
	}
}
