package view

import (
	"kpireport/report/scorecard"
)

// ChangesView is the "Since …" section: what changed since the last report,
// in groups of lines.
type ChangesView struct {
	Heading string // "Since FY2027 Q1"
	Source  string // "previous period" or the compare file
	Groups  []ChangeGroup
	CSV     string // the link to data/changes.csv, which has every change
}

// ChangeLinesShown is how many lines of each kind of change a page or pack
// lists; the rest are counted and left to changes.csv. Without a cap the
// section of a 5,000-KPI scorecard was 417 KB of the index's 1.3 MB.
const ChangeLinesShown = 20

// ChangeGroup is one kind of change with its lines.
type ChangeGroup struct {
	Heading  string
	Lines    []ChangeLine
	More     int    // lines of this kind not listed (see ChangeLinesShown)
	MoreText string // More in the scorecard's locale: "1,875"
}

// ChangeLine is one change: a badge, the name (linked when it has a page)
// and the detail in words.
type ChangeLine struct {
	Badge  ChangeBadge
	Name   string
	Href   string
	Detail string
}

// ChangeBadge is a change as a small mark with an arrow and a word, so that
// it never relies on colour: "▲ recovered", "▼ newly off target".
type ChangeBadge struct {
	Slug  string // "up" or "down"
	Arrow string
	Label string
}

func badgeOf(c *scorecard.Change) ChangeBadge {
	switch c.Kind {
	case scorecard.ChangeRestated:
		return ChangeBadge{Slug: "neutral", Arrow: "✎", Label: "restated " + c.What}
	case scorecard.ChangeRetired, scorecard.ChangeRetargeted:
		return ChangeBadge{Slug: "neutral", Arrow: "✎", Label: c.What}
	}
	if c.Up {
		return ChangeBadge{Slug: "up", Arrow: "▲", Label: c.What}
	}
	return ChangeBadge{Slug: "down", Arrow: "▼", Label: c.What}
}

// changeBadge is the badge of k's status change, nil when it has none.
func (r *Builder) changeBadge(k *scorecard.KPI) *ChangeBadge {
	c := r.sc.Changes.ForKPI(k.ID)
	if c == nil {
		return nil
	}
	b := badgeOf(c)
	return &b
}

// Changes is the changes section for a page at root, limited to the
// perspective p (nil: all); nil when nothing was compared.
func (r *Builder) Changes(root string, p *scorecard.Perspective) *ChangesView {
	ch := r.sc.Changes
	if ch == nil {
		return nil
	}
	v := &ChangesView{Heading: "Since " + ch.Since, Source: ch.Source, CSV: root + "data/changes.csv"}
	if ch.Since == "" {
		v.Heading = "Since the last report"
	}
	kpis := map[string]*scorecard.KPI{}
	for _, k := range r.sc.KPIs {
		kpis[k.ID] = k
	}
	objs := map[string]*scorecard.Objective{}
	for _, o := range r.sc.Objectives {
		objs[o.ID] = o
	}
	groups := []struct{ kinds, heading string }{
		{scorecard.ChangeStatus, "Status changes"},
		{scorecard.ChangeScoreUp, "Biggest score rises"},
		{scorecard.ChangeScoreDown, "Biggest score falls"},
		{scorecard.ChangeRestated, "Restated figures"},
		{scorecard.ChangeAdded + scorecard.ChangeRetired + scorecard.ChangeRetargeted, "KPIs added, retired or re-targeted"},
		{scorecard.ChangeOverdue + scorecard.ChangeCompleted, "Initiatives"},
	}
	for _, g := range groups {
		grp := ChangeGroup{Heading: g.heading}
		for i := range ch.Items {
			c := &ch.Items[i]
			if !kindIn(c.Kind, g.kinds) {
				continue
			}
			var href string
			inP := p == nil
			switch c.Scope {
			case "kpi":
				if k := kpis[c.ID]; k != nil {
					href = root + r.KPIPath(k)
					inP = inP || k.InPerspective() == p
				}
			case "objective":
				if o := objs[c.ID]; o != nil {
					if o.Perspective != nil {
						href = root + r.PerspectivePath(o.Perspective) + "#" + r.objAnchor(o)
					}
					inP = inP || o.Perspective == p
				}
			case "perspective":
				for _, ps := range r.sc.Perspectives {
					if ps.Name == c.ID {
						href = root + r.PerspectivePath(ps)
						inP = inP || ps == p
					}
				}
			case "initiative":
				for _, in := range r.sc.Initiatives {
					if in.ID == c.ID && in.Objective != nil {
						inP = inP || in.Objective.Perspective == p
					}
				}
			}
			if !inP {
				continue
			}
			grp.Lines = append(grp.Lines, ChangeLine{Badge: badgeOf(c), Name: c.Name, Href: href, Detail: r.changeDetail(c, kpis[c.ID])})
		}
		if len(grp.Lines) > ChangeLinesShown {
			grp.More = len(grp.Lines) - ChangeLinesShown
			grp.MoreText = r.loc().Number(float64(grp.More), 0)
			grp.Lines = grp.Lines[:ChangeLinesShown]
		}
		if len(grp.Lines) > 0 {
			v.Groups = append(v.Groups, grp)
		}
	}
	return v
}

// kindIn reports whether kind is one of the kinds run together in kinds.
func kindIn(kind, kinds string) bool {
	for _, k := range []string{scorecard.ChangeStatus, scorecard.ChangeScoreUp, scorecard.ChangeScoreDown, scorecard.ChangeRestated,
		scorecard.ChangeAdded, scorecard.ChangeRetired, scorecard.ChangeRetargeted, scorecard.ChangeOverdue, scorecard.ChangeCompleted} {
		if k == kind {
			return len(kinds) >= len(k) && containsWord(kinds, k)
		}
	}
	return false
}

func containsWord(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i:i+len(w)] == w {
			return true
		}
	}
	return false
}

// changeDetail says a change's figures in words.
func (r *Builder) changeDetail(c *scorecard.Change, k *scorecard.KPI) string {
	val := func(n scorecard.Num) string {
		if !n.OK {
			return "none"
		}
		if k != nil {
			return formatOf(k, r.sc.Settings).value(n).Text
		}
		return scoreVal(r.loc(), n).Text
	}
	score := func(n scorecard.Num) string {
		if !n.OK {
			return "no score"
		}
		return scoreVal(r.loc(), n).Text
	}
	switch c.Kind {
	case scorecard.ChangeStatus:
		return c.From.String() + " → " + c.To.String() + " (score " + score(c.FromValue) + " → " + score(c.ToValue) + ")"
	case scorecard.ChangeScoreUp, scorecard.ChangeScoreDown:
		return "score " + score(c.FromValue) + " → " + score(c.ToValue)
	case scorecard.ChangeRestated:
		return c.What + " for " + c.Period + " was " + val(c.FromValue) + ", now " + val(c.ToValue)
	case scorecard.ChangeRetargeted:
		return "target " + val(c.FromValue) + " → " + val(c.ToValue)
	}
	return c.What
}
