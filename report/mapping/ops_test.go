package mapping

import (
	"strings"
	"testing"
	"time"

	"kpireport/report/scorecard"
	"kpireport/report/workbook"
)

// Each operation added for the layout families, on a small workbook of that
// family, checked by the figures the scorecard computes from it.
func TestOperations(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		mapping string
		sheets  []sheet
		want    []figure
		check   func(t *testing.T, sc *scorecard.Scorecard)
	}{{
		// A year written once over its months: one key takes both header
		// rows' text ("2026 Jan"), the year carried right over blank cells.
		name: "two header rows joined into one period",
		mapping: `
sources:
  - table: KPIs
    sheet: Report
    header: [1, 2]
    columns: {id: {header: Metric, slug: true}, name: Metric, perspective: {value: Financial}}
  - table: Measurements
    sheet: Report
    header: [1, 2]
    columns: {kpi: {header: Metric, slug: true}}
    unpivot: {key: period}
`,
		sheets: []sheet{{name: "Report", rows: [][]any{
			{"Metric", "2025", nil, nil, "2026", nil, nil},
			{nil, "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"},
			{"Orders", 10, 11, 12, 20, 21, 22},
		}}},
		want: []figure{{"ORDERS", "2025-11", 11, -1}, {"ORDERS", "2026-01", 20, -1}, {"ORDERS", "2026-03", 22, -1}},
	}, {
		// A month over Target and Actual sub-columns: the lower header row
		// is a second key, and a role reads it.
		name: "sub-header roles",
		mapping: `
sources:
  - table: KPIs
    sheet: Report
    header: [1, 2]
    columns: {id: KPI, name: KPI, perspective: {value: Customer}}
  - table: Measurements
    sheet: Report
    header: [1, 2]
    columns: {kpi: KPI}
    unpivot: {key: [period, kind]}
    role: {field: kind, roles: {Target: target, Actual: actual, "%": skip}}
`,
		sheets: []sheet{{name: "Report", rows: [][]any{
			{"KPI", "Jan 2026", nil, nil, "Feb 2026", nil, nil},
			{nil, "Target", "Actual", "%", "Target", "Actual", "%"},
			{"NPS", 40, 38, 0.95, 40, 42, 1.05},
		}}},
		want: []figure{{"NPS", "2026-01", 38, 40}, {"NPS", "2026-02", 42, 40}},
	}, {
		// One column per metric, plan and actual told apart by a suffix;
		// a metric with none is an actual.
		name: "suffix roles on metric columns",
		mapping: `
sources:
  - table: KPIs
    sheet: List
    columns: {id: {header: Metric, slug: true}, name: Metric, perspective: {value: Financial}}
  - table: Measurements
    sheet: Monthly
    columns:
      period: Month
      kpi: {slug: true}
    unpivot: {key: kpi}
    role: {field: kpi, match: suffix, roles: {Act: actual, Plan: target, "*": actual}}
`,
		sheets: []sheet{
			{name: "List", rows: [][]any{{"Metric"}, {"Revenue"}, {"Gross margin"}, {"NPS"}}},
			{name: "Monthly", rows: [][]any{
				{"Month", "Revenue Act", "Revenue Plan", "Gross margin (Act)", "Gross margin (Plan)", "NPS"},
				{"2026-01", 100, 90, 30, 32, 41},
				{"2026-02", 110, 120, 31, 32, 44},
			}},
		},
		want: []figure{{"REVENUE", "2026-02", 110, 120}, {"GROSS-MARGIN", "2026-01", 30, 32}, {"NPS", "2026-02", 44, -1}},
	}, {
		// Row labels that start with their role.
		name: "prefix roles on a label column",
		mapping: `
sources:
  - table: KPIs
    sheet: Data
    columns: {id: {header: Line, slug: true}, name: Line, perspective: {value: Financial}}
    role: {field: id, match: prefix, roles: {Actual: actual, Budget: skip}}
  - table: Measurements
    sheet: Data
    columns: {kpi: {header: Line, slug: true}}
    unpivot: {key: period}
    role: {field: kpi, match: prefix, roles: {Actual: actual, Budget: target}}
`,
		sheets: []sheet{{name: "Data", rows: [][]any{
			{"Line", "2026-01", "2026-02"},
			{"Actual - Sales", 50, 60},
			{"Budget - Sales", 55, 55},
		}}},
		want: []figure{{"SALES", "2026-02", 60, 55}},
	}, {
		// KPI definitions written sideways: fields down column A.
		name: "transposed KPI list",
		mapping: `
sources:
  - table: KPIs
    sheet: Defs
    transpose: true
    columns: {id: Code, name: Name, perspective: Area, target: Goal}
  - table: Measurements
    sheet: Data
    columns: {kpi: KPI, period: Month, actual: Value}
`,
		sheets: []sheet{
			{name: "Defs", rows: [][]any{
				{"Code", "A", "B"},
				{"Name", "Alpha", "Beta"},
				{"Area", "Customer", "Financial"},
				{"Goal", 10, 20},
			}},
			{name: "Data", rows: [][]any{{"KPI", "Month", "Value"}, {"A", "2026-01", 9}, {"B", "2026-01", 21}}},
		},
		want: []figure{{"A", "2026-01", 9, 10}, {"B", "2026-01", 21, 20}},
	}, {
		// Weekly rows, newest first, into months by each KPI's aggregation:
		// rides add up, NPS is averaged, members are the month's last week.
		name: "weeks aggregated into months",
		mapping: `
sources:
  - table: KPIs
    sheet: Metrics
    columns: {id: {header: Metric, slug: true}, name: Metric, perspective: {value: Customer}, aggregation: Roll-up}
  - table: Measurements
    sheet: Weekly
    columns: {period: Week ending, kpi: {slug: true}}
    unpivot: {key: kpi}
    aggregate: true
`,
		sheets: []sheet{
			{name: "Metrics", rows: [][]any{{"Metric", "Roll-up"}, {"Rides", "sum"}, {"NPS", "average"}, {"Members", "last"}}},
			{name: "Weekly", rows: [][]any{
				{"Week ending", "Rides", "NPS", "Members"},
				{day(2026, 2, 8), 30, 50, 420},
				{day(2026, 2, 1), 20, 40, 410},
				{day(2026, 1, 25), 10, 44, 400},
				{day(2026, 1, 18), 5, 40, 390},
				{day(2026, 1, 11), 1, 36, 380},
			}},
		},
		want: []figure{
			{"RIDES", "2026-01", 16, -1}, {"RIDES", "2026-02", 50, -1},
			{"NPS", "2026-01", 40, -1}, {"NPS", "2026-02", 45, -1},
			{"MEMBERS", "2026-01", 400, -1}, {"MEMBERS", "2026-02", 420, -1},
		},
	}, {
		// Months of a quarterly KPI, summed into its quarters.
		name: "months aggregated into quarters",
		mapping: `
sources:
  - table: KPIs
    sheet: Data
    columns: {id: KPI, name: KPI, perspective: {value: Financial}, frequency: {value: quarterly}}
  - table: Measurements
    sheet: Data
    columns: {kpi: KPI, period: Month, actual: Value}
    aggregate: true
`,
		sheets: []sheet{{name: "Data", rows: [][]any{
			{"KPI", "Month", "Value"},
			{"Homes", "2026-01", 3}, {"Homes", "2026-02", 4}, {"Homes", "2026-03", 5}, {"Homes", "2026-04", 7},
		}}},
		want: []figure{{"Homes", "2026-Q1", 12, -1}, {"Homes", "2026-Q2", 7, -1}},
	}, {
		// Period labels no built-in form reads, by a pattern; ids picked out
		// of longer texts.
		name: "patterns",
		mapping: `
sources:
  - table: KPIs
    sheet: Data
    columns: {id: {header: Measure, pattern: "{text} -*"}, name: {header: Measure, pattern: "*- {text}"}, perspective: {value: Financial}}
  - table: Measurements
    sheet: Data
    columns: {kpi: {header: Measure, pattern: "{text} -*"}, period: {pattern: "P{mm} FY{yy}"}}
    unpivot: {key: period}
`,
		sheets: []sheet{{name: "Data", rows: [][]any{
			{"Measure", "P01 FY26", "P02 FY26"},
			{"M1 - Tickets sold", 5, 6},
		}}},
		want: []figure{{"M1", "2026-02", 6, -1}},
		check: func(t *testing.T, sc *scorecard.Scorecard) {
			if sc.KPIs[0].Name != "Tickets sold" {
				t.Errorf("name %q, want Tickets sold", sc.KPIs[0].Name)
			}
		},
	}, {
		// A sheet per unit, read by one source through a sheet-name
		// pattern; ids looked up in a list that names each unit's code.
		name: "sheet pattern, lookup, row range and settings",
		mapping: `
settings:
  fiscal_year_start: April
perspectives: [Units]
sources:
  - table: KPIs
    sheet: Codes
    columns: {id: Code, name: Unit, perspective: {value: Units}, frequency: {value: quarterly}}
  - table: Measurements
    sheet: "Unit *"
    rows: 2-3
    columns:
      kpi: {sheet: true, pattern: "Unit {text}", lookup: {sheet: Codes, key: Unit, value: Code}}
      period: Quarter
      actual: Sales
`,
		sheets: []sheet{
			{name: "Codes", rows: [][]any{{"Code", "Unit"}, {"N", "North"}, {"S", "South"}}},
			{name: "Unit North", rows: [][]any{{"Quarter", "Sales"}, {"Q1 2025/26", 5}, {"Q2 2025/26", 6}, {"Total", 11}}},
			{name: "Unit South", rows: [][]any{{"Quarter", "Sales"}, {"Q1 2025/26", 7}, {"Q2 2025/26", 8}, {"Total", 15}}},
		},
		want: []figure{{"N", "2026-Q2", 6, -1}, {"S", "2026-Q1", 7, -1}},
		check: func(t *testing.T, sc *scorecard.Scorecard) {
			if sc.Settings.FiscalYearStart != 4 {
				t.Errorf("fiscal year starts in month %d, want 4 (April, from the mapping)", sc.Settings.FiscalYearStart)
			}
		},
	}, {
		// A snapshot: one row per indicator with its baseline, the actual to
		// date and the target, and no period column; the period is given.
		name: "snapshot with a constant period",
		mapping: `
sources:
  - table: KPIs
    sheet: Snapshot
    columns: {id: Ref, name: Indicator, perspective: {value: Customer}, baseline: Baseline, target: Target, frequency: {value: quarterly}}
  - table: Measurements
    sheet: Snapshot
    columns: {kpi: Ref, period: {value: 2026-Q1}, actual: To date}
`,
		sheets: []sheet{{name: "Snapshot", rows: [][]any{
			{"Ref", "Indicator", "Baseline", "To date", "Target"},
			{"C1", "Complaints resolved", 70, 82, 85},
		}}},
		want: []figure{{"C1", "2026-Q1", 82, 85}},
	}, {
		// The mapping makes only the measurements; the workbook's own KPIs
		// sheet, in kpireport's form, is read beside them.
		name: "mapped and own-format sheets together",
		mapping: `
sources:
  - table: Measurements
    sheet: Report
    columns: {kpi: Code}
    unpivot: {key: period}
`,
		sheets: []sheet{
			{name: "KPIs", rows: [][]any{{"id", "name", "perspective", "target"}, {"K1", "Orders", "Customer", 10}}},
			{name: "Report", rows: [][]any{{"Code", "Jan 2026", "Feb 2026"}, {"K1", 8, 12}}},
		},
		want: []figure{{"K1", "2026-02", 12, 10}},
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

// A problem found in a transposed sheet names the sheet's own cell.
func TestTransposedProblemPlace(t *testing.T) {
	dir := t.TempDir()
	book := writeXLSX(t, dir, "book.xlsx", sheet{name: "Defs", rows: [][]any{
		{"Code", "K1 Sales", "K2"},
		{"Name", "Sales", "Costs"},
	}})
	ps := &workbook.Problems{}
	m := Parse("kpireport.yaml", dir, []byte("sources:\n  - table: KPIs\n    sheet: Defs\n    transpose: true\n    columns: {id: {header: Code, pattern: \"{text} *\"}, name: Name, perspective: {value: Financial}}\n"), ps)
	if _, err := m.Apply([]string{book}, ps); err != nil {
		t.Fatal(err)
	}
	if len(ps.List) != 1 || !strings.HasPrefix(ps.List[0].String(), `book.xlsx:Defs!C1: "K2" does not match`) {
		t.Errorf("problems %v; want the pattern's miss at Defs!C1", ps.List)
	}
}

// Many merged ranges fill a bounded number of cells, each row rebuilt once.
func TestManyMerges(t *testing.T) {
	g := grid{}
	for r := 1; r <= 2000; r++ {
		g.rows = append(g.rows, []workbook.Cell{{Pos: workbook.Pos{Row: r, Col: 1}, Kind: workbook.Text, Text: "x"}})
	}
	var ranges []workbook.Range
	for i := 0; i < 65536; i++ {
		ranges = append(ranges, workbook.Range{Top: 1, Left: 1, Bottom: 2000, Right: 5})
	}
	g.fillMerged(ranges)
	cells := 0
	for _, row := range g.rows {
		cells += len(row)
	}
	if cells > maxMergeFill+2000 || len(g.rows[1]) != 5 || g.rows[1][4].Text != "x" {
		t.Errorf("%d cells after filling, row 2 %v", cells, g.rows[1])
	}
}
