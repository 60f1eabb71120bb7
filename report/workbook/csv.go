package workbook

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrUTF16 is returned for CSV files saved as UTF-16 ("Unicode text").
var ErrUTF16 = errors.New("file is UTF-16 text; save it as CSV UTF-8")

// openCSV reads a CSV file into memory and names its one sheet.
func (f *File) openCSV() error {
	data, err := os.ReadFile(f.path)
	if err != nil {
		return f.pathError(err)
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return fmt.Errorf("%s: %w", f.name, ErrUTF16)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		data, f.nonUTF8 = windows1252(data), true
	}
	f.isCSV, f.csv = true, crLines(data)
	f.sheets = []SheetInfo{{Name: strings.TrimSuffix(f.name, filepath.Ext(f.name))}}
	return nil
}

// crLines turns line ends written as a lone carriage return (old Mac
// exports) into line feeds, so that each line is a row; "\r\n" is kept.
// The data is changed in place.
func crLines(data []byte) []byte {
	for i := bytes.IndexByte(data, '\r'); i >= 0; {
		if i+1 >= len(data) || data[i+1] != '\n' {
			data[i] = '\n'
		}
		j := bytes.IndexByte(data[i+1:], '\r')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return data
}

// sniffDelimiter picks the delimiter of the first non-blank line: a comma,
// a semicolon (as Excel writes in locales with a decimal comma) or a tab,
// whichever occurs most outside quotes. A tie goes to the comma.
func sniffDelimiter(data []byte) rune {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var n [3]int
		quoted := false
		for _, c := range line {
			switch {
			case c == '"':
				quoted = !quoted
			case quoted:
			case c == ',':
				n[0]++
			case c == ';':
				n[1]++
			case c == '\t':
				n[2]++
			}
		}
		switch {
		case n[1] > n[0] && n[1] >= n[2]:
			return ';'
		case n[2] > n[0] && n[2] > n[1]:
			return '\t'
		}
		return ','
	}
	return ','
}

// readCSV reads the CSV file into b.
func (f *File) readCSV(b *builder, ps *Problems) error {
	return f.scanCSV(ps, func(num int, cells []Cell) error {
		b.add(num, cells)
		return nil
	})
}

// scanCSV hands each record of the CSV file to fn, with its row number and
// its non-blank fields as cells. Rows are numbered by line, as a
// spreadsheet shows the file. A cell is a Number if it is a plain number
// ("12", "-3.5", "1e3"; with a semicolon delimiter also "3,5"), else Text.
// A record that cannot be read ends the file with an error in ps.
func (f *File) scanCSV(ps *Problems, fn func(num int, cells []Cell) error) error {
	if f.nonUTF8 {
		ps.WarnCode(Pos{File: f.name}, "not-utf8", "the file is not UTF-8; it was read as Windows-1252 (save it as CSV UTF-8 to be sure)")
	}
	delim := sniffDelimiter(f.csv)
	r := csv.NewReader(bytes.NewReader(f.csv))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	var cells []Cell
	pos := Pos{File: f.name}
	mark := markUnknown
	if delim == ';' {
		mark = decimalMarkOf(f.csv)
	}
	numbers, said := false, false // a number read; the decimal mark stated
	// A spreadsheet counts the empty lines that encoding/csv skips, and a
	// quoted line break does not start a row: num counts as the former do.
	num, line := 0, 1 // row of the last record; line where the next read starts
	for {
		off := r.InputOffset()
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			ps.ErrorCode(Pos{File: f.name, Row: num + 1}, "csv-syntax", "%v", err)
			return nil
		}
		start, _ := r.FieldPos(0)
		num += 1 + start - line
		line += bytes.Count(f.csv[off:r.InputOffset()], []byte("\n"))
		cells = cells[:0]
		for i, field := range rec {
			text := strings.TrimSpace(field)
			if text == "" {
				continue
			}
			pos.Row, pos.Col = num, i+1
			c := Cell{Pos: pos, Kind: Text, Text: text}
			if delim == ';' && (mark == markUnknown || mark == markBoth) && ambiguousGroup.MatchString(text) {
				whole := strings.ReplaceAll(text, ".", "")
				small, _ := strconv.ParseFloat(text, 64)
				ps.ErrorCode(pos, "ambiguous-number", "%q could be %s (a dot grouping thousands) or %v (a decimal point), and no other number in this ;-separated file tells which: write %s for the one, %s for the other",
					text, whole, small, whole, strings.Replace(text, ".", ",", 1))
				continue
			}
			if v, ok := csvNumber(text, delim, mark); ok {
				c.Kind, c.Num, numbers = Number, v, true
			}
			cells = append(cells, c)
		}
		if numbers && !said && delim == ';' && (mark == markComma || mark == markDot) {
			what := "decimal commas, dots grouping thousands (1.234,5 is 1234.5)"
			if mark == markDot {
				what = "decimal points (1.234 is one and a bit)"
			}
			ps.WarnCode(Pos{File: f.name}, "decimal-mark", "a ;-separated file: its numbers were read with %s, as the file writes them", what)
			said = true
		}
		if len(cells) == 0 {
			continue
		}
		if err := fn(num, cells); err != nil {
			return err
		}
	}
}

// decimalMark is how a ;-separated file writes the fraction of a number.
type decimalMark int

const (
	markUnknown decimalMark = iota // no number tells
	markComma                      // 3,5 and 1.234,5
	markDot                        // 3.5 and 12.25
	markBoth                       // both are written: each number by its own form
)

var (
	// ambiguousGroup is a number that reads either way: "1.000", "12.345".
	ambiguousGroup = regexp.MustCompile(`^[+-]?\d{1,3}\.\d{3}$`)
	commaDecimal   = regexp.MustCompile(`^[+-]?(\d{1,3}(\.\d{3})*|\d+),\d+$`)
	dotDecimal     = regexp.MustCompile(`^[+-]?\d*\.\d+$`)
	dotGroups      = regexp.MustCompile(`^[+-]?\d{1,3}(\.\d{3}){2,}$`)
)

// decimalMarkOf finds a ;-separated file's decimal mark from the numbers
// that read only one way.
func decimalMarkOf(data []byte) decimalMark {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = ';', -1, true, true
	comma, dot := false, false
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		for _, field := range rec {
			field = strings.TrimSpace(field)
			switch {
			case commaDecimal.MatchString(field) || dotGroups.MatchString(field):
				comma = true // "3,5", "1.234,5", and "1.234.567" with dots grouping thousands
			case dotDecimal.MatchString(field) && !ambiguousGroup.MatchString(field):
				dot = true
			}
		}
	}
	switch {
	case comma && dot:
		return markBoth
	case comma:
		return markComma
	case dot:
		return markDot
	}
	return markUnknown
}

// europeanNumber matches numbers grouped with dots and a decimal comma
// ("1.234,5"), or with two or more dot groups ("1.234.567"); a single
// "1.234" stays a decimal point, as it is ambiguous.
var europeanNumber = regexp.MustCompile(`^[+-]?\d{1,3}(?:(?:\.\d{3})+,\d+|(?:\.\d{3}){2,})$`)

// csvNumber parses a plain number: an optional sign, digits with an optional
// fraction, an optional exponent. With a semicolon delimiter, a decimal
// comma is taken too ("3,5"), and dots grouping thousands ("1.234,5").
func csvNumber(s string, delim rune, mark decimalMark) (float64, bool) {
	if delim == ';' && mark == markComma && ambiguousGroup.MatchString(s) {
		s = strings.ReplaceAll(s, ".", "") // "1.000" is one thousand
	}
	if delim == ';' && europeanNumber.MatchString(s) {
		// "1.234,5" and "1.234.567": dots group thousands, a comma
		// starts the fraction, as European spreadsheets write them.
		s = strings.Replace(strings.ReplaceAll(s, ".", ""), ",", ".", 1)
	}
	if delim == ';' && strings.Count(s, ",") == 1 && !strings.ContainsAny(s, ".eE") {
		s = strings.Replace(s, ",", ".", 1)
	}
	t := strings.TrimLeft(s, "+-")
	if len(s)-len(t) > 1 || strings.Contains(t, ",") {
		return 0, false
	}
	core, ok := plainNumber(t)
	if !ok || core != t {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// cp1252 maps the bytes 0x80 to 0x9F of Windows-1252 to runes; the other
// bytes above 0x7F are the Latin-1 runes of the same value.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// windows1252 decodes Windows-1252 text, as Excel saves "CSV" in western
// locales, to UTF-8.
func windows1252(data []byte) []byte {
	out := make([]byte, 0, len(data)+len(data)/8)
	for _, c := range data {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xA0:
			out = utf8.AppendRune(out, cp1252[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}
