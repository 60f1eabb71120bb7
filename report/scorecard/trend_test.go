package scorecard

import (
	"testing"

	"kpireport/report/period"
)

func TestTrendOf(t *testing.T) {
	tests := []struct {
		name string
		dir  Direction
		vals []float64
		g    Num
		gmax Num
		want Trend
	}{
		{"higher rising", Higher, []float64{10, 11, 12, 13}, Some(12), Num{}, Improving},
		{"higher falling", Higher, []float64{13, 12, 11, 10}, Some(12), Num{}, Worsening},
		{"higher flat", Higher, []float64{100, 101, 100, 101, 100}, Some(100), Num{}, Steady},
		{"lower falling", Lower, []float64{13, 12, 11, 10}, Some(12), Num{}, Improving},
		{"lower rising", Lower, []float64{10, 11, 12, 13}, Some(12), Num{}, Worsening},
		{"lower flat", Lower, []float64{50, 50, 50}, Some(40), Num{}, Steady},
		{"range toward band", Range, []float64{2, 4, 6, 8}, Some(10), Some(20), Improving},
		{"range down toward band", Range, []float64{30, 28, 26, 24}, Some(10), Some(20), Improving},
		{"range away above", Range, []float64{16, 18, 20, 22}, Some(10), Some(20), Worsening},
		{"range away below", Range, []float64{14, 12, 10, 8}, Some(10), Some(20), Worsening},
		{"range crossing midpoint", Range, []float64{12, 14, 16, 18}, Some(10), Some(20), Steady},
		{"range no target", Range, []float64{12, 14, 16, 18}, Num{}, Num{}, NoTrend},
		{"too few", Higher, []float64{1, 5}, Some(1), Num{}, NoTrend},
		{"too few with gaps", Higher, []float64{1, gap, gap, 5}, Some(1), Num{}, NoTrend},
		{"empty", Higher, nil, Some(1), Num{}, NoTrend},
		{"small against a big target", Higher, []float64{1, 1.2, 1.4}, Some(100), Num{}, Steady},
		{"only the last six count", Higher, []float64{100, 90, 80, 10, 10.1, 10.2, 10.3, 10.4, 10.5}, Some(10), Num{}, Improving},
		{"gaps spread time", Higher, []float64{10, gap, gap, gap, gap, 11, 11, 11}, Some(10), Num{}, Improving},
		{"zero values", Higher, []float64{0, 0, 0}, Num{}, Num{}, Steady},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var series []Point
			for i, v := range tt.vals {
				p := Point{Period: mon(2026, i+1), Target: tt.g, TargetMax: tt.gmax}
				if v == v {
					p.Actual = Some(v)
				}
				series = append(series, p)
			}
			if got := trendOf(tt.dir, series); got != tt.want {
				t.Errorf("trend %v, want %v", got, tt.want)
			}
		})
	}
}

// TestTrendThroughCompute checks that Compute judges the trend on the series
// up to the report period, ignoring later data.
func TestTrendThroughCompute(t *testing.T) {
	cal := period.Calendar{Start: 1}
	k := testKPI("a", period.Month, Average, Higher, Some(10)).withData(cal, mon(2025, 10), 5, 6, 7, 8, 9, 10, 1, 1, 1)
	sc := testScorecard(1, qtr(2026, 1), k)
	Compute(sc)
	if k.Trend != Improving {
		t.Errorf("trend %v, want improving", k.Trend)
	}
}

// TestNoTrendWithoutCurrent: older data gives no trend when the current
// period has no actual.
func TestNoTrendWithoutCurrent(t *testing.T) {
	cal := period.Calendar{Start: 1}
	k := testKPI("a", period.Month, Average, Higher, Some(10)).withData(cal, mon(2025, 1), 5, 6, 7, 8, 9, 10)
	other := testKPI("b", period.Month, Average, Higher, Some(10)).withData(cal, mon(2026, 1), 1, 1, 1)
	sc := testScorecard(1, period.Period{}, k, other)
	Compute(sc)
	if sc.Period != qtr(2026, 1) || k.Trend != NoTrend {
		t.Errorf("period %s trend %v, want 2026-Q1 and no trend", sc.Period.Key(), k.Trend)
	}
}
