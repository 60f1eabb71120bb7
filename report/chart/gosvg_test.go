package chart

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kpireport/report/format"
)

// The ticks here were worked out by hand with ECharts' rules: the span
// over 5 rounded to 1, 2, 3, 5 or 10 times a power of ten (below 1.5, 2.5,
// 4 and 7), the ends pulled out to multiples of it, a flat extent widened
// by half its value each way.
func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []float64
	}{
		{1, 3, []float64{1, 1.5, 2, 2.5, 3}},                       // 0.4 → 0.5
		{88, 148, []float64{80, 90, 100, 110, 120, 130, 140, 150}}, // 12 → 10
		{17500, 21600, []float64{17000, 18000, 19000, 20000, 21000, 22000}},
		{-3, 3, []float64{-3, -2, -1, 0, 1, 2, 3}},
		{42, 42, []float64{20, 30, 40, 50, 60, 70}}, // [21, 63]: 8.4 → 10
		{0, 0, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{0.1, 0.7, []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}},                           // 0.3, not 0.30000000000000004
		{-0.013, -0.002, []float64{-0.014, -0.012, -0.01, -0.008, -0.006, -0.004, -0.002}}, // 0.0022 → 0.002
		{3.9, 5.8, []float64{3.9, 4.2, 4.5, 4.8, 5.1, 5.4, 5.7, 6}},                        // 0.38 → 0.3
	}
	for _, tt := range tests {
		if got := niceTicks(tt.lo, tt.hi); !slices.Equal(got, tt.want) {
			t.Errorf("niceTicks(%v, %v) = %v, want %v", tt.lo, tt.hi, got, tt.want)
		}
	}
	if got, want := fixedTicks(0, 10), []float64{0, 2, 4, 6, 8, 10}; !slices.Equal(got, want) {
		t.Errorf("fixedTicks(0, 10) = %v, want %v", got, want)
	}
	if got, want := fixedTicks(0, 7), []float64{0, 1, 2, 3, 4, 5, 6, 7}; !slices.Equal(got, want) {
		t.Errorf("fixedTicks(0, 7) = %v, want %v", got, want)
	}
}

func TestTextWidth(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want float64
	}{
		{"1.5", 16.8},       // 0.56 + 0.28 + 0.56 of 12
		{"Red flag", 44.88}, // as ECharts sizes the legend's item
		{"£m", 21.96},       // £ is outside the table: a whole 12
		{"", 0},
	} {
		if got := textWidth(tt.s, 12); strconv.FormatFloat(got, 'f', 2, 64) != strconv.FormatFloat(tt.want, 'f', 2, 64) {
			t.Errorf("textWidth(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestValueLabels(t *testing.T) {
	de, err := format.ParseLocale("de-DE")
	if err != nil {
		t.Fatal(err)
	}
	draw := func(loc format.Locale, unit string, values ...float64) string {
		c, err := History(HistoryInput{ID: "v", Unit: unit, Decimals: 1, Labels: []string{"a", "b"}, Actual: nums(values...), Locale: loc})
		if err != nil {
			t.Fatal(err)
		}
		svg, ok, err := goSVG(c)
		if !ok || err != nil {
			t.Fatalf("not drawn in Go: %v", err)
		}
		return svg
	}
	for _, tt := range []struct {
		svg  string
		want []string
	}{
		{draw(format.Locale{}, "£k", 17500, 21600), []string{">17,000<", ">22,000<", ">£k<"}},
		{draw(de, "€k", 17500, 21600.5), []string{">17.000<", ">22.000<", ">€k<"}},
		{draw(de, "%", 0.5, 1), []string{">0,5%<", ">1%<"}},
		{draw(format.Locale{}, "%", 0.5, 1), []string{">0.5%<", ">1%<"}},
	} {
		for _, w := range tt.want {
			if !strings.Contains(tt.svg, w) {
				t.Errorf("SVG lacks %q:\n%s", w, tt.svg)
			}
		}
	}
}

var circle = regexp.MustCompile(`<circle cx="([0-9.]+)" cy="([0-9.]+)" r="2.5"`)

func TestGoSVGHistory(t *testing.T) {
	c := revenue(t, "kpi-rev", "Revenue", 36)
	got, ok, err := goSVG(c)
	if !ok || err != nil {
		t.Fatalf("not drawn in Go: %v", err)
	}
	wantStart := `<svg role="img" aria-label="Revenue, monthly, 2023-10 to 2026-09: latest £10.0m against target £12.0m." width="720" height="320" `
	if !strings.HasPrefix(got, wantStart) || !strings.Contains(got, `viewBox="0 0 720 320"`) || !strings.HasSuffix(got, "</svg>") {
		t.Errorf("SVG starts %.200q, want %q and a viewBox", got, wantStart)
	}
	for _, id := range idAttr.FindAllStringSubmatch(got, -1) {
		if !strings.HasPrefix(id[1], "kpi-rev-") {
			t.Errorf("id %q does not start with the chart id", id[1])
		}
	}
	if strings.Contains(got, "NaN") || strings.Contains(got, "Inf") {
		t.Error("SVG holds NaN or Inf")
	}
	// revenue leaves out months 6, 17 and 28: the actual is four runs, a
	// marker on each of the 33 values.
	actual := regexp.MustCompile(`<path d="([^"]*)" fill="none" stroke="#0b5cad" stroke-width="2.5"`).FindStringSubmatch(got)
	if actual == nil || strings.Count(actual[1], "M") != 4 {
		t.Errorf("actual line %v, want four runs", actual)
	}
	if n := len(circle.FindAllString(got, -1)); n != 33 {
		t.Errorf("%d markers, want 33", n)
	}
	for _, want := range []string{">Revenue</text>", ">£m</text>", ">2023-10</text>", `stroke-dasharray="6,3"`, `stroke-dasharray="2"`, `fill="#b26a00" fill-opacity="0.15"`} {
		if !strings.Contains(got, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if again, _, _ := goSVG(c); again != got {
		t.Error("second drawing differs")
	}
}

// TestGoLoneValue checks that a value between two gaps, which has no line,
// still shows as its marker.
func TestGoLoneValue(t *testing.T) {
	c, err := History(HistoryInput{ID: "lone", Labels: []string{"a", "b", "c", "d", "e"}, Actual: nums(gap, gap, 3, gap, gap)})
	if err != nil {
		t.Fatal(err)
	}
	got, _, _ := goSVG(c)
	m := circle.FindAllStringSubmatch(got, -1)
	if len(m) != 1 {
		t.Fatalf("%d markers, want 1:\n%s", len(m), got)
	}
	// The middle of five categories, at the value 3 (the middle of 1.5 to
	// 4.5, ECharts' extent for a lone 3).
	x, _ := strconv.ParseFloat(m[0][1], 64)
	y, _ := strconv.ParseFloat(m[0][2], 64)
	if x < 300 || x > 420 || y < 150 || y > 170 {
		t.Errorf("marker at %v,%v, want near the middle of the plot", x, y)
	}
}

// TestGoThinMarkers checks that on a crowded axis the markers are thinned
// to the labelled categories, as ECharts thins them, but for a lone value.
func TestGoThinMarkers(t *testing.T) {
	n := 200
	labels := make([]string, n)
	actual := make([]*float64, n)
	for i := range labels {
		labels[i] = fmt.Sprintf("%03d", i)
		if i != 101 && i != 103 { // 102 is alone between two gaps
			actual[i] = num(float64(i % 9))
		}
	}
	c, err := History(HistoryInput{ID: "thin", Labels: labels, Actual: actual})
	if err != nil {
		t.Fatal(err)
	}
	got, _, _ := goSVG(c)
	markers := circle.FindAllStringSubmatch(got, -1)
	if len(markers) == 0 || len(markers) > n/2 {
		t.Fatalf("%d markers of %d values, want them thinned", len(markers), n-2)
	}
	// Without the lone value (which no label falls on: 200 labels of 21.8px
	// on some 660px are labelled every 9th, 102 is not), one marker fewer.
	actual[102] = nil
	c, err = History(HistoryInput{ID: "thin", Labels: labels, Actual: actual})
	if err != nil {
		t.Fatal(err)
	}
	got, _, _ = goSVG(c)
	if n := len(circle.FindAllString(got, -1)); n != len(markers)-1 {
		t.Errorf("%d markers without the lone value, want %d", n, len(markers)-1)
	}
}

// TestGoBandBelowZero checks that the at-risk band runs between red flag
// and target when the red flag is below zero, as ECharts draws it with the
// band's stackStrategy "all" (by default it would stack the positive width
// on zero rather than on the negative edge).
func TestGoBandBelowZero(t *testing.T) {
	labels := []string{"a", "b", "c"}
	c, err := History(HistoryInput{ID: "neg", Decimals: 1, Labels: labels,
		Actual: nums(-3, 0, 3), Target: nums(0.5, 0.5, 0.5), RedFlag: nums(-1, -1, -1)})
	if err != nil {
		t.Fatal(err)
	}
	got, _, _ := goSVG(c)
	band := regexp.MustCompile(`<path d="([^"]*)" fill="#b26a00"`).FindStringSubmatch(got)
	if band == nil {
		t.Fatalf("no band:\n%s", got)
	}
	// The plot runs from y 60 (3) to 260 (-3): 0.5 is at 143.3, -1 at 193.3.
	ys := map[string]bool{}
	for _, pt := range regexp.MustCompile(`[ML]([0-9.]+) ([0-9.]+)`).FindAllStringSubmatch(band[1], -1) {
		ys[pt[2]] = true
	}
	if len(ys) != 2 || !ys["143.3"] || !ys["193.3"] {
		t.Errorf("band at y %v, want 143.3 and 193.3", ys)
	}
}

func TestGoSVGEscapes(t *testing.T) {
	const evil = `</script><script>alert(1)</script>`
	got, _, _ := goSVG(revenue(t, "evil", evil, 6))
	if strings.Contains(got, "<script") || strings.Contains(got, "</script") {
		t.Errorf("SVG holds a raw script tag")
	}
	escaped := "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
	if !strings.Contains(got, ">"+escaped+"</text>") || !strings.Contains(got, `aria-label="`+escaped+`, monthly`) {
		t.Errorf("SVG lacks the escaped title as text and label")
	}
}

func TestGoSVGScores(t *testing.T) {
	c, err := Scores("scores", "", []string{"Financial", "Customer"}, nums(7.2, gap))
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := goSVG(c)
	if !ok || err != nil {
		t.Fatalf("not drawn in Go: %v", err)
	}
	for _, want := range []string{">7.2 · on target</text>", ">no data</text>", ">Financial</text>", `fill="#1a7f37"`, `aria-label="Scores: Financial 7.2 (on target), Customer (no data)."`} {
		if !strings.Contains(got, want) {
			t.Errorf("scores SVG lacks %q", want)
		}
	}
	// The grid starts after the widest name, "Financial" (52.08), at 68.08
	// and ends 120 from the right, at 520: 7.2 reaches 393.5.
	if !strings.Contains(got, `<path d="M68.1 46.1h325.4v22.8h-325.4Z" fill="#1a7f37"/>`) {
		t.Errorf("the 7.2 bar is not where ECharts puts it:\n%s", got)
	}
}

// TestGoSVGLeavesOthers checks that what the Go renderer does not know is
// left to ECharts, and that a bad chart is an error either way.
func TestGoSVGLeavesOthers(t *testing.T) {
	sp, err := Sparkline("spark", nums(1, 2, 3))
	if err != nil {
		t.Fatal(err)
	}
	good := revenue(t, "good", "Good", 6)
	for _, c := range []Chart{sp, {ID: "bad", Option: []byte(`{"series":`), Width: 10, Height: 10},
		{ID: "smooth", Option: []byte(strings.Replace(string(good.Option), `"type":"line"`, `"type":"line","smooth":true`, 1)), Width: 720, Height: 320}} {
		if _, ok, err := goSVG(c); ok || err != nil {
			t.Errorf("%s: goSVG = %v, %v; want it left to ECharts", c.ID, ok, err)
		}
	}
	if _, ok, err := goSVG(Chart{ID: "z", Option: good.Option}); !ok || err == nil {
		t.Errorf("size 0: %v %v, want an error", ok, err)
	}
}

func BenchmarkGoSVGHistory(b *testing.B) {
	c := revenue(b, "rev", "Revenue", 36)
	for b.Loop() {
		if _, _, err := goSVG(c); err != nil {
			b.Fatal(err)
		}
	}
}

// fourScores is a Scores chart of the four perspectives.
func fourScores(b *testing.B) Chart {
	c, err := Scores("s", "", []string{"Financial", "Customer", "Internal processes", "Learning and growth"}, nums(7.2, 4.1, gap, 2.5))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkGoSVGScores(b *testing.B) {
	c := fourScores(b)
	for b.Loop() {
		if _, _, err := goSVG(c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSVGScores(b *testing.B) {
	r, c := renderer(b), fourScores(b)
	for b.Loop() {
		if _, err := r.SVG(c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGoSVGHistory60(b *testing.B) {
	c := revenue(b, "rev", "Revenue", 60)
	for b.Loop() {
		if _, _, err := goSVG(c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSVGHistory60(b *testing.B) {
	r := renderer(b)
	c := revenue(b, "rev", "Revenue", 60)
	for b.Loop() {
		if _, err := r.SVG(c); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzGoSVG checks that no option, however odd, makes the Go renderer
// panic or write NaN, and that what it draws is one SVG document.
func FuzzGoSVG(f *testing.F) {
	c, err := History(HistoryInput{ID: "f", Title: "T", Unit: "%", Labels: []string{"a", "b", "c"},
		Actual: nums(1, gap, 3), Target: nums(2, 2, 2), RedFlag: nums(1, 1, 1)})
	if err != nil {
		f.Fatal(err)
	}
	s, err := Scores("s", "", []string{"A", "B"}, nums(3, gap))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(c.Option), 720, 320)
	f.Add(string(s.Option), 640, 138)
	f.Add(strings.ReplaceAll(string(c.Option), "3", "1e308"), 720, 320)
	f.Add(strings.ReplaceAll(string(c.Option), `"a","b","c"`, `"a"`), 50, 20)
	f.Fuzz(func(t *testing.T, option string, w, h int) {
		svg, ok, err := goSVG(Chart{ID: "f", Option: []byte(option), Width: w, Height: h})
		if !ok || err != nil {
			return
		}
		if !strings.HasPrefix(svg, "<svg ") || !strings.HasSuffix(svg, "</svg>") || strings.Count(svg, "<svg") != 1 {
			t.Errorf("not one SVG: %.200s", svg)
		}
		if strings.Contains(svg, "NaN") || strings.Contains(svg, "Inf") {
			t.Errorf("NaN or Inf in %.500s", svg)
		}
	})
}

// A value axis that rounds to one tick (a flat series near float64's
// limit) has nothing to scale by: the Go renderer leaves the chart to
// ECharts rather than write NaN coordinates or labels.
func TestGoSVGOneTickAxis(t *testing.T) {
	big := 1.7e308
	c, err := History(HistoryInput{ID: "big", Title: "Huge", Labels: []string{"Jan", "Feb"}, Actual: []*float64{&big, &big}})
	if err != nil {
		t.Fatal(err)
	}
	svg, ok, err := goSVG(c)
	if err != nil {
		t.Fatal(err)
	}
	if ok && strings.Contains(svg, "NaN") {
		t.Errorf("drawn in Go with NaN in it:\n%s", svg)
	}
	if ok {
		t.Error("a one-tick axis was drawn in Go; want it left to ECharts")
	}
}
