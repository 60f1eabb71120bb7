package scorecard

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kpireport/report/period"
	"kpireport/report/workbook"
)

// sheet is one sheet of a test workbook: its name and rows of cell values.
type sheet struct {
	name string
	rows [][]any
}

// writeBook writes a workbook of the sheets into dir and returns its path.
func writeBook(t *testing.T, dir, name string, sheets ...sheet) string {
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

var goodObjectives = sheet{"Objectives", [][]any{
	{"id", "name", "perspective", "drives"},
	{"F1", "Grow revenue", "Financial", ""},
	{"C1", "Delight customers", "Customer", "F1"},
}}

var goodKPIs = sheet{"KPIs", [][]any{
	{"ID", "Name", "Objective", "Unit", "Direction", "Frequency", "Aggregation", "Target", "Red Flag"},
	{"REV", "Revenue", "F1", "£k", "higher", "monthly", "sum", 100, 90},
	{"CSAT", "Satisfaction", "C1", "%", "higher", "quarterly", "average", 80, ""},
	{"LATE", "Late bills", "C1", "%", "lower", "monthly", "", 2, 3},
}}

func loadBook(t *testing.T, sheets ...sheet) (*Scorecard, []string) {
	t.Helper()
	path := writeBook(t, t.TempDir(), "kpis.xlsx", sheets...)
	sc, ps, err := Load([]string{path}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ps.Sort()
	var msgs []string
	for _, p := range ps.List {
		s := p.String()
		if p.Severity == workbook.Warning {
			s = "warning: " + s
		}
		msgs = append(msgs, s)
	}
	return sc, msgs
}

func TestLoadGood(t *testing.T) {
	sc, msgs := loadBook(t, goodObjectives, goodKPIs, sheet{"Measurements", [][]any{
		{"KPI", "Period", "Actual", "Numerator", "Denominator"},
		{"REV", "2026-01", 95},
		{"REV", "Feb 2026", "105"},
		{"rev", "2026-03", "(12)"},
		{"CSAT", "2026-Q1", "81.5%"},
		{"LATE", "2026-01", "", 4, 104},
		{"LATE", "2026-02", 2.5, 5, 200},
	}})
	if len(msgs) != 0 {
		t.Fatalf("problems:\n%s", strings.Join(msgs, "\n"))
	}
	if got := len(sc.Perspectives); got != 4 {
		t.Errorf("perspectives = %d, want the classic 4", got)
	}
	if len(sc.KPIs) != 3 || sc.KPIs[0].ID != "REV" || sc.KPIs[1].ID != "CSAT" {
		t.Fatalf("KPIs in wrong order: %v", ids(sc.KPIs))
	}
	rev := sc.KPIs[0]
	want := []float64{95, 105, -12}
	if len(rev.Measurements) != 3 {
		t.Fatalf("REV has %d measurements, want 3", len(rev.Measurements))
	}
	for i, m := range rev.Measurements {
		if !m.Actual.OK || m.Actual.V != want[i] {
			t.Errorf("REV measurement %d = %+v, want %v", i, m.Actual, want[i])
		}
	}
	csat := sc.KPIs[1]
	if csat.Frequency != period.Quarter || csat.Measurements[0].Actual.V != 81.5 {
		t.Errorf("CSAT: frequency %v, actual %v; want quarterly, 81.5 (percent unit keeps 81.5%%)", csat.Frequency, csat.Measurements[0].Actual)
	}
	late := sc.KPIs[2]
	if !late.Ratio || late.Direction != Lower || late.Aggregation != Average {
		t.Errorf("LATE: ratio %v direction %v aggregation %v; want ratio, lower, average (default for %%)", late.Ratio, late.Direction, late.Aggregation)
	}
	if got := sc.Objectives[1].Drives; len(got) != 1 || got[0] != "F1" {
		t.Errorf("C1 drives %v, want [F1]", got)
	}
}

func ids(ks []*KPI) []string {
	var s []string
	for _, k := range ks {
		s = append(s, k.ID)
	}
	return s
}

// TestLoadProblems checks that every kind of problem is reported at once,
// each with its place, in the words a user reads.
func TestLoadProblems(t *testing.T) {
	_, msgs := loadBook(t,
		goodObjectives,
		sheet{"KPIs", [][]any{
			{"Scorecard of Example Ltd"},
			{},
			{"id", "name", "objective", "direction", "frequency", "target", "colour"},
			{"REV", "Revenue", "F1", "higher", "monthly", 100},
			{"REV", "Revenue again", "F1", "higher", "monthly", 100},
			{"X1", "Mystery", "Z9", "sideways", "fortnightly", "lots"},
			{"NOT", "No target", "C1", "lower", "monthly"},
		}},
		sheet{"Measurements", [][]any{
			{"kpi", "period", "actual"},
			{"REV", "2026-01", "twelve"},
			{"REV", "Marchh 2026", 5},
			{"GHOST", "2026-01", 5},
			{"REV", "2026-02", 1},
			{"REV", "Feb 2026", 2},
			{"REV", "2026-Q1", 2},
		}},
		sheet{"Budget", [][]any{{"a"}}},
	)
	want := []string{
		`warning: kpis.xlsx: sheet "Budget" not read: kpireport reads sheets named Settings, Perspectives, Objectives, KPIs, Measurements, Targets, Initiatives and Commentary`,
		`warning: kpis.xlsx:KPIs!G3: column "colour" is not one kpireport reads; ignored`,
		`kpis.xlsx:KPIs!A5: KPI id "REV" is used twice (first at kpis.xlsx:KPIs!4)`,
		`kpis.xlsx:KPIs!C6: KPI X1: objective "Z9" is not in the Objectives sheet`,
		`kpis.xlsx:KPIs!D6: direction "sideways" is not higher, lower or range`,
		`kpis.xlsx:KPIs!E6: frequency: "fortnightly" is not a frequency (use monthly, quarterly or annual)`,
		`kpis.xlsx:KPIs!F6: target "lots" is not a number`,
		`warning: kpis.xlsx:KPIs!7: KPI NOT has no target; it is shown but not scored`,
		`kpis.xlsx:Measurements!C2: actual "twelve" is not a number`,
		`kpis.xlsx:Measurements!B3: period "Marchh 2026" is not a period (use 2026-03, Mar 2026, 2026-Q1, FY2026 Q1 or 2026)`,
		`kpis.xlsx:Measurements!A4: KPI "GHOST" is not in the KPIs sheet; correct the id, or add the KPI there`,
		`kpis.xlsx:Measurements!B6: KPI REV has a second actual for Feb 2026 (first at kpis.xlsx:Measurements!5)`,
		`kpis.xlsx:Measurements!B7: KPI REV is monthly but period Q1 2026 is a quarter`,
	}
	compareLines(t, msgs, want)
}

// compareLines compares two lists of messages, in any order, and shows
// what is missing and what is extra.
func compareLines(t *testing.T, got, want []string) {
	t.Helper()
	g := map[string]bool{}
	for _, s := range got {
		g[strings.TrimPrefix(s, "warning: ")] = true
	}
	w := map[string]bool{}
	for _, s := range want {
		s = strings.TrimPrefix(s, "warning: ")
		w[s] = true
		if !g[s] {
			t.Errorf("missing: %s", s)
		}
	}
	for _, s := range got {
		if !w[strings.TrimPrefix(s, "warning: ")] {
			t.Errorf("unexpected: %s", s)
		}
	}
}

func TestLoadWideAndCommentary(t *testing.T) {
	dir := t.TempDir()
	path := writeBook(t, dir, "book.xlsx",
		sheet{"Settings", [][]any{{"key", "value"}, {"fiscal_year_start", "April"}, {"tolerance", "5%"}}},
		sheet{"KPIs", [][]any{
			{"id", "name", "perspective", "target"},
			{"A", "Alpha", "Customer", 10},
			{"B", "Beta", "Customer", 10},
		}},
		sheet{"Measurements (wide)", [][]any{
			{"KPI", "Name", "2025-04", "May 2025", "FY2026 Q1"},
			{"A", "Alpha", 1, "", 3},
		}},
		sheet{"Commentary", [][]any{
			{"scope", "period", "text"},
			{"overall", "FY2026 Q1", "All **good**."},
			{"nobody", "FY2026 Q1", "lost"},
		}},
	)
	if err := os.MkdirAll(filepath.Join(dir, "commentary", "FY2026 Q1"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "commentary", "FY2026 Q1", "b.md"), []byte("# Beta\nfine"), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, ps, err := Load([]string{path}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range ps.List {
		msgs = append(msgs, p.String())
	}
	compareLines(t, msgs, []string{
		`book.xlsx:Measurements (wide)!E2: KPI A is monthly but period FY2026 Q1 is a quarter`,
		`book.xlsx:Commentary!A3: commentary scope "nobody" is not "overall", a perspective, an objective id or a KPI id; ignored`,
	})
	if sc.Settings.Tolerance != 0.05 || sc.Calendar.Start != 4 {
		t.Errorf("settings: tolerance %v, fiscal start %v; want 0.05, 4", sc.Settings.Tolerance, sc.Calendar.Start)
	}
	a := sc.KPIs[0]
	if len(a.Measurements) != 1 || a.Measurements[0].Period != (period.Period{Freq: period.Month, Year: 2025, N: 4}) {
		t.Errorf("A's measurements: %+v", a.Measurements)
	}
	if len(sc.Comments) != 1 || !strings.Contains(sc.Comments[0].Markdown, "**good**") {
		t.Errorf("overall commentary: %+v", sc.Comments)
	}
	b := sc.KPIs[1]
	if len(b.Comments) != 1 || b.Comments[0].Period != (period.Period{Freq: period.Quarter, Year: 2026, N: 1}) {
		t.Errorf("B's commentary from file: %+v", b.Comments)
	}
	if sc.KPIs[0].Objective == nil || !sc.KPIs[0].Objective.Implicit || sc.KPIs[0].InPerspective().Name != "Customer" {
		t.Errorf("KPI naming a perspective should sit in an implicit objective of Customer")
	}
}

func TestLoadMissingSheetsAndColumns(t *testing.T) {
	_, msgs := loadBook(t, sheet{"KPIs", [][]any{{"id", "title"}, {"A", "x"}}})
	compareLines(t, msgs, []string{
		`kpis.xlsx: no Measurements sheet (found "KPIs"; sheets are known by the first word of their name)`,
		`kpis.xlsx:KPIs!B1: column "title" is not one kpireport reads; ignored`,
		`kpis.xlsx:KPIs!1: no "name" column in the header row (found: id, title)`,
	})
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Learning & Growth": "learning-growth",
		"FIN-01":            "fin-01",
		"  ":                "x",
		"Café / Ops":        "cafe-ops",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLoadWorkbookAndCSV reads the KPIs from a workbook and the
// measurements from a CSV file beside it, whose name says what it holds.
func TestLoadWorkbookAndCSV(t *testing.T) {
	dir := t.TempDir()
	book := writeBook(t, dir, "kpis.xlsx", sheet{"KPIs", [][]any{
		{"id", "name", "perspective", "unit", "target"},
		{"REV", "Revenue", "Financial", "£k", 100},
	}})
	csvPath := filepath.Join(dir, "Measurements.csv")
	csvText := "\ufeffkpi;period;actual\nREV;2026-01;95\nREV;Feb 2026;\"1.234,5\"\nREV;2026-03;twelve\n"
	if err := os.WriteFile(csvPath, []byte(csvText), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, ps, err := Load([]string{book, csvPath}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range ps.List {
		msgs = append(msgs, p.String())
	}
	compareLines(t, msgs, []string{
		"Measurements.csv: a ;-separated file: its numbers were read with decimal commas, dots grouping thousands (1.234,5 is 1234.5), as the file writes them",
		`Measurements.csv:C4: actual "twelve" is not a number`,
	})
	rev := sc.KPIs[0]
	if len(rev.Measurements) != 3 || rev.Measurements[1].Actual.V != 1234.5 {
		t.Errorf("REV measurements from the CSV: %+v", rev.Measurements)
	}
}
