package view

import (
	"strings"

	"kpireport/report/scorecard"
)

// BoardPage is the board pack's first page, the scorecard on a page: the
// organisation's score, each perspective's score and change and outlook,
// the counts by status, the KPIs that most need attention and the
// decisions asked for.
type BoardPage struct {
	Score        ScoreView
	Counts       Counts
	Perspectives []BoardPerspective
	Attention    []AttentionRow // the BoardAttention most serious
	// AttentionTotal is how many KPIs need attention in all.
	AttentionTotal int
	Decisions      []string
	// MoreDecisions is how many decisions were left off to fit the page.
	MoreDecisions int
}

// BoardPerspective is a perspective's line on the board page.
type BoardPerspective struct {
	Name    string
	Score   ScoreView
	Change  Val    // against the previous period, in score points
	Outlook string // the year-end section's line
}

// BoardAttention is how many KPIs the board page lists as needing
// attention; boardDecisions how many decisions it lists.
const (
	BoardAttention = 5
	boardDecisions = 6
)

func (r *Builder) boardPage() *BoardPage {
	b := &BoardPage{Score: r.scoreView(r.sc.Score)}
	b.Counts = b.Score.Counts
	rows, total := r.attention("")
	b.Attention, b.AttentionTotal = rows[:min(len(rows), BoardAttention)], total
	for i := range b.Attention {
		b.Attention[i].Href = ""
	}
	for _, p := range r.sc.Perspectives {
		bp := BoardPerspective{Name: p.Name, Score: r.scoreView(p.Score), Outlook: r.yearEnd(p, r.KPIPath).Line()}
		if prev := previousScore(p); p.Score.Score.OK && prev.OK {
			bp.Change = scoreChange(p.Score.Score.V - prev.V)
		}
		b.Perspectives = append(b.Perspectives, bp)
	}
	all := r.decisions()
	b.Decisions = all[:min(len(all), boardDecisions)]
	b.MoreDecisions = len(all) - len(b.Decisions)
	return b
}

// previousScore scores p at the period before the report period, by the
// rules of its current score: the weighted mean of its objectives', each
// the weighted mean of its active KPIs' scores.
func previousScore(p *scorecard.Perspective) scorecard.Num {
	var sum, w float64
	for _, o := range p.Objectives {
		var ks, kw float64
		for _, k := range o.KPIs {
			if k.Retired || !k.Previous.Score.OK || k.Weight <= 0 {
				continue
			}
			ks += k.Previous.Score.V * k.Weight
			kw += k.Weight
		}
		if kw > 0 && o.Weight > 0 {
			sum += ks / kw * o.Weight
			w += o.Weight
		}
	}
	if w == 0 {
		return scorecard.Num{}
	}
	return scorecard.Some(sum / w)
}

func scoreChange(d float64) Val {
	f := numFormat{scale: 1, decimals: 1}
	return f.change(scorecard.Some(d), scorecard.Some(1))
}

// decisions are the decisions asked for in the report period's commentary:
// every line of a "decisions" comment, and every line of any other comment
// that starts "Decision:", in the order of the model.
func (r *Builder) decisions() []string {
	var out []string
	add := func(cs []*scorecard.Comment) {
		for _, c := range cs {
			if c == nil || !r.inReport(c.Period) {
				continue
			}
			for _, line := range strings.Split(c.Markdown, "\n") {
				t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "-*+ "))
				rest, isDecision := cutFold(t, "decision:")
				switch {
				case isDecision && strings.TrimSpace(rest) != "":
					out = append(out, strings.TrimSpace(rest))
				case c.Scope == "decisions" && t != "":
					out = append(out, t)
				}
			}
		}
	}
	add(r.sc.Comments)
	for _, p := range r.sc.Perspectives {
		add(p.Comments)
		for _, o := range p.Objectives {
			add(o.Comments)
			for _, k := range o.KPIs {
				add(k.Comments)
			}
		}
	}
	return out
}

// cutFold cuts prefix from s, ignoring case.
func cutFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
