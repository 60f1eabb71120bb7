package scorecard

import (
	"fmt"
	"strings"
)

// Slugify makes a file-name-safe slug: lower-case letters, digits and hyphens.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// Slugs are the slugs of a scorecard's perspectives, objectives and KPIs:
// the names of their pages (perspectives/<slug>.html, kpis/<slug>.html)
// and anchors.
type Slugs struct {
	Perspective map[*Perspective]string
	Objective   map[*Objective]string
	KPI         map[*KPI]string
}

// MakeSlugs is the one place slugs are made. Each perspective, objective
// and KPI keeps its Slug when that is usable (lower-case letters, digits
// and hyphens) and not taken by one before it; any other gets one made by
// Slugify from the perspective's name or the objective's or KPI's id, with
// "-2", "-3"... when that is taken. Slugs are unique within each kind, in
// the order of sc.Perspectives, sc.Objectives (then objectives reached only
// from a perspective or a KPI) and sc.KPIs.
func MakeSlugs(sc *Scorecard) Slugs {
	s := Slugs{Perspective: map[*Perspective]string{}, Objective: map[*Objective]string{}, KPI: map[*KPI]string{}}
	uniq := func(seen map[string]bool, slug, from string) string {
		if !slugOK(slug) {
			slug = Slugify(from)
		}
		u := slug
		for n := 2; seen[u]; n++ {
			u = fmt.Sprintf("%s-%d", slug, n)
		}
		seen[u] = true
		return u
	}
	seen := map[string]bool{}
	for _, p := range sc.Perspectives {
		s.Perspective[p] = uniq(seen, p.Slug, p.Name)
	}
	seen = map[string]bool{}
	objective := func(o *Objective) {
		if _, done := s.Objective[o]; o != nil && !done {
			s.Objective[o] = uniq(seen, o.Slug, o.ID)
		}
	}
	for _, o := range sc.Objectives {
		objective(o)
	}
	for _, p := range sc.Perspectives {
		for _, o := range p.Objectives {
			objective(o)
		}
	}
	for _, k := range sc.KPIs {
		objective(k.Objective)
	}
	seen = map[string]bool{}
	for _, k := range sc.KPIs {
		s.KPI[k] = uniq(seen, k.Slug, k.ID)
	}
	return s
}

// setSlugs sets the Slug of every perspective, objective and KPI of sc
// (MakeSlugs), so that the exports give each its page.
func setSlugs(sc *Scorecard) {
	s := MakeSlugs(sc)
	for p, slug := range s.Perspective {
		p.Slug = slug
	}
	for o, slug := range s.Objective {
		o.Slug = slug
	}
	for k, slug := range s.KPI {
		k.Slug = slug
	}
}

// slugOK reports whether s is a usable slug: lower-case letters, digits and
// hyphens, starting with a letter or digit.
func slugOK(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
