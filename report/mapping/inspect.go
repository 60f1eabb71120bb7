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
	File      string // base name of the file
	Sheet     string
	Hidden    bool
	HeaderRow int // 0: no header row found
	// SubHeader is the row under the header that names each period's
	// sub-columns (Target | Actual | %), 0 if none; SubLabels are its
	// labels, each once, in order.
	SubHeader int
	SubLabels []string
	subLast   int // the sub-header's last column
	// FirstRow and LastRow bound the data when notes follow the table
	// (rows of a single cell after the last row of data); 0 otherwise.
	FirstRow, LastRow int
	// RoleColumn is a text column whose cells say what each row holds
	// (Actual, Plan, ...), 0 if none; RoleLabels are its labels.
	RoleColumn   int
	RoleLabels   []string
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
	data := h + 1
	if labels := roleLabels(rows[h+1]); len(labels) >= 2 && rows[h+1][0].Pos.Row == r.HeaderRow+1 && data+1 < len(rows) {
		r.SubHeader, r.SubLabels = rows[h+1][0].Pos.Row, labels
		r.subLast = rows[h+1][len(rows[h+1])-1].Pos.Col
		data++
	}
	byCol := map[int][]workbook.Cell{} // the data's cells, by column, read once
	for _, row := range rows[data:] {
		for _, c := range row {
			byCol[c.Pos.Col] = append(byCol[c.Pos.Col], c)
		}
	}
	for _, hc := range rows[h] {
		col := ColumnReport{Col: hc.Pos.Col, Header: hc, IsPeriod: isPeriod(hc, date1904)}
		col.Kind = kindOf(byCol[hc.Pos.Col], date1904)
		r.Columns = append(r.Columns, col)
	}
	r.findRoleColumn(byCol)
	if len(rows) < inspectRows {
		last := -1
		for i := data; i < len(rows); i++ {
			if len(rows[i]) >= 2 {
				last = i
			}
		}
		if last >= data && last+1 < len(rows) {
			r.FirstRow, r.LastRow = rows[data][0].Pos.Row, rows[last][0].Pos.Row
		}
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

// roleWords are the labels of row roles that a draft recognises, by the
// role it gives them; the rest of a role column's labels are skipped.
var roleWords = map[string]string{
	"actual": "actual", "actuals": "actual", "act": "actual", "ac": "actual", "result": "actual",
	"réalisé": "actual", "realise": "actual", "réel": "actual", "realizado": "actual", "real": "actual",
	"target": "target", "targets": "target", "plan": "target", "budget": "target", "bud": "target",
	"goal": "target", "tgt": "target", "objectif": "target", "cible": "target", "meta": "target",
	"forecast": "skip", "fcst": "skip", "fc": "skip", "py": "skip", "prioryear": "skip", "ly": "skip",
	"lastyear": "skip", "variance": "skip", "var": "skip", "": "skip", "écart": "skip", "ecart": "skip",
}

// roleLabels returns the distinct labels of cells that name row roles,
// if at least one is an actual and one a target.
func roleLabels(row []workbook.Cell) []string {
	var labels []string
	seen := map[string]bool{}
	roles := map[string]bool{}
	for _, c := range row {
		role, ok := roleWords[workbook.Normalize(c.Text)]
		if c.Kind != workbook.Text || !ok {
			continue
		}
		roles[role] = true
		if !seen[c.Text] {
			seen[c.Text] = true
			labels = append(labels, c.Text)
		}
	}
	if !roles["actual"] || !roles["target"] {
		return nil
	}
	return labels
}

// findRoleColumn finds a text column, other than the first, whose cells
// are mostly role labels with both an actual and a target among them.
func (r *SheetReport) findRoleColumn(byCol map[int][]workbook.Cell) {
	first := true
	for _, c := range r.Columns {
		if c.Kind != "text" || c.IsPeriod {
			continue
		}
		if first {
			first = false
			continue
		}
		var cells []workbook.Cell
		hits := 0
		for _, cell := range byCol[c.Col] {
			if cell.Kind == workbook.Text {
				cells = append(cells, cell)
				if _, ok := roleWords[workbook.Normalize(cell.Text)]; ok {
					hits++
				}
			}
		}
		if labels := roleLabels(cells); labels != nil && hits*10 >= len(cells)*8 {
			r.RoleColumn, r.RoleLabels = c.Col, labels
			return
		}
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
		if r.SubHeader > 0 {
			fmt.Fprintf(w, "  row %d names each period's sub-columns: %s\n", r.SubHeader, strings.Join(r.SubLabels, ", "))
		}
		if r.RoleColumn > 0 {
			fmt.Fprintf(w, "  column %s says what each row holds: %s\n", workbook.ColumnName(r.RoleColumn), strings.Join(r.RoleLabels, ", "))
		}
		if r.LastRow > 0 {
			fmt.Fprintf(w, "  data in rows %d-%d; the rows below hold one cell each (notes)\n", r.FirstRow, r.LastRow)
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
		header := fmt.Sprintf("%d  # guess: the first row with two text cells", r.HeaderRow)
		if r.SubHeader > 0 {
			header = fmt.Sprintf("[%d, %d]  # guess: row %d names each period's sub-columns", r.HeaderRow, r.SubHeader, r.SubHeader)
		}
		fmt.Fprintf(b, "  - table: %s\n    file: %s\n    sheet: %s\n    header: %s\n",
			table, quoteYAML(r.File), quoteYAML(r.Sheet), header)
		if r.LastRow > 0 {
			fmt.Fprintf(b, "    rows: %d-%d  # guess: the rows below hold one cell each, notes rather than data\n", r.FirstRow, r.LastRow)
		}
		b.WriteString("    columns:\n")
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
		if r.RoleColumn > 0 {
			fmt.Fprintf(b, "    fill_down: [id, name]  # guess: a KPI's name is written on its first row only\n")
		}
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
		first, last := 0, 0
		var other []string
		for _, c := range r.Columns {
			switch {
			case c.IsPeriod:
				if first == 0 {
					first = c.Col
				}
			case c.Col == r.RoleColumn:
				field("kind", quoteYAML(c.Header.Text), "this column says what each row holds")
			case c.Col != kpi.Col && first == 0:
				other = append(other, c.Header.Text)
			}
			last = max(last, c.Col)
		}
		last = max(last, r.subLast)
		if r.RoleColumn > 0 {
			fmt.Fprintf(b, "    fill_down: [kpi]  # guess: a KPI's name is written on its first row only\n")
		}
		cols := workbook.ColumnName(first) + ":" + workbook.ColumnName(last)
		switch {
		case r.SubHeader > 0:
			fmt.Fprintf(b, "    unpivot: {key: [period, kind], columns: %s}  # guess: the periods, and under each its sub-columns\n", cols)
			r.draftRoles(b, r.SubLabels)
		case r.RoleColumn > 0:
			fmt.Fprintf(b, "    unpivot: {key: period, columns: %s}  # guess: the period columns\n", cols)
			r.draftRoles(b, r.RoleLabels)
		default:
			fmt.Fprintf(b, "    unpivot: {key: period, value: actual, columns: %s}  # guess: the period columns hold actuals\n", cols)
		}
		if len(other) > 0 {
			fmt.Fprintf(b, "    # columns %s are neither the KPI nor a period; name them under columns to use them\n", strings.Join(other, ", "))
		}
	case PerMetric:
		per, _ := r.column("period", "date")
		field("period", quoteYAML(per.Header.Text), "the first period column")
		field("kpi", "{slug: true}", "ids made from the metric headers")
		fmt.Fprintf(b, "    unpivot: {key: kpi, value: actual}  # guess: each number column is one KPI's actuals\n")
		fmt.Fprintf(b, "    # add a KPIs source naming each metric (id from its header with slug, a perspective)\n")
	}
}

// draftRoles writes a role for the labels found, each by the word it is.
func (r *SheetReport) draftRoles(b *strings.Builder, labels []string) {
	fmt.Fprintf(b, "    role:\n      field: kind\n      roles:  # guess: by the words of the labels; skip leaves a row or column out\n")
	for _, l := range labels {
		fmt.Fprintf(b, "        %s: %s\n", quoteYAML(l), roleWords[workbook.Normalize(l)])
	}
}

// quoteYAML writes a text as a YAML double-quoted scalar.
func quoteYAML(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
