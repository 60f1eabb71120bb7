package workbook

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize makes a column name comparable: it keeps only letters and digits,
// in lower case. "Red Flag", "red_flag", "RED-FLAG " and "Red.Flag" all
// become "redflag"; "% complete" becomes "complete" and "Target (€)"
// becomes "target". Nothing else is done: no units or plurals are stripped.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Number reads a cell as a number. A Number cell gives its value. A Text
// cell is parsed as a user would type a number: "1234.5", " 12 ", "-3",
// "+3", "1.2e3", with thousands separated by commas ("1,234.5", groups of
// three digits only), negative in parentheses ("(1,200)" is -1200), with a
// currency sign before or after ("$1,200", "-$5", "€1.5", "1.5 €") and a
// trailing percent sign ("9.5%" and "12 %" are 0.095 and 0.12; pct
// reports the sign). A Blank cell gives ok false and no error. Anything else
// gives an error such as `"n/a" is not a number`, for the caller to prefix
// with the place and column.
func (c Cell) Number() (v float64, ok bool, pct bool, err error) {
	switch c.Kind {
	case Blank:
		return 0, false, false, nil
	case Number:
		return c.Num, true, false, nil
	case Text:
		return ParseNumber(c.Text)
	case NoCache:
		return 0, false, false, fmt.Errorf("formula has no saved value (open and save the file in Excel to compute it)")
	}
	return 0, false, false, fmt.Errorf("%q is not a number", c.Text)
}

// ParseNumber parses number text as Cell.Number does for a Text cell. Text
// that is empty or only spaces gives ok false and no error.
func ParseNumber(s string) (v float64, ok bool, pct bool, err error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, false, false, nil
	}
	orig := t
	bad := func() (float64, bool, bool, error) {
		return 0, false, false, fmt.Errorf("%q is not a number", orig)
	}
	neg, paren := false, false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		neg, paren = true, true
		t = strings.TrimSpace(t[1 : len(t)-1])
	}
	if strings.HasSuffix(t, "%") {
		pct = true
		t = strings.TrimSpace(t[:len(t)-1])
	}
	// A sign and a currency symbol may come in either order before the
	// digits ("-$5", "$-5"); a currency symbol may instead follow them.
	signed := false
	sign := func() bool {
		if t != "" && (t[0] == '-' || t[0] == '+') {
			signed = true
			if t[0] == '-' {
				neg = true
			}
			t = strings.TrimSpace(t[1:])
			return true
		}
		return false
	}
	currency := false
	cur := func() {
		if r, n := utf8.DecodeRuneInString(t); n > 0 && unicode.Is(unicode.Sc, r) {
			t = strings.TrimSpace(t[n:])
			currency = true
		}
	}
	if sign() {
		cur()
	} else {
		cur()
		sign()
	}
	if !currency {
		if r, n := utf8.DecodeLastRuneInString(t); n > 0 && unicode.Is(unicode.Sc, r) {
			t = strings.TrimSpace(t[:len(t)-n])
		}
	}
	core, okSyntax := plainNumber(t)
	if !okSyntax || paren && signed {
		return bad()
	}
	scale := 1.0
	if pct {
		if strings.ContainsAny(core, "eE") {
			scale = 100
		} else {
			core += "e-2" // exact decimal scaling: "9.5%" is 0.095, not 9.5/100
		}
	}
	v, perr := strconv.ParseFloat(core, 64)
	v /= scale
	if perr != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return bad()
	}
	if neg {
		v = -v
	}
	return v, true, pct, nil
}

// plainNumber checks that s is digits with optional comma thousands
// separators, an optional fraction and an optional exponent, and returns it
// without the separators.
func plainNumber(s string) (string, bool) {
	i := 0
	digits := func() int {
		j := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i - j
	}
	var b strings.Builder
	n := digits()
	intDigits := n
	b.WriteString(s[:i])
	for n > 0 && n <= 3 && i < len(s) && s[i] == ',' {
		// Thousands: every group after the first has exactly three digits.
		i++
		start := i
		if digits() != 3 {
			return "", false
		}
		b.WriteString(s[start:i])
		intDigits += 3
	}
	start := i
	fracDigits := 0
	if i < len(s) && s[i] == '.' {
		i++
		fracDigits = digits()
	}
	if intDigits+fracDigits == 0 {
		return "", false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return "", false
		}
	}
	if i != len(s) {
		return "", false
	}
	b.WriteString(s[start:])
	return b.String(), true
}
