package view

import (
	"fmt"
	"strconv"
	"strings"

	"kpireport/report/scorecard"
)

// HealthRowsPerPage is how many KPIs a page of a paged health review lists
// at most: about 400 kB of HTML at 800 bytes a KPI.
const HealthRowsPerPage = 500

// HealthPartLink is a page of a paged health review, as health.html links
// it: its perspective (with "page 2 of 3" when the perspective takes more
// than one), the KPIs it lists and their counts by level.
type HealthPartLink struct {
	Name, Href string
	KPIs       int
	Counts     HealthCounts
}

// HealthPager links a page of a paged health review to health.html and to
// the pages before and after it (empty Href: none).
type HealthPager struct {
	Summary    string // the way back to health.html
	Prev, Next Link
}

// FindingKind is one kind of health finding with how many KPIs have it,
// on the summary of a paged review.
type FindingKind struct {
	Name, Severity string
	KPIs           int
}

// healthPart is one page of a paged review: its path and its KPIs, in
// review order.
type healthPart struct {
	name, path string
	kpis       []*scorecard.KPI
}

// healthPages is how the health review is laid out: on health.html alone,
// or paged, each KPI on the page at its path.
type healthPages struct {
	paged bool
	parts []healthPart
	path  map[*scorecard.KPI]string
}

// healthPlan lays the health review out once: above CompactAbove active
// KPIs, one page per perspective under health/ (a perspective with more
// than HealthRowsPerPage KPIs on several), then one for the KPIs in no
// perspective.
func (r *Builder) healthPlan() *healthPages {
	if r.health != nil {
		return r.health
	}
	plan := &healthPages{paged: activeCount(r.sc) > CompactAbove}
	r.health = plan
	if !plan.paged {
		return plan
	}
	plan.path = map[*scorecard.KPI]string{}
	byPersp := map[*scorecard.Perspective][]*scorecard.KPI{}
	var orphans []*scorecard.KPI
	for _, k := range r.sc.KPIs {
		if p := k.InPerspective(); p != nil && r.perspSlug[p] != "" {
			byPersp[p] = append(byPersp[p], k)
		} else {
			orphans = append(orphans, k)
		}
	}
	used := map[string]bool{}
	name := func(slug string) string {
		for used[slug] {
			slug += "-x"
		}
		used[slug] = true
		return "health/" + slug + ".html"
	}
	for _, p := range r.sc.Perspectives {
		used[r.perspSlug[p]] = true
	}
	add := func(title, slug string, ks []*scorecard.KPI) {
		ks = sortByHealth(ks)
		pages := (len(ks) + HealthRowsPerPage - 1) / HealthRowsPerPage
		for i := 0; i < pages; i++ {
			part := healthPart{name: title, kpis: ks[i*HealthRowsPerPage : min(len(ks), (i+1)*HealthRowsPerPage)]}
			if i == 0 {
				part.path = "health/" + slug + ".html"
			} else {
				part.path = name(slug + "-" + strconv.Itoa(i+1))
			}
			if pages > 1 {
				part.name = fmt.Sprintf("%s, page %d of %d", title, i+1, pages)
			}
			for _, k := range part.kpis {
				plan.path[k] = part.path
			}
			plan.parts = append(plan.parts, part)
		}
	}
	for _, p := range r.sc.Perspectives {
		add(p.Name, r.perspSlug[p], byPersp[p])
	}
	if len(orphans) > 0 {
		slug := "other"
		for used[slug] {
			slug += "-x"
		}
		used[slug] = true
		add("Other KPIs", slug, orphans)
	}
	return plan
}

// healthPath is the page of the health review that lists k.
func (r *Builder) healthPath(k *scorecard.KPI) string {
	if p := r.healthPlan().path[k]; p != "" {
		return p
	}
	return HealthPath
}

// HealthParts builds the pages of a paged health review, in order, each
// with its path; none when health.html lists every KPI.
func (r *Builder) HealthParts() []HealthPart {
	plan := r.healthPlan()
	var out []HealthPart
	for i, part := range plan.parts {
		v := &HealthPage{Page: r.page("KPI health: "+part.name, "../", nil)}
		v.HasCharts = false
		markCurrent(&v.Page, HealthPath)
		v.Rows, v.Counts = r.healthRows(part.kpis, "../")
		v.Pager = &HealthPager{Summary: "../" + HealthPath}
		if i > 0 {
			prev := plan.parts[i-1]
			v.Pager.Prev = Link{Name: prev.name, Href: strings.TrimPrefix(prev.path, "health/")}
		}
		if i+1 < len(plan.parts) {
			next := plan.parts[i+1]
			v.Pager.Next = Link{Name: next.name, Href: strings.TrimPrefix(next.path, "health/")}
		}
		out = append(out, HealthPart{Path: part.path, Page: v})
	}
	return out
}

// HealthPart is a page of a paged health review and where it goes.
type HealthPart struct {
	Path string
	Page *HealthPage
}

// healthKinds names the kinds of finding on the summary of a paged review,
// in the order of the review's rules.
var healthKinds = []struct{ code, name string }{
	{"no-data", "no data"},
	{"no-target", "no target"},
	{"no-frequency", "no frequency"},
	{"stale", "stale data"},
	{"no-owner", "no owner"},
	{"never-on-target", "never on target: review the target, or start an initiative"},
	{"always-on-target", "always on target by a margin: consider a harder target"},
	{"review-date-passed", "review date passed"},
	{"not-specific", "no description, or a short one"},
	{"not-measurable", "no unit or no data source"},
	{"no-objective", "not linked to an objective"},
	{"retired", "retired, not reviewed"},
}

// healthSummary fills health.html of a paged review: the counts of every
// KPI, the findings by kind and the pages.
func (r *Builder) healthSummary(v *HealthPage, plan *healthPages) {
	kinds := map[string]int{}
	sev := map[string]string{}
	for _, k := range r.sc.KPIs {
		v.Counts.add(healthLevel(k))
		if k.Health == nil {
			continue
		}
		seen := map[string]bool{}
		for _, f := range k.Health.Findings {
			if !seen[f.Code] {
				seen[f.Code] = true
				kinds[f.Code]++
				sev[f.Code] = f.Severity.String()
			}
		}
	}
	for _, kd := range healthKinds {
		if n := kinds[kd.code]; n > 0 {
			v.Kinds = append(v.Kinds, FindingKind{Name: kd.name, Severity: sev[kd.code], KPIs: n})
		}
	}
	for _, part := range plan.parts {
		l := HealthPartLink{Name: part.name, Href: part.path, KPIs: len(part.kpis)}
		for _, k := range part.kpis {
			l.Counts.add(healthLevel(k))
		}
		v.Parts = append(v.Parts, l)
	}
}
