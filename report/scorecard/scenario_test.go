package scorecard

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"kpireport/report/internal/golden"
	"kpireport/report/workbook"
)

// scenarios are the small workbooks in testdata, one folder of CSV tables
// each; TestScenarios compares what each computes with testdata/<name>.golden.
var scenarios = []string{
	"directions",   // higher, lower, range; red flags given and from the tolerance; wide measurements
	"aggregations", // sum, average, last, min, max; a quarterly and an annual KPI
	"ratio",        // numerator / denominator, scaled to % or not; a month without them
	"fiscal-april", // a fiscal year from April; Targets rows for a quarter and a year
	"missing",      // a gap, a partial quarter, a KPI with no data, one with no target
	"weights",      // KPI, objective and perspective weights; weight 0; a retired KPI
}

// TestScenarios loads and computes each scenario and compares a plain-text
// summary of it (see scenarioText) with its golden file. Run
// `go test ./report/scorecard -update` to rewrite them after a deliberate
// change, and read the diff before committing it.
func TestScenarios(t *testing.T) {
	for _, name := range scenarios {
		t.Run(name, func(t *testing.T) {
			sc, ps := loadScenario(t, name)
			golden.Check(t, name+".golden", scenarioText(sc, ps))
		})
	}
}

// loadScenario loads and computes the CSV tables in testdata/<name>.
func loadScenario(t *testing.T, name string) (*Scorecard, *workbook.Problems) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", name, "*.csv"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no CSV files in testdata/%s (%v)", name, err)
	}
	sc, ps, err := Load(paths, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ps.Errors() > 0 {
		t.Fatalf("%s has errors: %v", name, ps.List)
	}
	Compute(sc)
	return sc, ps
}

// scenarioText is a scorecard as a reviewer reads it: the report period and
// the problems found, then each KPI's definition and, one line per period,
// its points (its own periods, then quarters, fiscal years and the year to
// date), the current one marked with the KPI's trend; then the roll-ups.
func scenarioText(sc *Scorecard, ps *workbook.Problems) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "report period %s (%s), fiscal year from %s\n", sc.Period.Key(), sc.PeriodLabel(), time.Month(sc.Calendar.Start))
	ps.Sort()
	for _, p := range ps.List {
		fmt.Fprintf(&b, "problem: %s\n", p)
	}

	b.WriteString("\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "kpi\tperspective\tdirection\tfrequency\taggregation\tratio\tweight\tstatus")
	for _, k := range sc.KPIs {
		status := "active"
		if k.Retired {
			status = "retired"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%t\t%s\t%s\n", k.ID, k.InPerspective().Name, k.Direction,
			k.Frequency, k.Aggregation, k.Ratio, scenarioNum(Some(k.Weight)), status)
	}
	tw.Flush()

	b.WriteString("\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "kpi\tperiod\tactual\ttarget\tred flag\tscore\tstatus\tmonths\t")
	for _, k := range sc.KPIs {
		pts := append([]Point(nil), k.Series...)
		if len(k.Quarters) > 0 && k.Quarters[0].Period.Freq != k.Series[0].Period.Freq {
			pts = append(pts, k.Quarters...)
		}
		if len(k.Years) > 0 && k.Years[0].Period.Freq != k.Series[0].Period.Freq {
			pts = append(pts, k.Years...)
		}
		if len(pts) == 0 {
			fmt.Fprintf(tw, "%s\t(no data)\t\t\t\t\t\t\t\n", k.ID)
		}
		for _, p := range pts {
			note := ""
			if p.Period == k.Current.Period {
				note = "current, " + k.Trend.String()
			}
			scenarioPointLine(tw, k.ID, p.Period.Key(), p, note)
		}
		if k.YTD.Label != "" {
			scenarioPointLine(tw, k.ID, k.YTD.Period.Key()+" YTD", k.YTD, "")
		}
	}
	tw.Flush()

	b.WriteString("\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "roll-up\tweight\tscore\tstatus\tscored\tleft out")
	rollup := func(name string, weight float64, r Rollup) {
		score := "-"
		if r.Score.OK {
			score = strconv.FormatFloat(r.Score.V, 'f', 2, 64)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d of %d\t%d\n", name, scenarioNum(Some(weight)), score, r.Status,
			r.Scored, r.Total, r.Total-r.Scored)
	}
	for _, p := range sc.Perspectives {
		if p.Score.Total == 0 && len(p.Objectives) == 0 {
			continue // an unused default perspective
		}
		for _, o := range p.Objectives {
			rollup("objective "+o.ID, o.Weight, o.Score)
		}
		rollup("perspective "+p.Name, p.Weight, p.Score)
	}
	rollup("organisation", 1, sc.Score)
	tw.Flush()
	// tabwriter pads the last column too.
	return regexp.MustCompile(`(?m) +$`).ReplaceAll(b.Bytes(), nil)
}

// scenarioPointLine writes one point as a line of the KPIs' table.
func scenarioPointLine(w *tabwriter.Writer, id, key string, p Point, note string) {
	score := "-"
	if p.Score.OK {
		score = strconv.FormatFloat(p.Score.V, 'f', 2, 64)
	}
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d/%d\t%s\n", id, key, scenarioNum(p.Actual),
		scenarioNum(p.Target), scenarioNum(p.RedFlag), score, p.Status, p.Count, p.Of, note)
}

// scenarioNum writes a number rounded to 3 decimals without trailing zeros,
// or "-" when it is missing.
func scenarioNum(n Num) string {
	if !n.OK {
		return "-"
	}
	v := math.Round(n.V*1000) / 1000
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// TestScenarioByHand checks figures of the scenarios against values worked
// out by hand from their CSV files, so that the goldens are not only what
// the code happens to say. Scores use 10·(A − R + d)/(3·d) with d = G − R.
func TestScenarioByHand(t *testing.T) {
	tests := []struct {
		scenario, kpi, period string
		actual, target, red   float64
		score                 float64
		status                Status
	}{
		// Jan: 95 against 100, red flag 90: d = 10, 10·(95−90+10)/30 = 5.
		{"directions", "REV", "2026-01", 95, 100, 90, 5, AtRisk},
		// Q1 sums the months: 300 against 300 (3·100), red flag 270: 6.67.
		{"directions", "REV", "2026-Q1", 300, 300, 270, 20.0 / 3, OnTarget},
		// Lower is better: 4.2 against 5, red flag 8: d = −3,
		// 10·(4.2−8−3)/(−9) = 7.56.
		{"directions", "COMP", "2026-01", 4.2, 5, 8, 68.0 / 9, OnTarget},
		// Range 18–22, red flag 15 (3 below), so 25 above: 23 scores
		// 10·(25−23+3)/9 = 5.56; 20, the middle of the band, scores 10.
		{"directions", "TEMP", "2026-02", 23, 18, 15, 50.0 / 9, AtRisk},
		{"directions", "TEMP", "2026-01", 20, 18, 15, 10, OnTarget},
		// No red flag: the 10% tolerance puts it at 45 for a target of 50
		// (higher) and at 22 for a target of 20 (lower): 45 and 22 score 3.33.
		{"directions", "READ", "2026-02", 45, 50, 45, 10.0 / 3, AtRisk},
		{"directions", "LEAK", "2026-02", 22, 20, 22, 10.0 / 3, AtRisk},
		// Q1 of 10, 40, 20 with monthly targets 25 (red flag 20):
		// sum 70 against 75 / 60: 10·(70−60+15)/45 = 5.56;
		// average 23.33 against 25 / 20: 10·(23.33−20+5)/15 = 5.56;
		// last 20: 3.33; min 10: below 0, so 0; max 40: above 10, so 10.
		{"aggregations", "SUM", "2026-Q1", 70, 75, 60, 50.0 / 9, AtRisk},
		{"aggregations", "AVG", "2026-Q1", 70.0 / 3, 25, 20, 50.0 / 9, AtRisk},
		{"aggregations", "LAST", "2026-Q1", 20, 25, 20, 10.0 / 3, AtRisk},
		{"aggregations", "MIN", "2026-Q1", 10, 25, 20, 0, OffTarget},
		{"aggregations", "MAX", "2026-Q1", 40, 25, 20, 10, OnTarget},
		// 4 late of 104, 2 of 100, 9 of 96: the quarter is 15 of 300, 5%
		// (not 5.07%, the mean of the months); against 4 / 6, lower:
		// 10·(5−6−2)/(−6) = 5.
		{"ratio", "LATE", "2026-01", 400.0 / 104, 4, 6, 10 * (400.0/104 - 8) / -6, OnTarget},
		{"ratio", "LATE", "2026-Q1", 5, 4, 6, 5, AtRisk},
		// Fractions, 75 + 90 + 170 of 400 = 0.8375 against 0.8 / 0.7:
		// 10·(0.8375−0.6)/0.3 = 7.92.
		{"ratio", "FCR", "2026-Q1", 0.8375, 0.8, 0.7, 10 * (0.8375 - 0.6) / 0.3, OnTarget},
		// February has an actual but no parts: the quarter averages the
		// rates, (5 + 4 + 3)/3 = 4, which is the target: 6.67.
		{"ratio", "REP", "2026-Q1", 4, 4, 6, 20.0 / 3, OnTarget},
		// Fiscal year from April: FY2026 Q4 is Jan–Mar 2026, its Targets
		// row 330 (red flag 10% below, 297), each month a third of it, 110;
		// FY2027 is April 2026 to March 2027, its row 1200, 100 a month.
		{"fiscal-april", "REV", "2026-01", 100, 110, 99, 10 * (100 - 99 + 11) / 33.0, AtRisk},
		{"fiscal-april", "REV", "2026-Q4", 330, 330, 297, 20.0 / 3, OnTarget},
		{"fiscal-april", "REV", "2026-04", 95, 100, 90, 5, AtRisk},
		// FY2027 so far (3 of 12 months) prorates its row: 300 / 270.
		{"fiscal-april", "REV", "2027", 300, 300, 270, 20.0 / 3, OnTarget},
		// Q2 has April and May only: (12 + 7)/2 = 9.5 against 10 / 8:
		// 10·(9.5−8+2)/6 = 5.83.
		{"missing", "GAP", "2026-Q2", 9.5, 10, 8, 10 * 3.5 / 6, AtRisk},
		// Lower is better: 55 against 50 / 60: d = −10, 10·(55−60−10)/(−30) = 5.
		{"weights", "B1", "2026-Q1", 55, 50, 60, 5, AtRisk},
	}
	loaded := map[string]*Scorecard{}
	for _, tt := range tests {
		sc := loaded[tt.scenario]
		if sc == nil {
			sc, _ = loadScenario(t, tt.scenario)
			loaded[tt.scenario] = sc
		}
		p, ok := scenarioPoint(sc, tt.kpi, tt.period)
		if !ok {
			t.Errorf("%s: %s has no point for %s", tt.scenario, tt.kpi, tt.period)
			continue
		}
		near := func(n Num, want float64) bool { return n.OK && math.Abs(n.V-want) < 1e-9 }
		if !near(p.Actual, tt.actual) || !near(p.Target, tt.target) || !near(p.RedFlag, tt.red) ||
			!near(p.Score, tt.score) || p.Status != tt.status {
			t.Errorf("%s: %s %s = actual %v, target %v, red flag %v, score %v, %s; want %v, %v, %v, %v, %s",
				tt.scenario, tt.kpi, tt.period, p.Actual, p.Target, p.RedFlag, p.Score, p.Status,
				tt.actual, tt.target, tt.red, tt.score, tt.status)
		}
	}

	// Roll-ups of the weights scenario. F1: A1 6.67 (weight 2) and A2 3.33
	// (weight 1) make 5.56; A3 (weight 0) is scored but not counted; A4 is
	// retired and not there at all. F2 is B1's 5. Financial: (5.56·1 +
	// 5·3)/4 = 5.14. Customer: C1A, 12 against 10 / 8, scores 10. Learning
	// & Growth has no data. The organisation: (5.14·2 + 10·1)/3 = 6.76.
	sc := loaded["weights"]
	f1 := (20.0/3*2 + 10.0/3) / 3
	fin := (f1 + 5*3) / 4
	rolls := []struct {
		name          string
		got           Rollup
		score         float64
		scored, total int
	}{
		{"F1", sc.Objectives[0].Score, f1, 3, 3},
		{"Financial", sc.Perspectives[0].Score, fin, 4, 4},
		{"Learning & Growth", sc.Perspectives[2].Score, math.NaN(), 0, 1},
		{"organisation", sc.Score, (fin*2 + 10) / 3, 5, 6},
	}
	for _, r := range rolls {
		scoreOK := r.got.Score.OK && math.Abs(r.got.Score.V-r.score) < 1e-9 || !r.got.Score.OK && math.IsNaN(r.score)
		if !scoreOK || r.got.Scored != r.scored || r.got.Total != r.total {
			t.Errorf("%s: score %v, scored %d of %d; want %.4f, %d of %d", r.name, r.got.Score, r.got.Scored, r.got.Total,
				r.score, r.scored, r.total)
		}
	}
}

// scenarioPoint finds a KPI's point for a period key among its series,
// quarters and years.
func scenarioPoint(sc *Scorecard, id, key string) (Point, bool) {
	for _, k := range sc.KPIs {
		if k.ID != id {
			continue
		}
		for _, pts := range [][]Point{k.Series, k.Quarters, k.Years} {
			for _, p := range pts {
				if p.Period.Key() == key {
					return p, true
				}
			}
		}
	}
	return Point{}, false
}

// TestScenarioFiles checks that every folder in testdata is a scenario and
// has its golden, so that none is left out of TestScenarios.
func TestScenarioFiles(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	want := append([]string(nil), scenarios...)
	sort.Strings(want)
	if strings.Join(dirs, " ") != strings.Join(want, " ") {
		t.Errorf("testdata folders %q, scenarios %q", dirs, want)
	}
}
