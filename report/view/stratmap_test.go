package view

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"kpireport/report/internal/fixture"
	"kpireport/report/scorecard"
)

// mapOf lays out sc's strategy map as the index does.
func mapOf(sc *scorecard.Scorecard) *StrategyMap {
	return New(sc, "").StrategyMap("strategy-map", "")
}

func TestStrategyMapLayout(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 8})
	// F1 F2 / C1 C2 / I1 I2 / L1 L2: the fixture links each objective to
	// the one above. Add a link within a band, one that skips a band, an
	// unknown id, a self link and a duplicate: those three are dropped.
	obj := map[string]*scorecard.Objective{}
	for _, o := range sc.Objectives {
		obj[o.ID] = o
	}
	obj["F2"].Drives = []string{"F1"}
	obj["I2"].Drives = append(obj["I2"].Drives, "F2", "ZZ", "I2", "C2")
	m := mapOf(sc)

	if len(m.Arrows) != 8 || len(m.Links) != 8 {
		t.Fatalf("%d arrows and %d links, want 8 (6 + F2→F1 + I2→F2)", len(m.Arrows), len(m.Links))
	}
	var names []string
	for _, b := range m.Bands {
		names = append(names, b.Name)
	}
	if want := []string{"Financial", "Customer", "Internal Processes", "Learning & Growth"}; !slices.Equal(names, want) {
		t.Errorf("bands %q, want %q (first perspective at the top)", names, want)
	}
	for i := 1; i < len(m.Bands); i++ {
		if m.Bands[i].Y != m.Bands[i-1].Y+m.Bands[i-1].Height {
			t.Errorf("band %d starts at %d, not below band %d", i, m.Bands[i].Y, i-1)
		}
	}
	boxY := map[string]int{}
	for _, b := range m.Boxes {
		boxY[b.Name[:len(b.Name)-len(" objective 1")]] = b.Y
		if b.X < mapAreaX || b.X+b.W > m.Width {
			t.Errorf("box %q at x %d..%d is outside the map", b.Name, b.X, b.X+b.W)
		}
		if !strings.HasPrefix(b.Href, "perspectives/") || !strings.Contains(b.Href, ".html#obj-") {
			t.Errorf("box %q links to %q", b.Name, b.Href)
		}
	}
	if !(boxY["Financial"] < boxY["Customer"] && boxY["Customer"] < boxY["Internal Processes"] && boxY["Internal Processes"] < boxY["Learning & Growth"]) {
		t.Errorf("boxes not in perspective order top to bottom: %v", boxY)
	}
	// The arrow that skips the customer band passes it between boxes.
	for _, a := range m.Arrows {
		if a.From == obj["I2"].Name && a.To == obj["F2"].Name {
			if len(a.Segs) != 2 {
				t.Fatalf("I2→F2 has %d segments, want 2", len(a.Segs))
			}
			x := a.Segs[0].X
			for _, b := range m.Boxes {
				if strings.HasPrefix(b.Name, "Customer") && x > b.X && x < b.X+b.W {
					t.Errorf("I2→F2 crosses the customer band at x %d, through %q", x, b.Name)
				}
			}
		}
	}
	if again := mapOf(sc); !reflect.DeepEqual(m, again) {
		t.Error("two layouts of the same scorecard differ")
	}
}

// TestStrategyMapOrder checks that boxes are ordered to uncross arrows,
// and keep sheet order where nothing says otherwise.
func TestStrategyMapOrder(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 8})
	for _, o := range sc.Objectives {
		o.Drives = nil
	}
	obj := map[string]*scorecard.Objective{}
	for _, o := range sc.Objectives {
		obj[o.ID] = o
	}
	obj["C1"].Drives = []string{"F2"}
	obj["C2"].Drives = []string{"F1"}
	m := mapOf(sc)
	x := map[string]int{}
	for _, b := range m.Boxes {
		for id, o := range obj {
			if o.Name == b.Name {
				x[id] = b.X
			}
		}
	}
	if (x["C1"] < x["C2"]) != (x["F2"] < x["F1"]) {
		t.Errorf("arrows cross: C1 %d, C2 %d, F1 %d, F2 %d", x["C1"], x["C2"], x["F1"], x["F2"])
	}
	if x["I1"] > x["I2"] || x["L1"] > x["L2"] {
		t.Errorf("unlinked boxes left sheet order: %v", x)
	}
}

// TestStrategyMapForty lays out 40 objectives, 10 a perspective, with
// links, and checks that no two boxes overlap.
func TestStrategyMapForty(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 8})
	sc.Objectives = nil
	for i, p := range sc.Perspectives {
		p.Objectives = nil
		for j := range 10 {
			o := &scorecard.Objective{ID: fmt.Sprintf("P%dO%d", i, j), Name: fmt.Sprintf("A long objective name number %d of perspective %d", j, i), Perspective: p}
			if i > 0 {
				o.Drives = []string{fmt.Sprintf("P%dO%d", i-1, (j*3)%10)}
			}
			p.Objectives = append(p.Objectives, o)
			sc.Objectives = append(sc.Objectives, o)
		}
	}
	m := mapOf(sc)
	if len(m.Boxes) != 40 || len(m.Arrows) != 30 {
		t.Fatalf("%d boxes and %d arrows, want 40 and 30", len(m.Boxes), len(m.Arrows))
	}
	for i, a := range m.Boxes {
		for _, b := range m.Boxes[i+1:] {
			if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
				t.Errorf("boxes %q and %q overlap", a.Name, b.Name)
			}
		}
		if len(a.Lines) > mapNameLines || len(a.Lines) == 0 {
			t.Errorf("box %q has %d lines of name", a.Name, len(a.Lines))
		}
	}
}

func TestWrapText(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  []string
	}{
		{"Keep the balance sheet sound", 18, []string{"Keep the balance", "sheet sound"}},
		{"Short", 18, []string{"Short"}},
		{"", 18, nil},
		{"Supercalifragilistic", 8, []string{"Supercal", "ifragili", "stic"}},
		{"one two three four five six seven eight", 9, []string{"one two", "three", "four fiv…"}},
		{"Wasser für alle Menschen", 10, []string{"Wasser für", "alle", "Menschen"}},
	} {
		got := wrapText(tc.in, tc.width, 3)
		if !slices.Equal(got, tc.want) {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}
