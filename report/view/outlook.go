package view

import (
	"fmt"
	"kpireport/report/chart"
	"math"
	"strings"

	"kpireport/report/period"
	"kpireport/report/scorecard"
)

// OutlookView is a KPI's year-end projection ready to show. OK is false
// when there is none (a range KPI, fewer than three months of the year, an
// annual KPI); the templates then show a dash.
type OutlookView struct {
	OK        bool
	Year      string // "FY2026"
	Value     Val    // the projected year
	Low, High Val    // its band
	Target    Val    // the year's target
	Method    string // "run-rate", "last year's profile", "recent trend", "last value"
	Months    int    // months the projection rests on
	Slug      string // "likely", "in-doubt", "unlikely", "no-verdict"
	Verdict   string // "likely", "in doubt", "unlikely", "no target"
	Icon      string
}

// Basis is "run-rate, 6 months": the method and the months it rests on,
// shown beside every projection.
func (o OutlookView) Basis() string {
	return fmt.Sprintf("%s, %d months", o.Method, o.Months)
}

var verdictIcons = map[scorecard.Likelihood]string{
	scorecard.Likely: "✓", scorecard.InDoubt: "!", scorecard.Unlikely: "✕", scorecard.NoVerdict: "–",
}

func (r *Builder) outlookView(k *scorecard.KPI) OutlookView {
	o := scorecard.YearOutlook(k, r.sc.Calendar)
	if !o.OK() {
		return OutlookView{}
	}
	f := formatOf(k, r.sc.Settings)
	fy := r.sc.Calendar.In(period.MonthAt(r.sc.Calendar.Last(k.Current.Period)), period.Year)
	v := OutlookView{
		OK:      true,
		Year:    r.sc.Calendar.Label(fy),
		Value:   f.value(scorecard.Some(o.Value)),
		Low:     f.value(scorecard.Some(o.Low)),
		High:    f.value(scorecard.Some(o.High)),
		Target:  f.value(o.Target),
		Method:  o.Method.String(),
		Months:  o.Months,
		Slug:    strings.ReplaceAll(o.Verdict.String(), " ", "-"),
		Verdict: o.Verdict.String(),
		Icon:    verdictIcons[o.Verdict],
	}
	if o.Verdict == scorecard.NoVerdict {
		v.Verdict = "no target"
	}
	return v
}

// VarianceView is a difference ready to show: signed absolute and relative
// figures and the word saying whether it is good for the KPI.
type VarianceView struct {
	Abs, Rel Val
	Slug     string // "favourable", "unfavourable", "neutral"
	Word     string
	Icon     string
}

var varianceIcons = map[scorecard.Verdict]string{scorecard.Favourable: "✓", scorecard.Unfavourable: "✕", scorecard.Neutral: "="}

func varianceView(f numFormat, v scorecard.Variance, ref scorecard.Num) VarianceView {
	if !v.Abs.OK {
		return VarianceView{}
	}
	out := VarianceView{Abs: f.change(v.Abs, ref), Slug: v.Verdict.String(), Word: v.Verdict.String(), Icon: varianceIcons[v.Verdict]}
	if v.Rel.OK && !math.IsInf(v.Rel.V, 0) {
		s := f.loc.Number(v.Rel.V*100, 1)
		if !strings.HasPrefix(s, "-") && strings.Trim(s, "0.,") != "" {
			s = "+" + s
		}
		out.Rel = Val{Text: s + "%", OK: true}
	}
	return out
}

// Variances are a KPI's current actual against its target and against the
// same period last year.
type Variances struct {
	ToTarget, ToYearAgo VarianceView
}

func (r *Builder) variances(k *scorecard.KPI) Variances {
	f := formatOf(k, r.sc.Settings)
	return Variances{
		ToTarget:  varianceView(f, k.ToTarget(), k.Current.Target),
		ToYearAgo: varianceView(f, k.ToYearAgo(), k.YearAgo.Actual),
	}
}

// YearEnd is a perspective's year-end section: each active KPI's outlook
// and the counts by verdict.
type YearEnd struct {
	Year                            string
	Rows                            []YearEndRow
	Likely, InDoubt, Unlikely, None int
	// Unlisted says which KPIs counted are not among Rows, and where their
	// outlook is; "" when every KPI is listed (see compactYearEnd).
	Unlisted string
}

// YearEndRow is one KPI in a YearEnd.
type YearEndRow struct {
	Name, Href, Owner string
	Outlook           OutlookView
}

// Line sums the section up in a line: "FY2026: 4 likely, 1 in doubt,
// 2 unlikely to meet target; 3 without a projection".
func (y *YearEnd) Line() string {
	if y == nil {
		return ""
	}
	var parts []string
	for _, c := range []struct {
		n    int
		word string
	}{{y.Likely, "likely"}, {y.InDoubt, "in doubt"}, {y.Unlikely, "unlikely"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.word))
		}
	}
	s := "no projections yet"
	if len(parts) > 0 {
		s = strings.Join(parts, ", ") + " to meet the year's target"
	}
	if y.None > 0 {
		s += fmt.Sprintf("; %d without a projection", y.None)
	}
	if y.Year != "" {
		s = y.Year + ": " + s
	}
	return s
}

// yearEnd builds p's year-end section; href links each KPI.
func (r *Builder) yearEnd(p *scorecard.Perspective, href func(*scorecard.KPI) string) *YearEnd {
	y := &YearEnd{}
	if !r.sc.Period.IsZero() {
		fy := r.sc.Calendar.In(period.MonthAt(r.sc.Calendar.Last(r.sc.Period)), period.Year)
		y.Year = r.sc.Calendar.Label(fy)
	}
	for _, o := range p.Objectives {
		for _, k := range o.KPIs {
			if k.Retired {
				continue
			}
			ov := r.outlookView(k)
			switch ov.Slug {
			case "likely":
				y.Likely++
			case "in-doubt":
				y.InDoubt++
			case "unlikely":
				y.Unlikely++
			default:
				y.None++
			}
			y.Rows = append(y.Rows, YearEndRow{Name: k.Name, Href: href(k), Owner: k.Owner, Outlook: ov})
		}
	}
	return y
}

// addProjection extends a KPI's history chart to its fiscal year's end
// with the year-end projection: the remaining periods' labels, the dashed
// projection from the last actual on, its band, and the year's target as a
// marker at year end (for a KPI that sums, the per-period average the
// year's target implies, as the chart plots periods, not the year).
func (r *Builder) addProjection(in *chart.HistoryInput, k *scorecard.KPI, f numFormat) {
	o := scorecard.YearOutlook(k, r.sc.Calendar)
	n := len(in.Labels)
	if !o.OK() || n == 0 || len(in.Actual) != n || in.Actual[n-1] == nil || r.sc.Calendar.Last(k.Series[n-1].Period) != r.sc.Calendar.Last(k.Current.Period) {
		return
	}
	cal := r.sc.Calendar
	rest := len(o.Path)
	p := &chart.Projection{Basis: fmt.Sprintf("%s, %d months", o.Method, o.Months)}
	grow := func(vs []*float64) []*float64 {
		if len(vs) == 0 {
			return vs
		}
		return append(vs[:n:n], make([]*float64, rest)...)
	}
	in.Actual, in.Target, in.RedFlag, in.TargetMax = grow(in.Actual), grow(in.Target), grow(in.RedFlag), grow(in.TargetMax)
	last := k.Series[n-1].Period
	for i := 0; i < rest; i++ {
		in.Labels = append(in.Labels, cal.Label(cal.Add(last, i+1)))
	}
	p.Value, p.Low, p.High = make([]*float64, n+rest), make([]*float64, n+rest), make([]*float64, n+rest)
	p.Value[n-1], p.Low[n-1], p.High[n-1] = in.Actual[n-1], in.Actual[n-1], in.Actual[n-1]
	scaled := func(v float64) *float64 { v *= f.scale; return &v }
	for i := 0; i < rest; i++ {
		p.Value[n+i], p.Low[n+i], p.High[n+i] = scaled(o.Path[i]), scaled(o.PathLow[i]), scaled(o.PathHigh[i])
	}
	if o.Target.OK {
		t := o.Target.V
		if k.Aggregation == scorecard.Sum {
			per := len(yearLabels(k, cal))
			t /= float64(per)
			p.YearTargetName = fmt.Sprintf("Year target ÷ %d", per)
		}
		p.YearTarget, p.YearTargetAt = scaled(t), n+rest-1
	}
	in.Projection = p
}

// yearLabels lists the periods of the KPI's current fiscal year.
func yearLabels(k *scorecard.KPI, cal period.Calendar) []period.Period {
	fy := cal.In(period.MonthAt(cal.Last(k.Current.Period)), period.Year)
	var ps []period.Period
	for q := cal.In(period.MonthAt(cal.First(fy)), k.Frequency); cal.Last(q) <= cal.Last(fy); q = cal.Add(q, 1) {
		ps = append(ps, q)
	}
	return ps
}
