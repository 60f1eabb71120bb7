package chart

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// A History chart's option is the same from KPI to KPI but for a few
// parts: its text alternative, its title, its labels, its series' data and
// its tooltip's text. historyOption encodes the rest with go-echarts once
// for each shape of chart (which series it draws, its unit, its locale),
// with placeholders for those parts, and then writes each chart's parts
// into the gaps: the very bytes go-echarts and encoding/json write, for a
// fraction of the work (go-echarts fills its structs by reflection, and
// encoding/json walks them again).

// The placeholders' names; a series' data is holeData followed by its
// index.
const (
	holeAlt     = "alt"
	holeTitle   = "title"
	holeLabels  = "labels"
	holeTooltip = "tooltip"
	holeData    = "data"
)

// holeMark starts every placeholder. Its NUL never comes from go-echarts,
// and the rest of a shape's strings (series names, unit) are checked not
// to hold it.
const holeMark = "\x00hole:"

// historyHole is the placeholder of the part named name.
func historyHole(name string) string { return holeMark + name }

// holeJSON is how encoding/json writes holeMark.
const holeJSON = `"\u0000hole:`

// historyShape is a History option cut at its placeholders: text[0], then
// part holes[0], text[1], part holes[1], … text[len(holes)].
type historyShape struct {
	text  []string
	holes []string
}

// historyShapes caches the shapes of History options by historyShapeKey.
// Their number is the number of different shapes of chart in a
// scorecard, which is small; past maxHistoryShapes, more are not kept.
var historyShapes struct {
	sync.Mutex
	m map[string]*historyShape
}

const maxHistoryShapes = 256

// historyShapeKey is what, besides the parts historyOption fills in,
// makes a History option: the direction, the unit, whether there is a
// title, the locale's separators and the series with the legend.
func historyShapeKey(in HistoryInput, s historySeries) string {
	group, decimal, ok := in.Locale.Separators()
	var b strings.Builder
	for _, part := range []string{in.Direction, in.Unit, strconv.FormatBool(in.Title != ""), group, decimal, strconv.FormatBool(ok), yearTargetName(in), s.band} {
		b.WriteString(part)
		b.WriteByte(0)
	}
	for _, sp := range s.series {
		b.WriteString(sp.name)
		b.WriteByte(1)
	}
	b.WriteByte(0)
	for _, name := range s.legend {
		b.WriteString(name)
		b.WriteByte(1)
	}
	b.WriteByte(0)
	for _, name := range s.visible {
		b.WriteString(name)
		b.WriteByte(1)
	}
	return b.String()
}

// historyOption encodes the option of the History chart of in, with alt
// as its text alternative and s as its series, as echartsHistory does.
func historyOption(in HistoryInput, alt string, s historySeries) (json.RawMessage, error) {
	key := historyShapeKey(in, s)
	historyShapes.Lock()
	shape := historyShapes.m[key]
	historyShapes.Unlock()
	if shape == nil {
		if strings.Contains(key, holeMark) {
			return echartsHistory(in, alt, s, false)
		}
		skeleton, err := echartsHistory(in, alt, s, true)
		if err != nil {
			return nil, err
		}
		if shape = cutHistoryShape(skeleton, len(s.series), in.Title != ""); shape == nil {
			return echartsHistory(in, alt, s, false)
		}
		historyShapes.Lock()
		if historyShapes.m == nil {
			historyShapes.m = map[string]*historyShape{}
		}
		if len(historyShapes.m) < maxHistoryShapes {
			historyShapes.m[key] = shape
		}
		historyShapes.Unlock()
	}
	size := 0
	for _, t := range shape.text {
		size += len(t)
	}
	b := make([]byte, 0, size+len(alt)+len(in.Title)+(len(s.series)+2*len(s.visible))*len(in.Labels)*8)
	for i, hole := range shape.holes {
		b = append(b, shape.text[i]...)
		switch {
		case hole == holeAlt:
			b = appendJSONString(b, alt)
		case hole == holeTitle:
			b = appendJSONString(b, in.Title)
		case hole == holeLabels:
			b = appendJSONStrings(b, in.Labels)
		case hole == holeTooltip:
			b = appendTooltipText(b, historyTooltip(in.Locale, s.visible, s.tips, in.Decimals, in.Unit))
		default:
			n, _ := strconv.Atoi(strings.TrimPrefix(hole, holeData))
			var ok bool
			if b, ok = appendJSONData(b, s.series[n].data); !ok {
				return echartsHistory(in, alt, s, false)
			}
		}
	}
	return append(b, shape.text[len(shape.holes)]...), nil
}

// cutHistoryShape cuts skeleton, an option of series series written with
// placeholders, at them. It returns nil unless every placeholder expected
// is there exactly once and nothing else looks like one.
func cutHistoryShape(skeleton []byte, series int, title bool) *historyShape {
	want := map[string]int{holeAlt: 0, holeLabels: 0, holeTooltip: 0}
	if title {
		want[holeTitle] = 0
	}
	for i := range series {
		want[holeData+strconv.Itoa(i)] = 0
	}
	shape := &historyShape{}
	rest := skeleton
	for {
		i := bytes.Index(rest, []byte(holeJSON))
		if i < 0 {
			break
		}
		shape.text = append(shape.text, string(rest[:i]))
		rest = rest[i+len(holeJSON):]
		end := bytes.IndexByte(rest, '"')
		if end < 0 {
			return nil
		}
		name := string(rest[:end])
		if _, ok := want[name]; !ok {
			return nil
		}
		want[name]++
		shape.holes = append(shape.holes, name)
		rest = rest[end+1:]
	}
	shape.text = append(shape.text, string(rest))
	for _, n := range want {
		if n != 1 {
			return nil
		}
	}
	return shape
}

// appendTooltipText appends t as encoding/json writes it.
func appendTooltipText(b []byte, t TooltipText) []byte {
	b = append(b, `{"series":`...)
	b = appendJSONStrings(b, t.Series)
	b = append(b, `,"text":`...)
	if t.Text == nil {
		return append(b, "null}"...)
	}
	b = append(b, '[')
	for i, row := range t.Text {
		if i > 0 {
			b = append(b, ',')
		}
		if row == nil {
			b = append(b, "null"...)
			continue
		}
		b = append(b, '[')
		for j, s := range row {
			if j > 0 {
				b = append(b, ',')
			}
			if s == nil {
				b = append(b, "null"...)
			} else {
				b = appendJSONString(b, *s)
			}
		}
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// appendJSONStrings appends ss as encoding/json writes a []string.
func appendJSONStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONData appends series data, numbers and nulls, as encoding/json
// writes it. It reports false, having appended nothing, when data holds
// anything else.
func appendJSONData(b []byte, data []any) ([]byte, bool) {
	if data == nil {
		return append(b, "null"...), true
	}
	start := len(b)
	b = append(b, '[')
	for i, v := range data {
		if i > 0 {
			b = append(b, ',')
		}
		switch x := v.(type) {
		case nil:
			b = append(b, "null"...)
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return b[:start], false
			}
			b = appendJSONFloat(b, x)
		default:
			return b[:start], false
		}
	}
	return append(b, ']'), true
}

// appendJSONFloat appends a finite f as encoding/json writes a float64:
// the shortest decimal that reads back as f, in exponent form only for
// very small or very large numbers, with no zero padding the exponent.
func appendJSONFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	fmt := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		fmt = 'e'
	}
	b = strconv.AppendFloat(b, f, fmt, -1, 64)
	if fmt == 'e' {
		// "1e-07" becomes "1e-7".
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendJSONString appends s quoted as encoding/json writes a string with
// HTML escaping on: <, > and & as \u escapes, the line and paragraph
// separators escaped, invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
