package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"iter"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The rows of a big sheet (the Measurements sheet holds every point of
// every KPI) cost most of the workbook's time when each goes through
// excelize's stream writer, which makes a cell reference, a cell struct and
// an escaped copy of each value for every cell. So writeSheet gives
// excelize the header row and one placeholder row, and the workbook's zip
// writer (sortedZip) writes the sheet's rows in the placeholder's place as
// the sheet goes into the zip: the same bytes excelize would have written
// (TestFastRowsSameBytes holds them to it), made straight from the values.
// A sheet holding a value this writer does not make as excelize would (a
// text in which excelize escapes "_xHHHH_", one too long for a cell, a
// type other than text, number or style) is written by excelize after all.

// splices are the rows to write in place of each placeholder row, by the
// placeholder's bytes.
type splices map[string]func(io.Writer) error

// fastRows, false in tests only, makes every sheet go through excelize.
var fastRows = true

// placeholder adds the row that stands for a sheet's rows, after its header
// row, and returns its bytes as excelize writes them; n numbers it in the
// workbook.
func placeholder(sw *excelize.StreamWriter, n int) (string, error) {
	mark := "kpireport-rows-" + strconv.Itoa(n)
	if err := sw.SetRow("A2", []any{mark}); err != nil {
		return "", err
	}
	return `<row r="2"><c r="A2" t="inlineStr"><is><t>` + mark + `</t></is></c></row>`, nil
}

// escapedBstr is what excelize escapes in a text cell: a literal
// "_xHHHH_", which a spreadsheet would read as an escaped character.
var escapedBstr = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// plain reports whether appendCell writes c as excelize does.
func (c cell) plain() bool {
	switch c.kind {
	case emptyCell, intCell:
		return true
	case floatCell:
		return !math.IsNaN(c.f) && !math.IsInf(c.f, 0)
	case textCell:
		// A text of at most TotalCellChars bytes has at most as many
		// UTF-16 units, so excelize does not cut it.
		return len(c.s) <= excelize.TotalCellChars && (!strings.Contains(c.s, "_x") || !escapedBstr.MatchString(c.s))
	}
	return false
}

// writeRows writes the sheet's rows from row 2 on, as excelize's stream
// writer writes them, in chunks to w.
func writeRows(w io.Writer, st *styles, cols []column, rows iter.Seq[[]any]) error {
	refs := make([]string, len(cols))
	for i := range cols {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		refs[i] = name
	}
	buf := make([]byte, 0, 80<<10)
	r := 1
	for row := range rows {
		r++
		num := strconv.AppendInt(nil, int64(r), 10)
		buf = append(buf, `<row r="`...)
		buf = append(buf, num...)
		buf = append(buf, `">`...)
		for i, v := range row {
			if i < len(cols) {
				buf = appendCell(buf, refs[i], num, cellOf(st, cols[i].kind, v))
			}
		}
		buf = append(buf, `</row>`...)
		if len(buf) >= 64<<10 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return err
}

// appendCell appends the cell at column col, row num, holding c (a plain
// cell), as excelize's stream writer writes it.
func appendCell(b []byte, col string, num []byte, c cell) []byte {
	if c.kind == emptyCell {
		return b
	}
	b = append(b, `<c r="`...)
	b = append(b, col...)
	b = append(b, num...)
	b = append(b, '"')
	if c.style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(c.style), 10)
		b = append(b, '"')
	}
	switch c.kind {
	case intCell:
		b = append(b, `><v>`...)
		b = strconv.AppendInt(b, int64(c.i), 10)
		b = append(b, `</v>`...)
	case floatCell:
		b = append(b, `><v>`...)
		b = appendExcelFloat(b, c.f)
		b = append(b, `</v>`...)
	case textCell:
		v := c.s
		b = append(b, ` t="inlineStr"><is><t`...)
		if isSpace(v[0]) || isSpace(v[len(v)-1]) {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = appendText(b, v)
		b = append(b, `</t></is>`...)
	}
	return append(b, `</c>`...)
}

// isSpace is the white space at a text's ends that makes excelize mark
// the text's space as preserved.
func isSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }

// appendText appends s escaped as excelize escapes a text cell: as
// encoding/xml escapes text, but with line feeds left as they are.
func appendText(b []byte, s string) []byte {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' {
			plain = false
			break
		}
	}
	if plain {
		return append(b, s...)
	}
	var esc bytes.Buffer
	xml.EscapeText(&esc, []byte(s)) // writes to a buffer: no error
	return append(b, bytes.ReplaceAll(esc.Bytes(), []byte("&#xA;"), []byte("\n"))...)
}

// appendExcelFloat appends v (finite) as excelize writes a number: its
// shortest decimal form, cut to the 15 significant digits a spreadsheet
// keeps (digits cut before the point become zeros).
func appendExcelFloat(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return b
	}
	s := b[start:]
	point := bytes.IndexByte(s, '.')
	digits := 0
	for i, c := range s {
		if c < '0' || c > '9' || digits == 0 && c == '0' {
			continue
		}
		if digits++; digits <= 15 {
			continue
		}
		if point >= 0 && i > point {
			return bytes.TrimSuffix(b[:start+i], []byte("."))
		}
		end := point
		if end < 0 {
			end = len(s)
		}
		for j := i; j < end; j++ {
			s[j] = '0'
		}
		return b[:start+end]
	}
	return b
}

// spliceError says a sheet's rows found no placeholder to go in.
func spliceError(n int) error {
	return fmt.Errorf("the rows of %d sheets found no place in the workbook", n)
}
