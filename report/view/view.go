package view

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"math"
	"sort"
	"strings"

	"kpireport/report/chart"
	"kpireport/report/format"
	"kpireport/report/period"
	"kpireport/report/scorecard"
)

// Page is what the layout (base.html) shows on every page; each page's
// view-model embeds it.
type Page struct {
	Lang         string // the html lang attribute, from Settings.Locale
	Title        string // this page's title
	SiteTitle    string
	Organisation string
	PeriodLabel  string // the report period
	Generator    string
	Root         string // the way back to the site's folder: "" or "../"
	AtIndex      bool   // this page is index.html
	Nav          []NavLink
	HasCharts    bool   // the page needs ECharts and site.js
	Accent       string // the theme colour, #rrggbb, or "" for the built-in one
	// Logo is the organisation's logo as a data: URL, "" for none; the
	// loader checked it is a PNG, JPEG or SVG image, which an <img> shows
	// without running anything.
	Logo template.URL
}

// NavLink is a link in the site's navigation.
type NavLink struct {
	Name, Href string
	Current    bool
}

// Link is a named link.
type Link struct{ Name, Href string }

// StatusView is a status as the templates show it: a CSS class slug, an
// icon and a word, so that it never relies on colour.
type StatusView struct{ Slug, Icon, Label string }

// TrendView is a KPI's trend: an arrow for the way the values move and the
// word that judges it.
type TrendView struct{ Slug, Arrow, Label string }

// ScoreView is a roll-up: a 0-10 score, its status and how many KPIs are in
// each status.
type ScoreView struct {
	Score  Val
	Status StatusView
	Counts Counts
}

// Counts are how many KPIs are in each status.
type Counts struct{ OnTarget, AtRisk, OffTarget, NoData, Total int }

// ChartView is a chart for the "chart" template; site.js draws it.
type ChartView struct {
	ID      string
	Option  string // ECharts option as JSON
	Width   int    // the size the chart was laid out for; the site scales it to the page
	Height  int
	Alt     string
	Caption string
	// Data is the chart's data as a table, for readers who cannot see
	// the chart; nil when the page gives it elsewhere.
	Data *ScoreTable
}

// OptionAttr is the chart's data-option attribute, its option escaped as
// html/template escapes a quoted attribute's value: the same bytes as
// data-option="{{.Option}}". A KPI page's option is half the page, and
// html/template's escaper goes through it rune by rune; Escape is quicker.
func (c ChartView) OptionAttr() template.HTMLAttr {
	var b strings.Builder
	b.Grow(len(`data-option=""`) + len(c.Option) + len(c.Option)/2)
	b.WriteString(`data-option="`)
	Escape(&b, c.Option)
	b.WriteByte('"')
	return template.HTMLAttr(b.String())
}

// Escape writes s as html/template writes a string in text and in a quoted
// attribute: NUL becomes U+FFFD, and " & ' + < > character references.
// (template.HTMLEscapeString leaves + as it is, so it would not give the
// same bytes.) The bytes it looks for are ASCII, which never occur inside a
// multi-byte UTF-8 sequence, so it may go byte by byte; invalid UTF-8 is
// kept as it is, as html/template keeps it.
func Escape(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		repl := escapes[s[i]]
		if repl == "" {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// escapes is what Escape writes for each byte it replaces: a table, as a
// chart's option (13 kB on a KPI page of 60 months) has a quote every few
// bytes.
var escapes = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// ScoreTable is the data of a chart of scores: one row a bar.
type ScoreTable struct {
	Caption string
	Rows    []ScoreRow
}

// ScoreRow is one named roll-up of a ScoreTable.
type ScoreRow struct {
	Name, Href string
	Score      ScoreView
}

// Comment is commentary rendered from Markdown.
type Comment struct {
	Heading string // e.g. the period, on a KPI's page; may be empty
	HTML    template.HTML
}

// KPITable is a table of KPIs with their current results.
type KPITable struct {
	Caption string
	Rows    []KPIRow
}

// KPIRow is one KPI in a KPITable.
type KPIRow struct {
	Name, Href, Owner string
	Status            StatusView
	Score             Val
	Actual, Target    Val
	PctOfTarget       Val
	Change            Val // against the previous period
	Trend             TrendView
	Spark             Sparkline
	Outlook           OutlookView  // year-end projection
	Badge             *ChangeBadge // its status change since the last report; nil for none
}

// IndexPage is the view-model of index.html.
type IndexPage struct {
	Page
	Overall      ScoreView
	Perspectives []PerspectiveCard
	Chart        *ChartView
	Commentary   []Comment
	Tables       []KPITable // active KPIs, one table per perspective
	StrategyMap  *StrategyMap
	Heatmap      *Heatmap // nil without periods with data
	Attention    []AttentionRow
	// AttentionTotal is how many KPIs need attention; Attention lists the
	// most serious of them.
	AttentionTotal int
	BrightSpots    []SpotGroup
	Data           []DataFile
	Units          *UnitsIndex // nil without a Units sheet
	// Compact is true above CompactAbove active KPIs: Tables and Heatmap
	// are then nil, and Groups and KPIList stand in for them (scale.go).
	Compact bool
	Groups  []IndexGroup
	KPIList []KPIListItem
	Changes *ChangesView // since the last report; nil when not compared
}

// PerspectiveCard is a perspective's summary on the index.
type PerspectiveCard struct {
	Name, Href string
	Score      ScoreView
}

// PerspectivePage is the view-model of perspectives/<slug>.html.
type PerspectivePage struct {
	Page
	Name, Description string
	Score             ScoreView
	Chart             *ChartView
	Commentary        []Comment
	Objectives        []ObjectiveSection
	YearEnd           *YearEnd // each KPI's year-end outlook
	Changes           *ChangesView
	Learn             []LearnGroup // the units to learn from on this perspective's KPIs; none without units
	// Compact is true above CompactAbove active KPIs in the perspective:
	// each objective's KPIs then come as CompactRows (no sparkline, owner,
	// % of target or change), and YearEnd lists only the KPIs in doubt or
	// unlikely (scale.go).
	Compact bool
}

// ObjectiveSection is an objective on its perspective's page.
type ObjectiveSection struct {
	Anchor                   string // its HTML id, "obj-<slug>"
	Name, Description, Owner string
	Score                    ScoreView
	KPIs                     KPITable
	Retired                  []Link
	Initiatives              []InitiativeLine
	Commentary               []Comment
}

// KPIPage is the view-model of kpis/<slug>.html.
type KPIPage struct {
	Page
	Name         string
	Description  string
	Retired      bool
	Crumbs       []Link
	CurrentLabel string // the period of the current value
	Actual       Val
	Status       StatusView
	Score        Val
	PctOfTarget  Val
	Target       Val
	TargetMax    Val
	RedFlag      Val
	ChangePrev   Val
	ChangeYear   Val
	YTDLabel     string
	YTD          Val
	Trend        TrendView
	Chart        *ChartView
	History      HistoryTable
	Quarters     *HistoryTable // monthly KPIs only
	Definition   []Term
	Commentary   []Comment // every period, newest first
	Health       HealthView
	Units        *UnitComparison // nil unless several units report it
	Outlook      OutlookView     // year-end projection
	Variance     Variances       // the actual against target and last year
}

// HistoryTable lists a KPI's results period by period, newest first; it is
// also the text alternative of the history chart.
type HistoryTable struct {
	Caption      string
	Rows         []HistoryRow
	HasTargetMax bool
	HasNotes     bool
}

// Columns is how many columns the table has.
func (t HistoryTable) Columns() int {
	n := 6
	if t.HasTargetMax {
		n++
	}
	if t.HasNotes {
		n++
	}
	return n
}

// HistoryRow is one period of a HistoryTable.
type HistoryRow struct {
	Label                                     string
	Partial                                   string // e.g. "2 of 3 months" for a quarter not yet complete
	Current                                   bool   // the report period's row
	Actual, Target, TargetMax, RedFlag, Score Val
	Status                                    StatusView
	Note                                      string
}

// Term is one line of a KPI's definition.
type Term struct{ Term, Value string }

var statusIcons = map[scorecard.Status]string{
	scorecard.OnTarget:  "✓",
	scorecard.AtRisk:    "▲",
	scorecard.OffTarget: "✕",
	scorecard.NoData:    "○",
	scorecard.Exceeded:  "★",
}

func statusView(s scorecard.Status) StatusView {
	if s < scorecard.NoData || s > scorecard.Exceeded {
		s = scorecard.NoData
	}
	return StatusView{Slug: s.Slug(), Icon: statusIcons[s], Label: s.String()}
}

func (b *Builder) scoreView(r scorecard.Rollup) ScoreView {
	return ScoreView{
		Score:  scoreVal(b.loc(), r.Score),
		Status: statusView(r.Status),
		Counts: Counts{
			OnTarget:  r.Counts[scorecard.OnTarget],
			AtRisk:    r.Counts[scorecard.AtRisk],
			OffTarget: r.Counts[scorecard.OffTarget],
			NoData:    r.Counts[scorecard.NoData],
			Total:     r.Total,
		},
	}
}

// trendView shows k's trend. The arrow follows the values: up for an
// improving higher-is-better KPI, down for an improving lower-is-better
// one; for a range KPI, the latest change's sign.
func trendView(k *scorecard.KPI) TrendView {
	var up bool
	switch k.Direction {
	case scorecard.Lower:
		up = k.Trend == scorecard.Worsening
	case scorecard.Range:
		up = k.ChangePrev.OK && k.ChangePrev.V > 0
	default:
		up = k.Trend == scorecard.Improving
	}
	arrow := "↓"
	if up {
		arrow = "↑"
	}
	switch k.Trend {
	case scorecard.Improving:
		return TrendView{Slug: "improving", Arrow: arrow, Label: "improving"}
	case scorecard.Worsening:
		return TrendView{Slug: "worsening", Arrow: arrow, Label: "worsening"}
	case scorecard.Steady:
		return TrendView{Slug: "steady", Arrow: "→", Label: "steady"}
	}
	return TrendView{Slug: "no-trend", Arrow: "–", Label: "no trend"}
}

// page fills the layout's fields for a page at the site's root (root "")
// or one folder down (root "../").
func (r *Builder) page(title, root string, current *scorecard.Perspective) Page {
	s := r.sc.Settings
	site := strings.TrimSpace(s.Title)
	if site == "" {
		site = "Balanced scorecard"
	}
	if title == "" {
		title = site
	}
	p := Page{
		Lang:         langOf(s.Locale),
		Title:        title,
		SiteTitle:    site,
		Organisation: strings.TrimSpace(s.Organisation),
		PeriodLabel:  r.periodLabel(),
		Generator:    r.generator,
		Root:         root,
		HasCharts:    true,
		Accent:       s.ThemeColour, // checked by the loader: #rrggbb only
	}
	if s.LogoType != "" {
		p.Logo = template.URL("data:" + s.LogoType + ";base64," + base64.StdEncoding.EncodeToString(s.LogoData))
	}
	for _, q := range r.sc.Perspectives {
		p.Nav = append(p.Nav, NavLink{Name: q.Name, Href: root + r.PerspectivePath(q), Current: q == current})
	}
	p.Nav = append(p.Nav,
		NavLink{Name: "Initiatives", Href: root + InitiativesPath},
		NavLink{Name: "KPI health", Href: root + HealthPath})
	return p
}

func (r *Builder) periodLabel() string {
	if l := r.sc.PeriodLabel(); l != "" {
		return l
	}
	return "no data"
}

// langOf turns a locale such as "en_GB" into an html lang value, "en-GB";
// "en" when there is none or it is not one.
func langOf(locale string) string {
	l := strings.ReplaceAll(strings.TrimSpace(locale), "_", "-")
	if l == "" || len(l) > 35 {
		return "en"
	}
	for _, c := range l {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return "en"
		}
	}
	return l
}

// sparkPeriods is how many recent periods a sparkline shows.
const sparkPeriods = 12

// kpiRow is k's line in a KPI table on a page at root.
func (r *Builder) kpiRow(k *scorecard.KPI, root string) KPIRow {
	f := formatOf(k, r.sc.Settings)
	c := k.Current
	return KPIRow{
		Name:        k.Name,
		Href:        root + r.KPIPath(k),
		Owner:       k.Owner,
		Status:      statusView(c.Status),
		Score:       scoreVal(r.loc(), c.Score),
		Actual:      f.value(c.Actual),
		Target:      targetVal(f, k.Direction, c.Target, c.TargetMax),
		PctOfTarget: pctOfTarget(r.loc(), k, c),
		Change:      f.change(k.ChangePrev, c.Actual),
		Trend:       trendView(k),
		Spark:       r.sparkline(k, f),
		Outlook:     r.outlookView(k),
		Badge:       r.changeBadge(k),
	}
}

// pctOfTarget writes "% of target", which says nothing of a range KPI:
// for one it says where the actual lies against its band.
func pctOfTarget(loc format.Locale, k *scorecard.KPI, c scorecard.Point) Val {
	if k.Direction != scorecard.Range {
		return pctVal(loc, c.PctOfTarget)
	}
	if !c.Actual.OK || !c.Target.OK {
		return Val{}
	}
	hi := c.Target.V
	if c.TargetMax.OK {
		hi = c.TargetMax.V
	}
	switch {
	case c.Actual.V < c.Target.V:
		return Val{Text: "below range", OK: true}
	case c.Actual.V > hi:
		return Val{Text: "above range", OK: true}
	}
	return Val{Text: "within range", OK: true}
}

// redFlagVal writes a red flag; a range KPI has one on each side of its
// band, as far outside it as the lower one is below the target: "0.18 and
// 0.52 mg/l".
func redFlagVal(f numFormat, dir scorecard.Direction, c scorecard.Point) Val {
	v := f.value(c.RedFlag)
	if dir == scorecard.Range && v.OK && c.Target.OK && c.TargetMax.OK {
		upper := scorecard.Some(c.TargetMax.V + (c.Target.V - c.RedFlag.V))
		v.Text = strings.TrimSuffix(v.Text, f.suffix) + " and " + f.value(upper).Text
	}
	return v
}

// targetVal writes a target; a range KPI's as "low to high".
func targetVal(f numFormat, dir scorecard.Direction, t, tmax scorecard.Num) Val {
	v := f.value(t)
	if dir == scorecard.Range && v.OK && tmax.OK {
		// "10 to 14 days", the unit written once.
		v.Text = strings.TrimSuffix(v.Text, f.suffix) + " to " + f.value(tmax).Text
	}
	return v
}

// sparkline draws k's last sparkPeriods actuals.
func (r *Builder) sparkline(k *scorecard.KPI, f numFormat) Sparkline {
	pts := k.Series
	if len(pts) > sparkPeriods {
		pts = pts[len(pts)-sparkPeriods:]
	}
	values := make([]scorecard.Num, len(pts))
	for i, p := range pts {
		values[i] = p.Actual
	}
	// The target line is the latest plotted period's own target: Current's
	// may be a quarter's (three months of a summed KPI) against months.
	var target scorecard.Num
	if len(pts) > 0 {
		target = pts[len(pts)-1].Target
	}
	sp := NewSparkline(values, target, 96, 24)
	if len(sp.Lines) > 0 {
		first, last := pts[0], pts[len(pts)-1]
		sp.Label = fmt.Sprintf("%s to %s", first.Label, last.Label)
		if v := f.value(last.Actual); v.OK {
			sp.Label += ", latest " + v.Text
		}
	}
	return sp
}

// activeRows lists the active KPIs of ks.
func (r *Builder) activeRows(ks []*scorecard.KPI, root string) []KPIRow {
	var rows []KPIRow
	for _, k := range ks {
		if !k.Retired {
			rows = append(rows, r.kpiRow(k, root))
		}
	}
	return rows
}

// inReport reports whether commentary for p belongs to the report period:
// its period holds the report period or lies within it. Commentary with no
// period always does.
func (r *Builder) inReport(p period.Period) bool {
	if p.IsZero() {
		return true
	}
	cal, rp := r.sc.Calendar, r.sc.Period
	return cal.In(rp, p.Freq) == p || cal.In(p, rp.Freq) == rp
}

// comments renders the commentary of the report period.
func (r *Builder) comments(cs []*scorecard.Comment, where string) ([]Comment, error) {
	var out []Comment
	for _, c := range cs {
		if c == nil || !r.inReport(c.Period) {
			continue
		}
		html, err := r.markdown(c.Markdown)
		if err != nil {
			return nil, fmt.Errorf("site: %s: commentary: %w", where, err)
		}
		out = append(out, Comment{HTML: html})
	}
	return out, nil
}

// scoresChart builds a Scores chart of named roll-ups.
func (r *Builder) scoresChart(id, title string, names []string, rs []scorecard.Rollup) (*ChartView, error) {
	scores := make([]*float64, len(rs))
	for i := range rs {
		if s := rs[i].Score; s.OK {
			v := s.V
			scores[i] = &v
		}
	}
	c, err := chart.ScoresIn(r.loc(), id, title, names, scores)
	if err != nil {
		return nil, err
	}
	return chartView(c, ""), nil
}

func chartView(c chart.Chart, caption string) *ChartView {
	return &ChartView{ID: c.ID, Option: string(c.Option), Width: c.Width, Height: c.Height, Alt: c.Alt, Caption: caption}
}

// indexPage builds the view-model of index.html.
func (r *Builder) IndexPage() (*IndexPage, error) {
	sc := r.sc
	v := &IndexPage{Page: r.page("", "", nil), Overall: r.scoreView(sc.Score)}
	v.AtIndex = true
	compact := activeCount(sc) > CompactAbove
	names := make([]string, len(sc.Perspectives))
	rollups := make([]scorecard.Rollup, len(sc.Perspectives))
	byPersp := map[*scorecard.Perspective][]*scorecard.KPI{}
	var orphans []*scorecard.KPI
	for _, k := range sc.KPIs {
		if p := k.InPerspective(); p != nil {
			byPersp[p] = append(byPersp[p], k)
		} else {
			orphans = append(orphans, k)
		}
	}
	for i, p := range sc.Perspectives {
		names[i], rollups[i] = p.Name, p.Score
		v.Perspectives = append(v.Perspectives, PerspectiveCard{Name: p.Name, Href: r.PerspectivePath(p), Score: r.scoreView(p.Score)})
		if !compact {
			v.Tables = append(v.Tables, KPITable{Caption: p.Name + " KPIs", Rows: r.activeRows(byPersp[p], "")})
		}
	}
	if len(orphans) > 0 && !compact {
		v.Tables = append(v.Tables, KPITable{Caption: "Other KPIs", Rows: r.activeRows(orphans, "")})
	}
	c, err := r.scoresChart("scores-perspectives", "", names, rollups)
	if err != nil {
		return nil, fmt.Errorf("site: index.html: %w", err)
	}
	v.Chart = c
	c.Data = &ScoreTable{Caption: "Perspective scores"}
	for _, p := range v.Perspectives {
		c.Data.Rows = append(c.Data.Rows, ScoreRow(p))
	}
	if v.Commentary, err = r.comments(sc.Comments, "index.html"); err != nil {
		return nil, err
	}
	v.StrategyMap = r.StrategyMap("strategy-map", "")
	if compact {
		r.compactIndex(v)
	} else {
		v.Heatmap = r.heatmap("")
	}
	v.Attention, v.AttentionTotal = r.attention("")
	v.BrightSpots = r.brightSpots("")
	v.Data = r.dataFiles("")
	if v.Units, err = r.UnitsIndex(); err != nil {
		return nil, err
	}
	v.Changes = r.Changes("", nil)
	return v, nil
}

// perspectivePage builds the view-model of p's page.
func (r *Builder) PerspectivePage(p *scorecard.Perspective) (*PerspectivePage, error) {
	path := r.PerspectivePath(p)
	v := &PerspectivePage{
		Page:        r.page(p.Name, "../", p),
		Name:        p.Name,
		Description: p.Description,
		Score:       r.scoreView(p.Score),
		YearEnd:     r.yearEnd(p, func(k *scorecard.KPI) string { return "../" + r.KPIPath(k) }),
		Changes:     r.Changes("../", p),
		Compact:     r.compactPerspective(p),
	}
	if v.Compact {
		r.compactYearEnd(v.YearEnd)
	}
	rows := r.activeRows
	if v.Compact {
		rows = r.compactRows
	}
	var err error
	if v.Commentary, err = r.comments(p.Comments, path); err != nil {
		return nil, err
	}
	if len(r.sc.Units) > 0 {
		if v.Learn, err = r.learnFrom("../", p); err != nil {
			return nil, err
		}
	}
	names := make([]string, len(p.Objectives))
	rollups := make([]scorecard.Rollup, len(p.Objectives))
	for i, o := range p.Objectives {
		names[i], rollups[i] = o.Name, o.Score
		sec := ObjectiveSection{
			Anchor:      r.objAnchor(o),
			Name:        o.Name,
			Description: o.Description,
			Owner:       o.Owner,
			Score:       r.scoreView(o.Score),
			KPIs:        KPITable{Caption: "KPIs of " + o.Name, Rows: rows(o.KPIs, "../")},
		}
		for _, k := range o.KPIs {
			if k.Retired {
				sec.Retired = append(sec.Retired, Link{Name: k.Name, Href: "../" + r.KPIPath(k)})
			}
		}
		for _, in := range o.Initiatives {
			sec.Initiatives = append(sec.Initiatives, r.initiativeLine(in))
		}
		if sec.Commentary, err = r.comments(o.Comments, path); err != nil {
			return nil, err
		}
		v.Objectives = append(v.Objectives, sec)
	}
	slug := r.perspSlug[p]
	if v.Chart, err = r.scoresChart("scores-"+slug, "", names, rollups); err != nil {
		return nil, fmt.Errorf("site: %s: %w", path, err)
	}
	v.Chart.Data = &ScoreTable{Caption: "Objective scores"}
	for _, o := range v.Objectives {
		v.Chart.Data.Rows = append(v.Chart.Data.Rows, ScoreRow{Name: o.Name, Href: "#" + o.Anchor, Score: o.Score})
	}
	return v, nil
}

// kpiPage builds the view-model of k's page.
func (r *Builder) KPIPage(k *scorecard.KPI) (*KPIPage, error) {
	path := r.KPIPath(k)
	p := k.InPerspective()
	f := formatOf(k, r.sc.Settings)
	c := k.Current
	v := &KPIPage{
		Page:         r.page(k.Name, "../", p),
		Name:         k.Name,
		Description:  k.Description,
		Retired:      k.Retired,
		CurrentLabel: c.Label,
		Actual:       f.value(c.Actual),
		Status:       statusView(c.Status),
		Score:        scoreVal(r.loc(), c.Score),
		PctOfTarget:  pctOfTarget(r.loc(), k, c),
		Target:       targetVal(f, k.Direction, c.Target, c.TargetMax),
		RedFlag:      redFlagVal(f, k.Direction, c),
		ChangePrev:   f.change(k.ChangePrev, c.Actual),
		ChangeYear:   f.change(k.ChangeYear, c.Actual),
		YTDLabel:     "Year to date",
		YTD:          f.value(k.YTD.Actual),
		Trend:        trendView(k),
		Outlook:      r.outlookView(k),
		Variance:     r.variances(k),
	}
	if v.CurrentLabel == "" {
		v.CurrentLabel = v.PeriodLabel
	}
	if k.Direction == scorecard.Range {
		v.TargetMax = f.value(c.TargetMax)
	}
	if k.YTD.Label != "" {
		v.YTDLabel = "Year to date (" + k.YTD.Label + ")"
	}
	v.Crumbs = []Link{{Name: "Overview", Href: "../index.html"}}
	if p != nil {
		v.Crumbs = append(v.Crumbs, Link{Name: p.Name, Href: "../" + r.PerspectivePath(p)})
		if o := k.Objective; o != nil && o.Perspective == p {
			v.Crumbs = append(v.Crumbs, Link{Name: o.Name, Href: "../" + r.PerspectivePath(p) + "#" + r.objAnchor(o)})
		}
	}

	v.History = historyTable("History of "+k.Name+", newest first", k.Series, f, k, k.Current.Period)
	if k.Frequency == period.Month && len(k.Quarters) > 0 {
		q := historyTable("Quarters of "+k.Name+", newest first", k.Quarters, f, k, k.Current.Period)
		v.Quarters = &q
	}
	if len(k.Series) > 0 {
		ch, err := r.historyChart(k, f)
		if err != nil {
			return nil, fmt.Errorf("site: %s: %w", path, err)
		}
		v.Chart = ch
	}
	v.Definition = r.definition(k, f)
	v.Health = r.healthView(k, "../")
	units, err := r.UnitComparison(k)
	if err != nil {
		return nil, err
	}
	v.Units = units

	cs := append([]*scorecard.Comment(nil), k.Comments...)
	cal := r.sc.Calendar
	sort.SliceStable(cs, func(i, j int) bool { return cal.Before(cs[j].Period, cs[i].Period) })
	for _, cm := range cs {
		if cm == nil {
			continue
		}
		html, err := r.markdown(cm.Markdown)
		if err != nil {
			return nil, fmt.Errorf("site: %s: commentary: %w", path, err)
		}
		heading := ""
		if !cm.Period.IsZero() {
			heading = cal.Label(cm.Period)
		}
		v.Commentary = append(v.Commentary, Comment{Heading: heading, HTML: html})
	}
	return v, nil
}

// historyTable lists pts newest first, marking the row of current.
func historyTable(caption string, pts []scorecard.Point, f numFormat, k *scorecard.KPI, current period.Period) HistoryTable {
	t := HistoryTable{Caption: caption, HasTargetMax: k.Direction == scorecard.Range}
	if len(pts) > 0 {
		t.Rows = make([]HistoryRow, 0, len(pts))
	}
	// Targets and red flags mostly repeat from period to period: each
	// column writes a value once until it changes.
	var target, targetMax, redFlag repeated
	// A rolled-up point counts the KPI's own periods in it.
	for i := len(pts) - 1; i >= 0; i-- {
		p := pts[i]
		row := HistoryRow{
			Label:     p.Label,
			Current:   !current.IsZero() && p.Period == current,
			Actual:    f.value(p.Actual),
			Target:    target.value(f, p.Target),
			TargetMax: targetMax.value(f, p.TargetMax),
			RedFlag:   redFlag.value(f, p.RedFlag),
			Score:     scoreVal(f.loc, p.Score),
			Status:    statusView(p.Status),
			Note:      p.Comment,
		}
		if p.Of > 1 && p.Count < p.Of {
			row.Partial = fmt.Sprintf("%d of %s", p.Count, k.Frequency.Count(p.Of))
		}
		if p.Comment != "" {
			t.HasNotes = true
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// repeated remembers the last number a column wrote and how.
type repeated struct {
	n   scorecard.Num
	val Val
	set bool
}

// value is f.value(n), written again only when n is not the number
// before it.
func (r *repeated) value(f numFormat, n scorecard.Num) Val {
	if r.set && n.OK == r.n.OK && math.Float64bits(n.V) == math.Float64bits(r.n.V) {
		return r.val
	}
	r.n, r.val, r.set = n, f.value(n), true
	return r.val
}

// historyChart builds k's history chart from its Series.
func (r *Builder) historyChart(k *scorecard.KPI, f numFormat) (*ChartView, error) {
	n := len(k.Series)
	labels := make([]string, n)
	var actual, target, red, tmax []scorecard.Num
	for _, p := range k.Series {
		actual = append(actual, p.Actual)
		target = append(target, p.Target)
		red = append(red, p.RedFlag)
		tmax = append(tmax, p.TargetMax)
	}
	for i, p := range k.Series {
		labels[i] = p.Label
	}
	ptrs := func(ns []scorecard.Num) []*float64 {
		out := make([]*float64, len(ns))
		for i, x := range ns {
			if ok(x) {
				v := x.V * f.scale
				out[i] = &v
			}
		}
		return out
	}
	in := chart.HistoryInput{
		ID:        "history-" + r.kpiSlug[k],
		Title:     k.Name,
		Unit:      chartUnit(k, f, r.sc.Settings),
		Frequency: k.Frequency.String(),
		Decimals:  f.chartDecimals(actual, target, red),
		Direction: k.Direction.String(),
		Labels:    labels,
		Actual:    ptrs(actual),
		Target:    ptrs(target),
		RedFlag:   ptrs(red),
		Locale:    f.loc,
	}
	if k.Direction == scorecard.Range {
		in.TargetMax = ptrs(tmax)
	}
	r.addProjection(&in, k, f)
	c, err := chart.History(in)
	if err != nil {
		return nil, err
	}
	return chartView(c, ""), nil
}

// chartUnit is the unit a chart writes after values.
func chartUnit(k *scorecard.KPI, f numFormat, s scorecard.Settings) string {
	switch {
	case f.percent:
		return "%"
	case strings.EqualFold(k.Format, "currency") && strings.ContainsAny(f.prefix, "£$€") && len(strings.TrimSpace(f.prefix)) <= len("€"):
		return f.prefix + strings.TrimSpace(f.suffix) // the Settings' symbol: "€k"
	case strings.TrimSpace(k.Unit) != "":
		return strings.TrimSpace(k.Unit)
	case strings.EqualFold(k.Format, "currency"):
		return strings.ToUpper(strings.TrimSpace(s.Currency))
	}
	return ""
}

var directionWords = map[scorecard.Direction]string{
	scorecard.Higher: "higher is better",
	scorecard.Lower:  "lower is better",
	scorecard.Range:  "on target within a range",
}

// definition lists k's definition.
func (r *Builder) definition(k *scorecard.KPI, f numFormat) []Term {
	agg := k.Aggregation.String()
	if k.Ratio {
		agg += " (numerator and denominator summed, then divided)"
	}
	review := ""
	if !k.ReviewDate.IsZero() {
		review = k.ReviewDate.Format("2 Jan 2006")
	}
	objective := ""
	if k.Objective != nil && !k.Objective.Implicit {
		objective = k.Objective.Name
	}
	weight := ""
	if k.Weight != 0 {
		weight = plainNumber(k.Weight)
	}
	return []Term{
		{"ID", k.ID},
		{"Description", k.Description},
		{"Objective", objective},
		{"Owner", k.Owner},
		{"Unit", k.Unit},
		{"Direction", directionWords[k.Direction]},
		{"Frequency", k.Frequency.String()},
		{"Aggregation", agg},
		{"Data source", k.DataSource},
		{"Baseline", f.value(k.Baseline).Text},
		{"Default target", targetVal(f, k.Direction, k.Target, k.TargetMax).Text},
		{"Default red flag", f.value(k.RedFlag).Text},
		{"Weight", weight},
		{"Review date", review},
	}
}
