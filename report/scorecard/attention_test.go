package scorecard

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

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
		b = append(b, it.KPI.ID+": "+it.Reason)
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
		}, "A: off target in Mar 2026, worsening for 2 months\n" +
			"B: off target for 3 months\n" +
			"C: at risk, worsening for 2 months\n" +
			"D: worsening for 2 months"},
		{"long runs", []*KPI{
			attnKPI("A", p1, 9, 3, 2.5, 2, 1.5, 1),
			attnKPI("B", p1, 9, 8, 7, 6, 5),
		}, "A: off target for 5 months, worsening for 5 months\n" +
			"B: at risk, worsening for 4 months"},
		{"small falls", []*KPI{
			attnKPI("TINY", p1, 8, 7, 6.98),     // a fall of 0.02 is not worsening
			attnKPI("DROP", p1, 8, 6.68, 6.66),  // unless the status drops
			attnKPI("FALL", p1, 8.3, 8.2, 8.1),  // 0.1 is
			attnKPI("FLAT", p1, 9, 8.5, 8.5, 8), // a flat step ends the run
		}, "DROP: at risk, worsening for 2 months\n" +
			"FALL: worsening for 2 months"},
		{"gaps end runs", []*KPI{
			attnKPI("A", p1, 1, attnGap, 1, 1),
			attnKPI("B", p1, 9, 8, attnGap, 7, 6),
		}, "A: off target for 2 months"},
		{"quarterly report period", []*KPI{
			quarter("TRAIL", 2, 1, 1, attnGap), // trailing months without data passed over
			quarter("LAST", 3, 1, 1, 5),        // the quarter is off target, its last month not
			quarter("OK", 7, 1, 1, 1),          // the quarter is on target
		}, "TRAIL: off target for 2 months\n" +
			"LAST: off target in Q1 2026"},
		{"ties: lower score, heavier perspective, id", []*KPI{
			attnKPI("Z", p1, 1, 1),
			attnKPI("Y", p1, 1, 1),
			attnKPI("X", p2, 1, 1),
			attnKPI("W", p1, 0.5, 0.5),
			attnKPI("V", p2, 2, 2),
		}, "W: off target for 2 months\n" +
			"X: off target for 2 months\n" +
			"Y: off target for 2 months\n" +
			"Z: off target for 2 months\n" +
			"V: off target for 2 months"},
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
		Reason: "off target for 2 months, worsening for 3 months", Owner: "Ann Lee", Comment: "Costs overran in March"}
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

func TestAttnFirstPara(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Plain text.", "Plain text."},
		{"\n\n  first  \nsecond", "first second"}, // one paragraph, lines joined
		{"# Heading", "Heading"},
		{"### Heading ###", "Heading"},
		{"## Learn C#", "Learn C#"},
		{"#", ""},
		{"---\n***\n===\nText", "=== Text"}, // "===" under no paragraph is text
		{"```go\ncode()\n```", ""},          // code blocks are not prose
		{"```go\ncode()\n```\n\nThen prose.", "Then prose."},
		{"> quoted *text*", "quoted text"},
		{"> - quoted item", "quoted item"},
		{"- item", "item"},
		{"* item", "item"},
		{"+ item", "item"},
		{"12. item", "item"},
		{"3) item", "item"},
		{"- [x] done", "[x] done"}, // no task lists: the page shows "[x]" too
		{"-5 degrees", "-5 degrees"},
		{"2026 was good", "2026 was good"},
		{"**bold** and __strong__", "bold and strong"},
		{"*em* and _em_", "em and em"},
		{"snake_case_name stays", "snake_case_name stays"},
		{"`code` here", "code here"},
		{"~~struck~~ out", "~~struck~~ out"}, // no strikethrough: the page shows the tildes too
		{"see [the report](http://x/y.html) now", "see the report now"},
		{"see [the report][ref] now", "see [the report][ref] now"}, // no such reference: not a link
		{"see [the report][ref] now\n\n[ref]: http://x/", "see the report now"},
		{"line  \nbreak and\\\nanother", "line break and another"},
		{"Q&amp;A &#36;5 `a\\*b`", "Q&A $5 a\\*b"},
		{"![chart](c.png) up", "chart up"},
		{"[a [nested] link](u)", "a [nested] link"},
		{"[not a link] here", "[not a link] here"},
		{"[unclosed", "[unclosed"},
		{"[text](unclosed", "[text](unclosed"},
		{`escaped \*star\* and \\ slash`, `escaped *star* and \ slash`},
		{"a <b>bold</b> tag<br/>", "a bold tag"},
		{"mail <ann@example.com> or <https://x.org>", "mail ann@example.com or https://x.org"},
		{"1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
		{"<!-- note -->\nText", "Text"},
		{"costs up 5%; **risk**: high", "costs up 5%; risk: high"},
		{"Ünïcödé _ñ_", "Ünïcödé ñ"},
	}
	for _, tt := range tests {
		if got := attnFirstPara(tt.in); got != tt.want {
			t.Errorf("attnFirstPara(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzAttnFirstPara(f *testing.F) {
	for _, s := range []string{"# Hi", "[a](b) **c**", "\\*x", "<a href='x'>y</a>", "- [ ] 1. > #", "[[[[", "_a_b_", "\xff*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := attnFirstPara(s)
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("attnFirstPara(%q) = %q has a line break", s, got)
		}
		if got != strings.TrimSpace(got) || strings.Contains(got, "  ") {
			t.Errorf("attnFirstPara(%q) = %q: spaces not collapsed", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("attnFirstPara(%q) = %q is not UTF-8", s, got)
		}
	})
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
			b = append(b, fmt.Sprintf("  improved %s: %s", s.KPI.ID, s.Reason))
		}
		for _, s := range p.Best {
			b = append(b, fmt.Sprintf("  best %s: %s", s.KPI.ID, s.Reason))
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
  improved A: up 4.5 points since Mar 2025
  improved H: up 3.0 points since Feb 2026
  improved B: up 1.5 points since Feb 2026
  improved C: up 1.5 points since Feb 2026
  improved G: up 1.0 point since Feb 2026
  improved D: up 1.0 point since Feb 2026
  best G: on target for 10 months running
  best F: on target for 3 months running
  best E: on target for 2 months running
  best D: on target in Mar 2026 with a score of 8.0
  best A: on target in Mar 2026 with a score of 7.5
  best B: on target in Mar 2026 with a score of 7.5
  best C: on target in Mar 2026 with a score of 7.5
P2:
  improved Q1: up 2.5 points since Feb 2026
  best Q1: on target in Mar 2026 with a score of 7.5
P3:`
	if got := brightString(BrightSpots(sc, 0)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}

	want = `P1:
  improved A: up 4.5 points since Mar 2025
  improved H: up 3.0 points since Feb 2026
  best G: on target for 10 months running
  best F: on target for 3 months running
P2:
  improved Q1: up 2.5 points since Feb 2026
  best Q1: on target in Mar 2026 with a score of 7.5
P3:`
	spots := BrightSpots(sc, 2)
	if got := brightString(spots); got != want {
		t.Errorf("2 per perspective, got:\n%s\nwant:\n%s", got, want)
	}
	if a := spots[0].Improved[0]; a.Gain != 4.5 || a.Since != "Mar 2025" || a.Streak != 1 {
		t.Errorf("A: gain %v since %q streak %d, want 4.5 since \"Mar 2025\" streak 1", a.Gain, a.Since, a.Streak)
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

func TestAttnLead(t *testing.T) {
	long := strings.Repeat("word ", 60)
	for _, tt := range []struct{ in, want string }{
		{"Spills fell to 961 in July, but intense\nthunderstorms in August took the total up. More later.", "Spills fell to 961 in July, but intense thunderstorms in August took the total up."},
		{"# Heading\n\nBody text.", "Heading"},
		{"- first item\n- second item", "first item"},
		{"No full stop here\nand here", "No full stop here and here"},
		{"Version 2.5 is out. Next.", "Version 2.5 is out."},
		{long, strings.TrimSpace(strings.Repeat("word ", 36)) + "…"},
		{"", ""},
	} {
		if got := attnLead(tt.in); got != tt.want {
			t.Errorf("attnLead(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
