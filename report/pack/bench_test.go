package pack

import (
	"context"
	"runtime"
	"testing"

	"kpireport/report/chart"
	"kpireport/report/view"
)

// BenchmarkPacks renders every pack of the sample (charts included) from
// the loaded scorecard.
func BenchmarkPacks(b *testing.B) {
	sc, err := sample()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Render(context.Background(), view.New(sc, ""), &memory{}, Options{}); err != nil { // warm the runtimes
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Render(context.Background(), view.New(sc, ""), &memory{}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSVG renders the sample's pack charts to SVG, one runtime per
// CPU, and reports the time per chart.
func BenchmarkSVG(b *testing.B) {
	sc, err := sample()
	if err != nil {
		b.Fatal(err)
	}
	charts, err := view.New(sc, "").PackCharts(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := chart.RenderAll(context.Background(), charts, runtime.NumCPU()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := chart.RenderAll(context.Background(), charts, runtime.NumCPU()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(charts))/1e6, "ms/chart")
}

// BenchmarkSVGOneRuntime renders the same charts on one runtime.
func BenchmarkSVGOneRuntime(b *testing.B) {
	sc, err := sample()
	if err != nil {
		b.Fatal(err)
	}
	charts, err := view.New(sc, "").PackCharts(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	r, err := chart.NewRenderer()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, c := range charts {
			if _, err := r.SVG(c); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(charts))/1e6, "ms/chart")
}

// BenchmarkLoadECharts starts a runtime and loads ECharts into it.
func BenchmarkLoadECharts(b *testing.B) {
	for b.Loop() {
		if _, err := chart.NewRenderer(); err != nil {
			b.Fatal(err)
		}
	}
}
