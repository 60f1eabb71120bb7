package report

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeLargeBook writes a workbook the size of a large organisation: kpis
// KPIs in 4 perspectives and 10 objectives each, months months of data
// each, in the long layout.
func writeLargeBook(b testing.TB, dir string, kpis, months int) string {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Objectives"))
	persp := []string{"Financial", "Customer", "Internal Processes", "Learning & Growth"}
	must(f.SetSheetRow("Objectives", "A1", &[]any{"id", "name", "perspective"}))
	for i := 0; i < 40; i++ {
		cell := fmt.Sprintf("A%d", i+2)
		must(f.SetSheetRow("Objectives", cell, &[]any{fmt.Sprintf("O%02d", i), fmt.Sprintf("Objective %d", i), persp[i%4]}))
	}
	_, err := f.NewSheet("KPIs")
	must(err)
	sw, err := f.NewStreamWriter("KPIs")
	must(err)
	must(sw.SetRow("A1", []any{"id", "name", "objective", "unit", "direction", "aggregation", "target", "owner"}))
	for i := 0; i < kpis; i++ {
		dir, agg := "higher", "sum"
		if i%3 == 1 {
			dir, agg = "lower", "average"
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		must(sw.SetRow(cell, []any{fmt.Sprintf("K%05d", i), fmt.Sprintf("Indicator %d", i), fmt.Sprintf("O%02d", i%40), "units", dir, agg, 100, "Owner"}))
	}
	must(sw.Flush())
	_, err = f.NewSheet("Measurements")
	must(err)
	sw, err = f.NewStreamWriter("Measurements")
	must(err)
	must(sw.SetRow("A1", []any{"kpi", "period", "actual"}))
	row := 2
	for i := 0; i < kpis; i++ {
		for m := 0; m < months; m++ {
			y, mo := 2021+m/12, m%12+1
			v := 100 + 15*math.Sin(float64(i+m)/5)
			cell, _ := excelize.CoordinatesToCellName(1, row)
			must(sw.SetRow(cell, []any{fmt.Sprintf("K%05d", i), fmt.Sprintf("%d-%02d", y, mo), math.Round(v*10) / 10}))
			row++
		}
	}
	must(sw.Flush())
	path := filepath.Join(dir, "large.xlsx")
	must(f.SaveAs(path))
	return path
}

// BenchmarkBuildLarge builds the site of 5,000 KPIs with 60 months each
// (300,000 measurements), review packs included: the scale the product
// brief asks to build on a laptop. Run with -benchtime=1x; it reports the
// whole build. The packs' charts, drawn by ECharts in goja, take minutes at
// this scale; BenchmarkBuildLargeNoPacks leaves them out.
func BenchmarkBuildLarge(b *testing.B) { benchmarkBuildLarge(b, false) }

// BenchmarkBuildLargeNoPacks builds the same site without the review packs
// (--no-packs).
func BenchmarkBuildLargeNoPacks(b *testing.B) { benchmarkBuildLarge(b, true) }

func benchmarkBuildLarge(b *testing.B, noPacks bool) {
	dir := b.TempDir()
	book := writeLargeBook(b, dir, 5000, 60)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, fmt.Sprintf("site%d", i))
		if err := Build(context.Background(), Options{Inputs: []string{book}, Out: out, NoPacks: noPacks}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildSample builds the sample workbook's site.
func BenchmarkBuildSample(b *testing.B) {
	dir := b.TempDir()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, fmt.Sprintf("site%d", i))
		err := Build(context.Background(), Options{Inputs: []string{filepath.Join("..", "sample-data", "northvale-water.xlsx")}, Out: out})
		if err != nil {
			b.Fatal(err)
		}
	}
}
