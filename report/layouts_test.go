package report_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"kpireport/report"
	"kpireport/report/format"
	"kpireport/report/mapping"
	"kpireport/report/workbook"
)

// layoutsDir holds the example workbooks in users' own layouts, each beside
// the kpireport.yaml that reads it.
var layoutsDir = filepath.Join("..", "sample-data", "layouts")

// Each example layout builds through the mapping beside it, and a KPI's
// page shows the figures of its source cells: the month's actual and target
// from the rows, sub-columns, sheets or files the mapping names.
func TestLayouts(t *testing.T) {
	tests := []struct {
		dir    string
		inputs []string
		page   string // a KPI page under kpis/
		want   []string
	}{{
		// Actual and Target rows per measure, the name merged down both.
		dir: "wide-by-month", inputs: []string{"harbour-ferries.xlsx"},
		page: "on-time-sailings.html",
		want: []string{"Aug 2026 92.5% 95%", "Sep 2026 95% 95%"},
	}, {
		// French, two header rows: the month over Objectif | Réalisé | %,
		// a fraction formatted 0%, N/D for not yet available.
		dir: "two-row-header", inputs: []string{"lumiere-region.xlsx"},
		page: "taux-de-satisfaction.html",
		want: []string{"Jun 2026 – 85% 76.5% – ○ no data", "May 2026 87% 85%", "Direction higher is better"},
	}, {
		// One sheet per KPI, a form on top, fiscal quarters from April.
		dir: "sheet-per-kpi", inputs: []string{"kestrel-council.xlsx"},
		page: "env02.html",
		want: []string{"Household waste reused, recycled or composted", "FY2027 Q2 49.4% 48%", "FY2026 Q4 44.7% 47% 42.3% 5.0 ▲ at risk Contaminated loads"},
	}, {
		// CSV files linked by ids, targets wide by year, TBD for unknown.
		dir:    filepath.Join("relational-csv", "ashby-health"),
		inputs: []string{"actuals.csv", "areas.csv", "kpis.csv", "objectives.csv", "targets.csv"},
		page:   "k03.html",
		want:   []string{"FY2027 940 patients 900 patients", "Objective Cut waiting times for planned care", "Direction lower is better"},
	}, {
		// Weekly rows, one column per metric, into months; the metrics
		// described down a transposed sheet.
		dir: "metric-columns", inputs: []string{"brightline-cycles.xlsx"},
		page: "rides.html",
		want: []string{"Jun 2026 " + juneRides(t) + " rides 244,000 rides", "Direction higher is better"},
	}}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			dir := filepath.Join(layoutsDir, tt.dir)
			var inputs []string
			for _, in := range tt.inputs {
				inputs = append(inputs, filepath.Join(dir, in))
			}
			out := filepath.Join(t.TempDir(), "site")
			var log bytes.Buffer
			err := report.Build(context.Background(), report.Options{Inputs: inputs, Out: out, NoPacks: true, Log: &log})
			if err != nil {
				t.Fatalf("%v\n%s", err, log.String())
			}
			if want := "using mapping " + filepath.Join(dir, "kpireport.yaml"); !strings.Contains(log.String(), want) {
				t.Errorf("the log does not say %q:\n%s", want, log.String())
			}
			if strings.Contains(log.String(), "warning") {
				t.Errorf("the build warns:\n%s", log.String())
			}
			page, err := os.ReadFile(filepath.Join(out, "kpis", tt.page))
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(page), " ")), " ")
			for _, want := range tt.want {
				if !strings.Contains(text, want) {
					t.Errorf("%s does not show %q", tt.page, want)
				}
			}
		})
	}
}

// juneRides sums the Rides column of Brightline's weeks ending in June 2026,
// read from the workbook itself, as the page should show it.
func juneRides(t *testing.T) string {
	f, err := workbook.Open(filepath.Join(layoutsDir, "metric-columns", "brightline-cycles.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, weeks := 0.0, 0
	err = f.Rows("Weekly", &workbook.Problems{}, func(num int, cells []workbook.Cell) error {
		if num == 1 || len(cells) < 2 {
			return nil
		}
		day := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(cells[0].Num))
		if day.Year() == 2026 && day.Month() == time.June {
			sum += cells[1].Num
			weeks++
		}
		return nil
	})
	if err != nil || weeks != 4 {
		t.Fatalf("reading the weeks of June: %v (%d weeks, want 4)", err, weeks)
	}
	return format.Number(sum, 0)
}

// inspect --draft on the layouts it can read whole writes a mapping that
// builds unchanged: the two-row header with its sub-column roles and the
// notes below the table, and the Actual/Target row blocks.
func TestDraftBuildsLayouts(t *testing.T) {
	tests := []struct {
		file, page string
		kpis       int
		want       string
	}{
		{filepath.Join("two-row-header", "lumiere-region.xlsx"), "taux-de-satisfaction.html", 5, "May 2026 87% 85%"},
		{filepath.Join("wide-by-month", "harbour-ferries.xlsx"), "on-time-sailings.html", 3, "Aug 2026 92.5 95"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			dir := t.TempDir()
			book := filepath.Join(dir, filepath.Base(tt.file))
			data, err := os.ReadFile(filepath.Join(layoutsDir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(book, data, 0o644); err != nil {
				t.Fatal(err)
			}
			reports, err := mapping.Inspect(book)
			if err != nil {
				t.Fatal(err)
			}
			draft := filepath.Join(dir, "draft.yaml")
			if err := os.WriteFile(draft, []byte(mapping.Draft(reports)), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "site")
			var log bytes.Buffer
			if err := report.Build(context.Background(), report.Options{Inputs: []string{book}, Map: draft, Out: out, NoPacks: true, Log: &log}); err != nil {
				t.Fatalf("%v\n%s\n%s", err, log.String(), mapping.Draft(reports))
			}
			if !strings.Contains(log.String(), fmt.Sprintf("read %d KPIs", tt.kpis)) {
				t.Errorf("want %d KPIs read:\n%s", tt.kpis, log.String())
			}
			page, err := os.ReadFile(filepath.Join(out, "kpis", tt.page))
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(page), " ")), " ")
			if !strings.Contains(text, tt.want) {
				t.Errorf("%s does not show %q", tt.page, tt.want)
			}
		})
	}
}
