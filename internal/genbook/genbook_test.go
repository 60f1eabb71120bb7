package genbook

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
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

// TestWriteUnits checks that Spec.Units writes the group workbook that
// WriteGroup does, with the units asked for.
func TestWriteUnits(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	if err := Write(a, Spec{KPIs: 4, Months: 3, Seed: 2, Units: 5}); err != nil {
		t.Fatal(err)
	}
	if err := WriteGroup(b, Group{KPIs: 4, Months: 3, Seed: 2, Units: 5}); err != nil {
		t.Fatal(err)
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if len(da) == 0 || !bytes.Equal(da, db) {
		t.Fatalf("Spec.Units and WriteGroup wrote different workbooks (%d, %d bytes)", len(da), len(db))
	}
	f, err := excelize.OpenFile(a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	units, _ := f.GetRows("Units")
	meas, _ := f.GetRows("Measurements")
	// A header, 3 regions and 5 units; a header and 4 KPIs × 5 units × 3 months.
	if len(units) != 1+3+5 || len(meas) != 1+4*5*3 {
		t.Errorf("%d Units rows and %d Measurements rows, want 9 and 61", len(units), len(meas))
	}
	if err := Write(a, Spec{KPIs: 4, Months: 3, Units: -1}); err == nil {
		t.Error("-1 units written without error")
	}
}
