package scorecard

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"kpireport/report/internal/golden"
	"kpireport/report/period"
	"kpireport/report/workbook"
)

var healthCal = period.Calendar{Start: 1}

// healthRP is the report period of the health tests: Q1 2026, ending March.
var healthRP = period.Period{Freq: period.Quarter, Year: 2026, N: 1}

// healthPts makes a series of points at end's frequency, ending at end, one
// per letter of spec: g on target (actual 110, target 100), a at risk (95),
// r off target (80), u an actual without a target (no score), - no data.
func healthPts(end period.Period, spec string) []Point {
	var pts []Point
	p := healthCal.Add(end, -(len(spec) - 1))
	for _, c := range spec {
		pt := Point{Period: p, Label: healthCal.Label(p)}
		switch c {
		case 'g':
			pt.Actual, pt.Target, pt.Score = Some(110), Some(100), Some(8)
		case 'a':
			pt.Actual, pt.Target, pt.Score = Some(95), Some(100), Some(5)
		case 'r':
			pt.Actual, pt.Target, pt.Score = Some(80), Some(100), Some(1)
		case 'u':
			pt.Actual = Some(50)
		}
		pt.Status = StatusOf(pt.Score)
		pts = append(pts, pt)
		p = healthCal.Add(p, 1)
	}
	return pts
}

// healthOnPts makes n points on target ending at end, each with the given
// actual and target.
func healthOnPts(end period.Period, n int, actual, target float64) []Point {
	pts := healthPts(end, strings.Repeat("g", n))
	for i := range pts {
		pts[i].Actual, pts[i].Target = Some(actual), Some(target)
	}
	return pts
}

func healthMonth(y, m int) period.Period { return period.Period{Freq: period.Month, Year: y, N: m} }

// healthFixture is a monthly KPI that passes every check and shows no
// signal, in a scorecard with report period Q1 2026.
func healthFixture() (*Scorecard, *KPI) {
	per := &Perspective{Name: "Financial", Weight: 1}
	obj := &Objective{ID: "F1", Name: "Grow revenue", Perspective: per, Weight: 1}
	k := &KPI{
		ID: "FIN-01", Name: "Revenue", Objective: obj,
		Unit: "EUR", Direction: Higher, Frequency: period.Month, Target: Some(100),
		Owner: "Ann Lee", Description: "Revenue invoiced in the month",
		DataSource: "ERP ledger", Weight: 1,
		Pos:    workbook.Pos{File: "kpis.xlsx", Sheet: "KPIs", Row: 2},
		Series: healthPts(healthMonth(2026, 3), "gagaga"),
	}
	obj.KPIs = []*KPI{k}
	per.Objectives = []*Objective{obj}
	sc := &Scorecard{
		Calendar: healthCal, Period: healthRP,
		Perspectives: []*Perspective{per}, Objectives: []*Objective{obj}, KPIs: []*KPI{k},
	}
	return sc, k
}

// healthFindings lists the findings one a line: "review no-owner: no owner
// / name the person accountable for it".
func healthFindings(h *Health) string {
	var b []string
	for _, f := range h.Findings {
		b = append(b, fmt.Sprintf("%s %s -%d: %s / %s", f.Severity, f.Code, f.Weight, f.Message, f.Suggestion))
	}
	return strings.Join(b, "\n")
}

func TestReviewHealth(t *testing.T) {
	review := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name   string
		change func(sc *Scorecard, k *KPI)
		score  int
		level  string
		want   string // findings
	}{
		{"healthy", func(sc *Scorecard, k *KPI) {}, 100, "good", ""},

		// specific
		{"no description", func(sc *Scorecard, k *KPI) { k.Description = " " }, 90, "good",
			"note not-specific -10: no description / describe what it measures and why, in a sentence"},
		{"one word", func(sc *Scorecard, k *KPI) { k.Description = "Revenue" }, 90, "good",
			"note not-specific -10: description is only 1 word / describe what it measures and why, in a sentence"},
		{"two words", func(sc *Scorecard, k *KPI) { k.Description = "Invoiced revenue" }, 90, "good",
			"note not-specific -10: description is only 2 words / describe what it measures and why, in a sentence"},
		{"three words", func(sc *Scorecard, k *KPI) { k.Description = "Total invoiced revenue" }, 100, "good", ""},

		// measurable
		{"no unit", func(sc *Scorecard, k *KPI) { k.Unit = "" }, 90, "good",
			"note not-measurable -10: no unit / give its unit"},
		{"percent format is a unit", func(sc *Scorecard, k *KPI) { k.Unit, k.Format = "", "percent" }, 100, "good", ""},
		{"currency format is a unit", func(sc *Scorecard, k *KPI) { k.Unit, k.Format = "", "currency" }, 100, "good", ""},
		{"no data source", func(sc *Scorecard, k *KPI) { k.DataSource = "" }, 90, "good",
			"note not-measurable -10: no data source / say where its data comes from"},
		{"neither", func(sc *Scorecard, k *KPI) { k.Unit, k.DataSource = "", "" }, 90, "good",
			"note not-measurable -10: no unit and no data source / give its unit and where its data comes from"},

		// achievable
		{"no target", func(sc *Scorecard, k *KPI) { k.Target = Num{} }, 75, "fair",
			"review no-target -25: no target / set a target so that it can be scored"},
		{"target in a measurement", func(sc *Scorecard, k *KPI) {
			k.Target = Num{}
			k.Measurements = []*Measurement{{Period: healthMonth(2026, 1), Target: Some(5)}}
		}, 100, "good", ""},
		{"target in the Targets sheet", func(sc *Scorecard, k *KPI) {
			k.Target = Num{}
			k.Targets = []*TargetRow{{Period: healthRP, Target: Some(5)}}
		}, 100, "good", ""},
		{"range without target_max", func(sc *Scorecard, k *KPI) { k.Direction = Range }, 75, "fair",
			"review no-target -25: a range without a target_max / give the top of the range as target_max"},
		{"range with target_max", func(sc *Scorecard, k *KPI) { k.Direction, k.TargetMax = Range, Some(120) }, 100, "good", ""},

		// relevant
		{"perspective only", func(sc *Scorecard, k *KPI) { k.Objective.Implicit = true }, 90, "good",
			"note no-objective -10: linked to perspective Financial only, not to an objective / link it to the objective it measures"},
		{"no objective", func(sc *Scorecard, k *KPI) { k.Objective = nil }, 90, "good",
			"note no-objective -10: not linked to an objective / link it to the objective it measures"},

		// time-bound
		{"no frequency", func(sc *Scorecard, k *KPI) { k.Frequency = 0 }, 90, "good",
			"review no-frequency -10: no frequency / say whether it is measured monthly, quarterly or annually"},
		{"no data at all", func(sc *Scorecard, k *KPI) { k.Series = nil }, 70, "fair",
			"review no-data -30: no data at all / collect its data, or retire it"},
		{"no data up to the report period", func(sc *Scorecard, k *KPI) {
			k.Series = nil
			k.Measurements = []*Measurement{{Period: healthMonth(2026, 5), Actual: Some(3)}}
		}, 70, "fair",
			"review no-data -30: no data up to Q1 2026 / collect its data, or retire it"},
		{"gaps only", func(sc *Scorecard, k *KPI) { k.Series = healthPts(healthMonth(2026, 3), "---") }, 70, "fair",
			"review no-data -30: no data at all / collect its data, or retire it"},
		{"monthly 2 months behind", func(sc *Scorecard, k *KPI) {
			k.Series = healthPts(healthMonth(2026, 3), "gaga--")
		}, 100, "good", ""},
		{"monthly 3 months behind", func(sc *Scorecard, k *KPI) {
			k.Series = healthPts(healthMonth(2026, 3), "gag---")
		}, 80, "good",
			"review stale -20: no data for the last 3 months (latest Dec 2025) / collect its data, or retire it"},
		{"an actual without target is data", func(sc *Scorecard, k *KPI) {
			k.Series = healthPts(healthMonth(2026, 3), "gau--")
		}, 100, "good", ""},
		{"quarterly 1 quarter behind", func(sc *Scorecard, k *KPI) {
			k.Frequency = period.Quarter
			k.Series = healthPts(period.Period{Freq: period.Quarter, Year: 2026, N: 1}, "ag-")
		}, 100, "good", ""},
		{"quarterly 2 quarters behind", func(sc *Scorecard, k *KPI) {
			k.Frequency = period.Quarter
			k.Series = healthPts(period.Period{Freq: period.Quarter, Year: 2026, N: 1}, "ag--")
		}, 80, "good",
			"review stale -20: no data for the last 2 quarters (latest Q3 2025) / collect its data, or retire it"},
		{"quarterly, monthly report period", func(sc *Scorecard, k *KPI) {
			// May 2026: the last complete quarter is Q1 2026; Q4 2025 is 1 behind.
			sc.Period = healthMonth(2026, 5)
			k.Frequency = period.Quarter
			k.Series = healthPts(period.Period{Freq: period.Quarter, Year: 2026, N: 1}, "ag-")
		}, 100, "good", ""},
		{"annual 1 year behind", func(sc *Scorecard, k *KPI) {
			k.Frequency = period.Year
			k.Series = healthPts(period.Period{Freq: period.Year, Year: 2025, N: 1}, "ag-")
		}, 100, "good", ""},
		{"annual 2 years behind", func(sc *Scorecard, k *KPI) {
			k.Frequency = period.Year
			k.Series = healthPts(period.Period{Freq: period.Year, Year: 2025, N: 1}, "ag--")
		}, 80, "good",
			"review stale -20: no data for the last 2 years (latest 2023) / collect its data, or retire it"},

		// owned
		{"no owner", func(sc *Scorecard, k *KPI) { k.Owner = "" }, 85, "good",
			"review no-owner -15: no owner / name the person accountable for it"},

		// always on target
		{"on target 3 months", func(sc *Scorecard, k *KPI) { k.Series = healthPts(healthMonth(2026, 3), "aaggg") }, 100, "good", ""},
		{"on target 4 months", func(sc *Scorecard, k *KPI) { k.Series = healthPts(healthMonth(2026, 3), "aagggg") }, 85, "good",
			"review always-on-target -15: on target for the last 4 months with a 10% margin / consider raising the target"},
		{"on target 6 quarters", func(sc *Scorecard, k *KPI) {
			k.Frequency = period.Quarter
			k.Series = healthOnPts(healthRP, 6, 130, 100)
		}, 85, "good",
			"review always-on-target -15: on target for the last 6 quarters with a 30% margin / consider raising the target"},
		{"on target, gaps passed over", func(sc *Scorecard, k *KPI) {
			k.Series = healthPts(healthMonth(2026, 3), "agg-gu-g")
		}, 85, "good",
			"review always-on-target -15: on target for the last 4 months with a 10% margin / consider raising the target"},
		{"on target, lower is better", func(sc *Scorecard, k *KPI) {
			k.Direction = Lower
			k.Series = healthOnPts(healthMonth(2026, 3), 5, 75, 100)
		}, 85, "good",
			"review always-on-target -15: on target for the last 5 months with a 25% margin / consider lowering the target"},
		{"on target, range", func(sc *Scorecard, k *KPI) {
			k.Direction, k.TargetMax = Range, Some(120)
			k.Series = healthPts(healthMonth(2026, 3), "gggg")
		}, 85, "good",
			"review always-on-target -15: on target for the last 4 months / consider narrowing the range"},
		{"on target, tiny margin: met, not too easy", func(sc *Scorecard, k *KPI) {
			k.Series = healthOnPts(healthMonth(2026, 3), 4, 100.4, 100)
		}, 100, "good", ""},
		{"on target, margin just under 5%", func(sc *Scorecard, k *KPI) {
			k.Series = healthOnPts(healthMonth(2026, 3), 4, 104.9, 100)
		}, 100, "good", ""},
		{"on target, margin 5%", func(sc *Scorecard, k *KPI) {
			k.Series = healthOnPts(healthMonth(2026, 3), 4, 105, 100)
		}, 85, "good",
			"review always-on-target -15: on target for the last 4 months with a 5% margin / consider raising the target"},
		{"on target, zero target", func(sc *Scorecard, k *KPI) {
			k.Series = healthOnPts(healthMonth(2026, 3), 4, 3, 0)
		}, 85, "good",
			"review always-on-target -15: on target for the last 4 months / consider raising the target"},

		// never on target
		{"off target 5 months", func(sc *Scorecard, k *KPI) { k.Series = healthPts(healthMonth(2026, 3), "gararr") }, 100, "good", ""},
		{"off target 6 months", func(sc *Scorecard, k *KPI) { k.Series = healthPts(healthMonth(2026, 3), "garrarr") }, 80, "good",
			"review never-on-target -20: not on target in any of the last 6 months / review the target, or start an initiative"},
		{"off target 8 months, gaps passed over", func(sc *Scorecard, k *KPI) {
			k.Series = healthPts(healthMonth(2026, 3), "grr-arrarur")
		}, 80, "good",
			"review never-on-target -20: not on target in any of the last 8 months / review the target, or start an initiative"},

		// review date
		{"review date on the period's last day", func(sc *Scorecard, k *KPI) { k.ReviewDate = review(2026, 3, 31) }, 90, "good",
			"review review-date-passed -10: review date 31 Mar 2026 has passed / review its definition and target, and set the next review date"},
		{"review date after the period", func(sc *Scorecard, k *KPI) { k.ReviewDate = review(2026, 4, 1) }, 100, "good", ""},
		{"review date not in UTC", func(sc *Scorecard, k *KPI) {
			k.ReviewDate = time.Date(2026, 4, 1, 0, 30, 0, 0, time.FixedZone("CET", 3600))
		}, 100, "good", ""},

		// the score and level
		{"fair at 50", func(sc *Scorecard, k *KPI) { k.Series, k.Unit, k.Description = nil, "", "" }, 50, "fair",
			"review no-data -30: no data at all / collect its data, or retire it\n" +
				"note not-specific -10: no description / describe what it measures and why, in a sentence\n" +
				"note not-measurable -10: no unit / give its unit"},
		{"poor below 50", func(sc *Scorecard, k *KPI) { k.Series, k.Owner, k.Description = nil, "", "" }, 45, "poor",
			"review no-data -30: no data at all / collect its data, or retire it\n" +
				"review no-owner -15: no owner / name the person accountable for it\n" +
				"note not-specific -10: no description / describe what it measures and why, in a sentence"},
		{"everything wrong", func(sc *Scorecard, k *KPI) {
			*k = KPI{ID: "X", Name: "X", Frequency: period.Month, ReviewDate: review(2020, 1, 1)}
		}, 0, "poor",
			"review no-target -25: no target / set a target so that it can be scored\n" +
				"review no-data -30: no data at all / collect its data, or retire it\n" +
				"review no-owner -15: no owner / name the person accountable for it\n" +
				"review review-date-passed -10: review date 1 Jan 2020 has passed / review its definition and target, and set the next review date\n" +
				"note not-specific -10: no description / describe what it measures and why, in a sentence\n" +
				"note not-measurable -10: no unit and no data source / give its unit and where its data comes from\n" +
				"note no-objective -10: not linked to an objective / link it to the objective it measures"},
		{"stale and always on target", func(sc *Scorecard, k *KPI) {
			k.Series = healthPts(healthMonth(2026, 3), "agggg----")
		}, 65, "fair",
			"review stale -20: no data for the last 4 months (latest Nov 2025) / collect its data, or retire it\n" +
				"review always-on-target -15: on target for the last 4 months with a 10% margin / consider raising the target"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, k := healthFixture()
			tt.change(sc, k)
			ReviewHealth(sc)
			h := k.Health
			if h == nil {
				t.Fatal("no Health")
			}
			if !h.Score.OK || int(h.Score.V) != tt.score || h.Level.String() != tt.level {
				t.Errorf("score %v %s, want %d %s", h.Score, h.Level, tt.score, tt.level)
			}
			if got := healthFindings(h); got != tt.want {
				t.Errorf("findings differ:\n%s", golden.Diff("want", tt.want, "got", got))
			}
			names := []string{"specific", "measurable", "achievable", "relevant", "time-bound", "owned"}
			if len(h.Checks) != len(names) {
				t.Fatalf("%d checks, want %d", len(h.Checks), len(names))
			}
			for i, c := range h.Checks {
				if c.Name != names[i] {
					t.Errorf("check %d is %q, want %q", i, c.Name, names[i])
				}
				if c.Message == "" {
					t.Errorf("check %s has no message", c.Name)
				}
			}
		})
	}
}

func TestHealthChecks(t *testing.T) {
	sc, k := healthFixture()
	ReviewHealth(sc)
	var got []string
	for _, c := range k.Health.Checks {
		got = append(got, fmt.Sprintf("%s %v: %s", c.Name, c.Pass, c.Message))
	}
	want := []string{
		"specific true: described",
		"measurable true: unit and data source given",
		"achievable true: has a target",
		"relevant true: measures objective F1",
		"time-bound true: monthly, latest data Mar 2026",
		"owned true: owned by Ann Lee",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("checks differ:\n%s", golden.Diff("want", w, "got", g))
	}

	k.Owner, k.Unit = "", ""
	ReviewHealth(sc)
	for _, c := range k.Health.Checks {
		fail := c.Name == "owned" || c.Name == "measurable"
		if c.Pass == fail {
			t.Errorf("check %s passes: %v", c.Name, c.Pass)
		}
	}
	if c := k.Health.Checks[5]; c.Message != "no owner" {
		t.Errorf("owned check message %q, want %q", c.Message, "no owner")
	}
}

func TestReviewHealthRetired(t *testing.T) {
	sc, k := healthFixture()
	k.Retired, k.Owner = true, ""
	ReviewHealth(sc)
	h := k.Health
	if h.Score.OK || h.Level != HealthNotReviewed || len(h.Checks) != 0 {
		t.Errorf("retired: score %v level %s, %d checks; want no score, not reviewed, no checks", h.Score, h.Level, len(h.Checks))
	}
	want := "note retired -0: retired / kept for its history; not reviewed"
	if got := healthFindings(h); got != want {
		t.Errorf("findings %q, want %q", got, want)
	}
	if ws := HealthWarnings(sc); len(ws) != 0 {
		t.Errorf("warnings for a retired KPI: %v", ws)
	}
}

func TestHealthWarnings(t *testing.T) {
	sc, k := healthFixture()
	k.Series = healthPts(healthMonth(2026, 3), "aggggg")
	k.Description = "" // a note: no warning
	k2 := &KPI{
		ID: "CUS-02", Name: `Net "promoter" score`, Objective: k.Objective,
		Unit: "pts", DataSource: "Survey", Description: "Share of promoters less detractors",
		Frequency: period.Quarter, Target: Some(40),
		Pos:    workbook.Pos{File: "kpis.xlsx", Sheet: "KPIs", Row: 3},
		Series: healthPts(healthRP, "rrarar"),
	}
	sc.KPIs = append(sc.KPIs, k2)
	ReviewHealth(sc)
	// Warnings come from Health when set, else are worked out afresh.
	k2.Health = nil
	var got []string
	for _, p := range HealthWarnings(sc) {
		if p.Severity != workbook.Warning {
			t.Errorf("%s: severity %s", p, p.Severity)
		}
		got = append(got, p.String())
	}
	want := []string{
		`kpis.xlsx:KPIs!2: KPI FIN-01 "Revenue": on target for the last 5 months with a 10% margin: consider raising the target`,
		`kpis.xlsx:KPIs!3: KPI CUS-02 "Net \"promoter\" score": no owner: name the person accountable for it`,
		`kpis.xlsx:KPIs!3: KPI CUS-02 "Net \"promoter\" score": not on target in any of the last 6 quarters: review the target, or start an initiative`,
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("warnings differ:\n%s", golden.Diff("want", w, "got", g))
	}
	if k2.Health != nil {
		t.Error("HealthWarnings set Health")
	}
}

// TestReviewHealthAfterCompute checks that the freshness rule reads
// Compute's series as meant: trailing months without data count as behind.
func TestReviewHealthAfterCompute(t *testing.T) {
	sc, k := healthFixture()
	k.Series = nil
	for m := 1; m <= 12; m++ {
		k.Measurements = append(k.Measurements, &Measurement{Period: healthMonth(2025, m), Actual: Some(105)})
	}
	sc.Settings.Tolerance = 0.1
	sc.Period = healthMonth(2026, 2)
	Compute(sc)
	ReviewHealth(sc)
	want := "review always-on-target -15: on target for the last 12 months with a 5% margin / consider raising the target"
	if got := healthFindings(k.Health); got != want {
		t.Errorf("Feb 2026 findings differ:\n%s", golden.Diff("want", want, "got", got))
	}
	sc.Period = healthMonth(2026, 3)
	Compute(sc)
	ReviewHealth(sc)
	want = "review stale -20: no data for the last 3 months (latest Dec 2025) / collect its data, or retire it\n" +
		"review always-on-target -15: on target for the last 12 months with a 5% margin / consider raising the target"
	if got := healthFindings(k.Health); got != want {
		t.Errorf("findings differ:\n%s", golden.Diff("want", want, "got", got))
	}
}

func BenchmarkReviewHealth(b *testing.B) {
	sc, proto := healthFixture()
	sc.KPIs = nil
	for i := range 5000 {
		k := *proto
		k.ID = fmt.Sprintf("K%04d", i)
		k.Series = healthPts(healthMonth(2026, 3), strings.Repeat("gagrgu-gggg", 6)[:60])
		sc.KPIs = append(sc.KPIs, &k)
	}
	b.ReportAllocs()
	for b.Loop() {
		ReviewHealth(sc)
		HealthWarnings(sc)
	}
}
