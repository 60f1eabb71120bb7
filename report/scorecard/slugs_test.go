package scorecard

import "testing"

func TestMakeSlugs(t *testing.T) {
	fin := &Perspective{Name: "Financial"}
	fin2 := &Perspective{Name: "Financial!"}
	cus := &Perspective{Name: "Customer", Slug: "clients"}
	listed := &Objective{ID: "O1", Perspective: fin}
	clash := &Objective{ID: "o1", Perspective: fin}
	unlisted := &Objective{ID: "O2", Perspective: cus}
	cus.Objectives = []*Objective{unlisted}
	viaKPI := &Objective{ID: "O3"}
	ks := []*KPI{
		{ID: "K1", Objective: listed},
		{ID: "K2", Slug: "../../etc/passwd", Objective: viaKPI},
		{ID: "k 2", Objective: clash},
		{ID: "", Slug: "k1"},
	}
	sc := &Scorecard{Perspectives: []*Perspective{fin, fin2, cus}, Objectives: []*Objective{listed, clash}, KPIs: ks}
	s := MakeSlugs(sc)
	for _, c := range []struct{ got, want string }{
		{s.Perspective[fin], "financial"},
		{s.Perspective[fin2], "financial-2"},
		{s.Perspective[cus], "clients"}, // its own, usable
		{s.Objective[listed], "o1"},
		{s.Objective[clash], "o1-2"},
		{s.Objective[unlisted], "o2"},
		{s.Objective[viaKPI], "o3"},
		{s.KPI[ks[0]], "k1"},
		{s.KPI[ks[1]], "k2"}, // unsafe: made from the id
		{s.KPI[ks[2]], "k-2"},
		{s.KPI[ks[3]], "k1-2"}, // its own, but taken
	} {
		if c.got != c.want {
			t.Errorf("slug %q, want %q", c.got, c.want)
		}
	}
}
