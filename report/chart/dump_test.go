package chart

import (
	"os"
	"testing"
)

func f(v float64) *float64 { return &v }

func TestDumpOption(t *testing.T) {
	in := HistoryInput{ID: "h1", Title: "Revenue", Unit: "£m", Decimals: 1, Direction: "higher",
		Labels: []string{"Jan", "Feb", "Mar", "Apr"},
		Actual: []*float64{f(1), nil, f(3), f(2.5)},
		Target: []*float64{f(2), f(2), f(2), f(2)},
		RedFlag: []*float64{f(1.5), f(1.5), f(1.5), f(1.5)},
		Projection: &Projection{Value: []*float64{nil, nil, nil, f(2.5)}, Low: []*float64{nil, nil, nil, f(2)}, High: []*float64{nil, nil, nil, f(3)}, YearTarget: f(2.2), YearTargetAt: 3},
	}
	c, err := History(in)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/gr/h1.json", c.Option, 0o644)
	s, err := ScoresIn(in.Locale, "s1", "", []string{"Financial", "Customer"}, []*float64{f(7.2), nil})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/gr/s1.json", s.Option, 0o644)
	r, _ := NewRenderer()
	svg, _ := r.SVG(c)
	os.WriteFile("/tmp/gr/h1.svg", []byte(svg), 0o644)
	svg, _ = r.SVG(s)
	os.WriteFile("/tmp/gr/s1.svg", []byte(svg), 0o644)
}

func TestDumpGo(t *testing.T) {
	in := HistoryInput{ID: "h1", Title: "Revenue", Unit: "£m", Decimals: 1, Direction: "higher",
		Labels: []string{"Jan", "Feb", "Mar", "Apr"},
		Actual: []*float64{f(1), nil, f(3), f(2.5)},
		Target: []*float64{f(2), f(2), f(2), f(2)},
		RedFlag: []*float64{f(1.5), f(1.5), f(1.5), f(1.5)},
		Projection: &Projection{Value: []*float64{nil, nil, nil, f(2.5)}, Low: []*float64{nil, nil, nil, f(2)}, High: []*float64{nil, nil, nil, f(3)}, YearTarget: f(2.2), YearTargetAt: 3},
	}
	c, _ := History(in)
	svg, ok, err := goSVG(c)
	if !ok || err != nil {
		t.Fatal(ok, err)
	}
	os.WriteFile("/tmp/gr/h1go.svg", []byte(svg), 0o644)
}

func TestDumpRange(t *testing.T) {
	for _, c := range comparisonCharts(t) {
		if c.ID != "range" {
			continue
		}
		r, _ := NewRenderer()
		s, _ := r.SVG(c)
		os.WriteFile("/tmp/gr/range.svg", []byte(s), 0o644)
		g, _, _ := goSVG(c)
		os.WriteFile("/tmp/gr/rangego.svg", []byte(g), 0o644)
	}
}
