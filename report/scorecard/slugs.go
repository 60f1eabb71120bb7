package scorecard

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"

	unorm "golang.org/x/text/unicode/norm"
)

// Slugify makes a file-name-safe slug: lower-case letters, digits and hyphens.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range latin(strings.ToLower(s)) {
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
	out := b.String()
	switch {
	case out == "" && strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0:
		return "n-" + shortHash(s) // a name in a script with no Latin letters: 売上高
	case out == "":
		return "x"
	case len(out) > maxSlug:
		// A long name keeps its first words and a hash of the whole, so
		// that two long names that start alike stay apart.
		cut := strings.LastIndexByte(out[:maxSlug-7], '-')
		if cut < maxSlug/2 {
			cut = maxSlug - 7
		}
		return out[:cut] + "-" + shortHash(s)
	}
	return out
}

// maxSlug bounds a slug's length, well within a file name's.
const maxSlug = 64

// shortHash is six hex digits of a stable hash of s.
func shortHash(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return fmt.Sprintf("%06x", h.Sum32()&0xffffff)
}

// latin writes accented Latin letters as their base letters ("délai" is
// "delai", "straße" "strasse"), so that a name in French, German or
// Portuguese keeps its words in a slug.
func latin(s string) string {
	var b strings.Builder
	for _, r := range unorm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent
		}
		if w, ok := latinLetters[r]; ok {
			b.WriteString(w)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// latinLetters are the lower-case letters that do not decompose into a
// base letter and an accent.
var latinLetters = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
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
	// A perspective's slug names its page and its pack (packs/<slug>.html,
	// and <slug>.html in the packs' zip), beside the board pack and the
	// zip's contents page; no slug is index, whose pages the site and the
	// zip have already.
	seen := map[string]bool{"index": true, "board-pack": true, "review-packs": true}
	for _, p := range sc.Perspectives {
		s.Perspective[p] = uniq(seen, p.Slug, p.Name)
	}
	seen = map[string]bool{"index": true}
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
	seen = map[string]bool{"index": true}
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
	if s == "" || s[0] == '-' || len(s) > maxSlug {
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
