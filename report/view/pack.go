package view

import (
	"context"
	"fmt"
	"html/template"
	"sort"
	"strings"

	"kpireport/report/chart"
	"kpireport/report/scorecard"
)

// Pack is the view-model of a review pack: a perspective pack has one
// Section; the board pack has one per perspective. Its charts are inline
// SVG, drawn by the pack renderer from the options of PackCharts.
type Pack struct {
	Page
	Board bool
	// Heading is the cover's title: the perspective's name, or "Board
	// pack".
	Heading string
	// Score is the organisation's score in the board pack, the
	// perspective's in a perspective pack.
	Score ScoreView
	// Overall is the organisation's score, beside the perspective's on a
	// perspective pack's cover; nil in the board pack.
	Overall *ScoreView
	// Chart is the board pack's chart of perspective scores, as inline SVG.
	Chart template.HTML
	// Summary is the board pack's overall commentary.
	Summary []Comment
	// ChartNote says which KPIs have full charts, or full cards, when only
	// some do.
	ChartNote string
	// Compact is set at scale (see packAttention): the pack has full cards
	// for only some KPIs (see packCards), and shows the others as compact
	// rows under their objectives (in the board pack, as a count).
	Compact bool
	// inPacks, in the board pack at scale, is the KPIs each perspective's
	// own pack has cards for.
	inPacks  map[*scorecard.Perspective]map[*scorecard.KPI]bool
	Contents []PackEntry
	Sections []PackSection
	// OnePage is the board pack's scorecard on a page; nil in a
	// perspective pack.
	OnePage *BoardPage
	Changes *ChangesView // in the executive summary
}

// PackEntry is a line of a pack's contents, with the lines below it.
type PackEntry struct {
	Anchor, Name string
	Sub          []PackEntry
}

// PackSection is a perspective in a pack.
type PackSection struct {
	Anchor, Name, Description string
	// PageName is the CSS named page of the section, so that its printed
	// pages carry its own header; PageHeader is that header.
	PageName, PageHeader string
	Score                ScoreView
	Chart                template.HTML // objective scores
	Summary              []Comment
	Table                KPITable
	Objectives           []PackObjective
	YearEnd              *YearEnd
	// Others, in the board pack at scale, says how many of the
	// perspective's KPIs have no card there, and which pack has them.
	Others *PackOthers
}

// PackOthers is the board pack's line about a perspective's KPIs it has no
// card for: Text, then a link to File, the perspective's pack.
type PackOthers struct{ Text, File string }

// PackObjective is an objective in a pack, with its KPIs and initiatives.
type PackObjective struct {
	Anchor, Name, Description, Owner string
	Score                            ScoreView
	KPIs                             []KPICard
	// Table, in a perspective pack at scale, has a compact row for each
	// active KPI, linked to its card when it has one.
	Table       KPITable
	Retired     []string
	Initiatives []InitiativeLine
	Commentary  []Comment
}

// KPICard is a KPI's card in a pack: its figures at the report period,
// chart and commentary. It is never split across printed pages.
type KPICard struct {
	Anchor, Name, Owner, Description string
	Period                           string // the period of the figures
	Status                           StatusView
	Score, Actual, Target, RedFlag   Val
	PctOfTarget                      Val
	ChangePrev, ChangeYear, YTD      Val
	YTDLabel                         string
	Trend                            TrendView
	Chart                            template.HTML // empty: no data
	// Spark stands in for Chart at scale, for a KPI that does not need
	// the board's eye (see packAttention); it has no Lines otherwise.
	Spark      Sparkline
	Commentary []Comment
	Outlook    OutlookView
	Variance   Variances
}

// Chart ids of the packs, unique within a pack: KPI slugs and perspective
// slugs are unique within their kinds, and the prefixes differ.
func packKPIChartID(slug string) string   { return "pack-kpi-" + slug }
func packPerspChartID(slug string) string { return "pack-scores-" + slug }

const packBoardChartID = "pack-scores-perspectives"

// PackCharts builds every chart the packs show, once: each perspective's
// objective scores and each of its active KPIs' history, then the board's
// perspective scores. Once ctx is done it returns ctx's error.
func (r *Builder) PackCharts(ctx context.Context) ([]chart.Chart, error) {
	var out []chart.Chart
	some := r.packAttention()
	var order []*scorecard.KPI
	if some {
		order = r.boardOrder()
	}
	for _, p := range r.sc.Perspectives {
		var room map[*scorecard.KPI]bool
		if some {
			room = r.cardRoom(order, p)
		}
		names := make([]string, len(p.Objectives))
		scores := make([]*float64, len(p.Objectives))
		for i, o := range p.Objectives {
			names[i], scores[i] = o.Name, scorePtr(o.Score)
		}
		if len(names) > 0 {
			c, err := chart.ScoresIn(r.loc(), packPerspChartID(r.PerspectiveSlug(p)), "", names, scores)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", p.Name, err)
			}
			out = append(out, c)
		}
		for _, o := range p.Objectives {
			for _, k := range o.KPIs {
				if k.Retired || len(k.Series) == 0 || (some && (!needsEye(k) || !room[k])) {
					continue
				}
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				c, err := r.packHistoryChart(k, packKPIChartID(r.KPISlug(k)))
				if err != nil {
					return nil, err
				}
				out = append(out, c)
			}
		}
	}
	names := make([]string, len(r.sc.Perspectives))
	scores := make([]*float64, len(r.sc.Perspectives))
	for i, p := range r.sc.Perspectives {
		names[i], scores[i] = p.Name, scorePtr(p.Score)
	}
	if len(names) > 0 {
		c, err := chart.ScoresIn(r.loc(), packBoardChartID, "", names, scores)
		if err != nil {
			return nil, fmt.Errorf("board pack: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

func scorePtr(r scorecard.Rollup) *float64 {
	if !r.Score.OK {
		return nil
	}
	v := r.Score.V
	return &v
}

// BoardPack is the view-model of the board pack, file name (for messages
// about its commentary), with the charts of PackCharts drawn as svg, by
// chart id.
func (r *Builder) BoardPack(file string, svg map[string]template.HTML) (*Pack, error) {
	d := &Pack{Page: r.page("Board pack", "", nil), Board: true, Heading: "Board pack", Score: r.scoreView(r.sc.Score), Chart: svg[packBoardChartID], Changes: r.Changes("../", nil)}
	var cards map[*scorecard.KPI]bool
	if r.packAttention() {
		// The board's cards are the first, in boardOrder, of those the
		// perspective packs have cards for, within the board's budget.
		order := r.boardOrder()
		var pool []*scorecard.KPI
		d.inPacks = make(map[*scorecard.Perspective]map[*scorecard.KPI]bool, len(r.sc.Perspectives))
		for _, p := range r.sc.Perspectives {
			in, err := r.packCards(order, p, svg)
			if err != nil {
				return nil, err
			}
			d.inPacks[p] = in
			for _, k := range order {
				if in[k] {
					pool = append(pool, k)
				}
			}
		}
		var err error
		if cards, err = r.fitCards(r.ordered(order, pool), BoardCardBytes, svg); err != nil {
			return nil, err
		}
		d.Compact = true
		d.ChartNote = r.cardNote(len(cards), activeCount(r.sc)-len(cards), "are in their perspective's review pack")
	} else if kept, note := r.boardCharts(svg); note != "" {
		svg, d.ChartNote = kept, note
	}
	d.OnePage = r.boardPage()
	var err error
	if d.Summary, err = r.comments(r.sc.Comments, file); err != nil {
		return nil, err
	}
	return d, r.packSections(d, r.sc.Perspectives, svg, cards)
}

// PerspectivePack is the view-model of p's review pack, with the charts of
// PackCharts drawn as svg, by chart id.
func (r *Builder) PerspectivePack(p *scorecard.Perspective, svg map[string]template.HTML) (*Pack, error) {
	overall := r.scoreView(r.sc.Score)
	d := &Pack{Page: r.page(p.Name+" review pack", "", nil), Heading: p.Name, Score: r.scoreView(p.Score), Overall: &overall, Changes: r.Changes("../", p)}
	var cards map[*scorecard.KPI]bool
	if r.packAttention() {
		var err error
		if cards, err = r.packCards(r.boardOrder(), p, svg); err != nil {
			return nil, err
		}
		d.Compact = true
		d.ChartNote = r.cardNote(len(cards), len(r.perspectiveKPIs(p))-len(cards), "are one row each under their objectives")
	}
	return d, r.packSections(d, []*scorecard.Perspective{p}, svg, cards)
}

// packSections adds a section and a contents entry for each of ps to d.
// At scale (d.Compact), only the KPIs in cards get a card.
func (r *Builder) packSections(d *Pack, ps []*scorecard.Perspective, svg map[string]template.HTML, cards map[*scorecard.KPI]bool) error {
	for _, p := range ps {
		s, err := r.packSection(p, svg, d, cards)
		if err != nil {
			return err
		}
		e := PackEntry{Anchor: s.Anchor, Name: s.Name}
		for _, o := range s.Objectives {
			e.Sub = append(e.Sub, PackEntry{Anchor: o.Anchor, Name: o.Name})
		}
		d.Contents = append(d.Contents, e)
		d.Sections = append(d.Sections, s)
	}
	return nil
}

// packSection builds a perspective's part of d. At scale (d.Compact) the
// KPIs in cards get a card and the others none: in a perspective pack each
// objective lists its KPIs in compact rows instead of the section's
// scorecard table (which would list them all a second time), and in the
// board pack the section says how many others there are and where.
func (r *Builder) packSection(p *scorecard.Perspective, svg map[string]template.HTML, d *Pack, cards map[*scorecard.KPI]bool) (PackSection, error) {
	slug := r.PerspectiveSlug(p)
	where := slug + ".html"
	s := PackSection{
		Anchor:      "p-" + slug,
		Name:        p.Name,
		Description: p.Description,
		PageName:    "p-" + slug,
		PageHeader:  p.Name + " · " + r.periodLabel(),
		Score:       r.scoreView(p.Score),
		Chart:       svg[packPerspChartID(slug)],
		Table:       KPITable{Caption: "Scorecard: " + p.Name},
		YearEnd:     r.yearEnd(p, func(k *scorecard.KPI) string { return "#k-" + r.KPISlug(k) }),
	}
	if d.Compact {
		cardsYearEnd(s.YearEnd, d.Board)
	}
	var err error
	if s.Summary, err = r.comments(p.Comments, where); err != nil {
		return PackSection{}, err
	}
	for _, o := range p.Objectives {
		os := PackObjective{
			Anchor:      "o-" + r.ObjectiveSlug(o),
			Name:        o.Name,
			Description: o.Description,
			Owner:       o.Owner,
			Score:       r.scoreView(o.Score),
		}
		if d.Compact && !d.Board {
			// A KPI's row links to its card, or, when it has none, to its
			// page on the site, beside the packs, with its history and
			// commentary.
			os.Table = KPITable{Caption: "KPIs of " + o.Name, Rows: r.compactRows(o.KPIs, "../")}
		}
		n := 0
		for _, k := range o.KPIs {
			if k.Retired {
				os.Retired = append(os.Retired, k.Name)
				continue
			}
			if d.Compact {
				if os.Table.Rows != nil && cards[k] {
					os.Table.Rows[n].Href = "#k-" + r.KPISlug(k)
				}
				n++
				if !cards[k] {
					continue
				}
			} else {
				row := r.kpiRow(k, "")
				row.Href = "#k-" + r.KPISlug(k)
				s.Table.Rows = append(s.Table.Rows, row)
			}
			card, err := r.kpiCard(k, where, svg)
			if err != nil {
				return PackSection{}, err
			}
			os.KPIs = append(os.KPIs, card)
		}
		for _, in := range o.Initiatives {
			os.Initiatives = append(os.Initiatives, r.initiativeLine(in))
		}
		if os.Commentary, err = r.comments(o.Comments, where); err != nil {
			return PackSection{}, err
		}
		s.Objectives = append(s.Objectives, os)
	}
	if d.Compact && d.Board {
		all := r.perspectiveKPIs(p)
		n, there := 0, 0
		in := d.inPacks[p]
		for _, k := range all {
			switch {
			case cards[k]:
				n++
			case in[k]:
				there++
			}
		}
		if rest := len(all) - n; rest > 0 {
			loc := r.loc()
			s.Others = &PackOthers{
				Text: fmt.Sprintf("The other %s of %s are in its review pack, with their figures and year-end verdicts (a full card for %s of them, a row each for the rest):", kpiCount(loc, rest), p.Name, loc.Number(float64(there), 0)),
				File: where,
			}
		}
	}
	return s, nil
}

// kpiCard builds k's card from its figures at the report period, the same
// ones its page on the site shows, without building that page.
func (r *Builder) kpiCard(k *scorecard.KPI, where string, svg map[string]template.HTML) (KPICard, error) {
	f := formatOf(k, r.sc.Settings)
	cur := k.Current
	slug := r.KPISlug(k)
	c := KPICard{
		Anchor:      "k-" + slug,
		Name:        k.Name,
		Owner:       k.Owner,
		Description: k.Description,
		Period:      cur.Label,
		Status:      statusView(cur.Status),
		Score:       scoreVal(r.loc(), cur.Score),
		Actual:      f.value(cur.Actual),
		Target:      targetVal(f, k.Direction, cur.Target, cur.TargetMax),
		RedFlag:     redFlagVal(f, k.Direction, cur),
		PctOfTarget: pctOfTarget(r.loc(), k, cur),
		ChangePrev:  f.change(k.ChangePrev, cur.Actual),
		ChangeYear:  f.change(k.ChangeYear, cur.Actual),
		YTD:         f.value(k.YTD.Actual),
		YTDLabel:    "Year to date",
		Trend:       trendView(k),
		Chart:       svg[packKPIChartID(slug)],
		Outlook:     r.outlookView(k),
		Variance:    r.variances(k),
	}
	if c.Period == "" {
		c.Period = r.periodLabel()
	}
	if c.Chart == "" && len(k.Series) > 0 {
		// At scale, for a KPI that does not need the board's eye, or in
		// the board pack beyond its charts' budget.
		c.Spark = r.sparkline(k, f)
	}
	if k.YTD.Label != "" {
		c.YTDLabel = "Year to date (" + k.YTD.Label + ")"
	}
	var err error
	if c.Commentary, err = r.comments(k.Comments, where); err != nil {
		return KPICard{}, err
	}
	return c, nil
}

// BoardChartBytes is how many bytes of KPI charts the board pack carries at
// most. The board pack holds every perspective's KPI cards; their history
// charts (about 10 kB each in the sample) make most of its size, so that at
// 100 KPIs (with business units or without) it came to 2.6 MB with every
// chart. Past the budget the cards get sparklines, and at that size the
// page stays near 1.4 MB; the perspective packs keep their charts.
const BoardChartBytes = 1 << 20

// boardCharts keeps, of the KPI charts in svg, those the board pack has room
// for: when they come to more than BoardChartBytes, the charts of the KPIs
// most in need of the board's eye (key KPIs first, then those needing
// attention, most serious first, then the others at risk), while they fit.
// It returns the charts kept, and a note saying so; svg and "" when every
// chart fits.
func (r *Builder) boardCharts(svg map[string]template.HTML) (map[string]template.HTML, string) {
	total := 0
	for _, k := range r.sc.KPIs {
		total += len(svg[packKPIChartID(r.KPISlug(k))])
	}
	if total <= BoardChartBytes {
		return svg, ""
	}
	kept := make(map[string]template.HTML, len(svg))
	for id, c := range svg {
		if !strings.HasPrefix(id, packKPIChartID("")) {
			kept[id] = c
		}
	}
	b := budget{limit: BoardChartBytes}
	full, dropped, spark := 0, 0, 0
	for _, k := range r.boardOrder() {
		if k.Retired || len(k.Series) == 0 {
			continue
		}
		id := packKPIChartID(r.KPISlug(k))
		c, ok := svg[id]
		switch {
		case !ok:
			spark++
		case b.take(len(c)):
			kept[id] = c
			full++
		default:
			dropped++
		}
	}
	loc := r.loc()
	return kept, fmt.Sprintf("Full charts for the %s KPIs most in need of the board's eye (key KPIs first, then those off target, worsening or at risk), as many as fit in %s of charts; a sparkline for the other %s (the perspective packs have full charts for %s of them).",
		loc.Number(float64(full), 0), SizeText(BoardChartBytes), loc.Number(float64(dropped+spark), 0), loc.Number(float64(dropped), 0))
}

// boardOrder is the scorecard's KPIs, those most in need of the board's eye
// first: the key KPIs, then those needing attention (scorecard.Attention's
// order, most serious first), then the others needing the eye (at risk),
// lowest score first, then the rest; otherwise in the scorecard's order.
func (r *Builder) boardOrder() []*scorecard.KPI {
	out := make([]*scorecard.KPI, 0, len(r.sc.KPIs))
	seen := make(map[*scorecard.KPI]bool, len(r.sc.KPIs))
	add := func(k *scorecard.KPI) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, k := range r.sc.KPIs {
		if k.Key {
			add(k)
		}
	}
	for _, it := range scorecard.Attention(r.sc) {
		add(it.KPI)
	}
	var eye []*scorecard.KPI
	for _, k := range r.sc.KPIs {
		if needsEye(k) && !seen[k] {
			eye = append(eye, k)
		}
	}
	sort.SliceStable(eye, func(i, j int) bool { return eye[i].Current.Score.V < eye[j].Current.Score.V })
	for _, k := range eye {
		add(k)
	}
	for _, k := range r.sc.KPIs {
		add(k)
	}
	return out
}
