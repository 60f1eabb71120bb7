package mapping

import (
	"fmt"
	"io"
	"strings"

	"kpireport/report/period"
	"kpireport/report/workbook"
)

// SheetReport is what Inspect makes of one sheet: where its table seems to
// start, what each column holds and which layout the table looks like.
type SheetReport struct {
	File         string // base name of the file
	Sheet        string
	Hidden       bool
	HeaderRow    int // 0: no header row found
	Columns      []ColumnReport
	Layout       Layout
	Merged       int          // merged ranges
	NoCache      int          // formula cells without a saved value
	FirstFormula workbook.Pos // the first of them
}

// ColumnReport is one column under the header row.
type ColumnReport struct {
	Col      int // from 1
	Header   workbook.Cell
	IsPeriod bool   // the header cell reads as a period
	Kind     string // text, number, date, period, percent or blank
}

// Layout is the shape a table seems to have.
type Layout string

// The layouts Inspect tells apart.
const (
	Unknown   Layout = ""
	Long      Layout = "long"       // a period column and a value column, one row per KPI and period
	Wide      Layout = "wide"       // periods across the header, one row per KPI
	PerMetric Layout = "per-metric" // a period column and one number column per metric
)

// inspectRows is how many rows are read to judge a sheet's header and
// columns; merged ranges and formulas are counted over the whole sheet.
const inspectRows = 500

// Inspect reads every sheet of a workbook, hidden ones too.
func Inspect(path string) ([]SheetReport, error) {
	f, err := workbook.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []SheetReport
	for _, s := range f.Sheets() {
		r := SheetReport{File: f.Name(), Sheet: s.Name, Hidden: s.Hidden}
		var rows [][]workbook.Cell
		err := f.Rows(s.Name, nil, func(num int, cells []workbook.Cell) error {
			for _, c := range cells {
				if c.Kind == workbook.NoCache {
					if r.NoCache == 0 {
						r.FirstFormula = c.Pos
					}
					r.NoCache++
				}
			}
			if len(rows) < inspectRows {
				rows = append(rows, append([]workbook.Cell(nil), cells...))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		merged, err := f.Merged(s.Name)
		if err != nil {
			return nil, err
		}
		r.Merged = len(merged)
		r.read(rows, f.Date1904())
		out = append(out, r)
	}
	return out, nil
}

// read finds the header (the first row with two text cells and a row
// below it), the kind of each column and the layout.
func (r *SheetReport) read(rows [][]workbook.Cell, date1904 bool) {
	h := -1
	for i, row := range rows {
		texts := 0
		for _, c := range row {
			if c.Kind == workbook.Text {
				texts++
			}
		}
		if texts >= 2 && i+1 < len(rows) {
			h = i
			break
		}
	}
	if h < 0 {
		return
	}
	r.HeaderRow = rows[h][0].Pos.Row
	for _, hc := range rows[h] {
		col := ColumnReport{Col: hc.Pos.Col, Header: hc, IsPeriod: isPeriod(hc, date1904)}
		var cells []workbook.Cell
		for _, row := range rows[h+1:] {
			for _, c := range row {
				if c.Pos.Col == hc.Pos.Col {
					cells = append(cells, c)
				}
			}
		}
		col.Kind = kindOf(cells, date1904)
		r.Columns = append(r.Columns, col)
	}
	periods, values, texts := 0, 0, 0
	for _, c := range r.Columns {
		if c.IsPeriod {
			periods++
			continue
		}
		switch c.Kind {
		case "number", "percent":
			values++
		case "text":
			texts++
		}
	}
	_, hasPeriod := r.column("period", "date")
	switch {
	case periods >= 3:
		r.Layout = Wide
	case hasPeriod && texts > 0 && values > 0:
		r.Layout = Long
	case hasPeriod && values >= 2:
		r.Layout = PerMetric
	}
}

// column is the first column of one of the kinds.
func (r *SheetReport) column(kinds ...string) (ColumnReport, bool) {
	for _, c := range r.Columns {
		for _, k := range kinds {
			if c.Kind == k && !c.IsPeriod {
				return c, true
			}
		}
	}
	return ColumnReport{}, false
}

func isPeriod(c workbook.Cell, date1904 bool) bool {
	switch c.Kind {
	case workbook.Number:
		if c.Format == workbook.Date {
			_, err := period.FromSerial(c.Num, date1904)
			return err == nil
		}
	case workbook.Text:
		_, err := period.Calendar{}.Parse(c.Text)
		return err == nil
	}
	return false
}

// kindOf names what most of a column's cells hold; ties go to text.
func kindOf(cells []workbook.Cell, date1904 bool) string {
	n := map[string]int{}
	for _, c := range cells {
		switch {
		case c.Kind == workbook.Number && c.Format == workbook.Percent:
			n["percent"]++
		case c.Kind == workbook.Number && c.Format == workbook.Date:
			n["date"]++
		case c.Kind == workbook.Number || c.Kind == workbook.NoCache:
			n["number"]++
		case c.Kind == workbook.Text && isPeriod(c, date1904):
			n["period"]++
		case c.Kind == workbook.Text, c.Kind == workbook.Bool:
			n["text"]++
		}
	}
	best, most := "blank", 0
	for _, k := range []string{"text", "number", "percent", "date", "period"} {
		if n[k] > most {
			best, most = k, n[k]
		}
	}
	return best
}

// Write prints the reports plainly, a block a sheet.
func Write(w io.Writer, reports []SheetReport) {
	for i, r := range reports {
		if i > 0 {
			fmt.Fprintln(w)
		}
		hidden := ""
		if r.Hidden {
			hidden = " (hidden)"
		}
		fmt.Fprintf(w, "%s: sheet %q%s\n", r.File, r.Sheet, hidden)
		if r.HeaderRow == 0 {
			fmt.Fprintln(w, "  no header row found (a row with two text cells and data below it)")
		} else {
			fmt.Fprintf(w, "  header row %d\n", r.HeaderRow)
			for _, c := range r.Columns {
				note := ""
				if c.IsPeriod {
					note = " (header is a period)"
				}
				fmt.Fprintf(w, "  %-3s %-24s %s%s\n", workbook.ColumnName(c.Col), headerText(c.Header), c.Kind, note)
			}
		}
		switch r.Layout {
		case Long:
			fmt.Fprintln(w, "  looks long: a period column and a value column, one row per KPI and period")
		case Wide:
			fmt.Fprintln(w, "  looks wide by period: periods across the header, one row per KPI")
		case PerMetric:
			fmt.Fprintln(w, "  looks like one column per metric: a period column and several number columns")
		default:
			if r.HeaderRow > 0 {
				fmt.Fprintln(w, "  layout not recognised")
			}
		}
		if r.Merged > 0 {
			fmt.Fprintf(w, "  %d merged ranges\n", r.Merged)
		}
		if r.NoCache > 0 {
			fmt.Fprintf(w, "  %d formulas without saved values, the first at %s; open and save the file in Excel to keep their results\n", r.NoCache, r.FirstFormula)
		}
	}
}

func headerText(c workbook.Cell) string {
	if c.Kind == workbook.Number && c.Format == workbook.Date {
		if p, err := period.FromSerial(c.Num, false); err == nil {
			return p.Key()
		}
	}
	return fmt.Sprintf("%q", c.Text)
}

// Draft writes a mapping to start from for the sheets whose layout Inspect
// recognised, with a "# guess" comment on each choice it made. Hidden sheets
// are left out, as the mapping reads them only when named.
func Draft(reports []SheetReport) string {
	var b strings.Builder
	b.WriteString("# A mapping drafted by kpireport inspect. Check each guess, then run\n# kpireport check with it.\n")
	b.WriteString("sources:\n")
	n := 0
	for _, r := range reports {
		if r.Layout == Unknown {
			continue
		}
		if r.Hidden {
			fmt.Fprintf(&b, "  # sheet %s is hidden: add it only if it holds data\n", quoteYAML(r.Sheet))
			continue
		}
		n++
		r.draft(&b)
	}
	if n == 0 {
		b.WriteString("  [] # no sheet looked like a long, wide or one-column-per-metric table\n")
	}
	return b.String()
}

func (r *SheetReport) draft(b *strings.Builder) {
	source := func(table string) {
		fmt.Fprintf(b, "  - table: %s\n    file: %s\n    sheet: %s\n    header: %d  # guess: the first row with two text cells\n    columns:\n",
			table, quoteYAML(r.File), quoteYAML(r.Sheet), r.HeaderRow)
	}
	field := func(name, value, guess string) {
		fmt.Fprintf(b, "      %s: %s  # guess: %s\n", name, value, guess)
	}
	kpi, hasKPI := r.column("text")
	kpiText := quoteYAML(kpi.Header.Text)
	if hasKPI {
		source("KPIs")
		field("id", "{header: "+kpiText+", slug: true}", "ids made from the KPI names")
		field("name", kpiText, "the first text column names the KPIs")
		field("perspective", "{value: Financial}", "set your perspective")
	}
	source("Measurements")
	switch r.Layout {
	case Long:
		per, _ := r.column("period", "date")
		field("kpi", "{header: "+kpiText+", slug: true}", "the KPI names, made into the same ids")
		field("period", quoteYAML(per.Header.Text), "the first period column")
		var values []ColumnReport
		for _, c := range r.Columns {
			if !c.IsPeriod && (c.Kind == "number" || c.Kind == "percent") {
				values = append(values, c)
			}
		}
		field("actual", quoteYAML(values[0].Header.Text), "the first number column holds the actuals")
		for _, c := range values[1:] {
			if h := workbook.Normalize(c.Header.Text); strings.Contains(h, "target") || strings.Contains(h, "plan") || strings.Contains(h, "goal") || strings.Contains(h, "budget") {
				field("target", quoteYAML(c.Header.Text), "a number column named like a target")
				break
			}
		}
	case Wide:
		if hasKPI {
			field("kpi", "{header: "+kpiText+", slug: true}", "the KPI names, made into the same ids")
		}
		var other []string
		for _, c := range r.Columns {
			if !c.IsPeriod && c.Col != kpi.Col {
				other = append(other, c.Header.Text)
			}
		}
		fmt.Fprintf(b, "    unpivot: {key: period, value: actual}  # guess: the period columns hold actuals\n")
		if len(other) > 0 {
			fmt.Fprintf(b, "    # columns %s are neither the KPI nor a period: unpivot would read them as periods; name them under columns or delete them\n", strings.Join(other, ", "))
		}
	case PerMetric:
		per, _ := r.column("period", "date")
		field("period", quoteYAML(per.Header.Text), "the first period column")
		field("kpi", "{slug: true}", "ids made from the metric headers")
		fmt.Fprintf(b, "    unpivot: {key: kpi, value: actual}  # guess: each number column is one KPI's actuals\n")
		fmt.Fprintf(b, "    # add a KPIs source naming each metric (id from its header with slug, a perspective)\n")
	}
}

// quoteYAML writes a text as a YAML double-quoted scalar.
func quoteYAML(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
