package scorecard

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"kpireport/report/period"
	"kpireport/report/workbook"
)

// Health is the review of one KPI as a KPI: whether it is SMART and whether
// its recent results say it should evolve. ReviewHealth fills it.
type Health struct {
	// Score is 100 less the weight of every finding, never below 0; it is
	// missing for retired KPIs, which are not reviewed.
	Score Num
	Level HealthLevel
	// Checks are the SMART checks, in this order: specific, measurable,
	// achievable, relevant, time-bound, owned; none for retired KPIs.
	Checks []HealthCheck
	// Findings are what needs doing, those to review first, then in the
	// order of the rules (see ReviewHealth).
	Findings []HealthFinding
}

// HealthCheck is one named SMART check of a KPI, passed or failed, with a
// message a reader understands: "no data source".
type HealthCheck struct {
	Name    string
	Pass    bool
	Message string
}

// HealthFinding is one thing a KPI review found: a code such as
// "always-on-target", what was found, and what to do about it.
type HealthFinding struct {
	Severity   HealthSeverity
	Code       string
	Message    string // "on target for the last 6 quarters with a 30% margin"
	Suggestion string // "consider raising the target"
	Weight     int    // points taken off the health score
}

// HealthSeverity says whether a finding needs the KPI's owners to act.
type HealthSeverity int

const (
	// HealthReview findings need a decision; `kpireport check` prints them.
	HealthReview HealthSeverity = iota
	// HealthNote findings are worth knowing but need no decision.
	HealthNote
)

// String is "review" or "note".
func (s HealthSeverity) String() string {
	if s == HealthReview {
		return "review"
	}
	return "note"
}

// MarshalText writes the severity's name.
func (s HealthSeverity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// HealthLevel sums a health score up: good, fair or poor.
type HealthLevel int

const (
	HealthNotReviewed HealthLevel = iota // retired KPIs
	HealthPoor                           // score below 50
	HealthFair                           // score 50 to 79
	HealthGood                           // score 80 and above
)

var healthLevelNames = [...]string{"not reviewed", "poor", "fair", "good"}
var healthLevelSlugs = [...]string{"not-reviewed", "poor", "fair", "good"}

// String is the level as a reader sees it: "not reviewed".
func (l HealthLevel) String() string { return healthLevelNames[l] }

// Slug is the level as a CSS class or JSON value: "not-reviewed".
func (l HealthLevel) Slug() string { return healthLevelSlugs[l] }

// MarshalText writes the level's slug.
func (l HealthLevel) MarshalText() ([]byte, error) { return []byte(l.Slug()), nil }

// Health review thresholds.
const (
	healthMinWords  = 3  // a specific description has at least this many words
	healthAlwaysMin = 4  // on target this many periods with data running: raise the target
	healthNeverMin  = 6  // not on target in any of this many periods with data: review it
	healthGoodScore = 80 // health score for the level good
	healthFairScore = 50 // health score for the level fair
)

// healthRule is one kind of finding: its code, severity and weight, and
// whether it judges the KPI's data rather than its definition.
type healthRule struct {
	code   string
	sev    HealthSeverity
	weight int
	data   bool
}

// healthRules are the findings ReviewHealth can make, in the order they are
// listed (after those to review come the notes).
var healthRules = []healthRule{
	{"not-specific", HealthNote, 10, false},
	{"not-measurable", HealthNote, 10, false},
	{"no-target", HealthReview, 25, true},
	{"no-objective", HealthNote, 10, false},
	{"no-frequency", HealthReview, 10, false},
	{"no-data", HealthReview, 30, true},
	{"stale", HealthReview, 20, true},
	{"no-owner", HealthReview, 15, false},
	{"never-on-target", HealthReview, 20, true},
	{"always-on-target", HealthReview, 15, true},
	{"review-date-passed", HealthReview, 10, false},
	{"retired", HealthNote, 0, false},
}

// OfData reports whether the finding judges the KPI's data, targets or
// results (no-target, no-data, stale, never-on-target, always-on-target)
// rather than its definition. A unit's review finds these in the unit's
// own figures; the others it shares with the organisation's KPI.
func (f HealthFinding) OfData() bool {
	i := healthRuleIndex(f.Code)
	return i < len(healthRules) && healthRules[i].data
}

// healthRuleIndex returns the place of code in healthRules.
func healthRuleIndex(code string) int {
	for i, r := range healthRules {
		if r.code == code {
			return i
		}
	}
	return len(healthRules)
}

// healthFind makes a finding of the rule with the given code.
func healthFind(code, msg, suggestion string) HealthFinding {
	r := healthRules[healthRuleIndex(code)]
	return HealthFinding{Severity: r.sev, Code: code, Message: msg, Suggestion: suggestion, Weight: r.weight}
}

// ReviewHealth reviews every KPI and sets its Health. Run it after Compute:
// it reads the KPI's Series and the report period. Retired KPIs get only a
// note, "retired".
//
// The SMART checks, each failing with one finding:
//
//   - specific: a description of at least three words (not-specific, note).
//   - measurable: a unit (a percent or currency format counts as one) and a
//     data source (not-measurable, note).
//   - achievable: a target, on the KPI, the Targets sheet or a measurement;
//     a range KPI also needs a target_max (no-target, review).
//   - relevant: linked to an objective of the Objectives sheet, not only to
//     a perspective (no-objective, note).
//   - time-bound: a frequency (no-frequency, review), some data up to the
//     report period (no-data, review), and fresh data: the latest actual is
//     at most 2 months behind the last month that ends by the report
//     period's end for a monthly KPI, at most 1 quarter behind the last
//     quarter for a quarterly one, and 1 year for an annual one (stale,
//     review).
//   - owned: an owner (no-owner, review).
//
// The evolution signals, judged on the KPI's Series through the report
// period, looking only at periods with a score:
//
//   - never-on-target (review): not on target in any of the last 6 or more.
//   - always-on-target (review): on target in each of the last 4 or more,
//     by a mean margin beyond target of at least 5% (range KPIs: any);
//     the message gives the margin.
//   - review-date-passed (review): the review date falls on or before the
//     report period's last day.
//
// The health score starts at 100 and loses the weight of each finding:
// no-data 30, no-target 25, stale 20, never-on-target 20, no-owner 15,
// always-on-target 15, and 10 for each of not-specific, not-measurable,
// no-objective, no-frequency and review-date-passed; it is never below 0.
// A score of 80 or more is good, 50 or more fair, below 50 poor.
//
// Each business unit's results (Unit.KPIs) are reviewed the same way, on the
// unit's own or rolled-up series and targets: the checks of the definition
// (description, unit, data source, objective, owner) come out as the
// organisation's KPI's, those of its data, target and results are the
// unit's.
func ReviewHealth(sc *Scorecard) {
	for _, k := range sc.KPIs {
		k.Health = healthOf(sc, k)
	}
	for _, u := range sc.Units {
		for _, k := range u.KPIs {
			k.Health = healthOf(sc, k)
		}
	}
}

// HealthWarnings returns one warning per health finding that needs review,
// at the KPI's row, in KPI order: `KPI FIN-01 "Revenue": on target for the
// last 6 months with a 12% margin: consider raising the target`. KPIs not yet
// reviewed by ReviewHealth are reviewed for the purpose, and left unchanged.
func HealthWarnings(sc *Scorecard) []workbook.Problem {
	var ps []workbook.Problem
	for _, k := range sc.KPIs {
		h := k.Health
		if h == nil {
			h = healthOf(sc, k)
		}
		for _, f := range h.Findings {
			if f.Severity != HealthReview {
				continue
			}
			ps = append(ps, workbook.Problem{
				Pos:      k.Pos,
				Severity: workbook.Warning,
				Code:     "health-" + f.Code,
				Msg:      fmt.Sprintf("KPI %s %q: %s: %s", k.ID, k.Name, f.Message, f.Suggestion),
			})
		}
	}
	return ps
}

// healthOf reviews one KPI.
func healthOf(sc *Scorecard, k *KPI) *Health {
	if k.Retired {
		return &Health{
			Level:    HealthNotReviewed,
			Findings: []HealthFinding{healthFind("retired", "retired", "kept for its history; not reviewed")},
		}
	}
	h := &Health{}
	check := func(name string, f *HealthFinding, passMsg string) {
		c := HealthCheck{Name: name, Pass: f == nil, Message: passMsg}
		if f != nil {
			c.Message = f.Message
			h.Findings = append(h.Findings, *f)
		}
		h.Checks = append(h.Checks, c)
	}
	f, msg := healthSpecific(k)
	check("specific", f, msg)
	f, msg = healthMeasurable(k)
	check("measurable", f, msg)
	f, msg = healthTarget(k)
	check("achievable", f, msg)
	f, msg = healthRelevant(k)
	check("relevant", f, msg)
	f, msg = healthTimeBound(sc, k)
	check("time-bound", f, msg)
	f, msg = healthOwned(k)
	check("owned", f, msg)
	h.Findings = append(h.Findings, healthSignals(sc, k)...)

	sort.SliceStable(h.Findings, func(i, j int) bool {
		a, b := h.Findings[i], h.Findings[j]
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		return healthRuleIndex(a.Code) < healthRuleIndex(b.Code)
	})
	score := 100
	for _, f := range h.Findings {
		score -= f.Weight
	}
	score = max(score, 0)
	h.Score = Some(float64(score))
	switch {
	case score >= healthGoodScore:
		h.Level = HealthGood
	case score >= healthFairScore:
		h.Level = HealthFair
	default:
		h.Level = HealthPoor
	}
	return h
}

// healthSpecific checks the KPI's description.
func healthSpecific(k *KPI) (*HealthFinding, string) {
	words := len(strings.Fields(k.Description))
	switch {
	case words == 0:
		f := healthFind("not-specific", "no description", "describe what it measures and why, in a sentence")
		return &f, ""
	case words < healthMinWords:
		f := healthFind("not-specific", fmt.Sprintf("description is only %d %s", words, healthPlural(words, "word")),
			"describe what it measures and why, in a sentence")
		return &f, ""
	}
	return nil, "described"
}

// healthMeasurable checks the KPI's unit and data source.
func healthMeasurable(k *KPI) (*HealthFinding, string) {
	unit := strings.TrimSpace(k.Unit) != "" || k.Format == "percent" || k.Format == "currency"
	source := strings.TrimSpace(k.DataSource) != ""
	var msg, sug string
	switch {
	case !unit && !source:
		msg, sug = "no unit and no data source", "give its unit and where its data comes from"
	case !unit:
		msg, sug = "no unit", "give its unit"
	case !source:
		msg, sug = "no data source", "say where its data comes from"
	default:
		return nil, "unit and data source given"
	}
	f := healthFind("not-measurable", msg, sug)
	return &f, ""
}

// healthTarget checks that the KPI has a target (and a target_max for a
// range).
func healthTarget(k *KPI) (*HealthFinding, string) {
	has := k.Target.OK
	for _, m := range k.Measurements {
		has = has || m.Target.OK
	}
	for _, t := range k.Targets {
		has = has || t.Target.OK
	}
	switch {
	case !has:
		f := healthFind("no-target", "no target", "set a target so that it can be scored")
		return &f, ""
	case k.Direction == Range && !k.TargetMax.OK:
		f := healthFind("no-target", "a range without a target_max", "give the top of the range as target_max")
		return &f, ""
	}
	return nil, "has a target"
}

// healthRelevant checks that the KPI measures an objective.
func healthRelevant(k *KPI) (*HealthFinding, string) {
	sug := "link it to the objective it measures"
	switch {
	case k.Objective == nil:
		f := healthFind("no-objective", "not linked to an objective", sug)
		return &f, ""
	case k.Objective.Implicit:
		msg := "linked to a perspective only, not to an objective"
		if k.Objective.Perspective != nil {
			msg = fmt.Sprintf("linked to perspective %s only, not to an objective", k.Objective.Perspective.Name)
		}
		f := healthFind("no-objective", msg, sug)
		return &f, ""
	}
	return nil, "measures objective " + k.Objective.ID
}

// healthOwned checks that someone answers for the KPI.
func healthOwned(k *KPI) (*HealthFinding, string) {
	if owner := strings.TrimSpace(k.Owner); owner != "" {
		return nil, "owned by " + owner
	}
	f := healthFind("no-owner", "no owner", "name the person accountable for it")
	return &f, ""
}

// healthAllowedLag is how many periods a KPI's latest data may lag behind
// the last period of its frequency that ends by the report period's end.
func healthAllowedLag(f period.Freq) int {
	if f == period.Month {
		return 2
	}
	return 1
}

// healthTimeBound checks the KPI's frequency and the freshness of its data.
func healthTimeBound(sc *Scorecard, k *KPI) (*HealthFinding, string) {
	if k.Frequency < period.Month || k.Frequency > period.Year {
		f := healthFind("no-frequency", "no frequency", "say whether it is measured monthly, quarterly or annually")
		return &f, ""
	}
	var latest period.Period
	for i := len(k.Series) - 1; i >= 0; i-- {
		if k.Series[i].Actual.OK {
			latest = k.Series[i].Period
			break
		}
	}
	if latest.IsZero() {
		msg := "no data at all"
		if healthHasData(k) && !sc.Period.IsZero() {
			msg = "no data up to " + sc.PeriodLabel()
		}
		f := healthFind("no-data", msg, "collect its data, or retire it")
		return &f, ""
	}
	if !sc.Period.IsZero() {
		last := healthLastPeriod(sc.Calendar, sc.Period, k.Frequency)
		if lag := healthPeriodsBetween(latest, last); lag > healthAllowedLag(k.Frequency) {
			f := healthFind("stale", fmt.Sprintf("no data for the last %s (latest %s)",
				k.Frequency.Count(lag), sc.Calendar.Label(latest)),
				"collect its data, or retire it")
			return &f, ""
		}
	}
	return nil, fmt.Sprintf("%s, latest data %s", k.Frequency, sc.Calendar.Label(latest))
}

// healthHasData reports whether any measurement of k has an actual, or the
// numerator and denominator that make one.
func healthHasData(k *KPI) bool {
	for _, m := range k.Measurements {
		if m.Actual.OK || (m.Numerator.OK && m.Denominator.OK && m.Denominator.V != 0) {
			return true
		}
	}
	return false
}

// healthLastPeriod returns the last period of frequency f that ends by the
// end of the report period rp.
func healthLastPeriod(cal period.Calendar, rp period.Period, f period.Freq) period.Period {
	end := cal.Last(rp)
	last := cal.In(period.MonthAt(end), f)
	if cal.Last(last) > end {
		last = cal.Add(last, -1)
	}
	return last
}

// healthPeriodsBetween counts the periods from a to b, both of one
// frequency: 0 when they are the same, negative when b is before a.
func healthPeriodsBetween(a, b period.Period) int {
	switch a.Freq {
	case period.Month:
		return period.MonthIndex(b.Year, b.N) - period.MonthIndex(a.Year, a.N)
	case period.Quarter:
		return (b.Year*4 + b.N) - (a.Year*4 + a.N)
	}
	return b.Year - a.Year
}

// healthSignals finds the evolution signals of an active KPI.
// healthMarginMin is the mean margin beyond target, in percent, below which
// a KPI always on target is not flagged: it is met, not too easy.
const healthMarginMin = 5

func healthSignals(sc *Scorecard, k *KPI) []HealthFinding {
	var fs []HealthFinding
	on, never, from := healthRuns(k.Series)
	if never >= healthNeverMin {
		fs = append(fs, healthFind("never-on-target",
			"not on target in any of the last "+k.Frequency.Count(never),
			"review the target, or start an initiative"))
	}
	if on >= healthAlwaysMin {
		msg := "on target for the last " + k.Frequency.Count(on)
		sug := "consider raising the target"
		switch k.Direction {
		case Lower:
			sug = "consider lowering the target"
		case Range:
			sug = "consider narrowing the range"
		}
		m, ok := healthMargin(k.Direction, k.Series[from:])
		if ok {
			msg += " with " + healthMarginText(m)
		}
		// A KPI that clears its target by a hair every period is well
		// set, not too easy: only a comfortable margin is a signal.
		if !ok || m >= healthMarginMin {
			fs = append(fs, healthFind("always-on-target", msg, sug))
		}
	}
	if !k.ReviewDate.IsZero() && !sc.Period.IsZero() {
		y, m, d := k.ReviewDate.Date()
		review := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		after := period.MonthAt(sc.Calendar.Last(sc.Period) + 1)
		if review.Before(time.Date(after.Year, time.Month(after.N), 1, 0, 0, 0, 0, time.UTC)) {
			fs = append(fs, healthFind("review-date-passed",
				"review date "+review.Format("2 Jan 2006")+" has passed",
				"review its definition and target, and set the next review date"))
		}
	}
	return fs
}

// healthRuns counts, among the points of series with a score, the last
// ones on target and the last ones not on target (one of the two is 0), and
// returns where the run on target starts in series.
func healthRuns(series []Point) (on, never, from int) {
	from = len(series)
	last := -1 // the status looked for: 1 on target, 0 not
	for i := len(series) - 1; i >= 0; i-- {
		p := &series[i]
		if !p.Score.OK {
			continue
		}
		is := 0
		if p.Status == OnTarget {
			is = 1
		}
		if last < 0 {
			last = is
		}
		if is != last {
			break
		}
		if p.Status == OnTarget {
			on++
			from = i
		} else {
			never++
		}
	}
	return on, never, from
}

// healthMargin returns the mean margin beyond target of points on target,
// in percent of the target: how far above it (below, for a lower-is-better
// KPI) the actuals were; points without an actual and a target are passed
// over. It has no answer for range KPIs, or when no point
// has a non-zero target.
func healthMargin(dir Direction, pts []Point) (float64, bool) {
	if dir == Range {
		return 0, false
	}
	sum, n := 0.0, 0
	for _, p := range pts {
		if !p.Actual.OK || !p.Target.OK || p.Target.V == 0 {
			continue
		}
		m := (p.Actual.V - p.Target.V) / math.Abs(p.Target.V)
		if dir == Lower {
			m = -m
		}
		sum += m
		n++
	}
	if n == 0 {
		return 0, false
	}
	return 100 * sum / float64(n), true
}

// healthMarginText writes a margin in percent: "a 12% margin", or "a
// margin under 1%".
func healthMarginText(m float64) string {
	if math.Round(m) < 1 {
		return "a margin under 1%"
	}
	return fmt.Sprintf("a %.0f%% margin", m)
}

// healthPlural adds an s to noun unless n is 1.
func healthPlural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
