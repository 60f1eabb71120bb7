// Package genbook writes large workbooks in the documented long layout
// (Objectives, KPIs and Measurements sheets), deterministically: the same
// Spec gives the same bytes, for benchmarks and scale tests. WriteGroup
// writes a group's workbook with business units (a Units sheet, a unit
// column in Measurements): the Harbour Group sample, or larger.
package genbook

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/xuri/excelize/v2"

	"kpireport/report/export"
)

// Spec says how large a workbook to write.
type Spec struct {
	KPIs   int    // KPIs, spread over 4 perspectives and 10 objectives each
	Months int    // months of data per KPI, from January 2021
	Seed   uint64 // varies the values; 0 is a seed like any other
	// Units, when above 0, makes a group workbook instead (WriteGroup):
	// this many operating units in three regions, each reporting every
	// KPI, with months from January 2025.
	Units int
}

var perspectives = []string{"Financial", "Customer", "Internal Processes", "Learning & Growth"}

// Write writes the workbook of s to path.
func Write(path string, s Spec) error {
	if s.KPIs < 1 || s.Months < 1 {
		return fmt.Errorf("genbook: %d KPIs × %d months: both must be at least 1", s.KPIs, s.Months)
	}
	if s.Units > 0 {
		return WriteGroup(path, Group{Units: s.Units, KPIs: s.KPIs, Months: s.Months, Seed: s.Seed})
	}
	if s.Units < 0 {
		return fmt.Errorf("genbook: %d units: must be at least 0", s.Units)
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(export.SortedZip(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)))
	if err := write(f, s); err != nil {
		return fmt.Errorf("genbook: %w", err)
	}
	if err := f.SaveAs(path); err != nil {
		return fmt.Errorf("genbook: %w", err)
	}
	return nil
}

func write(f *excelize.File, s Spec) error {
	if err := f.SetSheetName("Sheet1", "Objectives"); err != nil {
		return err
	}
	if err := f.SetSheetRow("Objectives", "A1", &[]any{"id", "name", "perspective"}); err != nil {
		return err
	}
	for i := 0; i < 40; i++ {
		row := []any{fmt.Sprintf("O%02d", i), fmt.Sprintf("Objective %d", i), perspectives[i%4]}
		if err := f.SetSheetRow("Objectives", fmt.Sprintf("A%d", i+2), &row); err != nil {
			return err
		}
	}
	kpis := make([][]any, 0, s.KPIs)
	for i := 0; i < s.KPIs; i++ {
		dir, agg := "higher", "sum"
		if i%3 == 1 {
			dir, agg = "lower", "average"
		}
		kpis = append(kpis, []any{kpiID(i), fmt.Sprintf("Indicator %d", i), fmt.Sprintf("O%02d", i%40), "units", dir, agg, 100, "Owner"})
	}
	if err := stream(f, "KPIs", []any{"id", "name", "objective", "unit", "direction", "aggregation", "target", "owner"}, len(kpis), func(i int) []any { return kpis[i] }); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(s.Seed, 0x6b7069))
	return stream(f, "Measurements", []any{"kpi", "period", "actual"}, s.KPIs*s.Months, func(r int) []any {
		i, m := r/s.Months, r%s.Months
		v := 100 + 15*math.Sin(float64(i+m)/5) + rng.Float64()*4 - 2
		return []any{kpiID(i), fmt.Sprintf("%d-%02d", 2021+m/12, m%12+1), math.Round(v*10) / 10}
	})
}

// stream writes a sheet of a header and n rows with excelize's stream
// writer, which keeps memory small at any size.
func stream(f *excelize.File, sheet string, header []any, n int, row func(int) []any) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row(i)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func kpiID(i int) string { return fmt.Sprintf("K%05d", i) }
