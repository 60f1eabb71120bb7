package scorecard

import (
	"strings"
	"unicode"

	"kpireport/report/workbook"
)

// sheetKind is what a sheet (or CSV file) holds.
type sheetKind int

const (
	sheetUnknown sheetKind = iota
	sheetSettings
	sheetPerspectives
	sheetObjectives
	sheetKPIs
	sheetMeasurements
	sheetTargets
	sheetInitiatives
	sheetCommentary
	sheetUnits
)

var sheetKindNames = map[sheetKind]string{
	sheetSettings:     "Settings",
	sheetPerspectives: "Perspectives",
	sheetObjectives:   "Objectives",
	sheetKPIs:         "KPIs",
	sheetMeasurements: "Measurements",
	sheetTargets:      "Targets",
	sheetInitiatives:  "Initiatives",
	sheetCommentary:   "Commentary",
	sheetUnits:        "Units",
}

// sheetWords are the first words of a sheet name that say what it holds.
var sheetWords = map[string]sheetKind{
	"settings": sheetSettings, "setting": sheetSettings,
	"perspectives": sheetPerspectives, "perspective": sheetPerspectives,
	"objectives": sheetObjectives, "objective": sheetObjectives,
	"kpis": sheetKPIs, "kpi": sheetKPIs,
	"measurements": sheetMeasurements, "measurement": sheetMeasurements, "actuals": sheetMeasurements,
	"targets":     sheetTargets,
	"initiatives": sheetInitiatives,
	"commentary":  sheetCommentary, "comments": sheetCommentary,
	"units": sheetUnits,
}

// kindOfSheet tells a sheet's kind from the first word of its name, in any
// case: "Measurements (wide)", "measurements_2025", "KPI register" and
// "Actuals" are measurements, measurements, KPIs and measurements, but
// "Actual Sales by Manager" and "KPIDashboard" are nothing kpireport reads.
// Words are runs of letters, or of digits.
func kindOfSheet(name string) sheetKind {
	first := ""
	for _, r := range name {
		switch {
		case unicode.IsLetter(r):
			if first != "" && !unicode.IsLetter([]rune(first)[0]) {
				return sheetWords[first]
			}
			first += string(unicode.ToLower(r))
		case unicode.IsDigit(r):
			if first != "" && !unicode.IsDigit([]rune(first)[0]) {
				return sheetWords[first]
			}
			first += string(r)
		case first != "":
			return sheetWords[first]
		}
	}
	return sheetWords[first]
}

// column is one column a sheet may have: its name in the brief and the other
// names users give it, compared after workbook.Normalize.
type column struct {
	name     string
	aliases  []string
	required bool
}

var sheetColumns = map[sheetKind][]column{
	sheetSettings: {
		{name: "key", aliases: []string{"setting", "name"}, required: true},
		{name: "value", required: true},
	},
	sheetPerspectives: {
		{name: "name", aliases: []string{"perspective"}, required: true},
		{name: "order", aliases: []string{"position", "rank"}},
		{name: "weight"},
		{name: "description"},
	},
	sheetObjectives: {
		{name: "id", aliases: []string{"objective id", "code"}, required: true},
		{name: "name", aliases: []string{"objective", "objective name"}, required: true},
		{name: "perspective", required: true},
		{name: "description"},
		{name: "owner"},
		{name: "weight"},
		{name: "drives", aliases: []string{"contributes to", "leads to"}},
	},
	sheetKPIs: {
		{name: "id", aliases: []string{"kpi id", "code"}, required: true},
		{name: "name", aliases: []string{"kpi name", "kpi", "measure"}, required: true},
		{name: "objective", aliases: []string{"objective id"}},
		{name: "perspective"},
		{name: "unit", aliases: []string{"units"}},
		{name: "direction", aliases: []string{"polarity", "better"}},
		{name: "frequency", aliases: []string{"freq"}},
		{name: "aggregation", aliases: []string{"rollup", "roll up"}},
		{name: "target", aliases: []string{"goal"}},
		{name: "red_flag", aliases: []string{"red flag", "threshold", "redflag"}},
		{name: "tolerance"},
		{name: "target_max", aliases: []string{"target max", "upper target", "max target"}},
		{name: "baseline"},
		{name: "weight"},
		{name: "owner"},
		{name: "description", aliases: []string{"definition"}},
		{name: "data_source", aliases: []string{"source", "data source"}},
		{name: "format"},
		{name: "decimals", aliases: []string{"decimal places"}},
		{name: "review_date", aliases: []string{"review date", "next review"}},
		{name: "status"},
		{name: "business_unit", aliases: []string{"business unit", "org unit", "owning unit"}},
		{name: "key", aliases: []string{"key kpi"}},
	},
	sheetMeasurements: {
		{name: "kpi", aliases: []string{"kpi id", "id"}, required: true},
		{name: "period", aliases: []string{"month", "date", "quarter"}, required: true},
		{name: "actual", aliases: []string{"value", "actuals", "result"}, required: true},
		{name: "target"},
		{name: "red_flag", aliases: []string{"red flag", "threshold"}},
		{name: "numerator"},
		{name: "denominator"},
		{name: "comment", aliases: []string{"comments", "note", "notes"}},
		{name: "unit", aliases: []string{"business unit", "business_unit", "org unit"}},
		{name: "weight"},
	},
	sheetTargets: {
		{name: "kpi", aliases: []string{"kpi id", "id"}, required: true},
		{name: "period", required: true},
		{name: "target", aliases: []string{"goal"}, required: true},
		{name: "red_flag", aliases: []string{"red flag", "threshold"}},
		{name: "unit", aliases: []string{"business unit", "business_unit", "org unit"}},
	},
	sheetInitiatives: {
		{name: "id", aliases: []string{"initiative id", "code"}, required: true},
		{name: "name", aliases: []string{"initiative", "initiative name"}, required: true},
		{name: "objective", aliases: []string{"objective id"}},
		{name: "owner"},
		{name: "start", aliases: []string{"start date"}},
		{name: "due", aliases: []string{"due date", "end", "end date"}},
		{name: "status"},
		{name: "percent_complete", aliases: []string{"percent complete", "complete", "progress", "pct complete"}},
		{name: "budget"},
		{name: "spent", aliases: []string{"actual spend", "spend"}},
	},
	sheetCommentary: {
		{name: "scope", required: true},
		{name: "period"},
		{name: "text", aliases: []string{"markdown", "commentary", "comment"}, required: true},
	},
	sheetUnits: unitColumns,
}

// wideColumns are the columns a wide measurements sheet may have beside the
// period columns.
var wideColumns = []column{
	{name: "kpi", aliases: []string{"kpi id", "id"}, required: true},
	{name: "name", aliases: []string{"kpi name"}},
	{name: "unit"},
}

// knownNames lists every normalized name of the columns, for finding the
// header row below any title rows.
func knownNames(cols []column) []string {
	var names []string
	for _, c := range cols {
		names = append(names, workbook.Normalize(c.name))
		for _, a := range c.aliases {
			names = append(names, workbook.Normalize(a))
		}
	}
	return names
}

// header maps a table's columns to their index in a row.
type header struct {
	t   *workbook.Table
	idx map[string]int // column name → index in Row.Cells
}

// mapHeader matches a table's header cells to cols, warning about columns it
// does not know and about repeated ones. Cells that are not matched are
// returned in rest (their index in Row.Cells) when keepRest is set, instead of
// being warned about.
func mapHeader(t *workbook.Table, cols []column, ps *workbook.Problems, keepRest bool) (h header, rest []int) {
	h = header{t: t, idx: map[string]int{}}
	byName := map[string]string{}
	for _, c := range cols {
		byName[workbook.Normalize(c.name)] = c.name
		for _, a := range c.aliases {
			if _, taken := byName[workbook.Normalize(a)]; !taken {
				byName[workbook.Normalize(a)] = c.name
			}
		}
	}
	for i, cell := range t.Header {
		if cell.Kind == workbook.Blank {
			continue
		}
		name, ok := byName[workbook.Normalize(cell.Text)]
		if !ok {
			if keepRest {
				rest = append(rest, i)
			} else {
				ps.WarnCode(cell.Pos, "unknown-column", "column %q is not one kpireport reads; ignored", cell.Text)
			}
			continue
		}
		if prev, dup := h.idx[name]; dup {
			ps.WarnCode(cell.Pos, "repeated-column", "column %q repeats column %s; ignored", cell.Text, workbook.ColumnName(t.Header[prev].Pos.Col))
			continue
		}
		h.idx[name] = i
	}
	return h, rest
}

// missing returns the required columns that the header lacks.
func (h header) missing(cols []column) []string {
	var m []string
	for _, c := range cols {
		if _, ok := h.idx[c.name]; c.required && !ok {
			m = append(m, c.name)
		}
	}
	return m
}

// cell returns the row's cell in the named column; a Blank cell when the
// table has no such column.
func (h header) cell(r workbook.Row, name string) workbook.Cell {
	i, ok := h.idx[name]
	if !ok || i >= len(r.Cells) {
		return workbook.Cell{Pos: workbook.Pos{File: h.t.File, Sheet: h.t.Sheet, Row: r.Num}}
	}
	return r.Cells[i]
}

// text returns the trimmed text of the row's cell in the named column.
func (h header) text(r workbook.Row, name string) string {
	c := h.cell(r, name)
	if c.Kind == workbook.Blank {
		return ""
	}
	return strings.TrimSpace(c.Text)
}

// Columns lists the columns kpireport reads from a sheet ("KPIs",
// "Measurements", ...), each as its name followed by the other names it is
// known by, for a mapping to check its fields against and a draft to match
// headers with. It returns nil for a sheet kpireport does not read.
func Columns(sheet string) [][]string {
	var out [][]string
	for _, c := range sheetColumns[kindOfSheet(sheet)] {
		out = append(out, append([]string{c.name}, c.aliases...))
	}
	return out
}

// Required reports whether a column of a sheet must be given.
func Required(sheet, col string) bool {
	for _, c := range sheetColumns[kindOfSheet(sheet)] {
		if c.name == col {
			return c.required
		}
	}
	return false
}
