package scorecard

import (
	"os"
	"testing"
)

func TestTransition(t *testing.T) {
	for _, c := range []struct {
		from, to Status
		want     string
		up       bool
	}{
		{OnTarget, OffTarget, NewlyOffTarget, false},
		{AtRisk, OffTarget, NewlyOffTarget, false},
		{OnTarget, AtRisk, NewlyAtRisk, false},
		{OffTarget, AtRisk, Improved, true},
		{OffTarget, OnTarget, Recovered, true},
		{AtRisk, OnTarget, Recovered, true},
		{AtRisk, Exceeded, Recovered, true},
		{OnTarget, NoData, NewlyNoData, false},
		{NoData, OnTarget, NowMeasured, true},
		{OnTarget, Exceeded, NowExceeded, true},
		{Exceeded, OnTarget, NoLongerExceed, false},
		{Exceeded, AtRisk, NewlyAtRisk, false},
		{OnTarget, OnTarget, "", false},
	} {
		got, up := Transition(c.from, c.to)
		if got != c.want || up != c.up {
			t.Errorf("Transition(%v, %v) = %q, %v; want %q, %v", c.from, c.to, got, up, c.want, c.up)
		}
	}
}

func TestExceededBand(t *testing.T) {
	mk := func(on bool, thr float64) *Scorecard {
		sc := &Scorecard{Settings: Settings{ExceededBand: on, ExceededThreshold: thr}}
		sc.Score = Rollup{Score: Some(9.5), Status: OnTarget}
		k := &KPI{ID: "K", Current: Point{Score: Some(9.2), Status: OnTarget}, Previous: Point{Score: Some(8), Status: OnTarget}}
		sc.KPIs = []*KPI{k}
		applyExceeded(sc)
		return sc
	}
	if sc := mk(false, 0); sc.KPIs[0].Current.Status != OnTarget || sc.Score.Status != OnTarget {
		t.Errorf("band off: statuses %v, %v; want on target", sc.KPIs[0].Current.Status, sc.Score.Status)
	}
	if sc := mk(true, 0); sc.KPIs[0].Current.Status != Exceeded || sc.KPIs[0].Previous.Status != OnTarget || sc.Score.Status != Exceeded {
		t.Errorf("band on: statuses %v, %v, %v", sc.KPIs[0].Current.Status, sc.KPIs[0].Previous.Status, sc.Score.Status)
	}
	if sc := mk(true, 9.4); sc.KPIs[0].Current.Status != OnTarget || sc.Score.Status != Exceeded {
		t.Errorf("threshold 9.4: statuses %v, %v", sc.KPIs[0].Current.Status, sc.Score.Status)
	}
	if Exceeded.Band() != OnTarget || Exceeded.Slug() != "exceeded" || Exceeded.String() != "exceeded" {
		t.Error("Exceeded's band, slug or word is wrong")
	}
}

func TestReadBaselineTolerant(t *testing.T) {
	dir := t.TempDir()
	p := dir + "/s.json"
	// Slimmed: nulls omitted, no Current, schema_version 2.
	js := `{"schema_version":2,"Period":"2026-Q2","PeriodLabel":"FY2027 Q1","KPIs":[{"ID":"A","Name":"A","Series":[{"Period":"2026-Q1","Actual":5,"Score":7,"Status":"on-target"},{"Period":"2026-Q2","Score":2,"Status":"off-target"}]}],"Initiatives":[{"ID":"I1"}]}`
	if err := writeFile(p, js); err != nil {
		t.Fatal(err)
	}
	bl, err := ReadBaseline(p)
	if err != nil {
		t.Fatal(err)
	}
	a := bl.KPIs["A"]
	if bl.Label != "FY2027 Q1" || a == nil || a.Status == nil || *a.Status != OffTarget || a.Target.OK || a.Retired != nil {
		t.Fatalf("baseline = %+v, KPI %+v", bl, a)
	}
	if pt := a.Series["2026-Q2"]; pt.Actual.OK {
		t.Error("a missing actual read as a number")
	}
	if in := bl.Initiatives["I1"]; in.Overdue != nil || in.Status != nil {
		t.Error("missing initiative fields read as known")
	}
	if err := writeFile(p, "[1,2"); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadBaseline(p); err == nil {
		t.Error("bad JSON read without error")
	}
}

func writeFile(p, s string) error { return os.WriteFile(p, []byte(s), 0o644) }
