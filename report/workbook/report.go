package workbook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// WriteText writes the problems as `kpireport check` shows them: under a
// heading per sheet (or file), in their order (Sort them first), each as
// "C14: error: message", then a one-line summary such as
// "3 errors, 12 warnings in 2 sheets".
func (ps *Problems) WriteText(w io.Writer) error {
	var b strings.Builder
	type group struct{ file, sheet string }
	var last *group
	groups := 0
	for _, p := range ps.List {
		g := group{p.Pos.File, p.Pos.Sheet}
		if last == nil || *last != g {
			if last != nil {
				b.WriteByte('\n')
			}
			if g.file != "" {
				groups++
				b.WriteString(heading(g.file, g.sheet) + "\n")
			}
			last = &g
		}
		if g.file != "" {
			b.WriteString("  ")
		}
		if where := place(p.Pos); where != "" {
			b.WriteString(where + ": ")
		}
		fmt.Fprintf(&b, "%s: %s\n", p.Severity, p.Msg)
	}
	if len(ps.List) > 0 {
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "%s, %s", count(ps.Errors(), "error", "errors"), count(ps.Warnings(), "warning", "warnings"))
	if groups > 0 {
		fmt.Fprintf(&b, " in %s", count(groups, "sheet", "sheets"))
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// jsonProblem is one problem as WriteJSON gives it.
type jsonProblem struct {
	File     string `json:"file"`
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// WriteJSON writes the problems as a JSON array (empty when there are
// none) of {file, sheet, cell, severity, code, message}, for editors and
// CI, one problem a line. Cell is "C14", a row's number alone for a whole
// row (or a line of a mapping file), and empty for a whole sheet or file.
func (ps *Problems) WriteJSON(w io.Writer) error {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, p := range ps.List {
		line, err := json.Marshal(jsonProblem{
			File:     p.Pos.File,
			Sheet:    p.Pos.Sheet,
			Cell:     cellName(p.Pos),
			Severity: p.Severity.String(),
			Code:     p.Code,
			Message:  p.Msg,
		})
		if err != nil {
			return err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n  ")
		b.Write(line)
	}
	if len(ps.List) > 0 {
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	_, err := w.Write(b.Bytes())
	return err
}

// cellName is the cell part of a position: "C14", "14" for a whole row,
// "" for a whole sheet or file.
func cellName(p Pos) string {
	if p.Row == 0 {
		return ""
	}
	return ColumnName(p.Col) + fmt.Sprint(p.Row)
}

// heading names a group of problems: "kpis.xlsx: Measurements", or the
// file alone for a CSV or mapping file.
func heading(file, sheet string) string {
	if sheet == "" {
		return file
	}
	return file + ": " + sheet
}

// place is where in its sheet a problem is: "C14", "row 14" (or "line 14"
// in a mapping file), or "" for the whole sheet.
func place(p Pos) string {
	switch {
	case p.Row == 0:
		return ""
	case p.Col > 0:
		return cellName(p)
	case isYAML(p.File):
		return fmt.Sprintf("line %d", p.Row)
	}
	return fmt.Sprintf("row %d", p.Row)
}

func isYAML(file string) bool {
	ext := strings.ToLower(filepath.Ext(file))
	return ext == ".yaml" || ext == ".yml"
}

// count writes n with the noun for its number: "1 error", "3 errors".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
