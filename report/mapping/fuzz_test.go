package mapping

import (
	"testing"

	"kpireport/report/workbook"
)

// FuzzParse feeds the mapping loader any text: it must not panic, and every
// problem it reports names the mapping and a line of it.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"",
		"sources: []",
		"sources:\n  - table: KPIs\n    columns: {id: Code, name: Name, perspective: {value: Financial}}\n",
		"sources:\n  - table: Measurements\n    sheet: Sales\n    header: 2\n    columns:\n      kpi: {header: Metric, slug: true}\n      type: Type\n    fill_down: [kpi]\n    where: {type: [Actual, Plan]}\n    unpivot: {key: period, value: actual}\n    role: {field: type, roles: {Actual: actual, Plan: target, PY: skip}}\n",
		"sources:\n  - table: Measurements\n    columns:\n      kpi: {sheet: name}\n      target: {cell: B2}\n      actual: {column: C}\n      period: {template: \"{year} {month}\"}\n    blank: [n.a., '?']\n",
		"sources:\n  - &a {table: KPIs}\n  - *a\n",
		"sources:\n\t- table",
		"- a\n- b",
		"sources: {table: KPIs}",
		"sources:\n  - table: KPIs\n    header: [1]\n    unpivot: x\n    role: [y]\n    columns: {id: {cell: ZZZZ0}, name: {column: 12}}\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps := &workbook.Problems{}
		m := Parse("kpireport.yaml", ".", data, ps)
		if m == nil {
			t.Fatal("Parse returned nil")
		}
		for _, p := range ps.List {
			if p.Pos.File != "kpireport.yaml" || p.Pos.Row < 1 {
				t.Errorf("problem without a line of the mapping: %q at %+v", p.Msg, p.Pos)
			}
		}
		for _, s := range m.Sources {
			if s.Table == "" {
				t.Errorf("source at line %d kept without a table", s.Line)
			}
		}
	})
}
