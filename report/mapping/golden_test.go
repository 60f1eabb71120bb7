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
	golden.Check(t, "mistakes.golden", []byte(b.String()))
}
