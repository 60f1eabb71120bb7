package workbook

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "kpis.xlsx", Sheet: "Measurements", Row: 14, Col: 3}, "kpis.xlsx:Measurements!C14"},
		{Pos{File: "kpis.xlsx", Sheet: "Measurements", Row: 14}, "kpis.xlsx:Measurements!14"},
		{Pos{File: "kpis.xlsx", Sheet: "Measurements"}, "kpis.xlsx:Measurements"},
		{Pos{File: "kpis.xlsx", Sheet: "KPIs", Row: 2, Col: 28}, "kpis.xlsx:KPIs!AB2"},
		{Pos{File: "kpis.xlsx"}, "kpis.xlsx"},
		{Pos{File: "targets.csv", Row: 14, Col: 3}, "targets.csv:C14"},
		{Pos{File: "targets.csv", Row: 14}, "targets.csv:14"},
		{Pos{File: "targets.csv", Col: 3}, "targets.csv"},
		{Pos{File: "k.xlsx", Sheet: "S", Row: 1, Col: 16384}, "k.xlsx:S!XFD1"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA", 0: ""} {
		if got := ColumnName(n); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := map[string]string{
		"Red Flag":        "redflag",
		"red_flag":        "redflag",
		"RED-FLAG ":       "redflag",
		"Red.Flag":        "redflag",
		"  KPI  ":         "kpi",
		"% complete":      "complete",
		"Target (€)":      "target",
		"target_max":      "targetmax",
		"Ziel Größe":      "zielgröße",
		"FY2026 Q1":       "fy2026q1",
		"":                "",
		"---":             "",
		"Percent\tDone\n": "percentdone",
	}
	for in, want := range tests {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		in      string
		v       float64
		ok, pct bool
		err     string
	}{
		{in: "12", v: 12, ok: true},
		{in: " 12 ", v: 12, ok: true},
		{in: "-3", v: -3, ok: true},
		{in: "+3", v: 3, ok: true},
		{in: "1234.5", v: 1234.5, ok: true},
		{in: "1,234.5", v: 1234.5, ok: true},
		{in: "1,234,567", v: 1234567, ok: true},
		{in: "(1,200)", v: -1200, ok: true},
		{in: "( 7 )", v: -7, ok: true},
		{in: "9.5%", v: 0.095, ok: true, pct: true},
		{in: "12 %", v: 0.12, ok: true, pct: true},
		{in: "-0.5%", v: -0.005, ok: true, pct: true},
		{in: "(5%)", v: -0.05, ok: true, pct: true},
		{in: "1.5e2%", v: 1.5, ok: true, pct: true},
		{in: "$1,200", v: 1200, ok: true},
		{in: "-$5", v: -5, ok: true},
		{in: "$-5", v: -5, ok: true},
		{in: "€1.5", v: 1.5, ok: true},
		{in: "1.5 €", v: 1.5, ok: true},
		{in: "£ 3", v: 3, ok: true},
		{in: "1.2e3", v: 1200, ok: true},
		{in: "1E-3", v: 0.001, ok: true},
		{in: ".5", v: 0.5, ok: true},
		{in: "5.", v: 5, ok: true},
		{in: "0", v: 0, ok: true},
		{in: "\u00a012\u00a0", v: 12, ok: true},
		{in: ""},
		{in: "   "},
		{in: "n/a", err: `"n/a" is not a number`},
		{in: " N/A ", err: `"N/A" is not a number`},
		{in: "-", err: `"-" is not a number`},
		{in: "%", err: `"%" is not a number`},
		{in: "$", err: `"$" is not a number`},
		{in: "1,5", err: `"1,5" is not a number`},
		{in: "12,34.5", err: `"12,34.5" is not a number`},
		{in: "1234,567", err: `"1234,567" is not a number`},
		{in: "1.2.3", err: `"1.2.3" is not a number`},
		{in: "--5", err: `"--5" is not a number`},
		{in: "(-5)", err: `"(-5)" is not a number`},
		{in: "inf", err: `"inf" is not a number`},
		{in: "NaN", err: `"NaN" is not a number`},
		{in: "0x10", err: `"0x10" is not a number`},
		{in: "1e999", err: `"1e999" is not a number`},
		{in: "1e", err: `"1e" is not a number`},
		{in: "12 apples", err: `"12 apples" is not a number`},
		{in: "$$5", err: `"$$5" is not a number`},
	}
	for _, tt := range tests {
		v, ok, pct, err := Cell{Kind: Text, Text: tt.in}.Number()
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Number(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || v != tt.v || ok != tt.ok || pct != tt.pct {
			t.Errorf("Number(%q) = %v, %v, %v, %v; want %v, %v, %v, nil", tt.in, v, ok, pct, err, tt.v, tt.ok, tt.pct)
		}
	}
}

func TestNumberKinds(t *testing.T) {
	tests := []struct {
		cell Cell
		v    float64
		ok   bool
		err  string
	}{
		{cell: Cell{Kind: Number, Num: 46082, Text: "46082"}, v: 46082, ok: true},
		{cell: Cell{Kind: Blank}},
		{cell: Cell{Kind: Bool, Text: "TRUE"}, err: `"TRUE" is not a number`},
		{cell: Cell{Kind: ErrorValue, Text: "#DIV/0!"}, err: `"#DIV/0!" is not a number`},
		{cell: Cell{Kind: NoCache, Text: "SUM(A1:A3)"}, err: "formula has no saved value (open and save the file in Excel to compute it)"},
	}
	for _, tt := range tests {
		v, ok, _, err := tt.cell.Number()
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%+v.Number() error = %v, want %q", tt.cell, err, tt.err)
			}
			continue
		}
		if err != nil || v != tt.v || ok != tt.ok {
			t.Errorf("%+v.Number() = %v, %v, %v", tt.cell, v, ok, err)
		}
	}
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"9.5%", "1,234.5", "(1,200)", "-3", " 12 ", "$1,200", "€1.5", "1.2e3", "12 %", "n/a", "(", "-$", "1e400%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok, pct, err := ParseNumber(s)
		if ok && (math.IsInf(v, 0) || math.IsNaN(v)) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		if err != nil && (ok || pct && v != 0) {
			t.Fatalf("ParseNumber(%q) = %v, %v, %v, %v", s, v, ok, pct, err)
		}
		if !ok && err == nil && strings.TrimSpace(s) != "" {
			t.Fatalf("ParseNumber(%q) gave neither a number nor an error", s)
		}
	})
}

// cellView is a cell as the tests compare it.
type cellView struct {
	Ref  string
	Kind Kind
	Text string
	Num  float64
}

func view(cells []Cell) []cellView {
	var out []cellView
	for _, c := range cells {
		ref := ColumnName(c.Pos.Col) + fmt.Sprint(c.Pos.Row)
		out = append(out, cellView{ref, c.Kind, c.Text, c.Num})
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// writeWorkbook saves a workbook built by fill into a temporary directory.
func writeWorkbook(t *testing.T, name string, fill func(x *excelize.File)) string {
	t.Helper()
	x := excelize.NewFile()
	fill(x)
	path := filepath.Join(t.TempDir(), name)
	must(t, x.SaveAs(path))
	must(t, x.Close())
	return path
}

func TestTable(t *testing.T) {
	path := writeWorkbook(t, "kpis.xlsx", func(x *excelize.File) {
		must(t, x.SetSheetName("Sheet1", "Measurements"))
		s := "Measurements"
		set := func(ref string, v any) { must(t, x.SetCellValue(s, ref, v)) }
		set("A1", "KPI measurements 2026") // a title row
		set("B2", "made by finance")       // and another
		// Header in row 4, after a blank row; columns in any order; D has
		// no header; H is beyond the header.
		set("A4", "Period")
		set("B4", " KPI ")
		set("C4", "Actual")
		set("E4", "Comment")
		set("A5", "2026-01")
		set("B5", "K1")
		set("C5", 12.5)
		set("E5", "fine")
		set("H5", "ignored")
		// Row 6 is blank; row 7 has data only beyond the header.
		set("H7", "ignored")
		set("A8", 46082) // a date serial
		must(t, x.SetCellStr(s, "B8", "2026"))
		set("C8", 25)
		// excelize keeps the cached 25 but marks it as text (t="str").
		must(t, x.SetCellFormula(s, "C8", "C5*2"))
		set("D8", true)
		set("A9", "2026-03")
		set("B9", "K3")
		must(t, x.SetCellFormula(s, "C9", "SUM(C5:C8)")) // no cached value
		set("E9", "   ")
	})
	f, err := Open(path)
	must(t, err)
	defer f.Close()
	if got, want := f.Sheets(), []SheetInfo{{Name: "Measurements"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Sheets() = %v, want %v", got, want)
	}
	var ps Problems
	tb, err := f.Table("measurements", []string{"kpi", "period", "actual", "target"}, &ps)
	must(t, err)
	if len(ps.List) != 0 {
		t.Errorf("problems: %v", ps.List)
	}
	if tb.File != "kpis.xlsx" || tb.Sheet != "Measurements" || tb.HeaderRow != 4 || tb.Hidden || tb.Date1904 {
		t.Errorf("table = %q %q header row %d hidden %v 1904 %v", tb.File, tb.Sheet, tb.HeaderRow, tb.Hidden, tb.Date1904)
	}
	wantHeader := []cellView{
		{"A4", Text, "Period", 0},
		{"B4", Text, "KPI", 0},
		{"C4", Text, "Actual", 0},
		{"E4", Text, "Comment", 0}, // D4 is blank: the column is left out

	}
	if got := view(tb.Header); !reflect.DeepEqual(got, wantHeader) {
		t.Errorf("header = %v\nwant %v", got, wantHeader)
	}
	want := [][]cellView{
		{{"A5", Text, "2026-01", 0}, {"B5", Text, "K1", 0}, {"C5", Number, "12.5", 12.5}, {"E5", Text, "fine", 0}},
		{{"A8", Number, "46082", 46082}, {"B8", Text, "2026", 0}, {"C8", Text, "25", 0}, {"E8", Blank, "", 0}},
		{{"A9", Text, "2026-03", 0}, {"B9", Text, "K3", 0}, {"C9", NoCache, "SUM(C5:C8)", 0}, {"E9", Blank, "", 0}},
	}
	if len(tb.Rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(tb.Rows), len(want))
	}
	for i, r := range tb.Rows {
		if r.Num != []int{5, 8, 9}[i] {
			t.Errorf("row %d: Num = %d", i, r.Num)
		}
		if got := view(r.Cells); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("row %d = %v\nwant %v", r.Num, got, want[i])
		}
	}
	if got := tb.Rows[1].Cells[2].Pos.String(); got != "kpis.xlsx:Measurements!C8" {
		t.Errorf("Pos = %q", got)
	}

	// Without known names the first non-blank row is the header.
	tb, err = f.Table("Measurements", nil, &ps)
	must(t, err)
	if tb.HeaderRow != 1 || len(tb.Header) != 1 || len(tb.Rows) != 4 {
		t.Errorf("no known names: header row %d, %d columns, %d rows", tb.HeaderRow, len(tb.Header), len(tb.Rows))
	}

	_, err = f.Table("Targets", nil, &ps)
	if err == nil || err.Error() != `kpis.xlsx: no such sheet "Targets"` || !errors.Is(err, ErrNoSheet) {
		t.Errorf("missing sheet: %v", err)
	}
}

// TestFormulaCache checks formula cells as Excel writes them: the cached
// value typed as the result is, or no cached value at all.
func TestFormulaCache(t *testing.T) {
	path := writeWorkbook(t, "f.xlsx", func(x *excelize.File) {
		sw, err := x.NewStreamWriter("Sheet1")
		must(t, err)
		must(t, sw.SetRow("A1", []any{"kpi", "actual", "target"}))
		must(t, sw.SetRow("A2", []any{"K1", excelize.Cell{Formula: "C2*2", Value: 25}, excelize.Cell{Formula: "1+1"}}))
		must(t, sw.Flush())
	})
	f, err := Open(path)
	must(t, err)
	defer f.Close()
	tb, err := f.Table("Sheet1", nil, nil)
	must(t, err)
	want := []cellView{{"A2", Text, "K1", 0}, {"B2", Number, "25", 25}, {"C2", NoCache, "1+1", 0}}
	if got := view(tb.Rows[0].Cells); !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestHiddenAnd1904(t *testing.T) {
	path := writeWorkbook(t, "old mac.xlsx", func(x *excelize.File) {
		yes := true
		must(t, x.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
		_, err := x.NewSheet("Lookups")
		must(t, err)
		must(t, x.SetCellValue("Lookups", "A1", "key"))
		must(t, x.SetCellValue("Sheet1", "A1", "x"))
		must(t, x.SetSheetVisible("Lookups", false))
	})
	f, err := Open(path)
	must(t, err)
	defer f.Close()
	want := []SheetInfo{{Name: "Sheet1"}, {Name: "Lookups", Hidden: true}}
	if got := f.Sheets(); !reflect.DeepEqual(got, want) {
		t.Errorf("Sheets() = %v, want %v", got, want)
	}
	tb, err := f.Table("Lookups", nil, nil)
	must(t, err)
	if !tb.Hidden || !tb.Date1904 || !f.Date1904() {
		t.Errorf("hidden %v, 1904 %v", tb.Hidden, tb.Date1904)
	}
}

func TestDate1904Corpus(t *testing.T) {
	path := "../../../shared/xlsx-corpus/calamine/date_1904.xlsx"
	if _, err := os.Stat(path); err != nil {
		t.Skip("corpus not present")
	}
	f, err := Open(path)
	must(t, err)
	defer f.Close()
	tb, err := f.Table(f.Sheets()[0].Name, nil, nil)
	must(t, err)
	if !tb.Date1904 {
		t.Error("date_1904.xlsx: Date1904 = false")
	}
	if tb.Header[0].Kind != Number || tb.Header[0].Num != 42735 {
		t.Errorf("date_1904.xlsx: A1 = %+v", tb.Header[0])
	}
}

func TestMerged(t *testing.T) {
	path := writeWorkbook(t, "merged.xlsx", func(x *excelize.File) {
		s := "Sheet1"
		set := func(ref string, v any) { must(t, x.SetCellValue(s, ref, v)) }
		set("A1", "Scorecard")
		must(t, x.MergeCell(s, "A1", "D1")) // a merged title
		set("A2", "KPI")
		set("B2", "Actual") // merged over B:C
		must(t, x.MergeCell(s, "B2", "C2"))
		set("D2", "Period")
		set("A3", "K1")
		must(t, x.MergeCell(s, "A3", "A5")) // K1 down three rows
		set("B3", 1)
		set("B4", 2)
		set("B5", 3)
		set("A6", "K2")
		set("B6", 4)
	})
	f, err := Open(path)
	must(t, err)
	defer f.Close()
	tb, err := f.Table("Sheet1", []string{"kpi", "actual", "period"}, nil)
	must(t, err)
	if tb.HeaderRow != 2 || len(tb.Header) != 3 || tb.Header[2].Text != "Period" || tb.Header[2].Pos.Col != 4 {
		t.Errorf("header row %d: %v", tb.HeaderRow, view(tb.Header))
	}
	var kpis []string
	for _, r := range tb.Rows {
		kpis = append(kpis, r.Cells[0].Text+"@"+r.Cells[0].Pos.String())
	}
	want := []string{"K1@merged.xlsx:Sheet1!A3", "K1@merged.xlsx:Sheet1!A4", "K1@merged.xlsx:Sheet1!A5", "K2@merged.xlsx:Sheet1!A6"}
	if !reflect.DeepEqual(kpis, want) {
		t.Errorf("kpis = %v, want %v", kpis, want)
	}
}

// TestStrayHeaderCell checks that a note far to the right of the header
// adds one column to the table, not sixteen thousand blank cells a row.
func TestStrayHeaderCell(t *testing.T) {
	path := writeWorkbook(t, "stray.xlsx", func(x *excelize.File) {
		must(t, x.SetSheetRow("Sheet1", "A1", &[]any{"kpi", "period", "actual"}))
		must(t, x.SetCellValue("Sheet1", "XFD1", "note"))
		for r := 2; r <= 50; r++ {
			must(t, x.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r), &[]any{"K1", "2026-01", r}))
		}
		must(t, x.SetCellValue("Sheet1", "XFD3", "see here"))
	})
	f, err := Open(path)
	must(t, err)
	defer f.Close()
	tb, err := f.Table("Sheet1", []string{"kpi", "period", "actual"}, nil)
	must(t, err)
	if len(tb.Header) != 4 || tb.Header[3].Pos.String() != "stray.xlsx:Sheet1!XFD1" {
		t.Fatalf("header = %v", view(tb.Header))
	}
	for _, r := range tb.Rows {
		if len(r.Cells) != 4 {
			t.Fatalf("row %d has %d cells, want 4", r.Num, len(r.Cells))
		}
	}
	if got := tb.Rows[1].Cells[3]; got.Text != "see here" || got.Pos.String() != "stray.xlsx:Sheet1!XFD3" {
		t.Errorf("cell under the note = %+v", got)
	}
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	must(t, os.WriteFile(path, data, 0o644))
	return path
}

func TestCSV(t *testing.T) {
	data := "\uFEFFTargets for 2026;;\n\n kpi ;Period;Target;Note\nK1;2026-01;3,5;\"a; b\"\nK2;2026-02;1.234,5;\n;;;\nK3;2026-03;-7;x;beyond\n"
	path := writeFile(t, "Targets.csv", []byte(data))
	f, err := Open(path)
	must(t, err)
	defer f.Close()
	if got, want := f.Sheets(), []SheetInfo{{Name: "Targets"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Sheets() = %v, want %v", got, want)
	}
	var ps Problems
	tb, err := f.Table("targets", []string{"kpi", "period", "target"}, &ps)
	must(t, err)
	if len(ps.List) != 1 || ps.List[0].Severity != Warning || !strings.Contains(ps.List[0].Msg, "read with decimal commas") {
		t.Errorf("problems: %v; want one note of the decimal commas read", ps.List)
	}
	if tb.Sheet != "Targets" || tb.HeaderRow != 3 {
		t.Errorf("sheet %q, header row %d", tb.Sheet, tb.HeaderRow)
	}
	wantHeader := []cellView{{"A3", Text, "kpi", 0}, {"B3", Text, "Period", 0}, {"C3", Text, "Target", 0}, {"D3", Text, "Note", 0}}
	if got := view(tb.Header); !reflect.DeepEqual(got, wantHeader) {
		t.Errorf("header = %v", got)
	}
	want := [][]cellView{
		{{"A4", Text, "K1", 0}, {"B4", Text, "2026-01", 0}, {"C4", Number, "3,5", 3.5}, {"D4", Text, "a; b", 0}},
		{{"A5", Text, "K2", 0}, {"B5", Text, "2026-02", 0}, {"C5", Number, "1.234,5", 1234.5}, {"D5", Blank, "", 0}}, // dots group thousands
		{{"A7", Text, "K3", 0}, {"B7", Text, "2026-03", 0}, {"C7", Number, "-7", -7}, {"D7", Text, "x", 0}},
	}
	if len(tb.Rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(tb.Rows), len(want))
	}
	for i, r := range tb.Rows {
		if got := view(r.Cells); !reflect.DeepEqual(got, want[i]) {
			t.Errorf("row %d = %v\nwant %v", r.Num, got, want[i])
		}
	}
	if got := tb.Rows[2].Cells[2].Pos.String(); got != "Targets.csv:C7" {
		t.Errorf("Pos = %q", got)
	}
}

func TestCSVComma(t *testing.T) {
	data := "kpi,period,actual\r\nK1,2026-01,\"1,234.5\"\r\nK2,2026-02,12\r\nK3,2026-03,1e3\r\n"
	f, err := Open(writeFile(t, "m.csv", []byte(data)))
	must(t, err)
	tb, err := f.Table("M", []string{"kpi"}, nil)
	must(t, err)
	got := []cellView{view(tb.Rows[0].Cells)[2], view(tb.Rows[1].Cells)[2], view(tb.Rows[2].Cells)[2]}
	want := []cellView{{"C2", Text, "1,234.5", 0}, {"C3", Number, "12", 12}, {"C4", Number, "1e3", 1000}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestCSVWindows1252(t *testing.T) {
	f, err := Open(writeFile(t, "w.csv", []byte("name;amount\nCaf\xe9;\x805\n")))
	must(t, err)
	var ps Problems
	tb, err := f.Table("w", nil, &ps)
	must(t, err)
	if got := tb.Rows[0].Cells[0].Text + " " + tb.Rows[0].Cells[1].Text; got != "Café €5" {
		t.Errorf("got %q", got)
	}
	if len(ps.List) != 1 || ps.List[0].String() != "w.csv: the file is not UTF-8; it was read as Windows-1252 (save it as CSV UTF-8 to be sure)" {
		t.Errorf("problems: %v", ps.List)
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := map[string]rune{
		"a,b,c\n":            ',',
		"a;b;c\n":            ';',
		"a\tb\tc\n":          '\t',
		"\n\n a;b\n":         ';',
		`"x,y";z` + "\n":     ';',
		"one\n":              ',',
		"":                   ',',
		"a;b,c\n":            ',',
		"a,b;c;d\nx,y,z,w\n": ';',
	}
	for in, want := range tests {
		if got := sniffDelimiter([]byte(in)); got != want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	encrypted := filepath.Join(dir, "secret.xlsx")
	x := excelize.NewFile()
	must(t, x.SaveAs(encrypted, excelize.Options{Password: "pw"}))
	must(t, x.Close())
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	ole = append(ole, utf16le("Workbook")...)
	noSheets := writeWorkbook(t, "nosheets.xlsx", func(x *excelize.File) {})
	// Rewrite the workbook part without its sheets.
	noSheets = rewritePart(t, noSheets, "xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`)

	tests := []struct {
		path string
		want string
		is   error
	}{
		{filepath.Join(dir, "missing.xlsx"), "missing.xlsx: no such file or directory", fs.ErrNotExist},
		{filepath.Join(dir, "missing.csv"), "missing.csv: no such file or directory", fs.ErrNotExist},
		{filepath.Join(dir, "notes.txt"), `notes.txt: unsupported file type ".txt"; want .xlsx, .xlsm or .csv`, ErrUnsupported},
		{filepath.Join(dir, "README"), `README: unsupported file type without extension; want .xlsx, .xlsm or .csv`, ErrUnsupported},
		{filepath.Join(dir, "kpis.ods"), "kpis.ods: file is an OpenDocument spreadsheet; save it as .xlsx", ErrODS},
		{encrypted, "secret.xlsx: workbook is password-protected; save an unprotected copy", ErrEncrypted},
		{writeFile(t, "old.xls", ole), "old.xls: file is an Excel 97-2003 .xls file; save it as .xlsx", ErrLegacyXLS},
		{writeFile(t, "html.xls", []byte("<html>")), "html.xls: file is an Excel 97-2003 .xls file; save it as .xlsx", ErrLegacyXLS},
		{writeFile(t, "text.xlsx", []byte("kpi,period\n")), "text.xlsx: file is not a valid .xlsx workbook: not a zip archive", ErrCorrupt},
		{writeFile(t, "empty.xlsx", nil), "empty.xlsx: file is not a valid .xlsx workbook: the file is empty", ErrCorrupt},
		{writeFile(t, "cut.xlsx", []byte("PK\x03\x04 truncated")), "cut.xlsx: file is not a valid .xlsx workbook: zip: not a valid zip file", ErrCorrupt},
		{noSheets, "nosheets.xlsx: workbook has no sheets", ErrNoSheets},
		{writeFile(t, "utf16.csv", []byte("\xff\xfek\x00")), "utf16.csv: file is UTF-16 text; save it as CSV UTF-8", ErrUTF16},
	}
	for _, tt := range tests {
		f, err := Open(tt.path)
		if err == nil {
			f.Close()
			t.Errorf("Open(%s): no error", filepath.Base(tt.path))
			continue
		}
		if err.Error() != tt.want || !errors.Is(err, tt.is) {
			t.Errorf("Open(%s) = %v\nwant %s (%v)", filepath.Base(tt.path), err, tt.want, tt.is)
		}
	}
}

// TestCorpus opens every workbook saved by other programs and reads every
// sheet: none may panic, and those that cannot be read must say which file.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/xlsx-corpus/*/*")
	if len(files) == 0 {
		t.Skip("corpus not present")
	}
	mustFail := map[string]error{
		"encryptAES.xlsx":     ErrEncrypted,
		"encryptSHA1.xlsx":    ErrEncrypted,
		"encryptSHA512.xlsx":  ErrEncrypted,
		"pass_protected.xlsx": ErrEncrypted,
		"BadWorkbook.xlsx":    ErrNoSheets,
		"issue252.xlsx":       ErrCorrupt,
	}
	for _, path := range files {
		name := filepath.Base(path)
		ext := strings.ToLower(filepath.Ext(name))
		if ext != ".xlsx" && ext != ".xlsm" {
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: panic: %v", name, r)
				}
			}()
			f, err := Open(path)
			if err != nil {
				if !strings.HasPrefix(err.Error(), name+": ") {
					t.Errorf("%s: error does not name the file: %v", name, err)
				}
				if want, ok := mustFail[name]; !ok || !errors.Is(err, want) {
					t.Errorf("%s: %v", name, err)
				}
				return
			}
			defer f.Close()
			if _, ok := mustFail[name]; ok {
				t.Errorf("%s: opened, want an error", name)
			}
			for _, s := range f.Sheets() {
				var ps Problems
				if _, err := f.Table(s.Name, []string{"id", "name"}, &ps); err != nil {
					t.Errorf("%s: %v", name, err)
				}
				err := f.Rows(s.Name, &ps, func(num int, cells []Cell) error {
					for i, c := range cells {
						if c.Pos.Row != num || i > 0 && c.Pos.Col < cells[i-1].Pos.Col {
							return fmt.Errorf("row %d: cell %d at %v", num, i, c.Pos)
						}
					}
					return nil
				})
				if err != nil {
					t.Errorf("%s: Rows(%q): %v", name, s.Name, err)
				}
				if _, err := f.Merged(s.Name); err != nil {
					t.Errorf("%s: Merged(%q): %v", name, s.Name, err)
				}
				for _, p := range ps.List {
					if p.Pos.File != name {
						t.Errorf("%s: problem without the file: %v", name, p)
					}
				}
			}
		}()
	}
}

// TestCorpusValues checks cells from the corpus that exercise the XML reader.
func TestCorpusValues(t *testing.T) {
	dir := "../../../shared/xlsx-corpus/"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("corpus not present")
	}
	tests := []struct {
		file, sheet, ref string
		want             cellView
	}{
		{"calamine/has_x000D_.xlsx", "Sheet1", "A1", cellView{"A1", Text, "ABC\r\nDEF", 0}},
		{"calamine/richtext-namespaced.xlsx", "Sheet1", "A1", cellView{"A1", Text, "inline string\nLine 2\nLine 3", 0}},
		{"calamine/errors.xlsx", "Feuil1", "A2", cellView{"A2", ErrorValue, "#NAME?", 0}},
		{"calamine/date_iso.xlsx", "Sheet", "A1", cellView{"A1", Number, "2021-01-01", 44197}},
		{"calamine/date_iso.xlsx", "Sheet", "A2", cellView{"A2", Number, "2021-01-01T10:10:10", 44197 + 36610.0/86400}},
		{"calamine/date_iso.xlsx", "Sheet", "A3", cellView{"A3", Number, "10:10:10", 36610.0 / 86400}},
		{"calamine/date_1904.xlsx", "Sheet1", "A2", cellView{"A2", Number, "42736", 42736}},
		{"excelize/Book1.xlsx", "Sheet2", "E11", cellView{"E11", NoCache, "B2+B3", 0}},
	}
	for _, tt := range tests {
		f, err := Open(dir + tt.file)
		must(t, err)
		tb, err := f.Table(tt.sheet, nil, nil)
		must(t, err)
		f.Close()
		found := false
		for _, r := range append([]Row{{Cells: tb.Header}}, tb.Rows...) {
			for _, c := range view(r.Cells) {
				if c.Ref == tt.ref {
					found = true
					if c != tt.want {
						t.Errorf("%s %s = %+v, want %+v", tt.file, tt.ref, c, tt.want)
					}
				}
			}
		}
		if !found {
			t.Errorf("%s: no cell %s", tt.file, tt.ref)
		}
	}
}

// rewritePart copies a workbook, replacing one part.
func rewritePart(t *testing.T, path, part, content string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	must(t, err)
	defer zr.Close()
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	w, err := os.Create(out)
	must(t, err)
	zw := zip.NewWriter(w)
	for _, zf := range zr.File {
		dst, err := zw.Create(zf.Name)
		must(t, err)
		if zf.Name == part {
			_, err = dst.Write([]byte(content))
			must(t, err)
			continue
		}
		src, err := zf.Open()
		must(t, err)
		_, err = io.Copy(dst, src)
		must(t, err)
		src.Close()
	}
	must(t, zw.Close())
	must(t, w.Close())
	return out
}

func TestHeaderSearch(t *testing.T) {
	titles := strings.Repeat("title\n", 25)
	tests := []struct {
		name  string
		data  string
		known []string
		want  int // header row
		rows  []int
	}{
		{"one known name", "Settings\n\nKey,Value\ntitle,X\n", []string{"key"}, 3, []int{4}},
		{"two of three", "Report for key people\nkpi,x,period\nK1,1,2026\n", []string{"kpi", "period", "actual"}, 2, []int{3}},
		{"one of three is not enough", "kpi,note\nk,n\nkpi,period\nK1,2026\n", []string{"kpi", "period", "actual"}, 3, []int{4}},
		{"no match", "a,b\nc,d\n", []string{"kpi", "period"}, 1, []int{2}},
		{"beyond 20 rows", titles + "kpi,period\nK1,2026\n", []string{"kpi", "period"}, 1, []int{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27}},
		{"quoted line breaks", "kpi,note\n\n\"K\n1\",x\n\nK2,\"a\r\nb\"\nK3,y\n", []string{"kpi"}, 1, []int{3, 5, 6}},
		{"empty", "", []string{"kpi"}, 0, nil},
	}
	for _, tt := range tests {
		f, err := Open(writeFile(t, "h.csv", []byte(tt.data)))
		must(t, err)
		tb, err := f.Table("h", tt.known, nil)
		must(t, err)
		var rows []int
		for _, r := range tb.Rows {
			rows = append(rows, r.Num)
		}
		if tb.HeaderRow != tt.want || !reflect.DeepEqual(rows, tt.rows) {
			t.Errorf("%s: header row %d, rows %v; want %d, %v", tt.name, tb.HeaderRow, rows, tt.want, tt.rows)
		}
	}
}

func TestCSVNumberEuropean(t *testing.T) {
	for _, tt := range []struct {
		in    string
		delim rune
		want  float64
		ok    bool
	}{
		{"1.234,5", ';', 1234.5, true},
		{"-1.234.567", ';', -1234567, true},
		{"3,5", ';', 3.5, true},
		{"1.234", ';', 1.234, true}, // ambiguous: a decimal point
		{"1.234,5", ',', 0, false},  // a comma CSV does not write numbers so
		{"12.34,5", ';', 0, false},  // not grouped by threes
		{"1,234.5", ';', 0, false},
	} {
		v, ok := csvNumber(tt.in, tt.delim, markUnknown)
		if ok != tt.ok || (ok && v != tt.want) {
			t.Errorf("csvNumber(%q, %q) = %v, %v; want %v, %v", tt.in, tt.delim, v, ok, tt.want, tt.ok)
		}
	}
}

// A cell's text that a terminal would act on (an escape sequence, a bidi
// override) is escaped in every message, at its place and in its words.
func TestMessagesSafe(t *testing.T) {
	ps := &Problems{}
	ps.Errorf(Pos{File: "a\x1b[2J.xlsx", Sheet: "S\u202eheet", Row: 2, Col: 1}, "actual %q and %s are not numbers", "x\x1b[31m", "y\x07\u2066z")
	got := ps.List[0].String()
	want := `a\x1b[2J.xlsx:S\u202eheet!A2: actual "x\x1b[31m" and y\x07\u2066z are not numbers`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if SafeText("Réalisé – 2026/27 年") != "Réalisé – 2026/27 年" {
		t.Error("SafeText changed plain text")
	}
}

// A ;-separated file's "1.000" is one thousand when its other numbers write
// decimal commas, one when they write decimal points, and an error at its
// cell when no number tells.
func TestCSVDecimalMark(t *testing.T) {
	for _, tt := range []struct {
		data, want string
	}{
		{"kpi;period;actual\nK1;2026-01;1.000\nK1;2026-02;2,5\n", "1000 decimal commas"},
		{"kpi;period;actual\nK1;2026-01;1.000\nK1;2026-02;1.234.567\n", "1000 decimal commas"},
		{"kpi;period;actual\nK1;2026-01;1.000\nK1;2026-02;2.5\n", "1 decimal points"},
		{"kpi;period;actual\nK1;2026-01;1.000\nK1;2026-02;7\n", `error measurements.csv:C2: "1.000" could be 1000 (a dot grouping thousands) or 1 (a decimal point)`},
	} {
		f, err := Open(writeFile(t, "measurements.csv", []byte(tt.data)))
		must(t, err)
		var ps Problems
		tb, err := f.Table("measurements", []string{"kpi", "period", "actual"}, &ps)
		f.Close()
		must(t, err)
		got := ""
		if len(tb.Rows) > 0 && len(tb.Rows[0].Cells) > 2 && tb.Rows[0].Cells[2].Kind == Number {
			got = fmt.Sprint(tb.Rows[0].Cells[2].Num)
		}
		for _, p := range ps.List {
			if p.Severity == Error {
				got += "error " + p.String()
			} else if strings.Contains(p.Msg, "decimal commas") {
				got += " decimal commas"
			} else if strings.Contains(p.Msg, "decimal points") {
				got += " decimal points"
			}
		}
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.data, got, tt.want)
		}
	}
}
