package workbook

import (
	"errors"
	"io"
	"strings"
)

// Format says what a cell's number format makes of its value. Only what
// kpireport needs is kept, one byte per cell: the format's code is not.
type Format uint8

const (
	Plain    Format = iota // General, or a number format such as 0.00 or #,##0
	Percent                // a percentage format: 0.952 shows as 95.2%
	Date                   // a date, or a date and time: the number is a date serial
	Time                   // a time of day or a duration, with no date part
	Currency               // a number shown with a currency sign ($, £, €, [$€-407])
	TextFmt                // the text format "@"
)

var formatNames = [...]string{"plain", "percent", "date", "time", "currency", "text"}

func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "plain"
}

// Limits on the styles part, which is read whole: a real workbook's is well
// under a megabyte, and Excel allows 64,000 cell formats.
const (
	maxStylesBytes = 16 << 20
	maxCellFormats = 1 << 16
)

var errStylesTooLarge = errors.New("the styles part is larger than 16 MB")

// readStyles reads the number format of each cell format (cellXfs) once.
// A workbook without styles has only plain cells. A styles part over the
// size limit is not read: its cells are plain and styleWarn says why.
func (f *File) readStyles() error {
	if f.stylesRead {
		return nil
	}
	f.stylesRead = true
	if f.stylesPart == "" || f.parts[partKey(f.stylesPart)] == nil {
		return nil
	}
	custom := map[int]Format{}
	var (
		inXfs   bool
		formats []int // numFmtId of each cellXfs entry
	)
	err := f.scanPartLimited(f.stylesPart, maxStylesBytes, func(s *xmlScanner) {
		switch {
		case s.kind == tokStart && s.is("numFmt"):
			id, _ := s.attr("numFmtId")
			code, _ := s.attr("formatCode")
			if n, ok := atoi(id); ok && len(custom) < maxCellFormats {
				custom[n] = classifyFormat(string(code))
			}
		case s.is("cellXfs"):
			inXfs = s.kind == tokStart
		case inXfs && s.kind == tokStart && s.is("xf") && len(formats) < maxCellFormats:
			id, _ := s.attr("numFmtId")
			n, _ := atoi(id)
			formats = append(formats, n)
		}
	})
	if errors.Is(err, errStylesTooLarge) {
		f.styleWarn = "the workbook's styles are larger than 16 MB and were not read: no cell counts as percent- or date-formatted"
		return nil
	}
	if err != nil {
		return err
	}
	f.formats = make([]Format, len(formats))
	for i, id := range formats {
		if ft, ok := custom[id]; ok {
			f.formats[i] = ft
		} else {
			f.formats[i] = builtinFormat(id)
		}
	}
	return nil
}

// formatOf returns the format of cell style index s (a cell's s attribute).
func (f *File) formatOf(s int) Format {
	if s < 0 || s >= len(f.formats) {
		return Plain
	}
	return f.formats[s]
}

// builtinFormat classifies the number formats that Excel numbers without
// writing their code (ECMA-376 Part 1, 18.8.30), including the East Asian
// and Thai date formats.
func builtinFormat(id int) Format {
	switch {
	case id == 9 || id == 10 || id == 67 || id == 68:
		return Percent
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 36, id >= 50 && id <= 58,
		id >= 71 && id <= 74, id == 77, id == 81:
		return Date
	case id >= 18 && id <= 21, id >= 45 && id <= 47, id == 75 || id == 76, id >= 78 && id <= 80:
		return Time
	case id >= 5 && id <= 8, id == 42 || id == 44, id >= 63 && id <= 66:
		return Currency
	case id == 49:
		return TextFmt
	}
	return Plain
}

// classifyFormat reads a custom number format code such as "0.0%",
// "mmm yyyy", "[h]:mm", "[$€-407]#,##0.00" or "@". Only the first section
// (for positive numbers) counts. Quoted text, escaped characters, padding
// and fill (_x, *x), colours and conditions in brackets are not part of
// what the format shows; a currency in brackets ([$€-407]) and elapsed
// time ([h]) are.
func classifyFormat(code string) Format {
	core, money, elapsed := formatCore(strings.ToLower(code))
	core = strings.ReplaceAll(core, "general", "")
	// "E+" and "e-" are a scientific exponent, not a letter of a date.
	core = strings.NewReplacer("e+", "", "e-", "").Replace(core)
	day := strings.ContainsAny(core, "yde")
	clock := elapsed || strings.ContainsAny(core, "hs")
	switch {
	case day || strings.Contains(core, "m") && !clock:
		return Date
	case clock:
		return Time
	case strings.Contains(core, "%"):
		return Percent
	case money || strings.ContainsAny(core, "$€£¥₩₹"):
		return Currency
	case strings.Contains(core, "@"):
		return TextFmt
	}
	return Plain
}

// formatCore returns the first section of a lower-case format code without
// its literals and bracketed parts, and whether those brackets named a
// currency sign or elapsed time.
func formatCore(code string) (core string, money, elapsed bool) {
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return b.String(), money, elapsed
			}
			i += j + 1
		case '\\', '_', '*':
			i++ // the next character is literal, a width or a fill
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				return b.String(), money, elapsed
			}
			inner := code[i+1 : i+1+j]
			switch {
			case strings.HasPrefix(inner, "$"):
				// [$€-407] has a sign; [$-409] only a locale.
				if sign, _, _ := strings.Cut(inner[1:], "-"); sign != "" {
					money = true
				}
			case inner != "" && strings.Trim(inner, "hms") == "":
				elapsed = true
			}
			i += j + 1
		case ';':
			return b.String(), money, elapsed
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), money, elapsed
}

// limitedReader reads at most n bytes, then fails with err and sets hit.
type limitedReader struct {
	r   io.Reader
	n   int64
	err error
	hit bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		l.hit = true
		return 0, l.err
	}
	if int64(len(p)) > l.n {
		p = p[:l.n+1] // one byte more than allowed shows the part is too big
	}
	n, err := l.r.Read(p)
	if int64(n) > l.n {
		l.n, l.hit = 0, true
		return 0, l.err
	}
	l.n -= int64(n)
	return n, err
}
