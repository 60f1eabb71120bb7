package view

import (
	"fmt"
	htmltemplate "html/template"
	"math"
	"strings"
	"testing"

	"kpireport/report/chart"
	"kpireport/report/format"
	"kpireport/report/period"
	"kpireport/report/scorecard"
)

// TestSparklineTargetIsThePeriods checks that a monthly KPI's sparkline
// draws the latest month's target, not the quarter's (three times as much
// for a summed KPI), which would squash the line far below it.
func TestSparklineTargetIsThePeriods(t *testing.T) {
	k := &scorecard.KPI{Frequency: period.Month, Aggregation: scorecard.Sum}
	for m := 1; m <= 6; m++ {
		k.Series = append(k.Series, scorecard.Point{
			Period: period.Period{Freq: period.Month, Year: 2026, N: m},
			Actual: scorecard.Some(float64(90 + m*2)), Target: scorecard.Some(100),
		})
	}
	k.Current = scorecard.Point{Period: period.Period{Freq: period.Quarter, Year: 2026, N: 2}, Target: scorecard.Some(300)}
	sp := (&Builder{}).sparkline(k, numFormat{scale: 1, decimals: -1})
	if !sp.HasTarget || sp.TargetY < 0 || sp.TargetY > float64(sp.Height) {
		t.Fatalf("target line at %v in a %d-high sparkline", sp.TargetY, sp.Height)
	}
	// 100 is above every actual (92..102 all but the last): the line is in
	// the top half, not pinned to the top edge as 300 would put it.
	if want := NewSparkline([]scorecard.Num{scorecard.Some(92), scorecard.Some(94), scorecard.Some(96), scorecard.Some(98), scorecard.Some(100), scorecard.Some(102)}, scorecard.Some(100), 96, 24); sp.TargetY != want.TargetY {
		t.Errorf("target line at y=%v, want y=%v (the month's target 100)", sp.TargetY, want.TargetY)
	}
}

func TestPctOfTargetRange(t *testing.T) {
	k := &scorecard.KPI{Direction: scorecard.Range}
	for _, tt := range []struct {
		actual float64
		want   string
	}{{0.1, "below range"}, {0.2, "within range"}, {0.35, "within range"}, {0.5, "within range"}, {0.6, "above range"}} {
		c := scorecard.Point{Actual: scorecard.Some(tt.actual), Target: scorecard.Some(0.2), TargetMax: scorecard.Some(0.5), PctOfTarget: scorecard.Some(tt.actual / 0.2 * 100)}
		if got := pctOfTarget(format.Locale{}, k, c); got.Text != tt.want {
			t.Errorf("actual %v: %q, want %q", tt.actual, got.Text, tt.want)
		}
	}
	higher := &scorecard.KPI{Direction: scorecard.Higher}
	if got := pctOfTarget(format.Locale{}, higher, scorecard.Point{PctOfTarget: scorecard.Some(104.2)}); got.Text != "104.2%" {
		t.Errorf("higher KPI: %q, want 104.2%%", got.Text)
	}
}

func TestHistoryPartial(t *testing.T) {
	k := &scorecard.KPI{Frequency: period.Month}
	pts := []scorecard.Point{
		{Label: "Q1", Count: 2, Of: 3},
		{Label: "Sep 2026", Count: 0, Of: 1},
	}
	tb := historyTable("c", pts, numFormat{scale: 1, decimals: -1}, k, period.Period{})
	if got := tb.Rows[1].Partial; got != "2 of 3 months" {
		t.Errorf("quarter: %q", got)
	}
	if got := tb.Rows[0].Partial; got != "" {
		t.Errorf("a month with no data is not partial, got %q", got)
	}
	if tb.Columns() != 6 {
		t.Errorf("columns = %d, want 6", tb.Columns())
	}
}

func TestRedFlagValRange(t *testing.T) {
	f := numFormat{scale: 1, decimals: 2, suffix: " mg/l"}
	c := scorecard.Point{Target: scorecard.Some(0.2), TargetMax: scorecard.Some(0.5), RedFlag: scorecard.Some(0.18)}
	if got := redFlagVal(f, scorecard.Range, c).Text; got != "0.18 and 0.52 mg/l" {
		t.Errorf("range: %q", got)
	}
	if got := redFlagVal(f, scorecard.Higher, c).Text; got != "0.18 mg/l" {
		t.Errorf("higher: %q", got)
	}
}

// TestHistoryRepeatedTargets checks that the history table, which writes
// a target or red flag once while it repeats, writes every row as
// f.value writes its numbers: runs, gaps, zero and minus zero.
func TestHistoryRepeatedTargets(t *testing.T) {
	k := &scorecard.KPI{Frequency: period.Month, Direction: scorecard.Range}
	f := numFormat{scale: 100, decimals: 1, suffix: "%"}
	nums := []scorecard.Num{scorecard.Some(0.5), scorecard.Some(0.5), {}, scorecard.Some(0.5), scorecard.Some(0), scorecard.Some(math.Copysign(0, -1)), {V: 0.5}, scorecard.Some(0.25), scorecard.Some(0.25)}
	var pts []scorecard.Point
	for i := range nums {
		pts = append(pts, scorecard.Point{Label: fmt.Sprint(i), Target: nums[i], RedFlag: nums[len(nums)-1-i], TargetMax: nums[(i+3)%len(nums)]})
	}
	tb := historyTable("c", pts, f, k, period.Period{})
	for i, row := range tb.Rows {
		p := pts[len(pts)-1-i]
		if row.Target != f.value(p.Target) || row.RedFlag != f.value(p.RedFlag) || row.TargetMax != f.value(p.TargetMax) {
			t.Errorf("row %s: target %v, red flag %v, target max %v; want %v, %v, %v", row.Label, row.Target, row.RedFlag, row.TargetMax, f.value(p.Target), f.value(p.RedFlag), f.value(p.TargetMax))
		}
	}
}

// TestOptionAttrMatchesTemplate checks that OptionAttr gives the bytes
// html/template gives for data-option="{{.Option}}": for options with
// every character it escapes, NUL, invalid UTF-8 and a History chart's.
func TestOptionAttrMatchesTemplate(t *testing.T) {
	one := 1.5
	attr := htmltemplate.Must(htmltemplate.New("a").Parse(`<div id="x" {{.OptionAttr}} data-height="1">`))
	quoted := htmltemplate.Must(htmltemplate.New("q").Parse(`<div id="x" data-option="{{.Option}}" data-height="1">`))
	options := []string{"", `{"a":"b"}`, `"quoted" & 'single' +plus <tag>`, "a\x00b", "bad \xff\xfe utf-8", "≥ 95% \u2028 ÷", "tab\tnew\nline\r", "&amp; &#34;"}
	ch, err := chart.History(chart.HistoryInput{ID: "h", Title: `Cost <per> "unit" & 'more'`, Unit: "£m", Labels: []string{"Jan", "Feb"}, Actual: []*float64{&one, nil}})
	if err != nil {
		t.Fatal(err)
	}
	options = append(options, string(ch.Option))
	for _, o := range options {
		c := ChartView{ID: "x", Option: o}
		var got, want strings.Builder
		if err := attr.Execute(&got, c); err != nil {
			t.Fatal(err)
		}
		if err := quoted.Execute(&want, c); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("option %q:\n got %s\nwant %s", o, got.String(), want.String())
		}
	}
}

// BenchmarkOptionAttr escapes a 60-month History chart's option for its
// data-option attribute, as each KPI page does.
func BenchmarkOptionAttr(b *testing.B) {
	in := chart.HistoryInput{ID: "h", Title: "Cost per unit", Unit: "£m"}
	for m := range 60 {
		v := float64(90 + m%20)
		in.Labels = append(in.Labels, fmt.Sprintf("M%02d", m))
		in.Actual = append(in.Actual, &v)
		in.Target = append(in.Target, &v)
	}
	ch, err := chart.History(in)
	if err != nil {
		b.Fatal(err)
	}
	c := ChartView{ID: "h", Option: string(ch.Option)}
	b.SetBytes(int64(len(c.Option)))
	for b.Loop() {
		_ = c.OptionAttr()
	}
}
