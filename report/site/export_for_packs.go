package site

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/yuin/goldmark"

	"kpireport/report/chart"
	"kpireport/report/scorecard"
)

// Views gives the review packs (report/pack) the site's own view-models,
// slugs, number formats and chart options, so that a pack shows every
// figure and chart exactly as the site does. A Views is not safe for
// concurrent use.
type Views struct {
	r *renderer
}

// NewViews prepares the views of sc, which must have been computed.
func NewViews(sc *scorecard.Scorecard, generator string) *Views {
	if generator == "" {
		generator = "kpireport"
	}
	r := &renderer{ctx: context.Background(), sc: sc, opts: Options{Generator: generator}, md: goldmark.New()}
	r.assignSlugs()
	return &Views{r: r}
}

// Page returns the layout fields of a page titled title (the site's title
// when empty): language, titles, organisation, period and generator.
func (v *Views) Page(title string) Page { return v.r.page(title, "", nil) }

// PerspectiveSlug is p's slug, as in the site's perspectives/<slug>.html.
func (v *Views) PerspectiveSlug(p *scorecard.Perspective) string { return v.r.perspSlug[p] }

// ObjectiveSlug is o's slug, unique among the objectives.
func (v *Views) ObjectiveSlug(o *scorecard.Objective) string { return v.r.objSlug[o] }

// KPISlug is k's slug, as in the site's kpis/<slug>.html.
func (v *Views) KPISlug(k *scorecard.KPI) string { return v.r.kpiSlug[k] }

// KPIRow is k's line in a KPI table; its Href is the site's page of k,
// relative to the site's root.
func (v *Views) KPIRow(k *scorecard.KPI) KPIRow { return v.r.kpiRow(k, "") }

// KPIPage is the view-model of k's page on the site, without its chart
// (see HistoryChart).
func (v *Views) KPIPage(k *scorecard.KPI) (*KPIPage, error) { return v.r.kpiPage(k) }

// Comments renders the commentary of cs that belongs to the report period;
// where names the place in errors.
func (v *Views) Comments(cs []*scorecard.Comment, where string) ([]Comment, error) {
	return v.r.comments(cs, where)
}

// HistoryChart is k's history chart with the very option the site draws,
// under the chart id id. k must have a Series.
func (v *Views) HistoryChart(k *scorecard.KPI, id string) (chart.Chart, error) {
	cv, err := v.r.historyChart(k, formatOf(k, v.r.sc.Settings))
	if err != nil {
		return chart.Chart{}, fmt.Errorf("site: KPI %q: %w", k.ID, err)
	}
	return chart.Chart{ID: id, Option: json.RawMessage(cv.Option), Width: cv.Width, Height: cv.Height, Alt: cv.Alt}, nil
}

// ScoreViewOf is a roll-up as the templates show it.
func ScoreViewOf(r scorecard.Rollup) ScoreView { return scoreView(r) }

// InitiativeLine is an initiative's line in an initiatives table.
func (v *Views) InitiativeLine(in *scorecard.Initiative) InitiativeLine {
	return v.r.initiativeLine(in)
}

// SetMarkdown makes Comments render with md instead of
// goldmark's defaults; the packs use it to print links as text.
func (v *Views) SetMarkdown(md goldmark.Markdown) { v.r.md = md }
