package workbook

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in the input: a file, optionally a sheet, optionally a
// cell or a whole row. Row and Col count from 1; zero means "not known".
type Pos struct {
	File  string // base name of the file as the user gave it
	Sheet string // empty for CSV files
	Row   int
	Col   int
}

// String formats p as the user reads it: "kpis.xlsx:Measurements!C14",
// "kpis.xlsx:Measurements!14" for a whole row, "kpis.xlsx:Measurements" for a
// sheet, and "targets.csv:C14" for a CSV file.
func (p Pos) String() string {
	return SafeText(p.text())
}

func (p Pos) text() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet != "" {
		b.WriteByte(':')
		b.WriteString(p.Sheet)
		if p.Row > 0 {
			b.WriteByte('!')
		}
	} else if p.Row > 0 {
		b.WriteByte(':')
	}
	if p.Row > 0 {
		if p.Col > 0 {
			b.WriteString(ColumnName(p.Col))
		}
		fmt.Fprintf(&b, "%d", p.Row)
	}
	return b.String()
}

// ColumnName returns the spreadsheet letters of column n (1 is "A", 27 is "AA").
func ColumnName(n int) string {
	var s []byte
	for n > 0 {
		n--
		s = append([]byte{byte('A' + n%26)}, s...)
		n /= 26
	}
	return string(s)
}

// Severity says whether a problem stops the build.
type Severity int

const (
	// Error stops the build; `kpireport check` exits 1.
	Error Severity = iota
	// Warning is reported but the build goes on.
	Warning
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Problem is one thing wrong with the input, with its place.
type Problem struct {
	Pos      Pos
	Severity Severity
	// Code names the kind of problem ("not-a-number", "unknown-kpi"), the
	// same from release to release, for tools that read check's JSON. The
	// README lists them.
	Code string
	Msg  string
}

// String formats the problem as "file:Sheet!C14: message".
func (p Problem) String() string {
	if p.Pos.File == "" {
		return p.Msg
	}
	return p.Pos.String() + ": " + p.Msg
}

// Problems collects every problem found in a read, so that all of them are
// reported at once instead of stopping at the first.
type Problems struct {
	List []Problem
}

// Errorf records an error at pos.
func (ps *Problems) Errorf(pos Pos, format string, args ...any) {
	ps.List = append(ps.List, Problem{Pos: pos, Severity: Error, Msg: SafeText(fmt.Sprintf(format, args...))})
}

// Warnf records a warning at pos.
func (ps *Problems) Warnf(pos Pos, format string, args ...any) {
	ps.List = append(ps.List, Problem{Pos: pos, Severity: Warning, Msg: SafeText(fmt.Sprintf(format, args...))})
}

// ErrorCode records an error of the kind code at pos.
func (ps *Problems) ErrorCode(pos Pos, code, format string, args ...any) {
	ps.List = append(ps.List, Problem{Pos: pos, Severity: Error, Code: code, Msg: SafeText(fmt.Sprintf(format, args...))})
}

// WarnCode records a warning of the kind code at pos.
func (ps *Problems) WarnCode(pos Pos, code, format string, args ...any) {
	ps.List = append(ps.List, Problem{Pos: pos, Severity: Warning, Code: code, Msg: SafeText(fmt.Sprintf(format, args...))})
}

// DefaultCode gives code to the problems recorded without one (by Errorf
// or Warnf), for a step whose problems are not told apart by kind.
func (ps *Problems) DefaultCode(code string) {
	for i := range ps.List {
		if ps.List[i].Code == "" {
			ps.List[i].Code = code
		}
	}
}

// Errors counts the problems that stop the build.
func (ps *Problems) Errors() int {
	n := 0
	for _, p := range ps.List {
		if p.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings counts the problems that do not stop the build.
func (ps *Problems) Warnings() int { return len(ps.List) - ps.Errors() }

// Sort orders the problems by file, sheet, row and column, keeping the order
// in which they were found for problems at the same place.
func (ps *Problems) Sort() {
	sort.SliceStable(ps.List, func(i, j int) bool {
		a, b := ps.List[i].Pos, ps.List[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return a.Col < b.Col
	})
}
