package scorecard

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"kpireport/report/period"
)

var attnGap = math.NaN()

// attnMar is the report period of the attention tests, March 2026.
var attnMar = healthMonth(2026, 3)

// attnKPI makes a monthly KPI whose series ends in March 2026 with one point
// per score (NaN: no data); its current point is the last, its previous
// point the one before.
func attnKPI(id string, per *Perspective, scores ...float64) *KPI {
	o := &Objective{ID: "O-" + id, Perspective: per}
	k := &KPI{ID: id, Name: id, Objective: o, Frequency: period.Month, Owner: "Owner " + id}
	p := healthCal.Add(attnMar, -(len(scores) - 1))
	for _, s := range scores {
		pt := Point{Period: p}
		if !math.IsNaN(s) {
			pt.Actual, pt.Score = Some(s), Some(s)
		}
		pt.Status = StatusOf(pt.Score)
		k.Series = append(k.Series, pt)
		p = healthCal.Add(p, 1)
	}
	if n := len(k.Series); n > 0 {
		k.Current = k.Series[n-1]
	}
	if n := len(k.Series); n > 1 {
		k.Previous = k.Series[n-2]
	}
	return k
}

func attnScorecard(pers []*Perspective, ks ...*KPI) *Scorecard {
	return &Scorecard{Calendar: healthCal, Period: attnMar, Perspectives: pers, KPIs: ks}
}

func attnItems(items []AttentionItem) string {
	var b []string
	for _, it := range items {
		b = append(b, fmt.Sprintf("%s: %s, off for %d, worse for %d", it.KPI.ID, it.Status, it.OffFor, it.WorseFor))
	}
	return strings.Join(b, "\n")
}

func TestAttention(t *testing.T) {
	p1 := &Perspective{Name: "P1", Weight: 1}
	p2 := &Perspective{Name: "P2", Weight: 2}
	retired := attnKPI("RET", p1, 1, 1, 1)
	retired.Retired = true
	quarter := func(id string, score float64, months ...float64) *KPI {
		k := attnKPI(id, p1, months...)
		k.Current = Point{Period: healthRP, Score: Some(score), Status: StatusOf(Some(score))}
		return k
	}
	tests := []struct {
		name string
		ks   []*KPI
		want string
	}{
		{"ranks", []*KPI{
			attnKPI("STEADY", p1, 8, 8, 8),
			attnKPI("D", p1, 10, 9, 8),
			attnKPI("RISK", p1, 5, 5, 5),
			attnKPI("C", p1, 8, 6, 5),
			attnKPI("ONCE", p1, 8, 8, 7),
			attnKPI("B", p1, 1, 1, 1),
			attnKPI("A", p1, 6, 4, 2),
			retired,
			attnKPI("NODATA", p1, 1, 1, attnGap),
		}, "A: off target, off for 1, worse for 2\n" +
			"B: off target, off for 3, worse for 0\n" +
			"C: at risk, off for 0, worse for 2\n" +
			"D: on target, off for 0, worse for 2"},
		{"long runs", []*KPI{
			attnKPI("A", p1, 9, 3, 2.5, 2, 1.5, 1),
			attnKPI("B", p1, 9, 8, 7, 6, 5),
		}, "A: off target, off for 5, worse for 5\n" +
			"B: at risk, off for 0, worse for 4"},
		{"small falls", []*KPI{
			attnKPI("TINY", p1, 8, 7, 6.98),     // a fall of 0.02 is not worsening
			attnKPI("DROP", p1, 8, 6.68, 6.66),  // unless the status drops
			attnKPI("FALL", p1, 8.3, 8.2, 8.1),  // 0.1 is
			attnKPI("FLAT", p1, 9, 8.5, 8.5, 8), // a flat step ends the run
		}, "DROP: at risk, off for 0, worse for 2\n" +
			"FALL: on target, off for 0, worse for 2"},
		{"gaps end runs", []*KPI{
			attnKPI("A", p1, 1, attnGap, 1, 1),
			attnKPI("B", p1, 9, 8, attnGap, 7, 6),
		}, "A: off target, off for 2, worse for 0"},
		{"quarterly report period", []*KPI{
			quarter("TRAIL", 2, 1, 1, attnGap), // trailing months without data passed over
			quarter("LAST", 3, 1, 1, 5),        // the quarter is off target, its last month not
			quarter("OK", 7, 1, 1, 1),          // the quarter is on target
		}, "TRAIL: off target, off for 2, worse for 0\n" +
			"LAST: off target, off for 0, worse for 0"},
		{"ties: lower score, heavier perspective, id", []*KPI{
			attnKPI("Z", p1, 1, 1),
			attnKPI("Y", p1, 1, 1),
			attnKPI("X", p2, 1, 1),
			attnKPI("W", p1, 0.5, 0.5),
			attnKPI("V", p2, 2, 2),
		}, "W: off target, off for 2, worse for 0\n" +
			"X: off target, off for 2, worse for 0\n" +
			"Y: off target, off for 2, worse for 0\n" +
			"Z: off target, off for 2, worse for 0\n" +
			"V: off target, off for 2, worse for 0"},
		{"none", []*KPI{attnKPI("A", p1, 8, 8)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := attnScorecard([]*Perspective{p1, p2}, tt.ks...)
			if got := attnItems(Attention(sc)); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestAttentionItem(t *testing.T) {
	p := &Perspective{Name: "P", Weight: 1}
	k := attnKPI("FIN-02", p, 5, 4, 3, 2)
	k.Owner = " Ann Lee "
	k.Comments = []*Comment{
		{Period: healthMonth(2026, 4), Markdown: "Too late: after the report period"},
		{Period: healthMonth(2026, 3), Markdown: "\n## **Costs** overran in [March](costs.html)\n\nMore detail."},
		{Period: healthMonth(2026, 1), Markdown: "Older"},
		{Markdown: "Undated"},
	}
	items := Attention(attnScorecard([]*Perspective{p}, k))
	if len(items) != 1 {
		t.Fatalf("%d items, want 1", len(items))
	}
	got := items[0]
	want := AttentionItem{KPI: k, Status: OffTarget, OffFor: 2, WorseFor: 3,
		Owner: "Ann Lee", Comment: "\n## **Costs** overran in [March](costs.html)\n\nMore detail."}
	if got != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestAttnLatestComment(t *testing.T) {
	sc := attnScorecard(nil)
	tests := []struct {
		name string
		cs   []*Comment
		want string
	}{
		{"none", nil, ""},
		{"undated only", []*Comment{{Markdown: "a"}, {Markdown: "b"}}, "b"},
		{"dated beats undated", []*Comment{{Period: healthMonth(2025, 1), Markdown: "a"}, {Markdown: "b"}}, "a"},
		{"latest period", []*Comment{{Period: healthMonth(2026, 2), Markdown: "a"}, {Period: healthMonth(2025, 12), Markdown: "b"}}, "a"},
		{"same period: last read", []*Comment{{Period: attnMar, Markdown: "a"}, {Period: attnMar, Markdown: "b"}}, "b"},
		{"quarter ending in the report month", []*Comment{{Period: healthMonth(2026, 3), Markdown: "a"}, {Period: healthRP, Markdown: "b"}}, "b"},
		{"after the report period", []*Comment{{Period: healthMonth(2026, 4), Markdown: "a"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := attnLatestComment(sc, &KPI{Comments: tt.cs}); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// brightKPI is attnKPI with the scores of the previous period (February
// 2026) and of a year before (March 2025) given; NaN for none.
func brightKPI(id string, per *Perspective, prev, yearAgo float64, scores ...float64) *KPI {
	k := attnKPI(id, per, scores...)
	k.Previous = Point{Period: healthMonth(2026, 2)}
	k.YearAgo = Point{Period: healthMonth(2025, 3)}
	if !math.IsNaN(prev) {
		k.Previous.Score = Some(prev)
	}
	if !math.IsNaN(yearAgo) {
		k.YearAgo.Score = Some(yearAgo)
	}
	return k
}

func brightString(ps []PerspectiveSpots) string {
	var b []string
	for _, p := range ps {
		b = append(b, p.Perspective.Name+":")
		for _, s := range p.Improved {
			b = append(b, fmt.Sprintf("  improved %s: %.2f, up %.2f since %s, %d on target", s.KPI.ID, s.Score, s.Gain, healthCal.Label(s.Since), s.Streak))
		}
		for _, s := range p.Best {
			b = append(b, fmt.Sprintf("  best %s: %.2f, %d on target", s.KPI.ID, s.Score, s.Streak))
		}
	}
	return strings.Join(b, "\n")
}

func TestBrightSpots(t *testing.T) {
	p1 := &Perspective{Name: "P1", Weight: 1}
	p2 := &Perspective{Name: "P2", Weight: 2}
	p3 := &Perspective{Name: "P3", Weight: 1}
	retired := brightKPI("RET", p1, 0, 0, 10, 10, 10)
	retired.Retired = true
	ks := []*KPI{
		// P2 first in sc.KPIs: the perspectives' order still rules.
		brightKPI("Q1", p2, 5, attnGap, 7.5),
		brightKPI("A", p1, 6, 3, 4, 5, 6, 7.5), // +4.5 against a year ago beats +1.5
		brightKPI("B", p1, 6, attnGap, 5, 6, 7.5),
		brightKPI("C", p1, 6, 6, 7.5), // same gain as B, same score: by id
		brightKPI("D", p1, 7, 7, 5, 8),
		brightKPI("E", p1, 8.95, attnGap, 9, 9), // gain 0.05: not improved
		brightKPI("F", p1, attnGap, attnGap, 10, attnGap, 10, 10, 10),
		brightKPI("G", p1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 10),
		brightKPI("H", p1, 2, 2, 1, 5), // improved, not on target
		retired,
		brightKPI("NOPER", nil, 0, 0, 10),
		brightKPI("NODATA", p1, 0, 0, 10, attnGap),
	}
	sc := attnScorecard([]*Perspective{p1, p2, p3}, ks...)

	want := `P1:
  improved A: 7.50, up 4.50 since Mar 2025, 1 on target
  improved H: 5.00, up 3.00 since Feb 2026, 0 on target
  improved B: 7.50, up 1.50 since Feb 2026, 1 on target
  improved C: 7.50, up 1.50 since Feb 2026, 1 on target
  improved G: 10.00, up 1.00 since Feb 2026, 10 on target
  improved D: 8.00, up 1.00 since Feb 2026, 1 on target
  best G: 10.00, 10 on target
  best F: 10.00, 3 on target
  best E: 9.00, 2 on target
  best D: 8.00, 1 on target
  best A: 7.50, 1 on target
  best B: 7.50, 1 on target
  best C: 7.50, 1 on target
P2:
  improved Q1: 7.50, up 2.50 since Feb 2026, 1 on target
  best Q1: 7.50, 1 on target
P3:`
	if got := brightString(BrightSpots(sc, 0)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}

	want = `P1:
  improved A: 7.50, up 4.50 since Mar 2025, 1 on target
  improved H: 5.00, up 3.00 since Feb 2026, 0 on target
  best G: 10.00, 10 on target
  best F: 10.00, 3 on target
P2:
  improved Q1: 7.50, up 2.50 since Feb 2026, 1 on target
  best Q1: 7.50, 1 on target
P3:`
	spots := BrightSpots(sc, 2)
	if got := brightString(spots); got != want {
		t.Errorf("2 per perspective, got:\n%s\nwant:\n%s", got, want)
	}
}

func BenchmarkAttention(b *testing.B) {
	pers := []*Perspective{{Name: "P1", Weight: 1}, {Name: "P2", Weight: 2}}
	var ks []*KPI
	for i := range 5000 {
		scores := make([]float64, 60)
		for j := range scores {
			scores[j] = float64((i*7+j*3)%11) * 10 / 11
		}
		k := brightKPI(fmt.Sprintf("K%04d", i), pers[i%2], float64(i%10), float64(i%7), scores...)
		k.Comments = []*Comment{{Period: attnMar, Markdown: "**Costs** up in [March](x.html)\nmore"}}
		ks = append(ks, k)
	}
	sc := attnScorecard(pers, ks...)
	b.ReportAllocs()
	for b.Loop() {
		Attention(sc)
		BrightSpots(sc, 3)
	}
}
