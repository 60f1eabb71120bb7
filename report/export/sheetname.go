package export

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// maxSheetName is the longest sheet name Excel accepts, in UTF-16 units.
const maxSheetName = 31

// sheetNames hands out worksheet names that Excel accepts: at most 31
// characters, none of : \ / ? * [ ], not starting or ending with an
// apostrophe, not blank, not Excel's reserved "History", and unique without
// regard to case. The zero value is ready to use.
type sheetNames struct {
	used map[string]bool // upper-cased names handed out, and reserved ones
}

// name returns a sheet name for want, made safe by sanitizeSheetName and
// made unique by a " (2)", " (3)"… suffix, shortening the name to fit.
// fallback is used when nothing is left of want.
func (s *sheetNames) name(want, fallback string) string {
	if s.used == nil {
		s.used = map[string]bool{"HISTORY": true}
	}
	base := sanitizeSheetName(want)
	if base == "" {
		base = sanitizeSheetName(fallback)
	}
	if base == "" {
		base = "Sheet"
	}
	name := base
	for n := 2; s.used[strings.ToUpper(name)]; n++ {
		suffix := " (" + strconv.Itoa(n) + ")"
		name = trimSheetName(truncateUTF16(base, maxSheetName-len(suffix))) + suffix
	}
	s.used[strings.ToUpper(name)] = true
	return name
}

// sanitizeSheetName turns text into a name Excel accepts as a sheet name,
// apart from uniqueness: the characters Excel forbids become "-", control
// characters become spaces, runs of spaces shrink to one, and the result
// is cut to 31 UTF-16 units and trimmed of spaces and apostrophes at either
// end. It may return "".
func sanitizeSheetName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case strings.ContainsRune(`:\/?*[]`, r):
			r = '-'
		case unicode.IsControl(r) || unicode.IsSpace(r) || r == utf8RuneError:
			r = ' '
		}
		if r == ' ' && space {
			continue
		}
		space = r == ' '
		b.WriteRune(r)
	}
	return trimSheetName(truncateUTF16(trimSheetName(b.String()), maxSheetName))
}

// utf8RuneError is what ranging over a string gives for a byte that is not
// valid UTF-8.
const utf8RuneError = '\uFFFD'

// trimSheetName trims the spaces and apostrophes that a sheet name may not
// start or end with (Excel forbids apostrophes there; spaces there are
// invisible and confusing).
func trimSheetName(s string) string { return strings.Trim(s, " '") }

// truncateUTF16 returns the longest prefix of s, cut between characters,
// that is at most max UTF-16 units long (the length Excel counts).
func truncateUTF16(s string, max int) string {
	n := 0
	for i, r := range s {
		w := 1
		if utf16.RuneLen(r) == 2 {
			w = 2
		}
		if n+w > max {
			return s[:i]
		}
		n += w
	}
	return s
}
