package view

import (
	"fmt"

	"kpireport/report/period"
	"kpireport/report/scorecard"
)

// Heatmap is the status of every active KPI over the recent periods, at the
// report period's frequency: KPIs down, grouped by perspective, periods
// across. It is a table, so it reads well without colour or a mouse.
type Heatmap struct {
	Caption string
	Periods []string // column headings, oldest first
	Span    int      // columns in all, the KPIs' included
	Groups  []HeatGroup
}

// HeatGroup is one perspective's rows of a Heatmap.
type HeatGroup struct {
	Name, Href string
	Rows       []HeatRow
}

// HeatRow is one KPI's row of a Heatmap.
type HeatRow struct {
	Name, Href string
	Cells      []HeatCell
}

// HeatCell is one KPI's status in one period. A KPI measured less often
// than the report's frequency (an annual KPI in a quarterly report) shows
// its own period's status in each column that period covers, with Period
// naming it. Empty is true when the KPI has no result for the column.
type HeatCell struct {
	Href   string
	Status StatusView
	Score  Val
	Period string // the label of the KPI's period, when not the column's
	Empty  bool
}

// heatPeriods is how many recent periods the heatmap shows.
const heatPeriods = 8

// heatmap builds the status heatmap of sc's active KPIs, linking from a
// page at root; nil when there are no periods with data.
func (r *Builder) heatmap(root string) *Heatmap {
	sc := r.sc
	cal := sc.Calendar
	var cols []period.Period
	for _, p := range sc.Periods {
		if sc.Period.IsZero() || p == sc.Period || cal.Before(p, sc.Period) {
			cols = append(cols, p)
		}
	}
	if len(cols) > heatPeriods {
		cols = cols[len(cols)-heatPeriods:]
	}
	if len(cols) == 0 {
		return nil
	}
	h := &Heatmap{Caption: fmt.Sprintf("Status of each KPI over the last %s", cols[0].Freq.Count(len(cols)))}
	h.Span = len(cols) + 1
	for _, p := range cols {
		h.Periods = append(h.Periods, cal.Label(p))
	}
	groups := map[*scorecard.Perspective]int{}
	for _, p := range sc.Perspectives {
		groups[p] = len(h.Groups)
		h.Groups = append(h.Groups, HeatGroup{Name: p.Name, Href: root + r.PerspectivePath(p)})
	}
	other := -1
	for _, k := range sc.KPIs {
		if k.Retired {
			continue
		}
		g, ok := groups[k.InPerspective()]
		if !ok {
			if other < 0 {
				other = len(h.Groups)
				h.Groups = append(h.Groups, HeatGroup{Name: "Other KPIs"})
			}
			g = other
		}
		href := root + r.KPIPath(k)
		row := HeatRow{Name: k.Name, Href: href}
		pts := kpiPoints(k)
		for _, c := range cols {
			cell := HeatCell{Href: href, Empty: true}
			pt, found := pts[c]
			if !found && k.Frequency > c.Freq {
				pt, found = pts[cal.In(c, k.Frequency)]
				if found {
					cell.Period = pt.Label
				}
			}
			if found {
				cell.Empty = false
				cell.Status = statusView(pt.Status)
				cell.Score = scoreVal(r.loc(), pt.Score)
			}
			row.Cells = append(row.Cells, cell)
		}
		h.Groups[g].Rows = append(h.Groups[g].Rows, row)
	}
	kept := h.Groups[:0]
	for _, g := range h.Groups {
		if len(g.Rows) > 0 {
			kept = append(kept, g)
		}
	}
	h.Groups = kept
	return h
}

// kpiPoints indexes a KPI's results by period: its series, quarters and
// years.
func kpiPoints(k *scorecard.KPI) map[period.Period]scorecard.Point {
	m := make(map[period.Period]scorecard.Point, len(k.Series)+len(k.Quarters)+len(k.Years))
	for _, pts := range [][]scorecard.Point{k.Years, k.Quarters, k.Series} {
		for _, p := range pts {
			m[p.Period] = p
		}
	}
	return m
}

// AttentionRow is a KPI that needs attention, on the index.
type AttentionRow struct {
	Name, Href  string
	Perspective string
	Status      StatusView
	Score       Val
	Reason      string
	Owner       string
	Comment     string
}

// AttentionShown is how many KPIs the index lists as needing attention,
// the most serious.
const AttentionShown = 15

// attention lists the KPIs that need attention, most serious first, as
// scorecard.Attention orders them, and how many there are in all.
func (r *Builder) attention(root string) ([]AttentionRow, int) {
	items := scorecard.Attention(r.sc)
	var rows []AttentionRow
	for _, it := range items[:min(len(items), AttentionShown)] {
		k := it.KPI
		row := AttentionRow{
			Name:    k.Name,
			Href:    root + r.KPIPath(k),
			Status:  statusView(it.Status),
			Score:   scoreVal(r.loc(), k.Current.Score),
			Reason:  attentionReason(r.sc.Calendar, it),
			Owner:   it.Owner,
			Comment: commentLead(it.Comment),
		}
		if p := k.InPerspective(); p != nil {
			row.Perspective = p.Name
		}
		rows = append(rows, row)
	}
	return rows, len(items)
}

// SpotGroup is a perspective's bright spots.
type SpotGroup struct {
	Name, Href string
	Improved   []SpotRow
	Best       []SpotRow
}

// SpotRow is a KPI worth learning from, and why.
type SpotRow struct {
	Name, Href string
	Status     StatusView
	Reason     string
}

// BrightShown is how many KPIs of each kind a perspective's bright spots
// list.
const BrightShown = 3

// brightSpots lists each perspective's most improved and best performing
// KPIs; perspectives with none are left out.
func (r *Builder) brightSpots(root string) []SpotGroup {
	var out []SpotGroup
	for _, ps := range scorecard.BrightSpots(r.sc, BrightShown) {
		if len(ps.Improved)+len(ps.Best) == 0 {
			continue
		}
		g := SpotGroup{Name: ps.Perspective.Name, Href: root + r.PerspectivePath(ps.Perspective)}
		row := func(b scorecard.BrightSpot, reason string) SpotRow {
			return SpotRow{Name: b.KPI.Name, Href: root + r.KPIPath(b.KPI), Status: statusView(b.KPI.Current.Status), Reason: reason}
		}
		for _, b := range ps.Improved {
			g.Improved = append(g.Improved, row(b, improvedReason(r.loc(), r.sc.Calendar, b)))
		}
		for _, b := range ps.Best {
			g.Best = append(g.Best, row(b, bestReason(r.loc(), r.sc.Calendar, b)))
		}
		out = append(out, g)
	}
	return out
}
