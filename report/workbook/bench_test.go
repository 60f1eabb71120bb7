package workbook

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

var (
	benchOnce sync.Once
	benchDir  string
	benchPath string
	benchErr  error
)

// measurementsWorkbook writes, once, a workbook with a 300,000-row
// Measurements sheet: 5,000 KPIs times 60 months, the period as a date cell.
func measurementsWorkbook() (string, error) {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "workbook-bench")
		if benchErr != nil {
			return
		}
		benchPath = filepath.Join(benchDir, "big.xlsx")
		x := excelize.NewFile()
		defer x.Close()
		if benchErr = x.SetSheetName("Sheet1", "Measurements"); benchErr != nil {
			return
		}
		sw, err := x.NewStreamWriter("Measurements")
		if err != nil {
			benchErr = err
			return
		}
		if benchErr = sw.SetRow("A1", []any{"kpi", "period", "actual"}); benchErr != nil {
			return
		}
		row := 2
		for k := 0; k < 5000; k++ {
			kpi := fmt.Sprintf("KPI-%04d", k)
			for m := 0; m < 60; m++ {
				ref, _ := excelize.CoordinatesToCellName(1, row)
				if benchErr = sw.SetRow(ref, []any{kpi, 44927 + 30*m, float64(k*m) / 7}); benchErr != nil {
					return
				}
				row++
			}
		}
		if benchErr = sw.Flush(); benchErr != nil {
			return
		}
		benchErr = x.SaveAs(benchPath)
	})
	return benchPath, benchErr
}

func BenchmarkReadMeasurements(b *testing.B) {
	path, err := measurementsWorkbook()
	if err != nil {
		b.Fatal(err)
	}
	known := []string{"kpi", "period", "actual"}
	var before, after runtime.MemStats
	var cpu time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&before)
		cpu0 := cpuTime()
		f, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		var ps Problems
		t, err := f.Table("Measurements", known, &ps)
		if err != nil {
			b.Fatal(err)
		}
		f.Close()
		cpu += cpuTime() - cpu0
		if len(t.Rows) != 300000 || len(ps.List) != 0 {
			b.Fatalf("%d rows, problems %v", len(t.Rows), ps.List)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-table")
		runtime.KeepAlive(t)
	}
	// The wall time is at the mercy of other processes on the machine; the
	// CPU time the process used says how much work a read is.
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the user and system CPU time used by the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
