package scorecard

import (
	"sort"
	"strings"

	"kpireport/report/period"
)

// attnMinFall is the smallest fall in score, between one period and the
// next, that counts as worsening (unless the status drops too): a smaller
// one does not show at one decimal.
const attnMinFall = 0.05

// brightMinGain is the smallest score gain that makes a KPI improved.
const brightMinGain = 0.1

// attnMinRun is how many falls running make a KPI worsening.
const attnMinRun = 2

// AttentionItem is a KPI that needs attention in the report period, with the
// signals that put it there, who owns it, and what its owner last said.
type AttentionItem struct {
	KPI    *KPI
	Status Status // at the report period (KPI.Current)
	// OffFor is how many periods of the KPI's own frequency, up to the
	// report period, it has been off target running; WorseFor how many
	// times running its score fell period on period. A gap ends a run.
	OffFor   int
	WorseFor int
	Owner    string
	Comment  string // the Markdown of the KPI's latest commentary
	rank     int
}

// Worsening reports whether the KPI's score fell often enough running to
// count as worsening.
func (it AttentionItem) Worsening() bool { return it.WorseFor >= attnMinRun }

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
		worse := it.Worsening()
		off := it.Status == OffTarget
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
		it.Comment = attnLatestComment(sc, k)
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

// PerspectiveSpots are the bright spots of one perspective.
type PerspectiveSpots struct {
	Perspective *Perspective
	// Improved are the most improved KPIs, largest gain first.
	Improved []BrightSpot
	// Best are the best performing KPIs, highest score first.
	Best []BrightSpot
}

// BrightSpot is a KPI worth learning from, with the figures that make it one.
type BrightSpot struct {
	KPI *KPI
	// Score is the KPI's score in the report period (KPI.Current).
	Score float64
	// Gain is the score gain of an improved KPI, against the period in
	// Since; zero (and Since zero) for the best performing.
	Gain  float64
	Since period.Period
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
			out[i].Improved = append(out[i].Improved, BrightSpot{KPI: k, Score: cur, Gain: gain, Since: since.Period, Streak: streak})
		}
		if k.Current.Status == OnTarget {
			out[i].Best = append(out[i].Best, BrightSpot{KPI: k, Score: cur, Streak: streak})
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
