package scorecard

import (
	"strings"
	"testing"
)

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

// Accented Latin letters keep their base letter in a slug, so that names in
// French, German or Portuguese keep their words.
func TestSlugifyAccents(t *testing.T) {
	for in, want := range map[string]string{
		"Délai moyen de paiement": "delai-moyen-de-paiement",
		"Straße & Brücke":         "strasse-brucke",
		"Satisfação dos clientes": "satisfacao-dos-clientes",
		"Œuvre, Ærø":              "oeuvre-aero",
		"Net revenue (£k)":        "net-revenue-k",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// A name with no Latin letter, and a name too long for a file, still make
// slugs that build, stable from one build to the next and apart from each
// other.
func TestSlugifyHashes(t *testing.T) {
	jp, jp2 := Slugify("売上高"), Slugify("営業利益")
	if !strings.HasPrefix(jp, "n-") || jp == jp2 || jp != Slugify("売上高") {
		t.Errorf("slugs %q and %q: want n- and a stable hash, apart", jp, jp2)
	}
	long := strings.Repeat("very long perspective name ", 14)
	a, b := Slugify(long+"one"), Slugify(long+"two")
	if len(a) > maxSlug || len(b) > maxSlug || a == b || !strings.HasPrefix(a, "very-long-perspective-name-") {
		t.Errorf("long slugs %q and %q: want at most %d bytes, the first words kept, apart", a, b, maxSlug)
	}
	if got := Slugify("!!!"); got != "x" {
		t.Errorf("Slugify(!!!) = %q, want x", got)
	}
}

// A perspective named Board Pack or Index does not take the board pack's
// file or the zip's contents page, nor a KPI called Index the folder's.
func TestSlugsAvoidOwnFiles(t *testing.T) {
	bp, ix := &Perspective{Name: "Board Pack"}, &Perspective{Name: "Index"}
	k := &KPI{ID: "INDEX"}
	s := MakeSlugs(&Scorecard{Perspectives: []*Perspective{bp, ix}, KPIs: []*KPI{k}})
	if s.Perspective[bp] != "board-pack-2" || s.Perspective[ix] != "index-2" || s.KPI[k] != "index-2" {
		t.Errorf("slugs %q, %q, %q; want board-pack-2, index-2, index-2", s.Perspective[bp], s.Perspective[ix], s.KPI[k])
	}
}
