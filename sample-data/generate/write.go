package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbookName is the file the generator writes in the output directory.
const workbookName = "northvale-water.xlsx"

// generate writes the workbook and the commentary files into dir.
func generate(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeWorkbook(filepath.Join(dir, workbookName)); err != nil {
		return err
	}
	if err := writeCommentaryFiles(dir); err != nil {
		return err
	}
	return writeLayouts(dir)
}

// book wraps an excelize file with the styles the sheets share.
type book struct {
	f                           *excelize.File
	bold, title, month, day, hd int
	used                        map[string][2]int // per sheet, the last column and row written
}

// docDate is the workbook's fixed created and modified date, which keeps the
// file identical from run to run.
const docDate = "2026-10-05T09:00:00Z"

func writeWorkbook(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f, used: map[string][2]int{}}
	if err := b.styles(); err != nil {
		return err
	}
	steps := []func() error{
		b.settings, b.perspectives, b.objectives, b.kpis, b.measurements, b.wide,
		b.targets, b.initiatives, b.commentary, b.lookups, b.props,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if err := b.dimensions(); err != nil {
		return err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func (b *book) styles() error {
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = b.f.NewStyle(s)
		return id
	}
	monthFmt, dayFmt := "mmm yyyy", "d mmm yyyy"
	b.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}})
	b.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	b.month = mk(&excelize.Style{CustomNumFmt: &monthFmt})
	b.day = mk(&excelize.Style{CustomNumFmt: &dayFmt})
	b.hd = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &monthFmt})
	return err
}

// styled is a cell value with its own style.
type styled struct {
	v     any
	style int
}

// row writes values into a row from column A. A nil value leaves the cell
// out; a time.Time or isoDate is written as a date cell in the "d mmm yyyy"
// style unless wrapped in styled.
func (b *book) row(sheet string, r int, values ...any) error {
	return b.rowAt(sheet, r, 1, values...)
}

// rowAt writes values into row r from column col, as row does.
func (b *book) rowAt(sheet string, r, col int, values ...any) error {
	for j, v := range values {
		i := col - 1 + j
		style := 0
		if s, ok := v.(styled); ok {
			v, style = s.v, s.style
		}
		if v == nil {
			continue
		}
		if d, ok := v.(isoDate); ok {
			t, err := time.Parse(time.DateOnly, string(d))
			if err != nil {
				return fmt.Errorf("%s row %d: bad date %q", sheet, r, d)
			}
			v = t
		}
		if _, ok := v.(time.Time); ok && style == 0 {
			style = b.day
		}
		cell, err := excelize.CoordinatesToCellName(i+1, r)
		if err != nil {
			return err
		}
		if err := b.f.SetCellValue(sheet, cell, v); err != nil {
			return err
		}
		b.touch(sheet, i+1, r)
		if style != 0 {
			if err := b.f.SetCellStyle(sheet, cell, cell, style); err != nil {
				return err
			}
		}
	}
	return nil
}

// touch records that a cell was written, for the sheet's dimension.
func (b *book) touch(sheet string, col, row int) {
	u := b.used[sheet]
	b.used[sheet] = [2]int{max(u[0], col), max(u[1], row)}
}

// dimensions records each sheet's used range in the file, as spreadsheet
// programs do; some readers size their reads by it.
func (b *book) dimensions() error {
	for _, s := range b.f.GetSheetList() {
		u := b.used[s]
		if u[0] == 0 {
			continue
		}
		last, err := excelize.CoordinatesToCellName(u[0], u[1])
		if err != nil {
			return err
		}
		if err := b.f.SetSheetDimension(s, "A1:"+last); err != nil {
			return err
		}
	}
	return nil
}

// header writes a bold header row.
func (b *book) header(sheet string, r int, names ...string) error {
	vs := make([]any, len(names))
	for i, n := range names {
		vs[i] = styled{n, b.bold}
	}
	return b.row(sheet, r, vs...)
}

// widths sets column widths from column A.
func (b *book) widths(sheet string, ws ...float64) error {
	for i, w := range ws {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := b.f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return nil
}

// freeze keeps the rows above row r in view.
func (b *book) freeze(sheet string, r int) error {
	return b.f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: r - 1, TopLeftCell: fmt.Sprintf("A%d", r), ActivePane: "bottomLeft",
	})
}

func (b *book) newSheet(name string) error {
	_, err := b.f.NewSheet(name)
	return err
}

// opt returns nil for 0 (a blank cell) and v otherwise.
func opt(v float64) any {
	if v == 0 {
		return nil
	}
	return v
}

// optStr returns nil for "" (a blank cell) and s otherwise.
func optStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// isoDate is a yyyy-mm-dd date that row writes as a date cell.
type isoDate string

// date returns s as an isoDate, or nil (a blank cell) for "".
func date(s string) any {
	if s == "" {
		return nil
	}
	return isoDate(s)
}

func (b *book) settings() error {
	const s = "Settings"
	if err := b.f.SetSheetName("Sheet1", s); err != nil {
		return err
	}
	if err := b.header(s, 1, "key", "value"); err != nil {
		return err
	}
	rows := [][]any{
		{"title", "Northvale Water — Balanced Scorecard"},
		{"organisation", "Northvale Water"},
		{"fiscal_year_start", "April"},
		{"currency", "GBP"},
		{"locale", "en-GB"},
		{"tolerance", tolerance},
	}
	for i, r := range rows {
		if err := b.row(s, i+2, r...); err != nil {
			return err
		}
	}
	return b.widths(s, 20, 40)
}

func (b *book) perspectives() error {
	const s = "Perspectives"
	if err := b.newSheet(s); err != nil {
		return err
	}
	if err := b.header(s, 1, "name", "order", "weight", "description"); err != nil {
		return err
	}
	for i, p := range perspectives {
		if err := b.row(s, i+2, p.Name, p.Order, p.Weight, p.Description); err != nil {
			return err
		}
	}
	return b.widths(s, 20, 8, 8, 90)
}

func (b *book) objectives() error {
	const s = "Objectives"
	if err := b.newSheet(s); err != nil {
		return err
	}
	if err := b.header(s, 1, "id", "name", "perspective", "description", "owner", "weight", "drives"); err != nil {
		return err
	}
	for i, o := range objectives {
		if err := b.row(s, i+2, o.ID, o.Name, o.Perspective, o.Description, o.Owner, o.Weight, optStr(o.Drives)); err != nil {
			return err
		}
	}
	if err := b.freeze(s, 2); err != nil {
		return err
	}
	return b.widths(s, 6, 42, 20, 80, 32, 8, 12)
}

// kpiColumns are the KPIs sheet's columns, in order.
var kpiColumns = []string{
	"id", "name", "objective", "unit", "direction", "frequency", "aggregation", "target", "red_flag",
	"target_max", "baseline", "weight", "owner", "description", "data_source", "format", "decimals",
	"review_date", "status",
}

// kpiHeaderRow is the KPIs sheet's header row: a title and a blank row sit
// above it, as in many hand-made registers.
const kpiHeaderRow = 3

func (b *book) kpis() error {
	const s = "KPIs"
	if err := b.newSheet(s); err != nil {
		return err
	}
	if err := b.row(s, 1, styled{"Northvale Water KPI register", b.title}); err != nil {
		return err
	}
	if err := b.f.MergeCell(s, "A1", "F1"); err != nil {
		return err
	}
	if err := b.header(s, kpiHeaderRow, kpiColumns...); err != nil {
		return err
	}
	for i, k := range kpis {
		err := b.row(s, kpiHeaderRow+1+i,
			k.ID, k.Name, k.Objective, k.Unit, k.Direction, k.Frequency, k.Aggregation,
			k.Target, opt(k.RedFlag), opt(k.TargetMax), opt(k.Baseline), k.Weight,
			optStr(k.Owner), optStr(k.Description), optStr(k.DataSource), k.Format, k.Decimals,
			date(k.Review), k.Status)
		if err != nil {
			return err
		}
	}
	if err := b.freeze(s, kpiHeaderRow+1); err != nil {
		return err
	}
	if err := b.widths(s, 9, 42, 10, 20, 10, 11, 12, 10, 9, 10, 9, 8, 32, 70, 40, 10, 9, 12, 9); err != nil {
		return err
	}
	// Drop-downs drawn from the hidden Lookups sheet, through defined names.
	last := kpiHeaderRow + 200
	for _, l := range lookupLists {
		col := columnOf(kpiColumns, l.Column)
		if col == "" {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s%d:%s%d", col, kpiHeaderRow+1, col, last)
		dv.SetSqrefDropList(l.Name)
		if err := b.f.AddDataValidation(s, dv); err != nil {
			return err
		}
	}
	return nil
}

// columnOf returns the column letter of name in cols, or "".
func columnOf(cols []string, name string) string {
	for i, c := range cols {
		if c == name {
			n, _ := excelize.ColumnNumberToName(i + 1)
			return n
		}
	}
	return ""
}

// lookupList is one drop-down list of the hidden Lookups sheet.
type lookupList struct {
	Column string // column of the KPIs sheet it validates
	Name   string // defined name for the list
	Values []string
}

var lookupLists = []lookupList{
	{"direction", "DirectionList", []string{"higher", "lower", "range"}},
	{"frequency", "FrequencyList", []string{"monthly", "quarterly", "annual"}},
	{"aggregation", "AggregationList", []string{"sum", "average", "last", "min", "max"}},
	{"format", "FormatList", []string{"number", "percent", "currency"}},
	{"status", "StatusList", []string{"active", "retired"}},
}

func (b *book) lookups() error {
	const s = "Lookups"
	if err := b.newSheet(s); err != nil {
		return err
	}
	for i, l := range lookupLists {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := b.f.SetCellValue(s, col+"1", l.Column); err != nil {
			return err
		}
		if err := b.f.SetCellStyle(s, col+"1", col+"1", b.bold); err != nil {
			return err
		}
		for j, v := range l.Values {
			if err := b.f.SetCellValue(s, fmt.Sprintf("%s%d", col, j+2), v); err != nil {
				return err
			}
			b.touch(s, i+1, j+2)
		}
		err = b.f.SetDefinedName(&excelize.DefinedName{
			Name:     l.Name,
			RefersTo: fmt.Sprintf("%s!$%s$2:$%s$%d", s, col, col, len(l.Values)+1),
		})
		if err != nil {
			return err
		}
	}
	return b.f.SetSheetVisible(s, false)
}

func (b *book) measurements() error {
	const s = "Measurements"
	if err := b.newSheet(s); err != nil {
		return err
	}
	if err := b.header(s, 1, "kpi", "period", "actual", "target", "red_flag", "numerator", "denominator", "comment"); err != nil {
		return err
	}
	r := 2
	for _, k := range kpis {
		if k.Wide {
			continue
		}
		for _, pt := range history(k) {
			key := pt.Period.Key
			gap := gaps[k.ID][key]
			if gap == "row" {
				continue
			}
			var when any = key
			if k.Frequency == "monthly" {
				when = styled{pt.Period.Date, b.month}
			}
			actual, num, den := any(pt.Actual), opt(pt.Numerator), opt(pt.Denom)
			if gap == "blank" {
				actual, num, den = nil, nil, nil
			}
			o := overrides[k.ID][key]
			err := b.row(s, r, k.ID, when, actual, opt(o.Target), opt(o.RedFlag), num, den, optStr(comments[k.ID][key]))
			if err != nil {
				return err
			}
			r++
		}
	}
	if err := b.freeze(s, 2); err != nil {
		return err
	}
	return b.widths(s, 9, 11, 11, 10, 10, 11, 12, 70)
}

// wide writes the KPIs marked Wide in one row each, one column per month.
func (b *book) wide() error {
	const s = "Measurements (wide)"
	if err := b.newSheet(s); err != nil {
		return err
	}
	head := []any{styled{"kpi", b.bold}}
	for _, p := range monthly() {
		head = append(head, styled{p.Date, b.hd})
	}
	if err := b.row(s, 1, head...); err != nil {
		return err
	}
	r := 2
	for _, k := range kpis {
		if !k.Wide {
			continue
		}
		vals := []any{k.ID}
		for _, pt := range history(k) {
			if gaps[k.ID][pt.Period.Key] != "" {
				vals = append(vals, nil)
				continue
			}
			vals = append(vals, pt.Actual)
		}
		if err := b.row(s, r, vals...); err != nil {
			return err
		}
		r++
	}
	if err := b.f.SetPanes(s, &excelize.Panes{
		Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
	}); err != nil {
		return err
	}
	if err := b.widths(s, 9); err != nil {
		return err
	}
	return b.f.SetColWidth(s, "B", "AK", 10)
}

func (b *book) targets() error {
	const s = "Targets"
	if err := b.newSheet(s); err != nil {
		return err
	}
	if err := b.header(s, 1, "kpi", "period", "target", "red_flag"); err != nil {
		return err
	}
	for i, t := range targets {
		if err := b.row(s, i+2, t.KPI, t.Period, t.Target, opt(t.RedFlag)); err != nil {
			return err
		}
	}
	return b.widths(s, 9, 12, 10, 10)
}

func (b *book) initiatives() error {
	const s = "Initiatives"
	if err := b.newSheet(s); err != nil {
		return err
	}
	if err := b.header(s, 1, "id", "name", "objective", "owner", "start", "due", "status", "percent_complete", "budget", "spent"); err != nil {
		return err
	}
	for i, in := range initiatives {
		err := b.row(s, i+2, in.ID, in.Name, in.Objective, in.Owner, date(in.Start), date(in.Due),
			in.Status, in.Percent, in.Budget*1000, in.Spent*1000) // £k in the table, pounds in the sheet
		if err != nil {
			return err
		}
	}
	if err := b.freeze(s, 2); err != nil {
		return err
	}
	return b.widths(s, 8, 40, 10, 32, 12, 12, 12, 16, 10, 10)
}

func (b *book) commentary() error {
	const s = "Commentary"
	if err := b.newSheet(s); err != nil {
		return err
	}
	if err := b.header(s, 1, "scope", "period", "text"); err != nil {
		return err
	}
	for i, c := range sheetCommentary {
		if err := b.row(s, i+2, c.Scope, c.Period, c.Text); err != nil {
			return err
		}
	}
	return b.widths(s, 20, 12, 100)
}

func (b *book) props() error {
	b.f.SetActiveSheet(0)
	return b.f.SetDocProps(&excelize.DocProperties{
		Title:          "Northvale Water — Balanced Scorecard",
		Subject:        "Balanced scorecard KPIs, October 2023 to September 2026",
		Creator:        "Northvale Water Performance Office",
		LastModifiedBy: "Northvale Water Performance Office",
		Description:    "Fictional sample data for kpireport, written by sample-data/generate.",
		Keywords:       "balanced scorecard; KPI; sample",
		Category:       "Sample data",
		Language:       "en-GB",
		Created:        docDate,
		Modified:       docDate,
		Revision:       "1",
		Version:        "1.0",
	})
}
