package view

import (
	"fmt"
	"html/template"
	"sort"
	"strings"

	"kpireport/report/scorecard"
)

// LearnPeriods is how many of the latest periods a unit must lead a KPI in,
// on target with the best score, to be listed under "Learn from".
const LearnPeriods = 3

// UnitPath is the path of u's page in the site.
func (r *Builder) UnitPath(u *scorecard.Unit) string { return "units/" + u.Slug + ".html" }

// UnitRow is a unit in a list or tree of units.
type UnitRow struct {
	Name, Href, Owner string
	Depth             int
	Indent            string // CSS padding for the depth
	Score             ScoreView
	Children          int
}

// UnitsIndex is what the index shows of the business units: the tree,
// the heatmap and the Learn-from list. Nil without a Units sheet.
type UnitsIndex struct {
	Tree    []UnitRow
	Heatmap UnitHeatmap
	Learn   []LearnGroup
}

// UnitHeatmap is a unit × KPI status grid: units down in tree order, KPIs
// across grouped by perspective.
type UnitHeatmap struct {
	Caption string
	Groups  []UnitHeatGroup // perspectives, in order
	Rows    []UnitHeatRow
}

// UnitHeatGroup is a perspective's run of columns.
type UnitHeatGroup struct {
	Name string
	KPIs []Link
}

// UnitHeatRow is one unit's row of the heatmap.
type UnitHeatRow struct {
	Unit   UnitRow
	Cells  []UnitHeatCell
	Parent bool // a roll-up of units below
}

// UnitHeatCell is a unit's status for one KPI; Empty when the unit does
// not report it.
type UnitHeatCell struct {
	Empty  bool
	Status StatusView
	Score  Val
	Title  string // "Unit, KPI: status, score 6.2"; "" above HeatTitlesUpTo cells
}

// HeatTitlesUpTo is how many cells the unit heatmap may have and still give
// each a tooltip naming its unit, KPI, status and score. Above it (50 units
// by 100 KPIs is 5,000) the tooltips would be half the index's weight; the
// row and column headers name the unit and the KPI, and each cell still
// says its status in words.
const HeatTitlesUpTo = 2000

// LearnGroup is one perspective's Learn-from rows.
type LearnGroup struct {
	Name string
	Rows []LearnRow
}

// LearnRow is a KPI's consistent leader and the units furthest behind.
type LearnRow struct {
	KPI     Link
	Leader  Link
	Score   Val
	Actual  Val
	Behind  []Link
	Quote   template.HTML // the leader's latest commentary, "" for none
	Periods int
}

// UnitComparison compares a KPI across units on its page: the operating
// (leaf) units first, best first, then the roll-ups.
type UnitComparison struct {
	Caption string
	Rows    []UnitCompareRow
	Spread  string     // best and worst of the operating units, and the gap
	Chart   *ChartView // the operating units' scores; the table is its text
}

// UnitCompareRow is one unit's latest result for the KPI.
type UnitCompareRow struct {
	Unit           Link
	RollUp         bool
	Actual, Target Val
	Score          Val
	Status         StatusView
	Trend          TrendView
	Rank           int // among the operating units; 0 for a roll-up
}

// UnitPage is the view-model of units/<slug>.html.
type UnitPage struct {
	Page
	Name, Owner  string
	Crumbs       []Link
	Score        ScoreView
	Perspectives []PerspectiveCard
	Children     []UnitRow
	KPIs         []UnitCompareRowKPI
	Health       *UnitHealth // nil when the unit reports no active KPI
}

// UnitHealth is the health review of a unit's KPIs on its page, run on the
// unit's own or rolled-up figures (scorecard.ReviewHealth).
type UnitHealth struct {
	Counts HealthCounts
	// Rows are the KPIs whose figures (data, targets, results) need a
	// review in this unit, poor first, each with those findings.
	Rows []UnitHealthRow
	// Clear is how many of the unit's KPIs have no such finding.
	Clear  int
	Review string // the site's KPI health review, from the unit's page
}

// UnitHealthRow is one of a unit's KPIs whose figures need a review.
type UnitHealthRow struct {
	KPI      Link
	Health   HealthView
	Findings []FindingView // the findings of the unit's figures only
}

// UnitCompareRowKPI is one of the unit's KPIs on its page.
type UnitCompareRowKPI struct {
	KPI         Link
	Perspective string
	Actual      Val
	Target      Val
	Score       Val
	Status      StatusView
	Trend       TrendView
}

func (r *Builder) unitRow(u *scorecard.Unit, root string) UnitRow {
	return UnitRow{Name: u.Name, Href: root + r.UnitPath(u), Owner: u.Owner, Depth: u.Depth,
		Indent: fmt.Sprintf("padding-left:%.1frem", 0.5+1.25*float64(u.Depth)), Score: r.scoreView(u.Score), Children: len(u.Children)}
}

// UnitsIndex builds the index's units section; nil without units.
func (r *Builder) UnitsIndex() (*UnitsIndex, error) {
	sc := r.sc
	if len(sc.Units) == 0 {
		return nil, nil
	}
	v := &UnitsIndex{}
	for _, u := range sc.Units {
		v.Tree = append(v.Tree, r.unitRow(u, ""))
	}
	v.Heatmap = r.unitHeatmap("")
	learn, err := r.learnFrom("", nil)
	if err != nil {
		return nil, err
	}
	v.Learn = learn
	return v, nil
}

// unitKPIs are the active KPIs measured in some unit, in order.
func (r *Builder) unitKPIs() []*scorecard.KPI {
	var out []*scorecard.KPI
	for _, k := range r.sc.KPIs {
		if k.Retired {
			continue
		}
		for _, u := range r.sc.Units {
			if u.Result(k) != nil {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

func (r *Builder) unitHeatmap(root string) UnitHeatmap {
	sc := r.sc
	h := UnitHeatmap{Caption: "Status of each unit's KPIs, " + r.periodLabel() + ": units down, KPIs across by perspective"}
	ks := r.unitKPIs()
	var order []*scorecard.KPI
	for _, p := range sc.Perspectives {
		g := UnitHeatGroup{Name: p.Name}
		for _, k := range ks {
			if k.InPerspective() == p {
				g.KPIs = append(g.KPIs, Link{Name: k.ID, Href: root + r.KPIPath(k) + r.unitsAnchor(k)})
				order = append(order, k)
			}
		}
		if len(g.KPIs) > 0 {
			h.Groups = append(h.Groups, g)
		}
	}
	titles := len(sc.Units)*len(order) <= HeatTitlesUpTo
	for _, u := range sc.Units {
		row := UnitHeatRow{Unit: r.unitRow(u, root), Parent: !u.Leaf()}
		for _, k := range order {
			res := u.Result(k)
			if res == nil {
				row.Cells = append(row.Cells, UnitHeatCell{Empty: true})
				continue
			}
			st := statusView(res.Current.Status)
			sv := scoreVal(r.loc(), res.Current.Score)
			title := ""
			if titles {
				title = u.Name + ", " + k.Name + ": " + st.Label
				if sv.OK {
					title += ", score " + sv.Text
				}
			}
			row.Cells = append(row.Cells, UnitHeatCell{Status: st, Score: sv, Title: title})
		}
		h.Rows = append(h.Rows, row)
	}
	return h
}

// leaves are the operating units: those with no units below.
func (r *Builder) leaves() []*scorecard.Unit {
	var out []*scorecard.Unit
	for _, u := range r.sc.Units {
		if u.Leaf() {
			out = append(out, u)
		}
	}
	return out
}

// learnFrom finds, for each KPI measured in two operating units or more,
// the unit that was on target with the best score in each of the last
// LearnPeriods periods, and the two units furthest behind now.
func (r *Builder) learnFrom(root string, only *scorecard.Perspective) ([]LearnGroup, error) {
	sc := r.sc
	var groups []LearnGroup
	for _, p := range sc.Perspectives {
		if only != nil && p != only {
			continue
		}
		g := LearnGroup{Name: p.Name}
		for _, k := range r.unitKPIs() {
			if k.InPerspective() != p {
				continue
			}
			var us []*scorecard.Unit
			for _, u := range r.leaves() {
				if u.Result(k) != nil {
					us = append(us, u)
				}
			}
			if len(us) < 2 {
				continue
			}
			leader := consistentLeader(k, us)
			if leader == nil {
				continue
			}
			res := leader.Result(k)
			f := formatOf(k, sc.Settings)
			row := LearnRow{
				KPI:     Link{Name: k.Name, Href: root + r.KPIPath(k) + r.unitsAnchor(k)},
				Leader:  Link{Name: leader.Name, Href: root + r.UnitPath(leader)},
				Score:   scoreVal(r.loc(), res.Current.Score),
				Actual:  f.value(res.Current.Actual),
				Periods: LearnPeriods,
			}
			sorted := sortByScore(k, us)
			for i := len(sorted) - 1; i >= 0 && len(row.Behind) < 2; i-- {
				if sorted[i] != leader {
					row.Behind = append(row.Behind, Link{Name: sorted[i].Name, Href: root + r.UnitPath(sorted[i])})
				}
			}
			if c := latestComment(res); c != "" {
				html, err := r.markdown(c)
				if err != nil {
					return nil, fmt.Errorf("units: %s: %w", k.ID, err)
				}
				row.Quote = html
			}
			g.Rows = append(g.Rows, row)
		}
		if len(g.Rows) > 0 {
			groups = append(groups, g)
		}
	}
	return groups, nil
}

// consistentLeader is the unit with the best score among us, on target, in
// each of the last LearnPeriods periods of its series up to the report
// period; nil when no unit leads them all.
func consistentLeader(k *scorecard.KPI, us []*scorecard.Unit) *scorecard.Unit {
	var leader *scorecard.Unit
	for back := 0; back < LearnPeriods; back++ {
		var best *scorecard.Unit
		var bestScore float64
		for _, u := range us {
			s := u.Result(k).Series
			i := len(s) - 1 - back
			if i < 0 || s[i].Status != scorecard.OnTarget || !s[i].Score.OK {
				continue
			}
			if best == nil || s[i].Score.V > bestScore {
				best, bestScore = u, s[i].Score.V
			}
		}
		if best == nil || (leader != nil && best != leader) {
			return nil
		}
		leader = best
	}
	return leader
}

// latestComment is the newest commentary in a unit's series.
func latestComment(k *scorecard.KPI) string {
	for i := len(k.Series) - 1; i >= 0; i-- {
		if c := strings.TrimSpace(k.Series[i].Comment); c != "" {
			return c
		}
	}
	return ""
}

// sortByScore orders units by their current score for k, best first;
// units without a score last; ties by the actual in the KPI's direction,
// then by tree order.
func sortByScore(k *scorecard.KPI, us []*scorecard.Unit) []*scorecard.Unit {
	out := append([]*scorecard.Unit(nil), us...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Result(k).Current, out[j].Result(k).Current
		if a.Score.OK != b.Score.OK {
			return a.Score.OK
		}
		if a.Score.OK && a.Score.V != b.Score.V {
			return a.Score.V > b.Score.V
		}
		if a.Actual.OK && b.Actual.OK && a.Actual.V != b.Actual.V {
			if k.Direction == scorecard.Lower {
				return a.Actual.V < b.Actual.V
			}
			return a.Actual.V > b.Actual.V
		}
		return false
	})
	return out
}

// unitsAnchor is the fragment of k's page that compares it across the
// units, "#units", or "" when k's page has no such section (fewer than two
// units report it; see UnitComparison).
func (r *Builder) unitsAnchor(k *scorecard.KPI) string {
	n := 0
	for _, u := range r.sc.Units {
		if u.Result(k) != nil {
			if n++; n == 2 {
				return "#units"
			}
		}
	}
	return ""
}

// UnitComparison compares k across the units; nil when fewer than two
// units report it.
func (r *Builder) UnitComparison(k *scorecard.KPI) (*UnitComparison, error) {
	var leaves, parents []*scorecard.Unit
	for _, u := range r.sc.Units {
		if u.Result(k) == nil {
			continue
		}
		if u.Leaf() {
			leaves = append(leaves, u)
		} else {
			parents = append(parents, u)
		}
	}
	if len(leaves)+len(parents) < 2 {
		return nil, nil
	}
	f := formatOf(k, r.sc.Settings)
	v := &UnitComparison{Caption: k.Name + " across units, " + r.periodLabel() + ": operating units best first, then the roll-ups"}
	row := func(u *scorecard.Unit, rank int) UnitCompareRow {
		res := u.Result(k)
		c := res.Current
		return UnitCompareRow{
			Unit: Link{Name: u.Name, Href: "../" + r.UnitPath(u)}, RollUp: !u.Leaf(), Rank: rank,
			Actual: f.value(c.Actual), Target: targetVal(f, k.Direction, c.Target, c.TargetMax),
			Score: scoreVal(r.loc(), c.Score), Status: statusView(c.Status), Trend: trendView(res),
		}
	}
	sorted := sortByScore(k, leaves)
	names := make([]string, len(sorted))
	scores := make([]scorecard.Rollup, len(sorted))
	for i, u := range sorted {
		v.Rows = append(v.Rows, row(u, i+1))
		names[i] = u.Name
		c := u.Result(k).Current
		scores[i] = scorecard.Rollup{Score: c.Score, Status: c.Status}
	}
	if len(sorted) > 1 {
		ch, err := r.scoresChart("units-"+r.kpiSlug[k], "", names, scores)
		if err != nil {
			return nil, fmt.Errorf("site: %s: across units: %w", r.KPIPath(k), err)
		}
		ch.Alt = "Scores of " + k.Name + " by operating unit, best first; the table below gives them"
		v.Chart = ch
	}
	for _, u := range sortByScore(k, parents) {
		v.Rows = append(v.Rows, row(u, 0))
	}
	// The spread of the operating units' actuals.
	var lo, hi *scorecard.Unit
	for _, u := range leaves {
		a := u.Result(k).Current.Actual
		if !a.OK {
			continue
		}
		if lo == nil || a.V < lo.Result(k).Current.Actual.V {
			lo = u
		}
		if hi == nil || a.V > hi.Result(k).Current.Actual.V {
			hi = u
		}
	}
	if lo != nil && hi != nil && lo != hi {
		la, ha := lo.Result(k).Current.Actual, hi.Result(k).Current.Actual
		v.Spread = fmt.Sprintf("Spread: %s (%s) to %s (%s), a gap of %s", f.value(la).Text, lo.Name, f.value(ha).Text, hi.Name, strings.TrimPrefix(f.change(scorecard.Some(ha.V-la.V), ha).Text, "+"))
	}
	return v, nil
}

// UnitPage builds the view-model of u's page.
func (r *Builder) UnitPage(u *scorecard.Unit) *UnitPage {
	sc := r.sc
	v := &UnitPage{Page: r.page(u.Name, "../", nil), Name: u.Name, Owner: u.Owner, Score: r.scoreView(u.Score)}
	v.Crumbs = []Link{{Name: "Overview", Href: "../index.html"}}
	for _, a := range u.Path() {
		if a != u {
			v.Crumbs = append(v.Crumbs, Link{Name: a.Name, Href: "../" + r.UnitPath(a)})
		}
	}
	for i, p := range sc.Perspectives {
		if i < len(u.Perspectives) && u.Perspectives[i].Total > 0 {
			v.Perspectives = append(v.Perspectives, PerspectiveCard{Name: p.Name, Href: "../" + r.PerspectivePath(p), Score: r.scoreView(u.Perspectives[i])})
		}
	}
	for _, c := range u.Children {
		v.Children = append(v.Children, r.unitRow(c, "../"))
	}
	for _, def := range sc.KPIs {
		res := u.Result(def)
		if res == nil || res.Retired {
			continue
		}
		f := formatOf(res, sc.Settings)
		c := res.Current
		name := ""
		if p := res.InPerspective(); p != nil {
			name = p.Name
		}
		v.KPIs = append(v.KPIs, UnitCompareRowKPI{
			KPI: Link{Name: res.Name, Href: "../" + r.KPIPath(def) + r.unitsAnchor(def)}, Perspective: name,
			Actual: f.value(c.Actual), Target: targetVal(f, res.Direction, c.Target, c.TargetMax),
			Score: scoreVal(r.loc(), c.Score), Status: statusView(c.Status), Trend: trendView(res),
		})
	}
	v.Health = r.unitHealth(u)
	return v
}

// unitHealth is the health review of u's active KPIs: the counts by level
// and the KPIs whose figures need a review. The findings on a KPI's
// definition are the organisation's KPI's, shown on the health review.
func (r *Builder) unitHealth(u *scorecard.Unit) *UnitHealth {
	def := map[*scorecard.KPI]*scorecard.KPI{}
	var res []*scorecard.KPI
	for _, k := range r.sc.KPIs {
		if x := u.Result(k); x != nil && !x.Retired {
			def[x] = k
			res = append(res, x)
		}
	}
	if len(res) == 0 {
		return nil
	}
	h := &UnitHealth{Review: "../" + HealthPath}
	for _, x := range sortByHealth(res) {
		h.Counts.add(healthLevel(x))
		row := UnitHealthRow{
			KPI:    Link{Name: x.Name, Href: "../" + r.KPIPath(def[x]) + r.unitsAnchor(def[x])},
			Health: r.healthView(x, "../"),
		}
		// The entry of the organisation's KPI, where its definition's
		// findings are.
		row.Health.Href = "../" + r.healthPath(def[x]) + "#" + r.healthAnchor(def[x])
		if x.Health != nil {
			for _, f := range x.Health.Findings {
				if f.OfData() {
					row.Findings = append(row.Findings, FindingView{Severity: f.Severity.String(), Message: f.Message, Suggestion: f.Suggestion})
				}
			}
		}
		if len(row.Findings) == 0 {
			h.Clear++
			continue
		}
		h.Rows = append(h.Rows, row)
	}
	return h
}
