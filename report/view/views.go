package view

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"

	"github.com/yuin/goldmark"

	"kpireport/report/chart"
	"kpireport/report/scorecard"
)

// Builder makes the view-models of the site's pages and of the review
// packs from one computed scorecard, so that both show every figure, slug
// and chart the same way. A Builder is not safe for concurrent use; Clone
// gives each goroutine its own.
type Builder struct {
	sc        *scorecard.Scorecard
	generator string
	md        goldmark.Markdown
	data      []DataFile

	// Slugs name the pages; taken from the model, made valid and unique.
	perspSlug map[*scorecard.Perspective]string
	objSlug   map[*scorecard.Objective]string
	kpiSlug   map[*scorecard.KPI]string

	health *healthPages // the health review's pages, laid out on first use
}

// New prepares the views of sc, which must have been computed. generator
// names the program in footers; empty means "kpireport".
func New(sc *scorecard.Scorecard, generator string) *Builder {
	if generator == "" {
		generator = "kpireport"
	}
	b := &Builder{sc: sc, generator: generator, md: newMarkdown()}
	b.assignSlugs()
	return b
}

// Scorecard is the scorecard b makes the views of; nil for a nil b.
func (r *Builder) Scorecard() *scorecard.Scorecard {
	if r == nil {
		return nil
	}
	return r.sc
}

// Clone is a copy of b with its own Markdown converter, for use on
// another goroutine; the slugs and the health review's layout are shared
// and only read.
func (r *Builder) Clone() *Builder {
	r.healthPlan() // laid out once, then only read
	c := *r
	c.md = newMarkdown()
	return &c
}

// SetMarkdown makes commentary render with md instead of goldmark's
// defaults; the packs use it to print links as text.
func (r *Builder) SetMarkdown(md goldmark.Markdown) { r.md = md }

// SetDataFiles gives the index page its downloads of the scorecard's data,
// each Href relative to the site's root and Size already written (see
// SizeText).
func (r *Builder) SetDataFiles(files []DataFile) { r.data = files }

// PerspectiveSlug is p's slug, as in perspectives/<slug>.html.
func (r *Builder) PerspectiveSlug(p *scorecard.Perspective) string { return r.perspSlug[p] }

// ObjectiveSlug is o's slug, unique among the objectives.
func (r *Builder) ObjectiveSlug(o *scorecard.Objective) string { return r.objSlug[o] }

// KPISlug is k's slug, as in kpis/<slug>.html.
func (r *Builder) KPISlug(k *scorecard.KPI) string { return r.kpiSlug[k] }

// PerspectivePath is the path of p's page in the site.
func (r *Builder) PerspectivePath(p *scorecard.Perspective) string {
	return "perspectives/" + r.perspSlug[p] + ".html"
}

// KPIPath is the path of k's page in the site.
func (r *Builder) KPIPath(k *scorecard.KPI) string {
	return "kpis/" + r.kpiSlug[k] + ".html"
}

// objAnchor is an objective's id on its perspective's page.
func (r *Builder) objAnchor(o *scorecard.Objective) string {
	return "obj-" + r.objSlug[o]
}

// Page returns the layout fields of a page titled title (the site's title
// when empty): language, titles, organisation, period and generator.
func (r *Builder) Page(title string) Page { return r.page(title, "", nil) }

// packHistoryChart is k's history chart with the very option the site
// draws, under the chart id id. k must have a Series.
func (r *Builder) packHistoryChart(k *scorecard.KPI, id string) (chart.Chart, error) {
	cv, err := r.historyChart(k, formatOf(k, r.sc.Settings))
	if err != nil {
		return chart.Chart{}, fmt.Errorf("KPI %q: %w", k.ID, err)
	}
	return chart.Chart{ID: id, Option: json.RawMessage(cv.Option), Width: cv.Width, Height: cv.Height, Alt: cv.Alt}, nil
}

// markdown renders commentary with the Builder's converter (goldmark's
// defaults drop raw HTML and links with unsafe schemes).
func (r *Builder) markdown(src string) (template.HTML, error) {
	var b bytes.Buffer
	if err := r.md.Convert([]byte(src), &b); err != nil {
		return "", err
	}
	// goldmark's output is HTML it built itself from the Markdown, with
	// any HTML in the source omitted, so it can go into the page as is.
	return template.HTML(b.String()), nil
}

// assignSlugs takes the slugs of every perspective, objective and KPI
// from scorecard.MakeSlugs, the one place they are made (Load has stored
// the same in the model).
func (r *Builder) assignSlugs() {
	s := scorecard.MakeSlugs(r.sc)
	r.perspSlug, r.objSlug, r.kpiSlug = s.Perspective, s.Objective, s.KPI
}

// The paths of the site's pages that are not a perspective's or a KPI's.
const (
	InitiativesPath = "initiatives.html"
	HealthPath      = "health.html"
)

// StatusViewOf is a status as the templates show it.
func StatusViewOf(s scorecard.Status) StatusView { return statusView(s) }

// HealthIcon is the symbol shown beside a health level.
func HealthIcon(l scorecard.HealthLevel) string { return healthIcons[l] }
