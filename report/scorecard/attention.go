package scorecard

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// attnMinFall is the smallest fall in score, between one period and the
// next, that counts as worsening (unless the status drops too): a smaller
// one does not show at one decimal.
const attnMinFall = 0.05

// brightMinGain is the smallest score gain that makes a KPI improved.
const brightMinGain = 0.1

// AttentionItem is a KPI that needs attention in the report period, with why,
// who owns it, and what its owner last said.
type AttentionItem struct {
	KPI    *KPI
	Status Status // at the report period (KPI.Current)
	// OffFor is how many periods of the KPI's own frequency, up to the
	// report period, it has been off target running; WorseFor how many
	// times running its score fell period on period. A gap ends a run.
	OffFor   int
	WorseFor int
	Reason   string // "off target for 3 months, worsening for 2 months"
	Owner    string
	Comment  string // first line of the KPI's latest commentary, as plain text
	rank     int
}

// Attention returns the active KPIs that need attention: off target in the
// report period, or worsening, that is their score fell (by at least 0.05,
// or enough to drop their status) in each of the last two or more periods
// of the KPI's frequency up to the report period. Trailing periods without
// a score are passed over; any other gap ends a run.
//
// The most serious come first: off target and worsening, then off target,
// then at risk and worsening, then worsening (on target); within each,
// lower score first, then the KPI of the perspective with the larger
// weight, then by id.
func Attention(sc *Scorecard) []AttentionItem {
	var items []AttentionItem
	for _, k := range sc.KPIs {
		if k.Retired || !k.Current.Score.OK {
			continue
		}
		pts := attnRecent(sc, k)
		it := AttentionItem{KPI: k, Status: k.Current.Status, Owner: strings.TrimSpace(k.Owner)}
		it.OffFor = attnRun(pts, func(prev, p Point) bool { return p.Status == OffTarget })
		it.WorseFor = attnRun(pts, func(prev, p Point) bool {
			return prev.Score.OK && (p.Score.V <= prev.Score.V-attnMinFall || p.Status < prev.Status)
		})
		worse := it.WorseFor >= 2
		off := it.Status == OffTarget
		noun := k.Frequency.Noun()
		var parts []string
		switch {
		case off && it.OffFor >= 2:
			parts = append(parts, fmt.Sprintf("off target for %d %s", it.OffFor, healthPlural(it.OffFor, noun)))
		case off:
			parts = append(parts, "off target in "+sc.Calendar.Label(k.Current.Period))
		case it.Status == AtRisk && worse:
			parts = append(parts, "at risk")
		}
		if worse {
			parts = append(parts, fmt.Sprintf("worsening for %d %s", it.WorseFor, healthPlural(it.WorseFor, noun)))
		}
		switch {
		case off && worse:
			it.rank = 0
		case off:
			it.rank = 1
		case it.Status == AtRisk && worse:
			it.rank = 2
		case worse:
			it.rank = 3
		default:
			continue
		}
		it.Reason = strings.Join(parts, ", ")
		it.Comment = attnLead(attnLatestComment(sc, k))
		items = append(items, it)
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if sa, sb := a.KPI.Current.Score.V, b.KPI.Current.Score.V; sa != sb {
			return sa < sb
		}
		if wa, wb := attnWeight(a.KPI), attnWeight(b.KPI); wa != wb {
			return wa > wb
		}
		return a.KPI.ID < b.KPI.ID
	})
	return items
}

// attnWeight is the weight of the KPI's perspective, 0 without one.
func attnWeight(k *KPI) float64 {
	p := k.InPerspective()
	if p == nil {
		return 0
	}
	return p.Weight
}

// attnRecent returns the KPI's own series through its current period,
// without the trailing points that have no score.
func attnRecent(sc *Scorecard, k *KPI) []Point {
	pts := k.Series
	if !k.Current.Period.IsZero() {
		end := sc.Calendar.Last(k.Current.Period)
		for len(pts) > 0 && sc.Calendar.Last(pts[len(pts)-1].Period) > end {
			pts = pts[:len(pts)-1]
		}
	}
	for len(pts) > 0 && !pts[len(pts)-1].Score.OK {
		pts = pts[:len(pts)-1]
	}
	return pts
}

// attnRun counts the points at the end of pts, all with a score, for which
// ok holds, given the point before (the zero Point for the first).
func attnRun(pts []Point, ok func(prev, p Point) bool) int {
	n := 0
	for i := len(pts) - 1; i >= 0 && pts[i].Score.OK; i-- {
		var prev Point
		if i > 0 {
			prev = pts[i-1]
		}
		if !ok(prev, pts[i]) {
			break
		}
		n++
	}
	return n
}

// attnLatestComment returns the Markdown of the KPI's latest comment for a
// period that ends by the report period's end; of comments for the same
// period, the last one read. Comments without a period count as oldest.
func attnLatestComment(sc *Scorecard, k *KPI) string {
	var best *Comment
	end := sc.Calendar.Last(sc.Period)
	for _, c := range k.Comments {
		if c == nil {
			continue
		}
		if !c.Period.IsZero() && !sc.Period.IsZero() && sc.Calendar.Last(c.Period) > end {
			continue
		}
		if best == nil || best.Period.IsZero() || (!c.Period.IsZero() && !sc.Calendar.Before(c.Period, best.Period)) {
			best = c
		}
	}
	if best == nil {
		return ""
	}
	return best.Markdown
}

// attnLeadMax is the most characters attnLead keeps.
const attnLeadMax = 180

// attnLead returns the first sentence of a comment's first paragraph, as
// plain text, for a one-line summary: the paragraph's lines are joined (a
// sentence wrapped over two lines in the Markdown stays whole), and a
// sentence longer than attnLeadMax characters is cut at a word with "…".
func attnLead(md string) string {
	text := attnFirstPara(md)
	for i, r := range text {
		if (r == '.' || r == '!' || r == '?') && (i+1 == len(text) || text[i+1] == ' ') && i > 0 {
			text = text[:i+1]
			break
		}
	}
	if utf8.RuneCountInString(text) <= attnLeadMax {
		return text
	}
	cut := []rune(text)[:attnLeadMax]
	if sp := strings.LastIndex(string(cut), " "); sp > attnLeadMax/2 {
		return strings.TrimRight(string(cut)[:sp], " ,;:") + "…"
	}
	return string(cut) + "…"
}

// attnFirstPara returns the text of the first paragraph or heading of
// Markdown that has a letter or digit in it, read by goldmark as the
// site renders commentary (CommonMark, no extensions), as plain text: the
// words of emphasis, code spans, links and images (not their targets);
// raw HTML dropped; line breaks and runs of spaces made one space. A
// paragraph inside a quote or a list item counts; code blocks do not.
func attnFirstPara(md string) string {
	src := []byte(md)
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	var lead string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock:
			if s := attnInlineText(n, src); strings.IndexFunc(s, attnWordy) >= 0 {
				lead = s
				return ast.WalkStop, nil
			}
			return ast.WalkSkipChildren, nil
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return lead
}

// attnInlineText writes the inline content of block n as plain text.
func attnInlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(src)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// attnWordy reports whether r is a letter or digit.
func attnWordy(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// PerspectiveSpots are the bright spots of one perspective.
type PerspectiveSpots struct {
	Perspective *Perspective
	// Improved are the most improved KPIs, largest gain first.
	Improved []BrightSpot
	// Best are the best performing KPIs, highest score first.
	Best []BrightSpot
}

// BrightSpot is a KPI worth learning from, with why.
type BrightSpot struct {
	KPI    *KPI
	Reason string // "up 2.4 points since Q1 2026", "on target for 9 months running"
	// Gain is the score gain of an improved KPI, against the period in
	// Since; zero for the best performing.
	Gain  float64
	Since string // the label of the period compared against
	// Streak is how many periods of the KPI's own frequency, up to the
	// report period, it has been on target running.
	Streak int
}

// BrightSpots returns the bright spots of every perspective, in the order of
// sc.Perspectives (those without any too), among active KPIs with a score
// in the report period:
//
//   - Improved: the KPIs whose score gained at least 0.1 against the
//     previous period or the same period a year before, by the larger of
//     the two gains, then by higher score, then by id.
//   - Best: the KPIs on target, by higher score, then by longer run of
//     periods on target, then by id.
//
// Each list holds at most perPerspective KPIs (all of them when
// perPerspective is below 1); a KPI may be in both.
func BrightSpots(sc *Scorecard, perPerspective int) []PerspectiveSpots {
	out := make([]PerspectiveSpots, len(sc.Perspectives))
	at := map[*Perspective]int{}
	for i, p := range sc.Perspectives {
		out[i].Perspective = p
		at[p] = i
	}
	for _, k := range sc.KPIs {
		i, ok := at[k.InPerspective()]
		if k.Retired || !ok || !k.Current.Score.OK {
			continue
		}
		cur := k.Current.Score.V
		streak := attnRun(attnRecent(sc, k), func(prev, p Point) bool { return p.Status == OnTarget })

		var gain float64
		var since Point
		for _, p := range []Point{k.Previous, k.YearAgo} {
			if p.Score.OK && cur-p.Score.V > gain {
				gain, since = cur-p.Score.V, p
			}
		}
		if gain >= brightMinGain {
			label := sc.Calendar.Label(since.Period)
			out[i].Improved = append(out[i].Improved, BrightSpot{
				KPI:    k,
				Reason: fmt.Sprintf("up %s since %s", brightPoints(gain), label),
				Gain:   gain,
				Since:  label,
				Streak: streak,
			})
		}
		if k.Current.Status == OnTarget {
			reason := fmt.Sprintf("on target in %s with a score of %.1f", sc.Calendar.Label(k.Current.Period), cur)
			if streak >= 2 {
				reason = fmt.Sprintf("on target for %d %s running", streak, healthPlural(streak, k.Frequency.Noun()))
			}
			out[i].Best = append(out[i].Best, BrightSpot{KPI: k, Reason: reason, Streak: streak})
		}
	}
	for i := range out {
		imp, best := out[i].Improved, out[i].Best
		sort.SliceStable(imp, func(a, b int) bool {
			x, y := imp[a], imp[b]
			if x.Gain != y.Gain {
				return x.Gain > y.Gain
			}
			if sx, sy := x.KPI.Current.Score.V, y.KPI.Current.Score.V; sx != sy {
				return sx > sy
			}
			return x.KPI.ID < y.KPI.ID
		})
		sort.SliceStable(best, func(a, b int) bool {
			x, y := best[a], best[b]
			if sx, sy := x.KPI.Current.Score.V, y.KPI.Current.Score.V; sx != sy {
				return sx > sy
			}
			if x.Streak != y.Streak {
				return x.Streak > y.Streak
			}
			return x.KPI.ID < y.KPI.ID
		})
		if perPerspective > 0 {
			out[i].Improved = imp[:min(len(imp), perPerspective)]
			out[i].Best = best[:min(len(best), perPerspective)]
		}
	}
	return out
}

// brightPoints writes a score gain: "2.4 points", "1.0 point".
func brightPoints(g float64) string {
	s := fmt.Sprintf("%.1f", g)
	if s == "1.0" {
		return s + " point"
	}
	return s + " points"
}
