package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kpireport/internal/genbook"
	"kpireport/report"
)

const sample = "../../sample-data/northvale-water.xlsx"

// The small size builds, every stage is reported in order, and the table
// has a row for each; the figures are logged, never checked.
func TestRunSmall(t *testing.T) {
	r, err := Run(context.Background(), Sizes["small"], Options{Sample: sample, Dir: t.TempDir(), Packs: true})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range r.Stages {
		names = append(names, s.Name)
	}
	want := "read compute view pages exports index charts packs write"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("stages %q, want %q", got, want)
	}
	var b bytes.Buffer
	Table(&b, []*Result{r})
	if n := strings.Count(b.String(), "\n| sample | yes |"); n != 11 {
		t.Errorf("%d rows in the table, want 11:\n%s", n, b.String())
	}
	if r.RawRead <= 0 || !strings.Contains(b.String(), "| excelize's raw read, for reference | ") {
		t.Errorf("no raw read (%v) in the table:\n%s", r.RawRead, b.String())
	}
	t.Logf("\n%s", b.String())
}

// scorecard.json is at most twice the size of measurements.csv (the
// issue's size budget, checked at a moderate size), and with business units
// at most twice measurements.csv and unit_measurements.csv, which hold the
// units' measurements (the group sample: 11 units × 30 KPIs × 24 months).
func TestJSONSizeBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and builds a workbook of 7,200 measurements")
	}
	dir := t.TempDir()
	book := filepath.Join(dir, "book.xlsx")
	if err := genbook.Write(book, genbook.Spec{KPIs: 200, Months: 36, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	for name, book := range map[string]string{"200 × 36": book, "group sample": "../../sample-data/harbour-group/harbour-group.xlsx"} {
		out := filepath.Join(dir, name)
		if err := report.Build(context.Background(), report.Options{Inputs: []string{book}, Out: out, NoPacks: true}); err != nil {
			t.Fatal(err)
		}
		size := func(name string) int64 {
			fi, err := os.Stat(filepath.Join(out, "data", name))
			if os.IsNotExist(err) && name == "unit_measurements.csv" {
				return 0
			} else if err != nil {
				t.Fatal(err)
			}
			return fi.Size()
		}
		j, c, u := size("scorecard.json"), size("measurements.csv"), size("unit_measurements.csv")
		t.Logf("%s: scorecard.json %d bytes, measurements.csv %d bytes, unit_measurements.csv %d bytes (%.2f×)", name, j, c, u, float64(j)/float64(c+u))
		if j > 2*(c+u) {
			t.Errorf("%s: scorecard.json is %d bytes, more than twice the CSVs' %d", name, j, c+u)
		}
		if (u > 0) != (name == "group sample") {
			t.Errorf("%s: unit_measurements.csv is %d bytes", name, u)
		}
	}
}

// BenchmarkStages builds the small and medium sizes without packs and
// reports each stage's time (s/read, s/pages…) beside the whole build's.
// Run with -benchtime=1x.
func BenchmarkStages(b *testing.B) {
	for _, name := range []string{"small", "medium"} {
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			sum := map[string]float64{}
			for i := 0; i < b.N; i++ {
				r, err := Run(context.Background(), Sizes[name], Options{Sample: sample, Dir: dir})
				if err != nil {
					b.Fatal(err)
				}
				for _, s := range r.Stages {
					sum[s.Name] += s.Time.Seconds()
				}
			}
			for stage, s := range sum {
				b.ReportMetric(s/float64(b.N), fmt.Sprintf("s/%s", stage))
			}
		})
	}
}

// BenchmarkLargeNoPacks builds 5,000 KPIs × 60 months without packs, for
// a profile: go test -run x -bench LargeNoPacks -benchtime=1x
// -cpuprofile cpu.out ./internal/bench, then go tool pprof -focus
// report.Build cpu.out (the focus leaves the workbook's writing out).
func BenchmarkLargeNoPacks(b *testing.B) {
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), Sizes["large"], Options{Sample: sample, Dir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}
