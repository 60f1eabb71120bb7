package mapping

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"kpireport/report/period"
)

// Pattern picks the part of a cell's text that a field takes. In the
// pattern, * stands for any text, a space for any run of spaces, and braces
// name a part: {text} is what the field takes ("{text} *" takes the first
// word of "HSG01 Homes built"); {yyyy} or {yy} a year, {mm} a month's number,
// {mon} a month's name, {q} a quarter and {dd} a day (ignored) build a
// period ("P{mm} {yyyy}" reads "P03 2026" as 2026-03). Case does not matter.
type Pattern struct {
	Text  string
	re    *regexp.Regexp
	parts []string // the named part of each group, in order
}

var patternParts = map[string]string{
	"text": `(.+?)`,
	"yyyy": `(\d{4})`,
	"yy":   `(\d{2})`,
	"mm":   `(\d{1,2})`,
	"mon":  `(\p{L}+)`,
	"q":    `([1-4])`,
	"dd":   `(\d{1,2})`,
}

func compilePattern(s string) (*Pattern, error) {
	p := &Pattern{Text: s}
	var re strings.Builder
	re.WriteString(`(?is)^\s*`)
	seen := map[string]bool{}
	for rest := s; rest != ""; {
		switch c := rest[0]; {
		case c == '*':
			re.WriteString(`.*?`)
			rest = rest[1:]
		case c == ' ':
			re.WriteString(`\s+`)
			rest = strings.TrimLeft(rest, " ")
		case c == '{':
			end := strings.IndexByte(rest, '}')
			if end < 0 {
				return nil, fmt.Errorf("pattern %q has a { without its }", s)
			}
			name := strings.ToLower(strings.TrimSpace(rest[1:end]))
			group, ok := patternParts[name]
			if !ok {
				return nil, fmt.Errorf("pattern %q names {%s}; a pattern's parts are {text}, {yyyy}, {yy}, {mm}, {mon}, {q} and {dd}", s, rest[1:end])
			}
			if seen[name] {
				return nil, fmt.Errorf("pattern %q names {%s} twice", s, name)
			}
			seen[name] = true
			re.WriteString(group)
			p.parts = append(p.parts, name)
			rest = rest[end+1:]
		default:
			n := strings.IndexAny(rest, "*{ ")
			if n < 0 {
				n = len(rest)
			}
			re.WriteString(regexp.QuoteMeta(rest[:n]))
			rest = rest[n:]
		}
	}
	re.WriteString(`\s*$`)
	year := seen["yyyy"] || seen["yy"]
	switch {
	case len(p.parts) == 0:
		return nil, fmt.Errorf("pattern %q names no part; put {text} where the part the field takes is, or {yyyy} and {mm} for a period", s)
	case seen["text"] && len(p.parts) > 1:
		return nil, fmt.Errorf("pattern %q names {text} and a part of a period; use one or the other", s)
	case seen["yyyy"] && seen["yy"]:
		return nil, fmt.Errorf("pattern %q names two years; use {text} for a label such as 2026/27", s)
	case !seen["text"] && !year:
		return nil, fmt.Errorf("pattern %q has no year; a period needs {yyyy} or {yy}", s)
	case seen["q"] && (seen["mm"] || seen["mon"]) || seen["mm"] && seen["mon"]:
		return nil, fmt.Errorf("pattern %q names more than one of {mm}, {mon} and {q}", s)
	case seen["dd"] && !seen["mm"] && !seen["mon"]:
		return nil, fmt.Errorf("pattern %q has a day but no month", s)
	}
	var err error
	p.re, err = regexp.Compile(re.String())
	return p, err
}

// Apply returns the part of text the pattern takes: the {text} part, or the
// period its parts name, written as kpireport reads it ("2026-03", "2026-Q1",
// "2026"). It reports false when the text does not match.
func (p *Pattern) Apply(text string) (string, bool) {
	if p == nil || p.re == nil {
		return text, true
	}
	m := p.re.FindStringSubmatch(text)
	if m == nil {
		return "", false
	}
	var year, month, quarter int
	for i, part := range p.parts {
		v := m[i+1]
		switch part {
		case "text":
			return strings.TrimSpace(v), true
		case "yyyy":
			year, _ = strconv.Atoi(v)
		case "yy":
			n, _ := strconv.Atoi(v)
			year = 2000 + n
		case "mm", "mon":
			n, err := period.ParseMonth(v)
			if err != nil {
				return "", false
			}
			month = n
		case "q":
			quarter, _ = strconv.Atoi(v)
		}
	}
	switch {
	case month > 0:
		return fmt.Sprintf("%04d-%02d", year, month), true
	case quarter > 0:
		return fmt.Sprintf("%04d-Q%d", year, quarter), true
	}
	return fmt.Sprintf("%04d", year), true
}
