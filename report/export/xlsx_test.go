package export

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kpireport/report/scorecard"
)

func openXLSX(t *testing.T, sc *scorecard.Scorecard) (*excelize.File, []byte) {
	t.Helper()
	b, err := XLSX(sc)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, b
}

func TestXLSXSheets(t *testing.T) {
	f, _ := openXLSX(t, fixture())
	want := []string{"Summary", "Financial", "History (2)", "Learning-Growth- -people- & ski", "Measurements"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	if got := f.GetActiveSheetIndex(); got != 0 {
		t.Errorf("active sheet %d, want 0 (Summary)", got)
	}
}

// rowsOf reads a sheet's cell values as text.
func rowsOf(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestXLSXValues(t *testing.T) {
	f, _ := openXLSX(t, fixture())
	for _, tc := range []struct {
		sheet string
		want  [][]string
	}{
		{"Summary", [][]string{
			{"Level", "Name", "Period", "Score", "Status", "On target", "At risk", "Off target", "No data", "Scored", "Total"},
			{"Organisation", "Acme £ Ltd", "Q1 2026", "3.66666666666666", "at risk", "1", "0", "1", "2", "2", "4"},
			{"Perspective", "Financial", "Q1 2026", "0", "off target", "0", "0", "1", "0", "1", "1"},
			{"Perspective", "History", "Q1 2026", "7.33333333333333", "on target", "1", "0", "0", "1", "1", "2"},
			{"Perspective", "Learning/Growth: [people] & skills?", "Q1 2026", "", "no data", "0", "0", "0", "1", "0", "1"},
		}},
		{"Financial", [][]string{
			{"KPI ID", "KPI", "Objective", "Owner", "Unit", "Period", "Status", "Score", "Actual", "Target", "Red flag", "% of target", "Change vs previous", "Trend"},
			{"REV", "Revenue (£m)", "Grow revenue", "Jane Doe", "£m", "Mar 2026", "off target", "0", "-0.5", "1", "0.9", "-50", "-1.45", "worsening"},
		}},
		{"History (2)", [][]string{
			{"KPI ID", "KPI", "Objective", "Owner", "Unit", "Period", "Status", "Score", "Actual", "Target", "Red flag", "% of target", "Change vs previous", "Trend"},
			{"C-NPS", injectName, "Delight customers", injectOwner, "points", "Mar 2026", "on target", "8", "52", "50", "45", "104", "12", "improving"},
			{"C2", "Churn", "Delight customers", "", "%", "Mar 2026", "no data", "", "", "3", "4", "", "", "no trend"},
		}},
		{"Learning-Growth- -people- & ski", [][]string{
			{"KPI ID", "KPI", "Objective", "Owner", "Unit", "Period", "Status", "Score", "Actual", "Target", "Red flag", "% of target", "Change vs previous", "Trend"},
			{"L-TRAIN", "Training hours", "Skills", "", "", "", "no data", "", "", "", "", "", "", "no trend"},
		}},
	} {
		got := rowsOf(t, f, tc.sheet)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d rows, want %d: %q", tc.sheet, len(got), len(tc.want), got)
			continue
		}
		for i := range got {
			// GetRows leaves out empty cells at the end of a row.
			w := tc.want[i]
			for len(w) > 0 && w[len(w)-1] == "" {
				w = w[:len(w)-1]
			}
			if !slices.Equal(got[i], w) {
				t.Errorf("%s row %d:\n got %q\nwant %q", tc.sheet, i+1, got[i], w)
			}
		}
	}
}

// TestXLSXMeasurements checks that the Measurements sheet holds the CSV's
// rows, the text unescaped and the numbers as numbers.
func TestXLSXMeasurements(t *testing.T) {
	sc := fixture()
	f, _ := openXLSX(t, sc)
	got := rowsOf(t, f, "Measurements")
	b, err := MeasurementsCSV(sc)
	if err != nil {
		t.Fatal(err)
	}
	want := readCSV(t, b)
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d as in the CSV", len(got), len(want))
	}
	wantHeader := []string{"KPI ID", "KPI", "Perspective", "Objective ID", "Period", "Period label", "Actual", "Target", "Red flag", "Score", "Status", "% of target", "Comment"}
	if !slices.Equal(got[0], wantHeader) {
		t.Errorf("header %q, want %q", got[0], wantHeader)
	}
	for i := 1; i < len(want); i++ {
		w := slices.Clone(want[i])
		for j, v := range w {
			w[j] = strings.TrimPrefix(v, "'") // no escaping in the workbook
		}
		w[10] = strings.ReplaceAll(w[10], "-", " ") // status words, not slugs
		for len(w) > 0 && w[len(w)-1] == "" {
			w = w[:len(w)-1]
		}
		if !sameRow(got[i], w) {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, got[i], w)
		}
	}
	// Numbers are number cells, negative ones too; text is text.
	for _, cell := range []string{"G4", "L4", "J3"} {
		raw, _ := f.GetCellValue("Measurements", cell, excelize.Options{RawCellValue: true})
		if _, err := strconv.ParseFloat(raw, 64); err != nil || !numberCell(t, f, "Measurements", cell) {
			t.Errorf("Measurements!%s = %q is not a number cell", cell, raw)
		}
	}
	for _, tc := range []struct {
		cell string
		want excelize.CellType
	}{
		{"A2", excelize.CellTypeInlineString},
		{"E2", excelize.CellTypeInlineString}, // the period key stays text, not a date
		{"G4", excelize.CellTypeUnset},        // -0.5: a number cell has no type attribute
		{"G9", excelize.CellTypeUnset},        // no actual: an empty cell
	} {
		if typ, err := f.GetCellType("Measurements", tc.cell); err != nil || typ != tc.want {
			t.Errorf("Measurements!%s type %v, %v; want %v", tc.cell, typ, err, tc.want)
		}
	}
}

// sameRow compares a row read back from the workbook with one from the CSV:
// text exactly, numbers to Excel's 15 significant digits.
func sameRow(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] == want[i] {
			continue
		}
		g, err1 := strconv.ParseFloat(got[i], 64)
		w, err2 := strconv.ParseFloat(want[i], 64)
		if err1 != nil || err2 != nil || math.Abs(g-w) > 1e-14*math.Abs(w) {
			return false
		}
	}
	return true
}

// numberCell reports whether a cell is written as a number: no type
// attribute (or "n") and a value.
func numberCell(t *testing.T, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := f.GetCellValue(sheet, cell)
	return (typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber) && v != ""
}

// TestXLSXInjection checks that text that looks like a formula is written
// as a plain string cell, unchanged and with no formula.
func TestXLSXInjection(t *testing.T) {
	f, b := openXLSX(t, fixture())
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		xml, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(xml, []byte("<f>")) || bytes.Contains(xml, []byte("<f ")) {
			t.Errorf("%s holds a formula", zf.Name)
		}
	}
	for _, tc := range []struct{ sheet, cell, want string }{
		{"History (2)", "B2", injectName},
		{"History (2)", "D2", injectOwner},
		{"Measurements", "B5", injectName},
		{"Measurements", "M5", "+cmd|' /C calc'!A0"},
	} {
		v, err := f.GetCellValue(tc.sheet, tc.cell)
		if err != nil || v != tc.want {
			t.Errorf("%s!%s = %q, %v; want %q", tc.sheet, tc.cell, v, err, tc.want)
		}
		if formula, err := f.GetCellFormula(tc.sheet, tc.cell); err != nil || formula != "" {
			t.Errorf("%s!%s has formula %q, %v; want none", tc.sheet, tc.cell, formula, err)
		}
		if typ, err := f.GetCellType(tc.sheet, tc.cell); err != nil || typ != excelize.CellTypeInlineString {
			t.Errorf("%s!%s type %v, %v; want an inline string", tc.sheet, tc.cell, typ, err)
		}
	}
}

func TestXLSXStyles(t *testing.T) {
	f, _ := openXLSX(t, fixture())
	style := func(sheet, cell string) *excelize.Style {
		t.Helper()
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, tc := range []struct{ sheet, cell, text, fill string }{
		{"Summary", "E2", "at risk", "9A6700"},
		{"Summary", "E3", "off target", "C62828"},
		{"Summary", "E4", "on target", "1A7F37"},
		{"Summary", "E5", "no data", "6E7781"},
		{"History (2)", "G2", "on target", "1A7F37"},
		{"Measurements", "K2", "on target", "1A7F37"},
	} {
		s := style(tc.sheet, tc.cell)
		v, _ := f.GetCellValue(tc.sheet, tc.cell)
		if v != tc.text || len(s.Fill.Color) != 1 || !strings.EqualFold(strings.TrimPrefix(s.Fill.Color[0], "#"), tc.fill) || s.Fill.Pattern != 1 {
			t.Errorf("%s!%s = %q filled %+v; want %q filled #%s", tc.sheet, tc.cell, v, s.Fill, tc.text, tc.fill)
		}
	}
	for _, sheet := range f.GetSheetList() {
		if s := style(sheet, "A1"); s.Font == nil || !s.Font.Bold {
			t.Errorf("%s!A1: header not bold", sheet)
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v, %v; want the first row frozen", sheet, panes, err)
		}
	}
	if s := style("Summary", "D2"); s.CustomNumFmt == nil || *s.CustomNumFmt != "0.00" {
		t.Errorf("score format %v, want 0.00", s.CustomNumFmt)
	}
	for _, tc := range []struct {
		sheet, col string
		want       float64
	}{
		{"Financial", "A", 9},     // "KPI ID" + 3
		{"Financial", "B", 13},    // "Revenue (£m)" + 1
		{"Financial", "E", 8},     // "Unit" + 3 and "£m" are short: the minimum
		{"Financial", "I", 12},    // a number column
		{"History (2)", "B", 27},  // the injected name + 1
		{"Measurements", "M", 24}, // the longest comment + 1
		{"Financial", "M", 21},    // "Change vs previous" + 3
	} {
		if w, err := f.GetColWidth(tc.sheet, tc.col); err != nil || w != tc.want {
			t.Errorf("%s column %s width %v, %v; want %v", tc.sheet, tc.col, w, err, tc.want)
		}
	}
}

// TestXLSXStamp checks the fixed dates: document properties and every zip
// entry say the report period's last day, and the entries are in name
// order.
func TestXLSXStamp(t *testing.T) {
	f, b := openXLSX(t, fixture())
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2026-03-31T00:00:00Z" || props.Modified != props.Created || props.Creator != "kpireport" || props.Title != "Acme scorecard" {
		t.Errorf("doc props %+v", props)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	want := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	for _, zf := range zr.File {
		names = append(names, zf.Name)
		if !zf.Modified.Equal(want) {
			t.Errorf("%s modified %v, want %v", zf.Name, zf.Modified, want)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil { // checks the CRC
			t.Errorf("%s: %v", zf.Name, err)
		}
		rc.Close()
	}
	if !sort.StringsAreSorted(names) || names[0] != "[Content_Types].xml" {
		t.Errorf("zip entries not in name order: %q", names)
	}
}

func TestDocTime(t *testing.T) {
	sc := fixture()
	for _, tc := range []struct {
		start int
		p     string
		want  string
	}{
		{1, "2026-Q1", "2026-03-31"},
		{4, "2026-Q1", "2025-06-30"},
		{4, "2026", "2026-03-31"},
		{1, "2024-02", "2024-02-29"},
		{1, "", "2000-01-01"},
		{1, "1900", "2000-01-01"},
	} {
		sc.Calendar.Start = tc.start
		sc.Period = parseKey(t, tc.p)
		if got := docTime(sc).Format(time.DateOnly); got != tc.want {
			t.Errorf("docTime(%q, FY from month %d) = %s, want %s", tc.p, tc.start, got, tc.want)
		}
	}
}

func TestXLSXEmpty(t *testing.T) {
	f, _ := openXLSX(t, &scorecard.Scorecard{Perspectives: []*scorecard.Perspective{nil, {}}, KPIs: []*scorecard.KPI{nil}})
	if got, want := f.GetSheetList(), []string{"Summary", "Perspective", "Measurements"}; !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
}
