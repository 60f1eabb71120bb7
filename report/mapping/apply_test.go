package mapping

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"kpireport/report/scorecard"
	"kpireport/report/workbook"
)

// sheet is one sheet of a test workbook: its rows from A1, nil for a blank cell.
type sheet struct {
	name string
	rows [][]any
}

// writeXLSX writes the sheets, in order, to a workbook in dir.
func writeXLSX(t testing.TB, dir, name string, sheets ...sheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// mapped applies a mapping to a workbook and loads and computes the
// scorecard the tables make, failing on any error.
func mapped(t *testing.T, yaml string, sheets ...sheet) *scorecard.Scorecard {
	t.Helper()
	dir := t.TempDir()
	book := writeXLSX(t, dir, "book.xlsx", sheets...)
	ps := &workbook.Problems{}
	m := Parse("kpireport.yaml", dir, []byte(yaml), ps)
	tables, err := m.Apply([]string{book}, ps)
	if err != nil {
		t.Fatal(err)
	}
	if ps.Errors() > 0 {
		t.Fatalf("mapping problems:\n%s", problemList(ps))
	}
	sc, lps, err := scorecard.Load([]string{book}, scorecard.LoadOptions{Tables: tables})
	if err != nil {
		t.Fatal(err)
	}
	if lps.Errors() > 0 {
		t.Fatalf("load problems:\n%s", problemList(lps))
	}
	scorecard.Compute(sc)
	return sc
}

func problemList(ps *workbook.Problems) string {
	s := ""
	for _, p := range ps.List {
		s += p.String() + "\n"
	}
	return s
}

// figure is a KPI's actual and target in one period; a negative want means
// no data.
type figure struct {
	kpi, period    string
	actual, target float64
}

func checkFigures(t *testing.T, sc *scorecard.Scorecard, want []figure) {
	t.Helper()
	for _, w := range want {
		var k *scorecard.KPI
		for _, c := range sc.KPIs {
			if c.ID == w.kpi {
				k = c
			}
		}
		if k == nil {
			var ids []string
			for _, c := range sc.KPIs {
				ids = append(ids, c.ID)
			}
			t.Errorf("no KPI %s; have %v", w.kpi, ids)
			continue
		}
		found := false
		for _, p := range k.Series {
			if p.Period.Key() != w.period {
				continue
			}
			found = true
			if got := num(p.Actual); got != w.actual {
				t.Errorf("%s %s: actual %v, want %v", w.kpi, w.period, got, w.actual)
			}
			if got := num(p.Target); got != w.target {
				t.Errorf("%s %s: target %v, want %v", w.kpi, w.period, got, w.target)
			}
		}
		if !found {
			t.Errorf("%s: no point for %s", w.kpi, w.period)
		}
	}
}

func num(n scorecard.Num) float64 {
	if !n.OK {
		return -1
	}
	return n.V
}

func TestApply(t *testing.T) {
	tests := []struct {
		name    string
		mapping string
		sheets  []sheet
		want    []figure
		check   func(t *testing.T, sc *scorecard.Scorecard)
	}{{
		// Wide by month; each metric has an Actual and a Plan row (the
		// metric's name only on the first), per region and in total.
		name: "wide by month with row blocks and a Total filter",
		mapping: `
sources:
  - table: KPIs
    sheet: Sales
    columns:
      id: {header: Metric, slug: true}
      name: Metric
      perspective: {value: Financial}
      region: Region
      type: Type
    where: {region: Total, type: Actual}
  - table: Measurements
    sheet: Sales
    columns:
      kpi: {header: Metric, slug: true}
      region: Region
      type: Type
    fill_down: [kpi]
    where: {region: Total}
    unpivot: {key: period, value: actual}
    role:
      field: type
      roles: {Actual: actual, Plan: target, Note: skip}
`,
		sheets: []sheet{{name: "Sales", rows: [][]any{
			{"Metric", "Region", "Type", "Jan 2026", "Feb 2026", "Mar 2026"},
			{"Net revenue", "Total", "Actual", 100, 110, 120},
			{nil, "Total", "Plan", 90, 100, 130},
			{"Net revenue", "North", "Actual", 50, 55, 60},
			{nil, "North", "Plan", 45, 50, 65},
			{nil, "Total", "Note", 1, 2, 3},
			{"Margin", "Total", "Actual", 20, 21, nil},
			{nil, "Total", "Plan", 25, 25, 25},
		}}},
		want: []figure{
			{"NET-REVENUE", "2026-03", 120, 130},
			{"NET-REVENUE", "2026-01", 100, 90},
			{"MARGIN", "2026-02", 21, 25},
			{"MARGIN", "2026-03", -1, 25},
		},
		check: func(t *testing.T, sc *scorecard.Scorecard) {
			if len(sc.KPIs) != 2 {
				t.Errorf("%d KPIs, want 2 (the Total Actual rows)", len(sc.KPIs))
			}
		},
	}, {
		// The same sheet split into one KPI per region, ids made by a
		// template over the metric and the region.
		name: "one KPI per region by a template",
		mapping: `
sources:
  - table: KPIs
    sheet: Sales
    columns:
      id: {template: "{metric} {region}", slug: true}
      name: {template: "{metric}, {region}"}
      perspective: {value: Financial}
      metric: Metric
      region: Region
      type: Type
    fill_down: [metric]
    where: {type: Actual}
  - table: Measurements
    sheet: Sales
    columns:
      kpi: {template: "{metric} {region}", slug: true}
      metric: Metric
      region: Region
      type: Type
    fill_down: [metric]
    unpivot: {key: period}
    role: {field: type, roles: {Actual: actual, Plan: target}}
`,
		sheets: []sheet{{name: "Sales", rows: [][]any{
			{"Metric", "Region", "Type", "2026-01", "2026-02"},
			{"Orders", "North", "Actual", 50, 55},
			{nil, "North", "Plan", 45, 60},
			{nil, "South", "Actual", 30, 35},
			{nil, "South", "Plan", 40, 40},
		}}},
		want: []figure{
			{"ORDERS-NORTH", "2026-02", 55, 60},
			{"ORDERS-SOUTH", "2026-01", 30, 40},
		},
		check: func(t *testing.T, sc *scorecard.Scorecard) {
			if len(sc.KPIs) != 2 || sc.KPIs[1].Name != "Orders, South" {
				t.Errorf("want KPIs Orders, North and Orders, South; got %d, the last %q", len(sc.KPIs), sc.KPIs[len(sc.KPIs)-1].Name)
			}
		},
	}, {
		// One column per metric, the KPIs described on a sheet of their own.
		name: "one column per metric",
		mapping: `
sources:
  - table: KPIs
    sheet: List
    columns:
      id: {header: Measure, slug: true}
      name: Measure
      perspective: {value: Customer}
      target: Goal
  - table: Measurements
    sheet: Monthly
    columns:
      period: Month
      kpi: {slug: true}
    unpivot: {key: kpi, value: actual}
`,
		sheets: []sheet{
			{name: "Monthly", rows: [][]any{
				{"Month", "Active customers", "NPS"},
				{"2026-01", 500, 31},
				{"2026-02", 520, 33},
				{"2026-03", 540, nil},
			}},
			{name: "List", rows: [][]any{
				{"Measure", "Goal"},
				{"Active customers", 510},
				{"NPS", 35},
			}},
		},
		want: []figure{
			{"ACTIVE-CUSTOMERS", "2026-02", 520, 510},
			{"NPS", "2026-02", 33, 35},
			{"NPS", "2026-03", -1, 35},
		},
	}, {
		// One sheet per KPI: a form block on top gives its target, the
		// months below.
		name: "sheet per KPI with a fixed target cell",
		mapping: `
sources:
  - table: KPIs
    sheet: List
    columns:
      id: Code
      name: Name
      perspective: {value: Financial}
  - table: Measurements
    sheet: Revenue
    header: 4
    columns:
      kpi: {sheet: name}
      period: Month
      actual: Actual
      target: {cell: B2}
  - table: Measurements
    sheet: Costs
    header: 4
    columns:
      kpi: {sheet: name}
      period: Month
      actual: Actual
      target: {cell: B2}
`,
		sheets: []sheet{
			{name: "List", rows: [][]any{
				{"Code", "Name"},
				{"Revenue", "Revenue (£k)"},
				{"Costs", "Costs (£k)"},
			}},
			{name: "Revenue", rows: [][]any{
				{"KPI", "Revenue"},
				{"Target", 500},
				{},
				{"Month", "Actual"},
				{"Jan 2026", 480},
				{"Feb 2026", 510},
			}},
			{name: "Costs", rows: [][]any{
				{"KPI", "Costs"},
				{"Target", 300},
				{},
				{"Month", "Actual"},
				{"Jan 2026", 310},
				{"Feb 2026", 290},
			}},
		},
		want: []figure{
			{"Revenue", "2026-02", 510, 500},
			{"Costs", "2026-01", 310, 300},
		},
	}, {
		// Directions as the user writes them, and a word for "not in yet"
		// that is no number.
		name: "value map and blank tokens",
		mapping: `
sources:
  - table: KPIs
    sheet: KPI list
    columns:
      id: Ref
      name: Title
      perspective: {value: Internal Processes}
      direction: {header: Better, map: {Up: higher, Down: lower}}
      target: Target
  - table: Measurements
    sheet: Data
    columns:
      kpi: Ref
      period: Month
      actual: Value
    blank: [awaiting, "?"]
`,
		sheets: []sheet{
			{name: "KPI list", rows: [][]any{
				{"Ref", "Title", "Better", "Target"},
				{"K1", "Complaints", "Down", 10},
				{"K2", "Output", "up", 100},
			}},
			{name: "Data", rows: [][]any{
				{"Ref", "Month", "Value"},
				{"K1", "2026-01", 8},
				{"K1", "2026-02", "awaiting"},
				{"K2", "2026-01", 90},
				{"K2", "2026-02", "?"},
			}},
		},
		want: []figure{
			{"K1", "2026-01", 8, 10},
			{"K1", "2026-02", -1, 10},
			{"K2", "2026-01", 90, 100},
		},
		check: func(t *testing.T, sc *scorecard.Scorecard) {
			for _, k := range sc.KPIs {
				want := map[string]scorecard.Direction{"K1": scorecard.Lower, "K2": scorecard.Higher}[k.ID]
				if k.Direction != want {
					t.Errorf("%s: direction %v, want %v", k.ID, k.Direction, want)
				}
			}
			k1 := sc.KPIs[0]
			if k1.ID == "K1" && k1.Series[0].Status != scorecard.OnTarget {
				t.Errorf("K1 Jan 2026 (8 against 10, lower is better): status %v, want on target", k1.Series[0].Status)
			}
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := mapped(t, tt.mapping, tt.sheets...)
			checkFigures(t, sc, tt.want)
			if tt.check != nil {
				tt.check(t, sc)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Net revenue (£k)": "NET-REVENUE-K",
		"  on-time  %":     "ON-TIME",
		"Coût unitaire":    "COÛT-UNITAIRE",
		"":                 "",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// A bad value in a mapped table is reported at the workbook's own cell.
func TestApplyKeepsCellPlaces(t *testing.T) {
	dir := t.TempDir()
	book := writeXLSX(t, dir, "book.xlsx", sheet{name: "Wide", rows: [][]any{
		{"KPI", "Kind", "Jan 2026", "Feb 2026"},
		{"Sales", "Actual", 10, "lots"},
		{"Sales", "Plan", 12, 12},
	}})
	ps := &workbook.Problems{}
	m := Parse("kpireport.yaml", dir, []byte(`
sources:
  - table: KPIs
    sheet: Wide
    columns: {id: KPI, name: KPI, perspective: {value: Financial}, kind: Kind}
    where: {kind: Actual}
  - table: Measurements
    sheet: Wide
    columns: {kpi: KPI, kind: Kind}
    unpivot: {key: period}
    role: {field: kind, roles: {Actual: actual, Plan: target}}
`), ps)
	tables, err := m.Apply([]string{book}, ps)
	if err != nil || ps.Errors() > 0 {
		t.Fatalf("%v\n%s", err, problemList(ps))
	}
	_, lps, err := scorecard.Load([]string{book}, scorecard.LoadOptions{Tables: tables})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range lps.List {
		if p.Severity == workbook.Error {
			found = true
			if got := p.Pos.String(); got != "book.xlsx:Wide!D2" {
				t.Errorf("error at %s, want book.xlsx:Wide!D2: %s", got, p)
			}
		}
	}
	if !found {
		t.Errorf("no error for the text in D2:\n%s", problemList(lps))
	}
}
