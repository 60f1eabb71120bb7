package view

import "kpireport/report/scorecard"

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
