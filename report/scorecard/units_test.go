package scorecard

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// The three-level tree of the roll-up tests: the group G; regions R1 and R2;
// units U1 and U2 in R1, U3 and U4 (which reports nothing) in R2.
var unitTree = sheet{"Units", [][]any{
	{"id", "name", "parent", "owner", "order"},
	{"G", "Group", "", "Chair", 1},
	{"R2", "Region two", "G", "", 2},
	{"R1", "Region one", "G", "", 1},
	{"U1", "Unit one", "R1", "", 1},
	{"U2", "Unit two", "R1", "", 2},
	{"U3", "Unit three", "R2", "", 1},
	{"U4", "Unit four", "R2", "", 2},
}}

func unitKPIs(rows ...[]any) sheet {
	return sheet{"KPIs", append([][]any{{"id", "name", "perspective", "unit", "direction", "frequency", "aggregation", "target"}}, rows...)}
}

func actualOf(k *KPI) string {
	if k == nil {
		return "none"
	}
	if !k.Current.Actual.OK {
		return "blank"
	}
	return fmt.Sprint(math.Round(k.Current.Actual.V*1e6) / 1e6)
}

func TestUnitTreeOrder(t *testing.T) {
	sc, msgs := loadBook(t, unitTree, unitKPIs([]any{"REV", "Revenue", "Financial", "£k", "higher", "quarterly", "sum", ""}),
		sheet{"Measurements", [][]any{{"kpi", "period", "actual", "unit"}, {"REV", "Q1 2026", 1, "U1"}}})
	_ = msgs
	var got []string
	for _, u := range sc.Units {
		got = append(got, strings.Repeat(" ", u.Depth)+u.ID)
	}
	if want := "G, R1,  U1,  U2, R2,  U3,  U4"; strings.Join(got, ",") != want {
		t.Errorf("tree order %q, want %q", strings.Join(got, ","), want)
	}
	if p := sc.UnitByID("u3").Path(); len(p) != 3 || p[0].ID != "G" || p[1].ID != "R2" {
		t.Errorf("U3's path is wrong: %v", p)
	}
}

// TestUnitRollup rolls each aggregation up the three-level tree and to the
// organisation above it.
func TestUnitRollup(t *testing.T) {
	tests := []struct {
		name string
		kpi  []any
		cols []any
		rows [][]any // per unit U1, U2, U3: the values after kpi, period
		want map[string]string
	}{
		{"sum adds", []any{"REV", "Revenue", "Financial", "£k", "higher", "quarterly", "sum", ""},
			[]any{"actual"}, [][]any{{10}, {20}, {5}},
			map[string]string{"U1": "10", "R1": "30", "R2": "5", "G": "35", "org": "35", "U4": "none"}},
		{"average weighted by weight", []any{"SAT", "Satisfaction", "Customer", "%", "higher", "quarterly", "average", 70},
			[]any{"actual", "weight"}, [][]any{{80, 1}, {60, 3}, {90, 4}},
			map[string]string{"U1": "80", "R1": "65", "R2": "90", "G": "77.5", "org": "77.5", "U4": "none"}},
		{"average without weights is plain", []any{"SAT", "Satisfaction", "Customer", "%", "higher", "quarterly", "average", 70},
			[]any{"actual"}, [][]any{{80}, {60}, {90}},
			map[string]string{"R1": "70", "R2": "90", "G": "80"}},
		{"ratio weighted by denominator", []any{"LATE", "Late", "Customer", "%", "lower", "quarterly", "average", 20},
			[]any{"actual", "numerator", "denominator"}, [][]any{{"", 1, 10}, {"", 9, 30}, {"", 2, 10}},
			map[string]string{"U1": "10", "R1": "25", "R2": "20", "G": "24", "org": "24"}},
		{"last stocks add", []any{"HC", "Headcount", "Learning & Growth", "people", "higher", "quarterly", "last", ""},
			[]any{"actual"}, [][]any{{5}, {7}, {3}},
			map[string]string{"R1": "12", "R2": "3", "G": "15", "org": "15"}},
		{"max", []any{"MX", "Peak", "Internal Processes", "", "lower", "quarterly", "max", 10},
			[]any{"actual"}, [][]any{{4}, {9}, {6}},
			map[string]string{"R1": "9", "R2": "6", "G": "9", "org": "9"}},
		{"min", []any{"MN", "Floor", "Internal Processes", "", "higher", "quarterly", "min", 1},
			[]any{"actual"}, [][]any{{4}, {9}, {6}},
			map[string]string{"R1": "4", "R2": "6", "G": "4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			meas := [][]any{append(append([]any{"kpi", "period"}, tt.cols...), "unit")}
			for i, r := range tt.rows {
				meas = append(meas, append(append([]any{tt.kpi[0], "Q1 2026"}, r...), fmt.Sprintf("U%d", i+1)))
			}
			sc, msgs := loadBook(t, unitTree, unitKPIs(tt.kpi), sheet{"Measurements", meas})
			for _, m := range msgs {
				if !strings.Contains(m, "no-target") && !strings.Contains(m, "has no target") {
					t.Errorf("problem: %s", m)
				}
			}
			Compute(sc)
			def := sc.KPIs[0]
			for who, want := range tt.want {
				var got string
				if who == "org" {
					got = actualOf(def)
				} else {
					got = actualOf(sc.UnitByID(who).Result(def))
				}
				if got != want {
					t.Errorf("%s: %s, want %s", who, got, want)
				}
			}
		})
	}
}

// TestUnitOwnValueWins gives region R2 its own revenue, which differs from
// its units' by more than the tolerance: it is used, rolls on up, and is
// reported. A value within the tolerance is used silently.
func TestUnitOwnValueWins(t *testing.T) {
	for _, tt := range []struct {
		own      float64
		group    string
		warnings int
	}{{6, "36", 1}, {5.2, "35.2", 0}} {
		sc, msgs := loadBook(t, unitTree,
			unitKPIs([]any{"REV", "Revenue", "Financial", "£k", "higher", "quarterly", "sum", ""}),
			sheet{"Measurements", [][]any{
				{"kpi", "period", "actual", "unit", "target"},
				{"REV", "Q1 2026", 10, "U1", 8},
				{"REV", "Q1 2026", 20, "U2", 25},
				{"REV", "Q1 2026", 5, "U3", 4},
				{"REV", "Q1 2026", tt.own, "R2", 5},
			}})
		n := 0
		for _, m := range msgs {
			if strings.Contains(m, "differs from its units' roll-up") {
				n++
				if !strings.Contains(m, "Measurements!") || !strings.Contains(m, "R2") {
					t.Errorf("warning does not name the cell and unit: %s", m)
				}
			}
		}
		if n != tt.warnings {
			t.Errorf("own %v: %d roll-up warnings, want %d: %v", tt.own, n, tt.warnings, msgs)
		}
		Compute(sc)
		def := sc.KPIs[0]
		if got := actualOf(sc.UnitByID("R2").Result(def)); got != fmt.Sprint(tt.own) {
			t.Errorf("R2 = %s, want its own %v", got, tt.own)
		}
		if got := actualOf(sc.UnitByID("G").Result(def)); got != tt.group {
			t.Errorf("G = %s, want %s", got, tt.group)
		}
		// R2's figure is read, and keeps its units' roll-up (5) only when
		// they disagree; R1's and G's are rolled up; U1's is read.
		r2m := sc.UnitByID("R2").Result(def).Measurements
		if len(r2m) != 1 || r2m[0].RolledUp {
			t.Fatalf("R2's measurements %+v, want its own one", r2m)
		}
		want := Num{}
		if tt.warnings == 1 {
			want = Some(5)
		}
		if r2m[0].Disagrees != want {
			t.Errorf("own %v: R2 disagrees %v, want %v", tt.own, r2m[0].Disagrees, want)
		}
		for id, rolled := range map[string]bool{"U1": false, "R1": true, "G": true} {
			ms := sc.UnitByID(id).Result(def).Measurements
			if len(ms) != 1 || ms[0].RolledUp != rolled || ms[0].Disagrees.OK {
				t.Errorf("%s: rolled up %v, disagrees %v; want rolled up %v", id, ms[0].RolledUp, ms[0].Disagrees, rolled)
			}
		}
		// Targets in the rows roll up too: R1's is 8 + 25.
		r1 := sc.UnitByID("R1").Result(def)
		if !r1.Current.Target.OK || r1.Current.Target.V != 33 {
			t.Errorf("R1 target %v, want 33", r1.Current.Target)
		}
		if r1.Current.Status != OffTarget && r1.Current.Status != AtRisk {
			t.Errorf("R1 (30 against 33) is %v", r1.Current.Status)
		}
		u4 := sc.UnitByID("U4")
		if u4.Result(def) != nil || len(u4.KPIs) != 0 || u4.Score.Score.OK || u4.Score.Total != 0 {
			t.Errorf("U4 has no data but has results: %+v", u4.Score)
		}
		if g := sc.UnitByID("G"); g.Score.Total != 1 || !g.Score.Score.OK {
			t.Errorf("G's scorecard: %+v, want one scored KPI", g.Score)
		}
	}
}

// TestUnitScorecards scores a unit's scorecard from its own KPIs, and the
// KPI that belongs to one unit only appears there and above it.
func TestUnitScorecards(t *testing.T) {
	sc, msgs := loadBook(t, unitTree,
		sheet{"KPIs", [][]any{
			{"id", "name", "perspective", "direction", "frequency", "aggregation", "target", "business unit"},
			{"SAT", "Satisfaction", "Customer", "higher", "quarterly", "average", 70, ""},
			{"LOC", "Local", "Financial", "higher", "quarterly", "average", 50, "U3"},
		}},
		sheet{"Measurements", [][]any{
			{"kpi", "period", "actual", "unit"},
			{"SAT", "Q1 2026", 80, "U1"},
			{"SAT", "Q1 2026", 30, "U3"},
			{"LOC", "Q1 2026", 60, ""},
			{"LOC", "Q1 2026", 60, "U1"},
		}})
	var bad int
	for _, m := range msgs {
		if strings.Contains(m, "belongs to unit U3 only") {
			bad++
		}
	}
	if bad != 1 {
		t.Errorf("want one error for LOC measured in U1: %v", msgs)
	}
	Compute(sc)
	sat, loc := sc.KPIs[1], sc.KPIs[0]
	if sat.ID != "SAT" {
		sat, loc = loc, sat
	}
	u1, u3 := sc.UnitByID("U1"), sc.UnitByID("U3")
	if u1.Result(loc) != nil || actualOf(u3.Result(loc)) != "60" || actualOf(sc.UnitByID("R2").Result(loc)) != "60" {
		t.Errorf("LOC belongs to U3: U1 %v, U3 %s", u1.Result(loc), actualOf(u3.Result(loc)))
	}
	if u1.Score.Status != OnTarget || u1.Score.Total != 1 {
		t.Errorf("U1's scorecard %+v, want on target with one KPI", u1.Score)
	}
	if u3.Score.Total != 2 {
		t.Errorf("U3's scorecard counts %d KPIs, want 2", u3.Score.Total)
	}
	if sat.Current.Score.OK != true || actualOf(sc.UnitByID("G").Result(sat)) != "55" {
		t.Errorf("SAT for G = %s, want the mean 55", actualOf(sc.UnitByID("G").Result(sat)))
	}
}

func TestUnitSheetProblems(t *testing.T) {
	_, msgs := loadBook(t,
		sheet{"Units", [][]any{
			{"id", "name", "parent"},
			{"A", "A", "B"},
			{"B", "B", "A"},
			{"C", "C", "Nowhere"},
			{"C", "C again", ""},
			{"D", "D", "D"},
		}},
		unitKPIs([]any{"REV", "Revenue", "Financial", "£k", "higher", "quarterly", "sum", 1}),
		sheet{"Measurements", [][]any{{"kpi", "period", "actual", "unit"}, {"REV", "Q1 2026", 1, "Z"}, {"REV", "Q1 2026", 1, "A"}, {"REV", "Q1 2026", 2, "a"}}})
	want := []string{
		"Units!C2", "cycle",
		"Units!C4", "Nowhere",
		"Units!A5", "used twice",
		"Units!C6", "cycle",
		"Measurements!D2", `unit "Z" is not in the Units sheet`,
		"second actual",
	}
	all := strings.Join(msgs, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no problem mentions %q:\n%s", w, all)
		}
	}
}

func TestUnitColumnWithoutUnitsSheet(t *testing.T) {
	_, msgs := loadBook(t, unitKPIs([]any{"REV", "Revenue", "Financial", "£k", "higher", "quarterly", "sum", 1}),
		sheet{"Measurements", [][]any{{"kpi", "period", "actual", "unit"}, {"REV", "Q1 2026", 1, ""}, {"REV", "Q2 2026", 1, "North"}}})
	if all := strings.Join(msgs, "\n"); !strings.Contains(all, "Measurements!D3") || !strings.Contains(all, "no Units sheet") {
		t.Errorf("want an error at D3 for a unit without a Units sheet:\n%s", all)
	}
}

// TestUnitSubtree reads region R1's subtree as the whole scorecard.
func TestUnitSubtree(t *testing.T) {
	path := writeBook(t, t.TempDir(), "kpis.xlsx", unitTree,
		unitKPIs([]any{"REV", "Revenue", "Financial", "£k", "higher", "quarterly", "sum", ""},
			[]any{"SOUTH", "Southern only", "Customer", "", "higher", "quarterly", "sum", ""}),
		sheet{"Measurements", [][]any{
			{"kpi", "period", "actual", "unit"},
			{"REV", "Q1 2026", 10, "U1"},
			{"REV", "Q1 2026", 20, "U2"},
			{"REV", "Q1 2026", 5, "U3"},
			{"SOUTH", "Q1 2026", 5, "U3"},
		}})
	sc, ps, err := Load([]string{path}, LoadOptions{Unit: "r1"})
	if err != nil || ps.Errors() > 0 {
		t.Fatalf("load: %v %v", err, ps.List)
	}
	Compute(sc)
	if len(sc.KPIs) != 1 || sc.KPIs[0].ID != "REV" || actualOf(sc.KPIs[0]) != "30" {
		t.Fatalf("R1's scorecard: %v, REV %s; want REV only, at 30", ids(sc.KPIs), actualOf(sc.KPIs[0]))
	}
	var got []string
	for _, u := range sc.Units {
		got = append(got, fmt.Sprintf("%s@%d", u.ID, u.Depth))
	}
	if strings.Join(got, " ") != "U1@0 U2@0" || len(sc.TopUnits()) != 2 {
		t.Errorf("units %v, want U1 and U2 at the top", got)
	}
	if sc.Settings.Organisation != "Region one" {
		t.Errorf("organisation %q, want the unit's name", sc.Settings.Organisation)
	}
	_, ps, _ = Load([]string{path}, LoadOptions{Unit: "nowhere"})
	if ps.Errors() != 1 || !strings.Contains(ps.List[len(ps.List)-1].String(), "--unit nowhere") {
		t.Errorf("unknown --unit: %v", ps.List)
	}
}

// TestUnitHealth reviews each unit's series on its own: a unit never on
// target, one whose data stopped, one always well above target; the
// organisation's roll-up is reviewed on its own figures, and a unit that
// reports nothing has no review.
func TestUnitHealth(t *testing.T) {
	meas := [][]any{{"kpi", "period", "actual", "unit"}}
	for m := 1; m <= 12; m++ {
		p := fmt.Sprintf("2025-%02d", m)
		meas = append(meas, []any{"SAT", p, 60, "U1"}, []any{"SAT", p, 95, "U3"})
		if m <= 6 {
			meas = append(meas, []any{"SAT", p, 75, "U2"})
		}
	}
	sc, _ := loadBook(t, unitTree,
		sheet{"KPIs", [][]any{
			{"id", "name", "perspective", "unit", "direction", "frequency", "aggregation", "target", "owner", "description", "data_source"},
			{"SAT", "Satisfaction", "Customer", "%", "higher", "monthly", "average", 70, "Ann", "Share of customers satisfied", "Survey"},
		}},
		sheet{"Measurements", meas})
	Compute(sc)
	ReviewHealth(sc)
	def := sc.KPIs[0]
	codes := func(h *Health) string {
		if h == nil {
			return "not reviewed"
		}
		var cs []string
		for _, f := range h.Findings {
			cs = append(cs, f.Code)
		}
		return strings.Join(cs, ",")
	}
	// The KPI names a perspective, not an objective: every unit's review
	// carries that finding of the definition, after its own.
	for who, want := range map[string]string{
		"U1": "never-on-target,no-objective",
		"U2": "stale,always-on-target,no-objective", // 75 for six months, then nothing
		"U3": "always-on-target,no-objective",
		"R1": "never-on-target,no-objective",  // U1 and U2 average 67.5 for six months, then U1's 60 alone
		"G":  "always-on-target,no-objective", // 76.7, then 77.5
	} {
		res := sc.UnitByID(who).Result(def)
		if got := codes(res.Health); got != want {
			t.Errorf("%s: findings %q, want %q", who, got, want)
		}
	}
	if r := sc.UnitByID("U4").Result(def); r != nil {
		t.Errorf("U4 reports nothing but has a result with health %q", codes(r.Health))
	}
	if def.Health == nil || def.Health == sc.UnitByID("U1").Result(def).Health {
		t.Error("the organisation's KPI shares its review with a unit")
	}
}
