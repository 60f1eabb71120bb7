package mapping

import (
	"strings"
	"testing"

	"kpireport/report/internal/golden"
	"kpireport/report/workbook"
)

// The messages for a mapping with several mistakes: every one is reported
// at once, at its line of the mapping, and a column not found also names
// the sheet's header row and what it holds.
func TestMistakesGolden(t *testing.T) {
	dir := t.TempDir()
	book := writeXLSX(t, dir, "sales.xlsx",
		sheet{name: "Sales", rows: [][]any{
			{"Region wide report"},
			{"Objectif", "Réalisé %", "Mois", "KPI"},
			{10, 0.5, "Jan 2026", "Ventes"},
		}},
		sheet{name: "KPIs", rows: [][]any{{"Code", "Nom"}, {"V", "Ventes"}}},
	)
	mapping := `sources:
  - table: KPIs
    sheet: KPIs
    columns:
      id: Code
      name: Nom
      perspective: {value: Financial}
    colour: blue
  - table: Measures
    sheet: Sales
  - table: Measurements
    sheet: Sales
    header: 2
    columns:
      kpi: KPI
      period: Mois
      actual: Réalisé
      target: {cell: B}
  - table: Targets
    sheet: Objectifs
    columns: {kpi: KPI, period: Mois, target: Objectif}
  - table: Commentary
    file: notes.xlsx
    columns: {scope: Scope, text: Text}
output: site
`
	checkProblems(t, dir, book, mapping, "mistakes.golden")
}

// The messages for the operations that compose: mistakes in header rows,
// row ranges, patterns, roles, unpivot and lookups are each reported at the
// mapping's line; a cell that a pattern, role or lookup cannot read is
// reported at the cell, with the mapping's line that it failed.
func TestOperationMistakesGolden(t *testing.T) {
	dir := t.TempDir()
	book := writeXLSX(t, dir, "board.xlsx",
		sheet{name: "List", rows: [][]any{
			{"Code", "Name", "Area"},
			{"K1 Sales", "Sales", "A1"},
			{"K2", "Costs", "A9"},
		}},
		sheet{name: "Areas", rows: [][]any{{"Id", "Title"}, {"A1", "Financial"}}},
		sheet{name: "Board", rows: [][]any{
			{"Measure", "Jan 2026", nil, "Feb 2026", nil},
			{nil, "Plan", "Act", "Plan", "Fcst"},
			{"K1", 10, 11, 12, 13},
		}},
	)
	mapping := `sources:
  - table: KPIs
    sheet: List
    columns:
      id: {header: Code, pattern: "{text} *"}
      name: Name
      perspective: {header: Area, lookup: {sheet: Areas, key: Id, value: Name}}
  - table: KPIs
    sheet: List
    columns:
      id: {header: Code, pattern: "{code}"}
      name: {header: Name, pattern: "P{mm}"}
      perspective: {header: Area, lookup: {sheet: Areas, key: Id, value: Title}}
  - table: Measurements
    sheet: Board
    header: [1, 2]
    columns:
      kpi: Measure
    unpivot: {key: [period, kind], columns: B:E}
    role: {field: kind, roles: {Plan: target, Act: actual}, match: middle}
  - table: Measurements
    sheet: Board
    header: [1, 2]
    columns:
      kpi: Measure
    unpivot: {key: [period, kind, unit], columns: E:B}
  - table: Targets
    sheet: "Unit *"
    header: [1, 3]
    rows: 9-3
    columns: {kpi: Measure, period: Month, target: Plan}
`
	checkProblems(t, dir, book, mapping, "operations.golden")
}

// checkProblems applies the mapping to the book and compares the problems,
// sorted, with the golden file.
func checkProblems(t *testing.T, dir, book, mapping, goldenFile string) {
	t.Helper()
	ps := &workbook.Problems{}
	m := Parse("kpireport.yaml", dir, []byte(mapping), ps)
	if _, err := m.Apply([]string{book}, ps); err != nil {
		t.Fatal(err)
	}
	ps.Sort()
	var b strings.Builder
	for _, p := range ps.List {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	golden.Check(t, goldenFile, []byte(b.String()))
}
