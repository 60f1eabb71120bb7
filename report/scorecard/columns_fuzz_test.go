package scorecard

import (
	"strings"
	"testing"

	"kpireport/report/workbook"
)

// FuzzHeader matches any header row (cells split at tabs) to each sheet's
// columns: it must not panic, must map each column to at most one cell and
// no cell to two columns, and must report every problem at a header cell.
func FuzzHeader(f *testing.F) {
	for _, seed := range []string{
		"id\tname\tperspective",
		"KPI ID\tKPI\tRed Flag\tred_flag\tRED-FLAG",
		"\t\t\x00\tRéalisé %\t売上",
		"kpi\tperiod\tactual\ttarget\tcomment\tcomments\tnotes",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, row string) {
		tb := &workbook.Table{File: "f.xlsx", Sheet: "S", HeaderRow: 1}
		for i, text := range strings.Split(row, "\t") {
			tb.Header = append(tb.Header, workbook.Cell{Pos: workbook.Pos{File: "f.xlsx", Sheet: "S", Row: 1, Col: i + 1}, Kind: workbook.Text, Text: text})
		}
		for kind, cols := range sheetColumns {
			ps := &workbook.Problems{}
			h, _ := mapHeader(tb, cols, ps, false)
			used := map[int]string{}
			for name, i := range h.idx {
				if i < 0 || i >= len(tb.Header) {
					t.Fatalf("sheet kind %d: column %s mapped to cell %d of %d", kind, name, i, len(tb.Header))
				}
				if prev, dup := used[i]; dup {
					t.Fatalf("sheet kind %d: cell %d is both %s and %s", kind, i, prev, name)
				}
				used[i] = name
			}
			for _, p := range ps.List {
				if p.Pos.File != "f.xlsx" || p.Pos.Row != 1 {
					t.Fatalf("problem not at the header: %v", p)
				}
			}
		}
	})
}
