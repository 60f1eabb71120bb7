package export

import (
	"fmt"
	"io"
	"testing"

	"kpireport/report/period"
	"kpireport/report/scorecard"
)

// bigScorecard builds the product brief's large organisation: 5,000 KPIs
// over 4 perspectives, 60 months each (300,000 measurements).
func bigScorecard() *scorecard.Scorecard {
	sc := &scorecard.Scorecard{Period: period.Period{Freq: period.Quarter, Year: 2026, N: 1}}
	for i := range 4 {
		p := &scorecard.Perspective{Name: fmt.Sprintf("Perspective %d", i+1)}
		sc.Perspectives = append(sc.Perspectives, p)
		for j := range 25 {
			o := &scorecard.Objective{ID: fmt.Sprintf("O%d.%d", i+1, j+1), Name: "Objective", Perspective: p}
			p.Objectives = append(p.Objectives, o)
			sc.Objectives = append(sc.Objectives, o)
			for k := range 50 {
				kpi := &scorecard.KPI{ID: fmt.Sprintf("K%d.%d.%d", i+1, j+1, k+1), Name: "A KPI with a name of ordinary length",
					Objective: o, Owner: "An Owner", Unit: "%", Frequency: period.Month}
				for m := range 60 {
					kpi.Series = append(kpi.Series, point(period.MonthAt(period.MonthIndex(2021, 4)+m), float64(90+m%20), 100, 90, ""))
				}
				kpi.Current = kpi.Series[59]
				kpi.ChangePrev = scorecard.Some(1)
				o.KPIs = append(o.KPIs, kpi)
				sc.KPIs = append(sc.KPIs, kpi)
			}
		}
	}
	return sc
}

func benchmarkExport(b *testing.B, fn func(*scorecard.Scorecard) ([]byte, error)) {
	sc := bigScorecard()
	b.ReportAllocs()
	var size int
	for b.Loop() {
		out, err := fn(sc)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}

func BenchmarkJSON(b *testing.B)            { benchmarkExport(b, JSON) }
func BenchmarkMeasurementsCSV(b *testing.B) { benchmarkExport(b, MeasurementsCSV) }
func BenchmarkXLSX(b *testing.B)            { benchmarkExport(b, XLSX) }

// benchmarkWrite streams an export to io.Discard, as the site streams it to
// its file: the memory it reports is what the export itself needs.
func benchmarkWrite(b *testing.B, write func(io.Writer, *scorecard.Scorecard) error) {
	sc := bigScorecard()
	b.ReportAllocs()
	for b.Loop() {
		if err := write(io.Discard, sc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteJSON(b *testing.B)            { benchmarkWrite(b, WriteJSON) }
func BenchmarkWriteMeasurementsCSV(b *testing.B) { benchmarkWrite(b, WriteMeasurementsCSV) }
func BenchmarkWriteXLSX(b *testing.B)            { benchmarkWrite(b, WriteXLSX) }

// BenchmarkWriteXLSXExcelizeRows is BenchmarkWriteXLSX with every row
// through excelize's stream writer, as before xlsxrows.go: the two side by
// side measure what writing the rows directly saves.
func BenchmarkWriteXLSXExcelizeRows(b *testing.B) {
	fastRows = false
	defer func() { fastRows = true }()
	benchmarkWrite(b, WriteXLSX)
}
