package view

import (
	"fmt"
	"html/template"

	"kpireport/report/format"
	"kpireport/report/scorecard"
)

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

// packAttention reports whether the packs draw full charts only for the
// KPIs that need the board's eye (Settings pack_charts: attention, or auto
// above CompactAbove active KPIs) and a sparkline for the others.
func (r *Builder) packAttention() bool {
	switch r.sc.Settings.PackCharts {
	case "all":
		return false
	case "attention":
		return true
	}
	return activeCount(r.sc) > CompactAbove
}

// needsEye reports whether k gets a full chart in a pack at scale: off
// target, at risk, worsening, or marked key.
func needsEye(k *scorecard.KPI) bool {
	s := k.Current.Status
	return k.Key || s == scorecard.OffTarget || s == scorecard.AtRisk || k.Trend == scorecard.Worsening
}

// compactPerspective reports whether p's page takes its compact form: more
// than CompactAbove active KPIs in its objectives.
func (r *Builder) compactPerspective(p *scorecard.Perspective) bool {
	seen := map[*scorecard.KPI]bool{}
	for _, o := range p.Objectives {
		for _, k := range o.KPIs {
			if !k.Retired {
				seen[k] = true
			}
		}
	}
	return len(seen) > CompactAbove
}

// compactRows lists the active KPIs of ks as a compact page shows them:
// name, status, score, actual, target, trend and the year-end verdict,
// without the sparkline, owner, % of target and change that make a full
// row four times the size.
func (r *Builder) compactRows(ks []*scorecard.KPI, root string) []KPIRow {
	var rows []KPIRow
	for _, k := range ks {
		if k.Retired {
			continue
		}
		f := formatOf(k, r.sc.Settings)
		c := k.Current
		rows = append(rows, KPIRow{
			Name:    k.Name,
			Href:    root + r.KPIPath(k),
			Status:  statusView(c.Status),
			Score:   scoreVal(r.loc(), c.Score),
			Actual:  f.value(c.Actual),
			Target:  targetVal(f, k.Direction, c.Target, c.TargetMax),
			Trend:   trendView(k),
			Outlook: r.outlookView(k),
			Badge:   r.changeBadge(k),
		})
	}
	return rows
}

// compactYearEnd keeps in y only the KPIs in doubt or unlikely to meet the
// year's target, the ones a reader must act on; the others stay counted,
// and Unlisted says where their verdicts are.
func (r *Builder) compactYearEnd(y *YearEnd) {
	var keep []YearEndRow
	for _, row := range y.Rows {
		if s := row.Outlook.Slug; s == "in-doubt" || s == "unlikely" {
			keep = append(keep, row)
		}
	}
	y.Rows = keep
	n := y.Likely + y.None
	if n == 0 {
		return
	}
	what := "likely to meet it"
	switch {
	case y.Likely == 0:
		what = "without a projection"
	case y.None > 0:
		what = "likely to meet it or without a projection"
	}
	y.Unlisted = fmt.Sprintf("Only the KPIs in doubt or unlikely to meet the year's target are listed; the other %s, %s, are in the KPI tables below with their verdicts, and each KPI's page gives its projection.",
		r.loc().Number(float64(n), 0), what)
}

// PackCardBytes is the least a perspective pack carries of KPI cards at
// scale, and BoardCardBytes what the board pack carries. A perspective pack
// otherwise gets what PackBytes leaves after its compact rows (about
// rowBytes each): at 5,000 KPIs × 60 months a card with its chart is about
// 15.7 kB and a compact row, with its link, 0.45 kB, so that a
// perspective's 1,250 rows come to about 0.6 MB and its cards to the
// least, near 0.85 MB in all; a perspective of 250 KPIs has room for about
// 45 cards. The board pack, which lists no rows, stays near 0.6 MB.
const (
	PackCardBytes  = 256 << 10
	BoardCardBytes = 512 << 10
	PackBytes      = 850 << 10
	rowBytes       = 450
)

// packCardLimit is how many bytes of cards p's pack carries at scale.
func (r *Builder) packCardLimit(p *scorecard.Perspective) int {
	rows := 0
	for _, k := range r.perspectiveKPIs(p) {
		rows += rowBytes + 2*len(k.Name)
	}
	return max(PackCardBytes, PackBytes-rows)
}

// cardBytes is what a KPI card costs in a pack besides its name, owner,
// description, chart or sparkline and commentary: its figures and markup,
// 1.4 to 1.5 kB as measured at 5,000 KPIs × 60 months. sparkBytes is a
// sparkline's markup besides its points.
const (
	cardBytes  = 1500
	sparkBytes = 400
)

// budget counts bytes against a limit, for what a pack carries in
// boardOrder (charts, or cards): once one thing does not fit, nothing
// after it is taken, so that what is kept is always the first in that
// order.
type budget struct {
	limit, used int
	full        bool
}

// take reports whether n more bytes fit, and counts them if so.
// The first thing is always taken, so that one card or chart too big for
// the budget does not leave none.
func (b *budget) take(n int) bool {
	if b.full || b.used > 0 && b.used+n > b.limit {
		b.full = true
		return false
	}
	b.used += n
	return true
}

// cardSize is about how many bytes c takes in a pack.
func cardSize(c KPICard) int {
	n := cardBytes + 2*len(c.Name) + len(c.Owner) + len(c.Description) + len(c.Chart)
	if len(c.Spark.Lines) > 0 {
		n += sparkBytes + len(c.Spark.Label)
		for _, l := range c.Spark.Lines {
			n += len(l)
		}
	}
	for _, m := range c.Commentary {
		n += len(m.Heading) + len(m.HTML) + 80
	}
	return n
}

// perspectiveKPIs is p's active KPIs, once each, in its objectives' order.
func (r *Builder) perspectiveKPIs(p *scorecard.Perspective) []*scorecard.KPI {
	var out []*scorecard.KPI
	seen := map[*scorecard.KPI]bool{}
	for _, o := range p.Objectives {
		for _, k := range o.KPIs {
			if !k.Retired && !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

// ordered is those of ks in order's order.
func (r *Builder) ordered(order, ks []*scorecard.KPI) []*scorecard.KPI {
	in := make(map[*scorecard.KPI]bool, len(ks))
	for _, k := range ks {
		in[k] = true
	}
	out := make([]*scorecard.KPI, 0, len(ks))
	for _, k := range order {
		if in[k] {
			out = append(out, k)
		}
	}
	return out
}

// cardRoom is the KPIs of p that could have a card in its pack at scale:
// the first in order (boardOrder) of as many as packCardLimit would hold if
// each card were at its smallest. Only these need a chart drawn.
func (r *Builder) cardRoom(order []*scorecard.KPI, p *scorecard.Perspective) map[*scorecard.KPI]bool {
	ks := r.ordered(order, r.perspectiveKPIs(p))
	if n := r.packCardLimit(p) / cardBytes; len(ks) > n {
		ks = ks[:n]
	}
	room := make(map[*scorecard.KPI]bool, len(ks))
	for _, k := range ks {
		room[k] = true
	}
	return room
}

// packCards is the KPIs of p that have a card in its pack at scale: the
// first in order (boardOrder) whose cards fit in packCardLimit.
func (r *Builder) packCards(order []*scorecard.KPI, p *scorecard.Perspective, svg map[string]template.HTML) (map[*scorecard.KPI]bool, error) {
	return r.fitCards(r.ordered(order, r.perspectiveKPIs(p)), r.packCardLimit(p), svg)
}

// fitCards is the first of ks whose cards, with the charts of svg, fit in
// limit bytes.
func (r *Builder) fitCards(ks []*scorecard.KPI, limit int, svg map[string]template.HTML) (map[*scorecard.KPI]bool, error) {
	b := budget{limit: limit}
	out := map[*scorecard.KPI]bool{}
	for _, k := range ks {
		c, err := r.kpiCard(k, r.PerspectiveSlug(k.InPerspective())+".html", svg)
		if err != nil {
			return nil, err
		}
		if !b.take(cardSize(c)) {
			break
		}
		out[k] = true
	}
	return out, nil
}

// kpiCount is "1 KPI" or "n KPIs", n in the locale's digits.
func kpiCount(loc format.Locale, n int) string {
	if n == 1 {
		return "1 KPI"
	}
	return loc.Number(float64(n), 0) + " KPIs"
}

// cardNote says at a pack's start, at scale, which KPIs have a card (n of
// them) and where the rest are.
func (r *Builder) cardNote(n, rest int, where string) string {
	loc := r.loc()
	note := fmt.Sprintf("Full cards for the %s most in need of attention (key KPIs first, then those off target, worsening or at risk), as many as the pack has room for; the cards of those off target, at risk, worsening or key have a full chart, the others a sparkline.",
		kpiCount(loc, n))
	if rest > 0 {
		note += fmt.Sprintf(" The other %s %s.", loc.Number(float64(rest), 0), where)
	}
	return note
}

// cardsYearEnd empties y's table in a pack at scale, where every KPI's
// verdict is on its row or card already (in the board pack, on its card or
// in its perspective's pack), and keeps its counts.
func cardsYearEnd(y *YearEnd, board bool) {
	y.Rows = nil
	y.Unlisted = "Each KPI's verdict is in the Outlook column of its objective's table below, and on its card when it has one."
	if board {
		y.Unlisted = "Each KPI's verdict is on its card below, or in its row in the perspective's review pack."
	}
}
