package chart

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dop251/goja"

	"kpireport/templates"
)

// Loading ECharts takes a while, so the tests share one Renderer.
var (
	sharedOnce     sync.Once
	sharedRenderer *Renderer
	sharedErr      error
)

func renderer(t testing.TB) *Renderer {
	t.Helper()
	sharedOnce.Do(func() { sharedRenderer, sharedErr = NewRenderer() })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedRenderer
}

func svg(t testing.TB, c Chart) string {
	t.Helper()
	s, err := renderer(t).SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// revenue is a History chart of n months from October 2023.
func revenue(t testing.TB, id, title string, n int) Chart {
	t.Helper()
	labels := make([]string, n)
	actual := make([]*float64, n)
	target := make([]*float64, n)
	redFlag := make([]*float64, n)
	for i := range labels {
		labels[i] = fmt.Sprintf("%d-%02d", 2023+(i+9)/12, (i+9)%12+1)
		if i%11 != 5 { // a few gaps
			actual[i] = num(10 + float64(i%7)*0.4)
		}
		target[i] = num(11 + float64(i/12)*0.5)
		redFlag[i] = num(*target[i] * 0.9)
	}
	c, err := History(HistoryInput{ID: id, Title: title, Unit: "£m", Decimals: 1, Frequency: "monthly",
		Labels: labels, Actual: actual, Target: target, RedFlag: redFlag})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var idAttr = regexp.MustCompile(`\bid="([^"]*)"`)

func TestSVGHistory(t *testing.T) {
	c := revenue(t, "kpi-rev", "Revenue", 36)
	got := svg(t, c)
	wantStart := `<svg role="img" aria-label="Revenue, monthly, 2023-10 to 2026-09: latest £10.0m against target £12.0m." width="720" height="320" `
	if !strings.HasPrefix(got, wantStart) {
		t.Errorf("SVG starts %.200q, want %q", got, wantStart)
	}
	if n := strings.Count(got, "<path "); n < 20 {
		t.Errorf("SVG has %d paths, want many", n)
	}
	for _, want := range []string{">Revenue</text>", ">£m</text>", ">2023-10</text>", `stroke="#0b5cad"`, `stroke-dasharray`} {
		if !strings.Contains(got, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	ids := idAttr.FindAllStringSubmatch(got, -1)
	if len(ids) == 0 {
		t.Errorf("SVG has no ids (clip paths expected)")
	}
	for _, id := range ids {
		if !strings.HasPrefix(id[1], "kpi-rev-") {
			t.Errorf("id %q does not start with the chart id", id[1])
		}
	}
	if strings.Contains(got, "zr0") || strings.Contains(got, "<style") {
		t.Errorf("SVG holds ECharts' own painter ids or hover styles")
	}

	// The same chart again, after another, gives the same bytes.
	svg(t, revenue(t, "other", "Other", 6))
	if again := svg(t, c); again != got {
		t.Errorf("second rendering differs:\n%s\n%s", got, again)
	}
}

func TestSVGOtherCharts(t *testing.T) {
	sp, err := Sparkline("spark", nums(1, 2, 3, 2.5))
	if err != nil {
		t.Fatal(err)
	}
	got := svg(t, sp)
	if !strings.HasPrefix(got, `<svg role="img" aria-label="Trend over 4 periods, from 1 to 2.5." width="120" height="32"`) {
		t.Errorf("sparkline SVG starts %.120q", got)
	}
	if strings.Contains(got, "<text") {
		t.Errorf("sparkline has text (axes?):\n%s", got)
	}
	// The last point's marker is a circle drawn as arcs.
	if strings.Count(got, "A1 1 0") != 2 {
		t.Errorf("sparkline marks %d points, want 1:\n%s", strings.Count(got, "A1 1 0")/2, got)
	}

	sc, err := Scores("scores", "Perspectives", []string{"Financial", "Customer"}, nums(7.2, gap))
	if err != nil {
		t.Fatal(err)
	}
	got = svg(t, sc)
	for _, want := range []string{">7.2 · on target</text>", ">no data</text>", ">Financial</text>", `fill="#1a7f37"`} {
		if !strings.Contains(got, want) {
			t.Errorf("scores SVG lacks %q", want)
		}
	}
}

func TestSVGEscapes(t *testing.T) {
	const evil = `</script><script>alert(1)</script>`
	got := svg(t, revenue(t, "evil", evil, 6))
	if strings.Contains(got, "<script") || strings.Contains(got, "</script") {
		t.Errorf("SVG holds a raw script tag")
	}
	escaped := "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
	if !strings.Contains(got, ">"+escaped+"</text>") {
		t.Errorf("SVG lacks the escaped title as text")
	}
	if !strings.Contains(got, `aria-label="`+escaped+`, monthly`) {
		t.Errorf("SVG lacks the escaped aria-label")
	}
}

func TestRenderAll(t *testing.T) {
	var charts []Chart
	var want []string
	for i := range 4 {
		c := revenue(t, fmt.Sprintf("c%d", i), fmt.Sprintf("KPI %d", i), 6)
		if i == 3 {
			c, _ = Sparkline("c3", nums(1, 3, 2))
		}
		charts = append(charts, c)
		// The History charts are drawn in Go, the sparkline by ECharts.
		if g, ok, err := goSVG(c); ok {
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, g)
		} else {
			want = append(want, svg(t, c))
		}
	}
	for _, workers := range []int{1, 2, 0, 9} { // 0 and 9 become 1 and 4
		got, err := RenderAll(context.Background(), charts, workers)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%d workers: %d SVGs, want %d", workers, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%d workers: SVG %d differs from drawing it alone", workers, i)
			}
		}
	}
	if got, err := RenderAll(context.Background(), nil, 4); err != nil || len(got) != 0 {
		t.Errorf("RenderAll(nil) = %v, %v", got, err)
	}
}

// TestRenderAllCancel cancels a long run part way and checks that it
// returns the context's error soon after, without drawing the rest.
func TestRenderAllCancel(t *testing.T) {
	c, err := Sparkline("c", nums(1, 3, 2, 5, 4)) // a chart for ECharts
	if err != nil {
		t.Fatal(err)
	}
	charts := make([]Chart, 400) // seconds of work were it not stopped
	for i := range charts {
		charts[i] = c
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	got, err := RenderAll(ctx, charts, 2)
	if !errors.Is(err, context.Canceled) || got != nil {
		t.Fatalf("RenderAll after cancel = %d SVGs, %v; want none and context.Canceled", len(got), err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("RenderAll took %v to stop", d)
	}
	// A cancelled context before the start draws nothing.
	if _, err := RenderAll(ctx, charts[:1], 1); !errors.Is(err, context.Canceled) {
		t.Errorf("RenderAll with a done context = %v", err)
	}
	// The renderers left in the pool still draw.
	if _, err := RenderAll(context.Background(), charts[:2], 2); err != nil {
		t.Errorf("after a cancelled run: %v", err)
	}
}

func TestSVGErrors(t *testing.T) {
	good := revenue(t, "good", "Good", 6)
	tests := []struct {
		name   string
		c      Chart
		prefix string
	}{
		{"bad id", Chart{ID: "a b", Option: good.Option, Width: 10, Height: 10},
			`chart "a b": id must start with a letter`},
		{"bad size", Chart{ID: "z", Option: good.Option, Width: 0, Height: 10},
			`chart "z": size 0x10 is not positive`},
		{"bad JSON", Chart{ID: "bad", Option: []byte(`{"series":`), Width: 10, Height: 10},
			`chart "bad": rendering SVG: SyntaxError`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := renderer(t).SVG(tt.c)
			if err == nil || !strings.HasPrefix(err.Error(), tt.prefix) {
				t.Errorf("error = %v, want it to start with %s", err, tt.prefix)
			}
			// The renderer still works afterwards.
			if _, err := renderer(t).SVG(good); err != nil {
				t.Errorf("after the error: %v", err)
			}
		})
	}
	bad := []Chart{good, {ID: "b1", Option: []byte(`nope`), Width: 1, Height: 1}, {ID: "b2", Option: []byte(`nope`), Width: 1, Height: 1}}
	if _, err := RenderAll(context.Background(), bad, 3); err == nil || !strings.HasPrefix(err.Error(), `chart "b1": rendering SVG:`) {
		t.Errorf("RenderAll error = %v, want the first bad chart's", err)
	}
}

func BenchmarkCompileECharts(b *testing.B) {
	for b.Loop() {
		if _, err := goja.Compile("echarts.min.js", string(templates.ECharts), false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRenderer measures loading ECharts into a new runtime, once it
// is compiled (compiling is once per process; see BenchmarkCompileECharts).
func BenchmarkNewRenderer(b *testing.B) {
	if _, err := echartsProgram(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := NewRenderer(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSVGHistory(b *testing.B) {
	r := renderer(b)
	c := revenue(b, "rev", "Revenue", 36)
	for b.Loop() {
		if _, err := r.SVG(c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderAll(b *testing.B) {
	charts := make([]Chart, 40)
	for i := range charts {
		charts[i] = revenue(b, fmt.Sprintf("kpi-%d", i), fmt.Sprintf("KPI %d", i), 36)
	}
	for _, workers := range []int{1, 4, 8} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			for b.Loop() {
				if _, err := RenderAll(context.Background(), charts, workers); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestRenderAllStops cancels a run of many charts soon after it starts: it
// returns the context's error, not a partial result.
func TestRenderAllStops(t *testing.T) {
	c, err := Sparkline("c", nums(1, 3, 2, 5, 4))
	if err != nil {
		t.Fatal(err)
	}
	charts := make([]Chart, 400)
	for i := range charts {
		charts[i] = c
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	got, err := RenderAll(ctx, charts, 2)
	if !errors.Is(err, context.Canceled) || got != nil {
		t.Fatalf("RenderAll = %d SVGs, %v; want none and context.Canceled", len(got), err)
	}
	if got, err := RenderAll(ctx, charts[:1], 1); !errors.Is(err, context.Canceled) || got != nil {
		t.Errorf("RenderAll after cancel = %d SVGs, %v", len(got), err)
	}
}

// TestInterruptRunningChart stops JavaScript that would never return, as a
// chart taking too long would be stopped by Ctrl-C.
func TestInterruptRunningChart(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	loop, err := r.vm.RunString("(function () { for (;;) {} })")
	if err != nil {
		t.Fatal(err)
	}
	r.render, _ = goja.AssertFunction(loop)
	ctx, cancel := context.WithCancel(context.Background())
	stop := r.interruptOn(ctx)
	time.AfterFunc(50*time.Millisecond, cancel)
	c := revenue(t, "c", "KPI", 6)
	done := make(chan error, 1)
	go func() {
		_, err := r.SVG(c)
		done <- err
	}()
	select {
	case err := <-done:
		var ie *goja.InterruptedError
		if !errors.As(err, &ie) {
			t.Errorf("SVG = %v, want an interruption", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the running chart was not interrupted")
	}
	if stop() {
		t.Error("stop() = true after the interrupt")
	}
}
