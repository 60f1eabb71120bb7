package workbook

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestClassifyFormat(t *testing.T) {
	tests := []struct {
		code string
		want Format
	}{
		{"General", Plain},
		{"0.00", Plain},
		{"#,##0;[Red]-#,##0", Plain},
		{"0.00E+00", Plain},
		{"##0.0E-0", Plain},
		{"0.0%", Percent},
		{"0%;[Red]-0%", Percent},
		{`0.0"%"`, Plain}, // a quoted sign is only text
		{"mmm yyyy", Date},
		{"d mmm yyyy", Date},
		{"yyyy-mm-dd hh:mm", Date},
		{"mmmm", Date},
		{`[$-409]mmm\-yy;@`, Date},
		{"[$-F800]dddd, mmmm dd, yyyy", Date},
		{"h:mm AM/PM", Time},
		{"[h]:mm:ss", Time},
		{"mm:ss", Time},
		{"[$€-407]#,##0.00", Currency},
		{`"$"#,##0.00`, Plain}, // quoted: text, not a sign Excel knows
		{"$#,##0.00", Currency},
		{"£#,##0;-£#,##0", Currency},
		{"#,##0.00 €", Currency},
		{"[$-409]#,##0.00", Plain},
		{"@", TextFmt},
		{`0" days"`, Plain},
		{`[Blue]0.0\%`, Plain},
		{"", Plain},
		{`"unterminated`, Plain},
		{"[unterminated", Plain},
	}
	for _, tt := range tests {
		if got := classifyFormat(tt.code); got != tt.want {
			t.Errorf("classifyFormat(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestBuiltinFormat(t *testing.T) {
	want := map[int]Format{0: Plain, 1: Plain, 3: Plain, 5: Currency, 9: Percent, 10: Percent, 11: Plain,
		14: Date, 17: Date, 18: Time, 21: Time, 22: Date, 31: Date, 37: Plain, 42: Currency, 46: Time, 49: TextFmt, 57: Date}
	for id, w := range want {
		if got := builtinFormat(id); got != w {
			t.Errorf("builtinFormat(%d) = %v, want %v", id, got, w)
		}
	}
}

// TestCellFormats writes cells with built-in and custom number formats and
// reads back what each format makes of its cell.
func TestCellFormats(t *testing.T) {
	path := writeWorkbook(t, "formats.xlsx", func(x *excelize.File) {
		style := func(s *excelize.Style) int {
			id, err := x.NewStyle(s)
			must(t, err)
			return id
		}
		pct := "0.0%"
		month := "mmm yyyy"
		euro := "[$€-407]#,##0.00"
		styles := []int{
			0,
			style(&excelize.Style{NumFmt: 9}),
			style(&excelize.Style{CustomNumFmt: &pct}),
			style(&excelize.Style{NumFmt: 14}),
			style(&excelize.Style{CustomNumFmt: &month}),
			style(&excelize.Style{NumFmt: 20}),
			style(&excelize.Style{CustomNumFmt: &euro}),
			style(&excelize.Style{NumFmt: 4}),
		}
		for i, s := range styles {
			cell := fmt.Sprintf("A%d", i+1)
			must(t, x.SetCellValue("Sheet1", cell, 0.5))
			must(t, x.SetCellStyle("Sheet1", cell, cell, s))
		}
		must(t, x.SetCellValue("Sheet1", "B1", "text"))
		must(t, x.SetCellStyle("Sheet1", "B1", "B1", styles[1]))
	})
	f, err := Open(path)
	must(t, err)
	defer f.Close()
	var got []string
	err = f.Rows("Sheet1", nil, func(num int, cells []Cell) error {
		for _, c := range cells {
			got = append(got, fmt.Sprintf("%s%d %v %v", ColumnName(c.Pos.Col), c.Pos.Row, c.Kind == Number, c.Format))
		}
		return nil
	})
	must(t, err)
	// B1 holds text in a percent style: its format is kept as the file says.
	want := "A1 true plain|B1 false percent|A2 true percent|A3 true percent|A4 true date|A5 true date|A6 true time|A7 true currency|A8 true plain"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("formats:\n got %s\nwant %s", g, want)
	}
}

// TestRows reads every row of a hidden sheet as it is, with merges.
func TestRows(t *testing.T) {
	path := writeWorkbook(t, "rows.xlsx", func(x *excelize.File) {
		_, err := x.NewSheet("Data")
		must(t, err)
		must(t, x.SetCellValue("Data", "B2", "Title"))
		must(t, x.SetCellValue("Data", "D4", 12.5))
		must(t, x.SetCellValue("Data", "C4", "Sales"))
		must(t, x.SetCellFormula("Data", "E4", "D4*2"))
		must(t, x.MergeCell("Data", "B2", "E2"))
		must(t, x.MergeCell("Data", "A5", "A7"))
		must(t, x.SetSheetVisible("Data", false))
	})
	f, err := Open(path)
	must(t, err)
	defer f.Close()
	var got []string
	err = f.Rows("data", nil, func(num int, cells []Cell) error {
		got = append(got, fmt.Sprint(num, view(cells)))
		return nil
	})
	must(t, err)
	want := []string{`2 [{B2 2 Title 0}]`, `4 [{C4 2 Sales 0} {D4 1 12.5 12.5} {E4 5 D4*2 0}]`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Rows:\n got %v\nwant %v", got, want)
	}
	m, err := f.Merged("Data")
	must(t, err)
	if fmt.Sprint(m) != "[B2:E2 A5:A7]" {
		t.Errorf("Merged = %v, want [B2:E2 A5:A7]", m)
	}
	stop := errors.New("stop")
	n := 0
	err = f.Rows("Data", nil, func(int, []Cell) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("Rows stopped by fn: err %v after %d rows, want stop after 1", err, n)
	}
	if err := f.Rows("Nope", nil, func(int, []Cell) error { return nil }); !errors.Is(err, ErrNoSheet) {
		t.Errorf("Rows(Nope) = %v, want ErrNoSheet", err)
	}
}

func TestRowsCSV(t *testing.T) {
	// Old Mac exports end lines with a lone carriage return.
	path := writeFile(t, "m.csv", []byte("kpi,period\r\rK1,2026-01\rK2,\"a\r\nb\"\r\n"))
	f, err := Open(path)
	must(t, err)
	var got []string
	must(t, f.Rows("m", nil, func(num int, cells []Cell) error {
		got = append(got, fmt.Sprint(num, view(cells)))
		return nil
	}))
	want := "[1 [{A1 2 kpi 0} {B1 2 period 0}] 3 [{A3 2 K1 0} {B3 2 2026-01 0}] 4 [{A4 2 K2 0} {B4 2 a\nb 0}]]"
	if fmt.Sprint(got) != want {
		t.Errorf("Rows:\n got %q\nwant %q", fmt.Sprint(got), want)
	}
	if m, err := f.Merged("m"); err != nil || m != nil {
		t.Errorf("Merged of a CSV = %v, %v", m, err)
	}
}

// TestStylesLimit: a styles part over the limit is not read, and the first
// table read says so.
func TestStylesLimit(t *testing.T) {
	path := writeWorkbook(t, "big.xlsx", func(x *excelize.File) {
		id, err := x.NewStyle(&excelize.Style{NumFmt: 9})
		must(t, err)
		must(t, x.SetCellValue("Sheet1", "A1", 0.5))
		must(t, x.SetCellStyle("Sheet1", "A1", "A1", id))
	})
	huge := `<styleSheet><cellXfs><xf numFmtId="9"/><xf numFmtId="9"/></cellXfs><!--` + strings.Repeat("x", maxStylesBytes) + `--></styleSheet>`
	path = rewritePart(t, path, "xl/styles.xml", huge)
	f, err := Open(path)
	must(t, err)
	defer f.Close()
	var ps Problems
	tb, err := f.Table("Sheet1", nil, &ps)
	must(t, err)
	if tb.Header[0].Format != Plain {
		t.Errorf("format %v, want plain", tb.Header[0].Format)
	}
	if len(ps.List) != 1 || !strings.Contains(ps.List[0].Msg, "larger than 16 MB") {
		t.Errorf("problems %v", ps.List)
	}
}

// TestCorpusFormats reads the number formats of corpus files whose cells
// are percent- or date-formatted.
func TestCorpusFormats(t *testing.T) {
	dir := "../../../shared/xlsx-corpus/"
	files, _ := filepath.Glob(dir + "*/*.xlsx")
	if len(files) == 0 {
		t.Skip("corpus not present")
	}
	tests := []struct {
		file, sheet, ref string
		want             Format
	}{
		{"calamine/date_1904.xlsx", "Sheet1", "A2", Date},
		{"calamine/date_iso.xlsx", "Sheet", "A1", Date},
		{"calamine/date_iso.xlsx", "Sheet", "A3", Time},
		{"calamine/date.xlsx", "Sheet1", "A1", Date},               // yyyy\-mm\-dd
		{"calamine/date.xlsx", "Sheet1", "B1", Plain},              // General
		{"calamine/date.xlsx", "Sheet1", "A3", Time},               // [hh]:mm:ss, a duration
		{"calamine/date_quoted_format.xlsx", "Sheet1", "A2", Date}, // yyyy"-"mm"-"dd
		{"calamine/date_quoted_format.xlsx", "Sheet1", "A4", Date}, // [$-411]ggge"年"m"月"d"日";@
	}
	for _, tt := range tests {
		f, err := Open(dir + tt.file)
		must(t, err)
		found := false
		must(t, f.Rows(tt.sheet, nil, func(num int, cells []Cell) error {
			for _, c := range cells {
				if ColumnName(c.Pos.Col)+fmt.Sprint(c.Pos.Row) == tt.ref {
					found = true
					if c.Format != tt.want {
						t.Errorf("%s %s: format %v, want %v", tt.file, tt.ref, c.Format, tt.want)
					}
				}
			}
			return nil
		}))
		f.Close()
		if !found {
			t.Errorf("%s: no cell %s", tt.file, tt.ref)
		}
	}
}
