package view

import (
	"fmt"

	"kpireport/report/scorecard"
)

// CompactAbove is how many active KPIs a scorecard may have before the
// site's index takes its compact form: perspectives and their objectives,
// what needs attention, and a plain list of every KPI (which site.js filters
// in place) instead of a table with a sparkline per KPI and the status
// heatmap. It keeps the index under a megabyte at 5,000 KPIs.
const CompactAbove = 200

// IndexGroup is a perspective with its objectives, on the compact index.
type IndexGroup struct {
	Name, Href string
	Score      ScoreView
	Objectives []IndexObjective
}

// IndexObjective is an objective on the compact index, with how many
// active KPIs it has.
type IndexObjective struct {
	Name, Href string
	Status     StatusView
	KPIs       int
}

// KPIListItem is a KPI in the compact index's list: just enough to find it
// and to filter by.
type KPIListItem struct {
	Name, Href string
	Status     StatusView
	Where      string // "Perspective · Objective"
}

// activeCount is how many of sc's KPIs are active.
func activeCount(sc *scorecard.Scorecard) int {
	n := 0
	for _, k := range sc.KPIs {
		if !k.Retired {
			n++
		}
	}
	return n
}

// compactIndex turns v into the compact index: it drops the per-KPI
// tables and the heatmap, and lists the objectives and every active KPI.
func (r *Builder) compactIndex(v *IndexPage) {
	v.Compact = true
	v.Tables = nil
	v.Heatmap = nil
	seen := map[*scorecard.KPI]bool{}
	for _, p := range r.sc.Perspectives {
		g := IndexGroup{Name: p.Name, Href: r.PerspectivePath(p), Score: r.scoreView(p.Score)}
		for _, o := range p.Objectives {
			href := r.PerspectivePath(p) + "#" + r.objAnchor(o)
			n := 0
			for _, k := range o.KPIs {
				if k.Retired || seen[k] {
					continue
				}
				seen[k] = true
				n++
				v.KPIList = append(v.KPIList, KPIListItem{Name: k.Name, Href: r.KPIPath(k), Status: statusView(k.Current.Status), Where: p.Name + " · " + o.Name})
			}
			g.Objectives = append(g.Objectives, IndexObjective{Name: o.Name, Href: href, Status: statusView(o.Score.Status), KPIs: n})
		}
		v.Groups = append(v.Groups, g)
	}
	for _, k := range r.sc.KPIs {
		if !k.Retired && !seen[k] {
			v.KPIList = append(v.KPIList, KPIListItem{Name: k.Name, Href: r.KPIPath(k), Status: statusView(k.Current.Status), Where: "Other KPIs"})
		}
	}
}

// packAttention reports whether the packs draw full charts only for the
// KPIs that need the board's eye (Settings pack_charts: attention, or auto
// above CompactAbove active KPIs) and a sparkline for the others.
func (r *Builder) packAttention() bool {
	switch r.sc.Settings.PackCharts {
	case "all":
		return false
	case "attention":
		return true
	}
	return activeCount(r.sc) > CompactAbove
}

// needsEye reports whether k gets a full chart in a pack at scale: off
// target, at risk, worsening, or marked key.
func needsEye(k *scorecard.KPI) bool {
	s := k.Current.Status
	return k.Key || s == scorecard.OffTarget || s == scorecard.AtRisk || k.Trend == scorecard.Worsening
}

// packChartNote says which KPIs a pack drawing full charts only for some
// has charts for; "" when every KPI has one.
func (r *Builder) packChartNote() string {
	if !r.packAttention() {
		return ""
	}
	full, spark := 0, 0
	for _, k := range r.sc.KPIs {
		if k.Retired || len(k.Series) == 0 {
			continue
		}
		if needsEye(k) {
			full++
		} else {
			spark++
		}
	}
	loc := r.loc()
	return fmt.Sprintf("Full charts for the %s KPIs off target, at risk, worsening or key; a sparkline for the other %s.", loc.Number(float64(full), 0), loc.Number(float64(spark), 0))
}

// compactPerspective reports whether p's page takes its compact form: more
// than CompactAbove active KPIs in its objectives.
func (r *Builder) compactPerspective(p *scorecard.Perspective) bool {
	seen := map[*scorecard.KPI]bool{}
	for _, o := range p.Objectives {
		for _, k := range o.KPIs {
			if !k.Retired {
				seen[k] = true
			}
		}
	}
	return len(seen) > CompactAbove
}

// compactRows lists the active KPIs of ks as a compact page shows them:
// name, status, score, actual, target, trend and the year-end verdict,
// without the sparkline, owner, % of target and change that make a full
// row four times the size.
func (r *Builder) compactRows(ks []*scorecard.KPI, root string) []KPIRow {
	var rows []KPIRow
	for _, k := range ks {
		if k.Retired {
			continue
		}
		f := formatOf(k, r.sc.Settings)
		c := k.Current
		rows = append(rows, KPIRow{
			Name:    k.Name,
			Href:    root + r.KPIPath(k),
			Status:  statusView(c.Status),
			Score:   scoreVal(r.loc(), c.Score),
			Actual:  f.value(c.Actual),
			Target:  targetVal(f, k.Direction, c.Target, c.TargetMax),
			Trend:   trendView(k),
			Outlook: r.outlookView(k),
			Badge:   r.changeBadge(k),
		})
	}
	return rows
}

// compactYearEnd keeps in y only the KPIs in doubt or unlikely to meet the
// year's target, the ones a reader must act on; the others stay counted,
// and Unlisted says where their verdicts are.
func (r *Builder) compactYearEnd(y *YearEnd) {
	var keep []YearEndRow
	for _, row := range y.Rows {
		if s := row.Outlook.Slug; s == "in-doubt" || s == "unlikely" {
			keep = append(keep, row)
		}
	}
	y.Rows = keep
	n := y.Likely + y.None
	if n == 0 {
		return
	}
	what := "likely to meet it"
	switch {
	case y.Likely == 0:
		what = "without a projection"
	case y.None > 0:
		what = "likely to meet it or without a projection"
	}
	y.Unlisted = fmt.Sprintf("Only the KPIs in doubt or unlikely to meet the year's target are listed; the other %s, %s, are in the KPI tables below with their verdicts, and each KPI's page gives its projection.",
		r.loc().Number(float64(n), 0), what)
}
