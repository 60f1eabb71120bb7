package mapping

import (
	"regexp"
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
		"settings: {fiscal_year_start: April}\nperspectives: [A, B]\nsources:\n  - table: Measurements\n    sheet: \"Unit *\"\n    header: [3, 4]\n    rows: 5-\n    transpose: yes\n    aggregate: true\n    columns:\n      kpi: {sheet: true, pattern: \"{text} *\", lookup: {sheet: L, key: a, value: b}}\n    unpivot: {key: [period, kind], columns: E:V}\n    role: {field: kind, match: suffix, roles: {Act: actual, \"*\": skip}}\n",
		"sources:\n  - table: Targets\n    header: 3-9\n    rows: 9-3\n    columns: {period: {pattern: \"P{mm} {yy}{yyyy}{\"}}\n",
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

// FuzzPattern compiles any pattern and applies it to any text: it must not
// panic, and a period it makes is written as kpireport writes periods
// (2026-03, 2026-Q1, 2026), which the loader reads or reports at the cell.
func FuzzPattern(f *testing.F) {
	for _, seed := range [][2]string{
		{"{text} *", "HSG01 Homes built"},
		{"y*_{text}", "y1_2026_27"},
		{"P{mm} FY{yy}", "P03 FY26"},
		{"{mon}-{yyyy}", "mars-2026"},
		{"Q{q} {yyyy}", "Q5 2026"},
		{"{dd}/{mm}/{yyyy}", "31/02/2026"},
		{"{", "x"},
		{"**{text}**", ""},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, pattern, text string) {
		p, err := compilePattern(pattern)
		if err != nil {
			return
		}
		got, ok := p.Apply(text)
		if !ok || p.parts[0] == "text" {
			return
		}
		if !periodForm.MatchString(got) {
			t.Errorf("pattern %q made %q of %q, which is not written as a period", pattern, got, text)
		}
	})
}

var periodForm = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$`)
