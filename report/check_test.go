package report

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"kpireport/report/internal/golden"
)

// mistakes writes a small workbook with several kinds of mistake, in two
// sheets and the Settings, and returns its path.
func mistakes(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := map[string][][]any{
		"Settings": {
			{"key", "value"},
			{"title", "Mistakes Ltd"},
			{"colour_scheme", "blue"},
		},
		"KPIs": {
			{"id", "name", "perspective", "direction", "target", "red_flag", "owner", "colour"},
			{"REV", "Revenue", "Financial", "up-ish", 100, 90, "Ann", "green"},
			{"CST", "Cost", "Financial", "lower", 50, 40, "Bob", nil},
			{"NPS", "Net promoter score", "Customer", "higher", nil, nil, "Cat", nil},
		},
		"Measurements": {
			{"kpi", "period", "actual"},
			{"REV", "2026-01", 90},
			{"REV", "2026-02", "twelve"},
			{"CST", "2026-01", "N/A"},
			{"XYZ", "2026-01", 3},
			{"NPS", "2026-13", 40},
		},
	}
	for i, sheet := range []string{"Settings", "KPIs", "Measurements"} {
		if i == 0 {
			f.SetSheetName("Sheet1", sheet)
		} else if _, err := f.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
		for r, row := range rows[sheet] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(sheet, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "mistakes.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDiagnoseGolden pins check's two forms of output, text and JSON, on a
// workbook with several mistakes.
func TestDiagnoseGolden(t *testing.T) {
	d, err := Diagnose(context.Background(), Options{Inputs: []string{mistakes(t)}})
	if err != nil {
		t.Fatal(err)
	}
	if d.Scorecard != nil {
		t.Errorf("a workbook with errors gave a scorecard")
	}
	var text, js bytes.Buffer
	if err := d.Problems.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := d.Problems.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "check/mistakes.txt", text.Bytes())
	golden.Check(t, "check/mistakes.json", js.Bytes())
	for _, p := range d.Problems.List {
		if p.Code == "" {
			t.Errorf("%s has no code", p)
		}
	}
}
