package view

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"kpireport/report/scorecard"
)

// InitiativesPage is the view-model of initiatives.html: every initiative,
// grouped by perspective and objective.
type InitiativesPage struct {
	Page
	Total, Overdue int
	Groups         []InitiativeGroup
}

// InitiativeGroup is a perspective's initiatives, by objective.
type InitiativeGroup struct {
	Name, Href string
	Objectives []InitiativeObjective
}

// InitiativeObjective is an objective's initiatives.
type InitiativeObjective struct {
	Name, Href string
	Rows       []InitiativeLine
}

// InitiativeLine is an initiative on initiatives.html.
type InitiativeLine struct {
	Name, Owner, Status string
	Start, Due          string
	Overdue             bool
	Complete            Val
	Percent             int // 0-100, for the progress bar; Complete.OK says whether there is one
	Budget, Spent       Val
}

// HealthPage is the view-model of health.html: every KPI's health review,
// those that most need one first. Above CompactAbove active KPIs the review
// is paged (healthpages.go): health.html keeps the counts, the findings by
// kind and links to the Parts, and each part is a HealthPage of its own
// with Rows and a Pager.
type HealthPage struct {
	Page
	Counts HealthCounts
	Rows   []HealthRow
	// Parts are the pages of a paged review, on health.html; none when
	// health.html lists every KPI itself.
	Parts []HealthPartLink
	// Kinds counts the findings by kind, on a paged review's health.html.
	Kinds []FindingKind
	// Pager links a part of a paged review to the summary and its
	// neighbours; nil on health.html.
	Pager *HealthPager
}

// HealthCounts are how many KPIs are at each health level.
type HealthCounts struct{ Good, Fair, Poor, NotReviewed int }

// HealthRow is one KPI's health review on health.html.
type HealthRow struct {
	Anchor      string // "kpi-<slug>"
	Name, Href  string
	Owner       string
	Perspective string
	Health      HealthView
}

// HealthView is a KPI's health review as the templates show it.
type HealthView struct {
	Level    HealthLevelView
	Score    Val
	Href     string // the KPI's entry on health.html
	Checks   []CheckView
	Failed   []CheckView
	Findings []FindingView
}

// HealthLevelView is a health level: a CSS slug, an icon and the word.
type HealthLevelView struct{ Slug, Icon, Label string }

// CheckView is one SMART check.
type CheckView struct {
	Name, Message string
	Pass          bool
}

// FindingView is one finding of a health review, with what to do.
type FindingView struct {
	Severity, Message, Suggestion string
}

var healthIcons = map[scorecard.HealthLevel]string{
	scorecard.HealthGood:        "✓",
	scorecard.HealthFair:        "▲",
	scorecard.HealthPoor:        "✕",
	scorecard.HealthNotReviewed: "○",
}

// healthView shows k's health review, linking to its entry on health.html
// from a page at root; a KPI not reviewed yet shows as not reviewed.
func (r *Builder) healthView(k *scorecard.KPI, root string) HealthView {
	h := k.Health
	if h == nil {
		h = &scorecard.Health{}
	}
	lv := h.Level
	if lv < scorecard.HealthNotReviewed || lv > scorecard.HealthGood {
		lv = scorecard.HealthNotReviewed
	}
	v := HealthView{
		Level: HealthLevelView{Slug: lv.Slug(), Icon: healthIcons[lv], Label: lv.String()},
		Href:  root + r.healthPath(k) + "#" + r.healthAnchor(k),
	}
	if h.Score.OK {
		v.Score = Val{Text: r.loc().Number(h.Score.V, 0), OK: true}
	}
	for _, c := range h.Checks {
		cv := CheckView{Name: c.Name, Message: c.Message, Pass: c.Pass}
		v.Checks = append(v.Checks, cv)
		if !c.Pass {
			v.Failed = append(v.Failed, cv)
		}
	}
	for _, f := range h.Findings {
		v.Findings = append(v.Findings, FindingView{Severity: f.Severity.String(), Message: f.Message, Suggestion: f.Suggestion})
	}
	return v
}

func (r *Builder) healthAnchor(k *scorecard.KPI) string { return "kpi-" + r.kpiSlug[k] }

// healthRank orders levels for review: poor, fair, good, then not reviewed.
var healthRank = map[scorecard.HealthLevel]int{
	scorecard.HealthPoor:        0,
	scorecard.HealthFair:        1,
	scorecard.HealthGood:        2,
	scorecard.HealthNotReviewed: 3,
}

// HealthPage builds the view-model of health.html: every KPI by level (poor
// first), then by lower health score, then by id; above CompactAbove
// active KPIs, the summary of a paged review (HealthParts has the pages).
func (r *Builder) HealthPage() *HealthPage {
	v := &HealthPage{Page: r.page("KPI health", "", nil)}
	v.HasCharts = false
	markCurrent(&v.Page, "health.html")
	plan := r.healthPlan()
	if plan.paged {
		r.healthSummary(v, plan)
		return v
	}
	ks := sortByHealth(r.sc.KPIs)
	v.Rows, v.Counts = r.healthRows(ks, "")
	return v
}

// healthLevel is k's health level; not reviewed when it has no review.
func healthLevel(k *scorecard.KPI) scorecard.HealthLevel {
	if k.Health == nil {
		return scorecard.HealthNotReviewed
	}
	return k.Health.Level
}

// sortByHealth orders ks as the health review lists them: by level (poor
// first), then by lower health score, then by id.
func sortByHealth(ks []*scorecard.KPI) []*scorecard.KPI {
	ks = append([]*scorecard.KPI(nil), ks...)
	score := func(k *scorecard.KPI) float64 {
		if k.Health == nil || !k.Health.Score.OK {
			return math.Inf(1)
		}
		return k.Health.Score.V
	}
	sort.SliceStable(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if ra, rb := healthRank[healthLevel(a)], healthRank[healthLevel(b)]; ra != rb {
			return ra < rb
		}
		if sa, sb := score(a), score(b); sa != sb {
			return sa < sb
		}
		return a.ID < b.ID
	})
	return ks
}

// healthRows are the rows of ks on a health page at root, and their counts
// by level.
func (r *Builder) healthRows(ks []*scorecard.KPI, root string) ([]HealthRow, HealthCounts) {
	var rows []HealthRow
	var n HealthCounts
	for _, k := range ks {
		row := HealthRow{
			Anchor: r.healthAnchor(k),
			Name:   k.Name,
			Href:   root + r.KPIPath(k),
			Owner:  strings.TrimSpace(k.Owner),
			Health: r.healthView(k, root),
		}
		if p := k.InPerspective(); p != nil {
			row.Perspective = p.Name
		}
		n.add(healthLevel(k))
		rows = append(rows, row)
	}
	return rows, n
}

// add counts one KPI at level l.
func (n *HealthCounts) add(l scorecard.HealthLevel) {
	switch l {
	case scorecard.HealthGood:
		n.Good++
	case scorecard.HealthFair:
		n.Fair++
	case scorecard.HealthPoor:
		n.Poor++
	default:
		n.NotReviewed++
	}
}

// initiativesPage builds the view-model of initiatives.html.
func (r *Builder) InitiativesPage() *InitiativesPage {
	sc := r.sc
	v := &InitiativesPage{Page: r.page("Initiatives", "", nil)}
	v.HasCharts = false
	markCurrent(&v.Page, "initiatives.html")
	placed := map[*scorecard.Initiative]bool{}
	for _, p := range sc.Perspectives {
		g := InitiativeGroup{Name: p.Name, Href: r.PerspectivePath(p)}
		for _, o := range p.Objectives {
			if o == nil || len(o.Initiatives) == 0 {
				continue
			}
			obj := InitiativeObjective{Name: o.Name, Href: r.PerspectivePath(p) + "#" + r.objAnchor(o)}
			for _, in := range o.Initiatives {
				if in == nil || placed[in] {
					continue
				}
				placed[in] = true
				obj.Rows = append(obj.Rows, r.initiativeLine(in))
			}
			if len(obj.Rows) > 0 {
				g.Objectives = append(g.Objectives, obj)
			}
		}
		if len(g.Objectives) > 0 {
			v.Groups = append(v.Groups, g)
		}
	}
	var rest []InitiativeLine
	for _, in := range sc.Initiatives {
		if in != nil && !placed[in] {
			placed[in] = true
			rest = append(rest, r.initiativeLine(in))
		}
	}
	if len(rest) > 0 {
		v.Groups = append(v.Groups, InitiativeGroup{Name: "Other initiatives",
			Objectives: []InitiativeObjective{{Name: "No objective", Rows: rest}}})
	}
	for _, g := range v.Groups {
		for _, o := range g.Objectives {
			for _, l := range o.Rows {
				v.Total++
				if l.Overdue {
					v.Overdue++
				}
			}
		}
	}
	return v
}

// initiativeLine is in's line on initiatives.html.
func (r *Builder) initiativeLine(in *scorecard.Initiative) InitiativeLine {
	l := InitiativeLine{
		Name:    in.Name,
		Owner:   strings.TrimSpace(in.Owner),
		Status:  strings.TrimSpace(in.Status),
		Overdue: in.Overdue,
		Budget:  r.money(in.Budget),
		Spent:   r.money(in.Spent),
	}
	if !in.Start.IsZero() {
		l.Start = in.Start.Format("2 Jan 2006")
	}
	if !in.Due.IsZero() {
		l.Due = in.Due.Format("2 Jan 2006")
	}
	if pc := in.PercentComplete; pc.OK && !math.IsNaN(pc.V) {
		l.Complete = Val{Text: r.loc().Number(pc.V, -1) + "%", OK: true}
		l.Percent = int(math.Round(math.Max(0, math.Min(100, pc.V))))
	}
	return l
}

// money writes an amount in the Settings currency: "£1,250,000",
// "EUR 12.50"; whole amounts without decimals.
func (r *Builder) money(n scorecard.Num) Val {
	if !n.OK || math.IsNaN(n.V) || math.IsInf(n.V, 0) {
		return Val{}
	}
	code := strings.ToUpper(strings.TrimSpace(r.sc.Settings.Currency))
	prefix, _ := r.loc().Symbol(code)
	if prefix == "" && code != "" {
		prefix = code + " "
	}
	d := 0
	if n.V != math.Trunc(n.V) {
		d = 2
	}
	s := r.loc().Number(n.V, d)
	if strings.HasPrefix(s, "-") {
		return Val{Text: "-" + prefix + s[1:], OK: true}
	}
	return Val{Text: prefix + s, OK: true}
}

// markCurrent marks the navigation link to href as the current page.
func markCurrent(p *Page, href string) {
	for i := range p.Nav {
		p.Nav[i].Current = p.Nav[i].Href == p.Root+href
	}
}

// DataFile is a download of the scorecard's data.
type DataFile struct {
	Name, Href, Format string
	Size               string
}

// dataFiles lists the downloads set by SetDataFiles, linked from a page at
// root.
func (r *Builder) dataFiles(root string) []DataFile {
	var out []DataFile
	for _, df := range r.data {
		df.Href = root + df.Href
		out = append(out, df)
	}
	return out
}

// SizeText writes a file size as a reader wants it: "312 kB", "1.2 MB".
func SizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", (n+512)>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
