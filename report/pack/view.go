package pack

import (
	"context"
	"fmt"
	"html/template"

	"kpireport/report/chart"
	"kpireport/report/scorecard"
	"kpireport/report/view"
)

// Document is the view-model of a pack: pack.html renders it. A perspective
// pack has one Section; the board pack has one per perspective.
type Document struct {
	view.Page
	CSP   string
	CSS   template.CSS
	Board bool
	// Heading is the cover's title: the perspective's name, or "Board
	// pack".
	Heading string
	// Score is the organisation's score in the board pack, the
	// perspective's in a perspective pack.
	Score view.ScoreView
	// Overall is the organisation's score, beside the perspective's on a
	// perspective pack's cover; nil in the board pack.
	Overall *view.ScoreView
	// Chart is the board pack's chart of perspective scores, as inline SVG.
	Chart template.HTML
	// Summary is the board pack's overall commentary.
	Summary  []view.Comment
	Contents []Entry
	Sections []Section
}

// Entry is a line of the contents, with the lines below it.
type Entry struct {
	Anchor, Name string
	Sub          []Entry
}

// Section is a perspective in a pack.
type Section struct {
	Anchor, Name, Description string
	// PageName is the CSS named page of the section, so that its printed
	// pages carry its own header; PageHeader is that header.
	PageName, PageHeader string
	Score                view.ScoreView
	Chart                template.HTML // objective scores
	Summary              []view.Comment
	Table                view.KPITable
	Objectives           []ObjectiveSection
}

// ObjectiveSection is an objective with its KPIs and initiatives.
type ObjectiveSection struct {
	Anchor, Name, Description, Owner string
	Score                            view.ScoreView
	KPIs                             []KPICard
	Retired                          []string
	Initiatives                      []view.InitiativeLine
	Commentary                       []view.Comment
}

// KPICard is a KPI's card: its figures at the report period, chart and
// commentary. It is never split across printed pages.
type KPICard struct {
	Anchor, Name, Owner, Description string
	Period                           string // the period of the figures
	Status                           view.StatusView
	Score, Actual, Target, RedFlag   view.Val
	PctOfTarget                      view.Val
	ChangePrev, ChangeYear, YTD      view.Val
	YTDLabel                         string
	Trend                            view.TrendView
	Chart                            template.HTML // empty: no data
	Commentary                       []view.Comment
}

// Chart ids, unique within a pack: KPI slugs and perspective slugs are
// unique within their kinds, and the prefixes differ.
func kpiChartID(slug string) string   { return "pack-kpi-" + slug }
func perspChartID(slug string) string { return "pack-scores-" + slug }

const boardChartID = "pack-scores-perspectives"

// collectCharts builds every chart the packs show, once: each active KPI's
// history, each perspective's objective scores, and the board's
// perspective scores.
func (b *builder) collectCharts(ctx context.Context) error {
	for _, p := range b.sc.Perspectives {
		names := make([]string, len(p.Objectives))
		scores := make([]*float64, len(p.Objectives))
		for i, o := range p.Objectives {
			names[i], scores[i] = o.Name, scorePtr(o.Score)
		}
		if len(names) > 0 {
			c, err := chart.Scores(perspChartID(b.views.PerspectiveSlug(p)), "", names, scores)
			if err != nil {
				return fmt.Errorf("pack: %s: %w", p.Name, err)
			}
			b.charts = append(b.charts, c)
		}
		for _, o := range p.Objectives {
			for _, k := range o.KPIs {
				if k.Retired || len(k.Series) == 0 {
					continue
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				c, err := b.views.HistoryChart(k, kpiChartID(b.views.KPISlug(k)))
				if err != nil {
					return fmt.Errorf("pack: %w", err)
				}
				b.charts = append(b.charts, c)
			}
		}
	}
	names := make([]string, len(b.sc.Perspectives))
	scores := make([]*float64, len(b.sc.Perspectives))
	for i, p := range b.sc.Perspectives {
		names[i], scores[i] = p.Name, scorePtr(p.Score)
	}
	if len(names) > 0 {
		c, err := chart.Scores(boardChartID, "", names, scores)
		if err != nil {
			return fmt.Errorf("pack: board pack: %w", err)
		}
		b.charts = append(b.charts, c)
	}
	return nil
}

func scorePtr(r scorecard.Rollup) *float64 {
	if !r.Score.OK {
		return nil
	}
	v := r.Score.V
	return &v
}

// document builds the view-model of a pack of ps; board is true for the
// board pack.
func (b *builder) document(ps []*scorecard.Perspective, board bool) (*Document, error) {
	d := &Document{CSP: CSP, CSS: b.css, Board: board}
	if board {
		d.Page = b.views.Page("Board pack")
		d.Heading = "Board pack"
		d.Score = view.ScoreViewOf(b.sc.Score)
		d.Chart = b.svg[boardChartID]
		var err error
		if d.Summary, err = b.views.Comments(b.sc.Comments, BoardName+".html"); err != nil {
			return nil, err
		}
	} else {
		d.Page = b.views.Page(ps[0].Name + " review pack")
		d.Heading = ps[0].Name
		d.Score = view.ScoreViewOf(ps[0].Score)
		overall := view.ScoreViewOf(b.sc.Score)
		d.Overall = &overall
	}
	for _, p := range ps {
		s, err := b.section(p)
		if err != nil {
			return nil, err
		}
		e := Entry{Anchor: s.Anchor, Name: s.Name}
		for _, o := range s.Objectives {
			e.Sub = append(e.Sub, Entry{Anchor: o.Anchor, Name: o.Name})
		}
		d.Contents = append(d.Contents, e)
		d.Sections = append(d.Sections, s)
	}
	return d, nil
}

// section builds a perspective's part of a pack.
func (b *builder) section(p *scorecard.Perspective) (Section, error) {
	slug := b.views.PerspectiveSlug(p)
	where := slug + ".html"
	s := Section{
		Anchor:      "p-" + slug,
		Name:        p.Name,
		Description: p.Description,
		PageName:    "p-" + slug,
		PageHeader:  p.Name + " · " + b.views.Page("").PeriodLabel,
		Score:       view.ScoreViewOf(p.Score),
		Chart:       b.svg[perspChartID(slug)],
		Table:       view.KPITable{Caption: "Scorecard: " + p.Name},
	}
	var err error
	if s.Summary, err = b.views.Comments(p.Comments, where); err != nil {
		return Section{}, err
	}
	for _, o := range p.Objectives {
		os := ObjectiveSection{
			Anchor:      "o-" + b.views.ObjectiveSlug(o),
			Name:        o.Name,
			Description: o.Description,
			Owner:       o.Owner,
			Score:       view.ScoreViewOf(o.Score),
		}
		for _, k := range o.KPIs {
			if k.Retired {
				os.Retired = append(os.Retired, k.Name)
				continue
			}
			row := b.views.KPIRow(k)
			row.Href = "#k-" + b.views.KPISlug(k)
			s.Table.Rows = append(s.Table.Rows, row)
			card, err := b.kpiCard(k, where)
			if err != nil {
				return Section{}, err
			}
			os.KPIs = append(os.KPIs, card)
		}
		for _, in := range o.Initiatives {
			os.Initiatives = append(os.Initiatives, b.views.InitiativeLine(in))
		}
		if os.Commentary, err = b.views.Comments(o.Comments, where); err != nil {
			return Section{}, err
		}
		s.Objectives = append(s.Objectives, os)
	}
	return s, nil
}

// kpiCard builds k's card from the figures of its page on the site.
func (b *builder) kpiCard(k *scorecard.KPI, where string) (KPICard, error) {
	v, err := b.views.KPIPage(k)
	if err != nil {
		return KPICard{}, fmt.Errorf("pack: %w", err)
	}
	slug := b.views.KPISlug(k)
	c := KPICard{
		Anchor:      "k-" + slug,
		Name:        k.Name,
		Owner:       k.Owner,
		Description: k.Description,
		Period:      v.CurrentLabel,
		Status:      v.Status,
		Score:       v.Score,
		Actual:      v.Actual,
		Target:      v.Target,
		RedFlag:     v.RedFlag,
		PctOfTarget: v.PctOfTarget,
		ChangePrev:  v.ChangePrev,
		ChangeYear:  v.ChangeYear,
		YTD:         v.YTD,
		YTDLabel:    v.YTDLabel,
		Trend:       v.Trend,
		Chart:       b.svg[kpiChartID(slug)],
	}
	if c.Commentary, err = b.views.Comments(k.Comments, where); err != nil {
		return KPICard{}, err
	}
	return c, nil
}
