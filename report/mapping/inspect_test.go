package mapping

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kpireport/report/scorecard"
	"kpireport/report/workbook"
)

// longSheet and wideSheet are plain tables whose headers are not
// kpireport's own names.
var (
	longSheet = sheet{name: "Data", rows: [][]any{
		{"Monthly results"},
		{"Indicator", "Month", "Result", "Plan"},
		{"Net revenue", "Jan 2026", 120, 100},
		{"Net revenue", "Feb 2026", 130, 110},
		{"Staff turnover", "Jan 2026", 4, 5},
		{"Staff turnover", "Feb 2026", 3, 5},
	}}
	wideSheet = sheet{name: "Scorecard", rows: [][]any{
		{"Measure", "Jan 2026", "Feb 2026", "Mar 2026"},
		{"Net revenue", 120, 130, 125},
		{"Staff turnover", 4, 3, 6},
	}}
)

func TestInspect(t *testing.T) {
	dir := t.TempDir()
	book := writeXLSX(t, dir, "book.xlsx", longSheet, wideSheet,
		sheet{name: "Metrics", rows: [][]any{{"Month", "MRR", "Churn"}, {"Jan 2026", 10, 0.02}, {"Feb 2026", 11, 0.03}}})
	// A percent format on Churn, a merged title, a hidden sheet and a
	// formula with no saved value.
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10})
	f.SetCellStyle("Metrics", "C2", "C3", pct)
	f.MergeCell("Data", "A1", "D1")
	f.SetCellFormula("Data", "E3", "C3-D3")
	f.NewSheet("Notes")
	f.SetSheetRow("Notes", "A1", &[]any{"Who", "What"})
	f.SetSheetRow("Notes", "A2", &[]any{"Ann", "checks"})
	f.SetSheetVisible("Notes", false)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	reports, err := Inspect(book)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	Write(&b, reports)
	got := b.String()
	for _, want := range []string{
		"book.xlsx: sheet \"Data\"\n  header row 2\n",
		"  A   \"Indicator\"              text\n",
		"  B   \"Month\"                  period\n",
		"  C   \"Result\"                 number\n",
		"  looks long: a period column and a value column, one row per KPI and period\n",
		"  1 merged ranges\n",
		"  1 formulas without saved values, the first at book.xlsx:Data!E3;",
		"  B   \"Jan 2026\"               number (header is a period)\n",
		"  looks wide by period",
		"  C   \"Churn\"                  percent\n",
		"  looks like one column per metric",
		"book.xlsx: sheet \"Notes\" (hidden)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("inspect output lacks %q:\n%s", want, got)
		}
	}
}

// draftBuilds drafts a mapping for a workbook of one sheet and loads the
// scorecard through it unchanged.
func draftBuilds(t *testing.T, s sheet) *scorecard.Scorecard {
	t.Helper()
	dir := t.TempDir()
	book := writeXLSX(t, dir, "book.xlsx", s)
	reports, err := Inspect(book)
	if err != nil {
		t.Fatal(err)
	}
	draft := Draft(reports)
	ps := &workbook.Problems{}
	m := Parse("kpireport.yaml", dir, []byte(draft), ps)
	tables, err := m.Apply([]string{book}, ps)
	if err != nil {
		t.Fatal(err)
	}
	if ps.Errors() > 0 {
		t.Fatalf("mapping problems:\n%s\ndraft:\n%s", problemList(ps), draft)
	}
	sc, lps, err := scorecard.Load([]string{book}, scorecard.LoadOptions{Tables: tables})
	if err != nil {
		t.Fatal(err)
	}
	if lps.Errors() > 0 {
		t.Fatalf("load problems:\n%s\ndraft:\n%s", problemList(lps), draft)
	}
	scorecard.Compute(sc)
	for _, want := range []string{"# guess: set your perspective", "slug: true"} {
		if !strings.Contains(draft, want) {
			t.Errorf("draft lacks %q:\n%s", want, draft)
		}
	}
	return sc
}

func TestDraftLongBuilds(t *testing.T) {
	sc := draftBuilds(t, longSheet)
	checkFigures(t, sc, []figure{
		{"NET-REVENUE", "2026-02", 130, 110},
		{"STAFF-TURNOVER", "2026-01", 4, 5},
	})
}

func TestDraftWideBuilds(t *testing.T) {
	sc := draftBuilds(t, wideSheet)
	checkFigures(t, sc, []figure{
		{"NET-REVENUE", "2026-03", 125, -1},
		{"STAFF-TURNOVER", "2026-02", 3, -1},
	})
}

// A long table whose only number column has a year for a header is not
// taken for a long table (the draft would have no actual column).
func TestInspectYearHeader(t *testing.T) {
	book := writeXLSX(t, t.TempDir(), "book.xlsx", sheet{name: "Data", rows: [][]any{
		{"KPI", "Month", "2026"},
		{"Sales", "Jan 2026", 5},
	}})
	reports, err := Inspect(book)
	if err != nil {
		t.Fatal(err)
	}
	if got := reports[0].Layout; got != Unknown {
		t.Errorf("layout %q, want none", got)
	}
	if d := Draft(reports); !strings.Contains(d, "no sheet looked like") {
		t.Errorf("draft:\n%s", d)
	}
}

// A KPIs source drops only rows that repeat an earlier one in every field;
// two KPIs sharing an id are still reported by the loader.
func TestKPIsRepeatsDropped(t *testing.T) {
	dir := t.TempDir()
	book := writeXLSX(t, dir, "book.xlsx", sheet{name: "Data", rows: [][]any{
		{"Code", "Name", "Month", "Value"},
		{"S", "Sales", "Jan 2026", 1},
		{"S", "Sales", "Feb 2026", 2},
		{"S", "Sales again", "Mar 2026", 3},
	}})
	yaml := "sources:\n  - table: KPIs\n    columns: {id: Code, name: Name, perspective: {value: Financial}}\n  - table: Measurements\n    columns: {kpi: Code, period: Month, actual: Value}\n"
	ps := &workbook.Problems{}
	tables, err := Parse("kpireport.yaml", dir, []byte(yaml), ps).Apply([]string{book}, ps)
	if err != nil || ps.Errors() > 0 {
		t.Fatalf("%v\n%s", err, problemList(ps))
	}
	if n := len(tables["KPIs"][0].Rows); n != 2 {
		t.Errorf("%d KPI rows, want 2 (the repeat dropped, the other name kept)", n)
	}
	_, lps, err := scorecard.Load([]string{book}, scorecard.LoadOptions{Tables: tables})
	if err != nil {
		t.Fatal(err)
	}
	if want := `KPI id "S" is used twice`; !strings.Contains(problemList(lps), want) {
		t.Errorf("load problems lack %q:\n%s", want, problemList(lps))
	}
}
