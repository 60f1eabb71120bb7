package view

import (
	"math"
	"reflect"
	"testing"

	"kpireport/report/scorecard"
)

func nums(vs ...float64) []scorecard.Num {
	out := make([]scorecard.Num, len(vs))
	for i, v := range vs {
		if !math.IsNaN(v) {
			out[i] = scorecard.Some(v)
		}
	}
	return out
}

func TestNewSparkline(t *testing.T) {
	gap := math.NaN()
	tests := []struct {
		name      string
		values    []scorecard.Num
		target    scorecard.Num
		lines     []string
		last      *SparkPoint
		targetY   float64
		hasTarget bool
	}{
		{name: "empty"},
		{name: "all missing", values: nums(gap, gap)},
		{name: "rising", values: nums(0, 5, 10), lines: []string{"2.5,21.5 50,12 97.5,2.5"}, last: &SparkPoint{97.5, 2.5}},
		{name: "with target", values: nums(0, 10), target: scorecard.Some(20),
			lines: []string{"2.5,21.5 97.5,12"}, last: &SparkPoint{97.5, 12}, hasTarget: true, targetY: 2.5},
		{name: "flat", values: nums(3, 3), lines: []string{"2.5,12 97.5,12"}, last: &SparkPoint{97.5, 12}},
		{name: "one value", values: nums(7), lines: []string{"50,12 50,12"}, last: &SparkPoint{50, 12}},
		{name: "gaps", values: nums(0, gap, 10, 10, gap), lines: []string{"2.5,21.5 2.5,21.5", "50,2.5 73.8,2.5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp := NewSparkline(tt.values, tt.target, 100, 24)
			if !reflect.DeepEqual(sp.Lines, tt.lines) {
				t.Errorf("lines = %q, want %q", sp.Lines, tt.lines)
			}
			if !reflect.DeepEqual(sp.Last, tt.last) {
				t.Errorf("last = %v, want %v", sp.Last, tt.last)
			}
			if sp.HasTarget != tt.hasTarget || sp.TargetY != tt.targetY {
				t.Errorf("target = %v %v, want %v %v", sp.HasTarget, sp.TargetY, tt.hasTarget, tt.targetY)
			}
			if sp.Width != 100 || sp.Height != 24 {
				t.Errorf("size %dx%d", sp.Width, sp.Height)
			}
		})
	}
}

func BenchmarkNewSparkline(b *testing.B) {
	values := nums(1, 2, 3, 2, 5, 4, 6, 5, 7, 8, 6, 9)
	for b.Loop() {
		NewSparkline(values, scorecard.Some(5), 96, 24)
	}
}
