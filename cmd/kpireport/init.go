package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// starterBook is the name of the workbook init writes.
const starterBook = "scorecard.xlsx"

// starterCommentary is the example commentary file init writes, relative to
// its folder.
var starterCommentary = filepath.Join("commentary", "2026-Q4", "overall.md")

// starterDate is the starter workbook's created and modified date, fixed so
// that every init writes the same bytes.
const starterDate = "2026-01-01T09:00:00Z"

// starterRows is how many rows of each sheet get drop-downs.
const starterRows = 1000

// initCmd runs "kpireport init DIR": it writes a starter workbook and an
// example commentary file into DIR, never over an existing file.
func initCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("kpireport init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, helpText("init")) }
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		suggestFlag(fs, err, stderr)
		return errUsage
	}
	if len(rest) != 1 {
		fmt.Fprint(stderr, "kpireport init: give one folder to write the starter workbook into\n\n", helpText("init"))
		return errUsage
	}
	dir := rest[0]
	var taken []string
	for _, f := range starterFiles() {
		if _, err := os.Lstat(filepath.Join(dir, f)); err == nil {
			taken = append(taken, filepath.Join(dir, f))
		} else if !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if len(taken) > 0 {
		return fmt.Errorf("init: %s already %s; nothing was written (init never overwrites: choose another folder, or move %s away)",
			strings.Join(taken, " and "), plural(len(taken), "exists", "exist"), plural(len(taken), "it", "them"))
	}
	book, err := starterWorkbook()
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(starterCommentary)), 0o755); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	if err := createFile(filepath.Join(dir, starterBook), book); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	if err := createFile(filepath.Join(dir, starterCommentary), []byte(exampleCommentary)); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	path := filepath.Join(dir, starterBook)
	fmt.Fprintf(stdout, "wrote %s and %s\n\nNext, replace the examples with your own KPIs, then run:\n\n    kpireport check %s\n    kpireport build %s -o %s\n",
		path, filepath.Join(dir, starterCommentary), path, path, filepath.Join(dir, "site"))
	return nil
}

// plural returns one when n is 1 and many otherwise.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// createFile writes a file that must not exist yet (O_EXCL), so that a file
// made between the check and the write is not overwritten either.
func createFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

const exampleCommentary = `## Quarter 4: a strong finish

Revenue beat its target in every month of the quarter, helped by the new
**online shop**. Customer satisfaction dipped in November after the
delivery delays and recovered in December.

### Next steps

- Keep the delivery partner's weekly review going until March.
- Write one file per perspective, objective or KPI id (for example
  ` + "`FIN-01.md`" + `) in this period's folder; ` + "`overall.md`" + ` is the
  organisation's.
`

// starterCol is one column of a starter sheet: its header, the note on the
// header cell saying what it takes, its width, and optionally a drop-down
// (list of values, or a range of another sheet) and a number format.
type starterCol struct {
	name  string
	note  string
	width float64
	list  []string // the drop-down's values
	ref   string   // or the range the drop-down takes its values from
	num   string   // number format of the column's cells
}

// starterSheet is one sheet of the starter workbook.
type starterSheet struct {
	name string
	cols []starterCol
	rows [][]any
}

// Number formats of the starter's figures and dates.
const (
	numFmt   = "#,##0.##"
	monthFmt = "mmm yyyy"
	dayFmt   = "d mmm yyyy"
)

var (
	directions   = []string{"higher", "lower", "range"}
	frequencies  = []string{"monthly", "quarterly", "annual"}
	aggregations = []string{"sum", "average", "last", "min", "max"}
	formats      = []string{"number", "percent", "currency"}
	kpiStatuses  = []string{"active", "retired"}
	yesNo        = []string{"yes", "no"}
	iniStatuses  = []string{"not started", "on track", "at risk", "delayed", "complete", "cancelled"}
)

// month is the first day of a month of 2026, for the example measurements.
func month(m int) time.Time { return time.Date(2026, time.Month(m), 1, 0, 0, 0, 0, time.UTC) }

// day is a date, for the example's dates.
func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// starterSheets describes the starter workbook, sheet by sheet.
func starterSheets() []starterSheet {
	perspective := starterCol{name: "perspective", width: 20, ref: "Perspectives!$A$2:$A$50",
		note: "The perspective this belongs to: pick one of the names on the Perspectives sheet."}
	objective := starterCol{name: "objective", width: 12, ref: "Objectives!$A$2:$A$200",
		note: "The id of the objective this serves: pick one of the ids on the Objectives sheet."}
	kpi := starterCol{name: "kpi", width: 10, ref: "KPIs!$A$2:$A$1000",
		note: "The KPI's id, as on the KPIs sheet."}
	owner := starterCol{name: "owner", width: 18, note: "Who answers for it: a name or a role."}
	weight := starterCol{name: "weight", width: 8, num: numFmt,
		note: "Its weight in the roll-up above it, a number (blank counts as 1)."}

	var meas [][]any
	revenue := []float64{410, 425, 480, 455, 470, 505, 490, 500, 530, 540, 565, 610}
	cost := []float64{62, 61, 60, 63, 59, 58, 57, 58, 56, 55, 57, 54}
	csat := []float64{78, 79, 81, 80, 82, 83, 82, 84, 85, 84, 79, 83}
	late := []float64{4.1, 3.8, 3.5, 3.9, 3.2, 3.0, 2.8, 2.9, 3.1, 3.4, 6.2, 3.6}
	for m := 1; m <= 12; m++ {
		meas = append(meas,
			[]any{"FIN-01", month(m), revenue[m-1], nil, nil, nil, nil, nil},
			[]any{"FIN-02", month(m), cost[m-1], nil, nil, nil, nil, nil},
			[]any{"CUS-01", month(m), csat[m-1], nil, nil, nil, nil, nil},
			[]any{"CUS-02", month(m), late[m-1], nil, nil, nil, nil, nil},
		)
	}
	meas[len(meas)-2][7] = "Survey moved to the new supplier in December."

	return []starterSheet{
		{name: "Settings", cols: []starterCol{
			{name: "key", width: 22, note: "The name of a setting: title, organisation, fiscal_year_start, report_period, currency, locale, tolerance, logo or theme_colour."},
			{name: "value", width: 34, note: "The setting's value, such as January for fiscal_year_start or 10% for tolerance."},
		}, rows: [][]any{
			{"organisation", "Example Ltd"},
			{"title", "Example Ltd — Balanced Scorecard"},
			{"fiscal_year_start", "January"},
			{"report_period", "2026-Q4"},
			{"currency", "GBP"},
			{"tolerance", "10%"},
		}},
		{name: "Perspectives", cols: []starterCol{
			{name: "name", width: 22, note: "The perspective's name, such as Financial, Customer, Internal Processes or Learning & Growth."},
			{name: "order", width: 8, note: "Where it comes on the pages: 1 first."},
			{name: "weight", width: 8, num: numFmt, note: "Its weight in the organisation's score, a number (blank counts as 1)."},
			{name: "description", width: 50, note: "A sentence saying what the perspective covers."},
		}, rows: [][]any{
			{"Financial", 1, 1, "How we look to those who fund us."},
			{"Customer", 2, 1, "How our customers see us."},
		}},
		{name: "Objectives", cols: []starterCol{
			{name: "id", width: 10, note: "A short code for the objective, unique in the workbook, such as F1."},
			{name: "name", width: 30, note: "What the objective is, in a few words."},
			perspective,
			{name: "description", width: 50, note: "A sentence or two on what success looks like."},
			owner,
			weight,
			{name: "drives", width: 14, note: "The ids of the objectives this one contributes to, separated by commas (for the strategy map)."},
		}, rows: [][]any{
			{"F1", "Grow revenue", "Financial", "Sell more to the customers we keep.", "Finance Director", 2, nil},
			{"F2", "Keep costs in check", "Financial", "Spend no more than we plan to.", "Finance Director", 1, nil},
			{"C1", "Delight our customers", "Customer", "Customers who would recommend us.", "Customer Director", 1, "F1"},
		}},
		{name: "KPIs", cols: []starterCol{
			{name: "id", width: 10, note: "A short code for the KPI, unique in the workbook, such as FIN-01. Measurements name the KPI by it."},
			{name: "name", width: 30, note: "What is measured, in a few words."},
			objective,
			perspective,
			{name: "unit", width: 8, note: "Written after values: £k, %, days... A % unit means values are written as 95.2, not 0.952."},
			{name: "direction", width: 10, list: directions, note: "Which way is better: higher, lower, or range (on target between target and target_max)."},
			{name: "frequency", width: 11, list: frequencies, note: "How often it is measured: monthly, quarterly or annual."},
			{name: "aggregation", width: 12, list: aggregations, note: "How months make a quarter: sum for flows (revenue), average for rates, last for stocks (headcount), min or max."},
			{name: "target", width: 10, num: numFmt, note: "The goal for each period, a number. Targets by period go on the Targets sheet."},
			{name: "red_flag", width: 10, num: numFmt, note: "The value at which the KPI is off target, a number; blank takes the tolerance from the target."},
			{name: "tolerance", width: 10, note: "How far from target is still at risk, such as 10%; blank takes the Settings tolerance."},
			{name: "target_max", width: 11, num: numFmt, note: "For a range KPI, the top of the range, a number."},
			{name: "baseline", width: 10, num: numFmt, note: "Where the KPI started, a number."},
			weight,
			owner,
			{name: "description", width: 40, note: "How the KPI is defined and worked out."},
			{name: "data_source", width: 20, note: "Where the figures come from: a system or a report."},
			{name: "format", width: 10, list: formats, note: "How values are shown: number, percent (values are fractions such as 0.952) or currency."},
			{name: "decimals", width: 9, note: "How many decimal places to show, a whole number."},
			{name: "review_date", width: 13, num: dayFmt, note: "When the KPI is next reviewed, a date."},
			{name: "status", width: 9, list: kpiStatuses, note: "active, or retired to keep its history without reviewing it."},
			{name: "business_unit", width: 13, note: "The one business unit the KPI belongs to, an id from a Units sheet (optional; leave blank without one)."},
			{name: "key", width: 6, list: yesNo, note: "yes for a KPI the board always sees in full, with its chart in the packs however many KPIs there are; blank for no."},
		}, rows: [][]any{
			{"FIN-01", "Revenue", "F1", "Financial", "£k", "higher", "monthly", "sum", 500, 450, nil, nil, 400, 2, "Sales Manager", "Invoiced sales in the month, net of returns.", "Finance ledger", "number", 0, day(2027, 3, 31), "active", nil, "yes"},
			{"FIN-02", "Operating cost per order", "F2", "Financial", "£", "lower", "monthly", "average", 58, 64, nil, nil, 62, 1, "Operations Manager", "Operating cost divided by orders shipped.", "Finance ledger", "number", 1, day(2027, 3, 31), "active"},
			{"CUS-01", "Customer satisfaction", "C1", "Customer", "%", "higher", "monthly", "average", 82, 75, nil, nil, 78, 1, "Customer Manager", "Share of surveyed customers rating us 4 or 5 out of 5.", "Monthly survey", "number", 0, day(2027, 3, 31), "active"},
			{"CUS-02", "Late deliveries", "C1", "Customer", "%", "lower", "monthly", "average", 3, 5, nil, nil, 4, 1, "Logistics Manager", "Share of orders delivered after the promised day.", "Delivery system", "number", 1, day(2027, 3, 31), "active"},
		}},
		{name: "Measurements", cols: []starterCol{
			kpi,
			{name: "period", width: 11, num: monthFmt, note: "The period measured: a date cell (its month), or text such as 2026-03, Mar 2026, 2026-Q1 or 2026."},
			{name: "actual", width: 10, num: numFmt, note: "The value measured, a number; leave it blank when there is no data (blank is not zero)."},
			{name: "target", width: 10, num: numFmt, note: "This period's target, when it differs from the KPI's (optional)."},
			{name: "red_flag", width: 10, num: numFmt, note: "This period's red flag, when it differs from the KPI's (optional)."},
			{name: "numerator", width: 11, num: numFmt, note: "For a ratio, the count on top (late orders); quarters sum both and divide (optional)."},
			{name: "denominator", width: 12, num: numFmt, note: "For a ratio, the count below (all orders) (optional)."},
			{name: "comment", width: 40, note: "A note on this value, shown beside it (optional)."},
			{name: "unit", width: 10, note: "The business unit measured, an id from a Units sheet; blank for the whole organisation (optional)."},
			{name: "weight", width: 9, num: numFmt, note: "The unit's weight when averages are combined across units, such as its customers (optional)."},
		}, rows: meas},
		{name: "Targets", cols: []starterCol{
			kpi,
			{name: "period", width: 11, note: "The period the target is for: 2026-Q4, Dec 2026, 2026..."},
			{name: "target", width: 10, num: numFmt, note: "The target for that period, a number."},
			{name: "red_flag", width: 10, num: numFmt, note: "The red flag for that period, a number (optional)."},
			{name: "unit", width: 10, note: "The business unit the target is for, an id from a Units sheet; blank for the organisation (optional)."},
		}, rows: [][]any{
			{"FIN-01", "2026-Q4", 1650, 1500},
		}},
		{name: "Initiatives", cols: []starterCol{
			{name: "id", width: 10, note: "A short code for the initiative, unique in the workbook, such as INI-01."},
			{name: "name", width: 30, note: "What the project is, in a few words."},
			objective,
			owner,
			{name: "start", width: 12, num: dayFmt, note: "When it starts, a date."},
			{name: "due", width: 12, num: dayFmt, note: "When it is due to finish, a date."},
			{name: "status", width: 12, list: iniStatuses, note: "Where it stands: not started, on track, at risk, delayed, complete or cancelled."},
			{name: "percent_complete", width: 10, num: numFmt, note: "How much is done, 0 to 100."},
			{name: "budget", width: 10, num: numFmt, note: "What it may spend, a number."},
			{name: "spent", width: 10, num: numFmt, note: "What it has spent so far, a number."},
		}, rows: [][]any{
			{"INI-01", "Online shop", "F1", "Sales Manager", day(2026, 3, 1), day(2026, 11, 30), "complete", 100, 120, 114},
			{"INI-02", "New delivery partner", "C1", "Logistics Manager", day(2026, 9, 1), day(2027, 3, 31), "on track", 40, 60, 21},
		}},
		{name: "Commentary", cols: []starterCol{
			{name: "scope", width: 12, note: "What the text is about: a perspective's name, an objective's or KPI's id, or overall."},
			{name: "period", width: 11, note: "The period it is for, such as 2026-Q4 (blank: every period)."},
			{name: "text", width: 60, note: "The commentary, in Markdown. Longer texts can go in commentary/<period>/<scope>.md beside the workbook."},
		}, rows: [][]any{
			{"CUS-01", "2026-Q4", "Satisfaction fell in November with the **late deliveries** and recovered in December."},
		}},
	}
}

// starterWorkbook returns the bytes of the starter workbook.
func starterWorkbook() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F0"}},
		Alignment: &excelize.Alignment{Vertical: "top"},
	})
	if err != nil {
		return nil, err
	}
	styles := map[string]int{}
	styleFor := func(format string) (int, error) {
		if format == "" {
			return 0, nil
		}
		if id, ok := styles[format]; ok {
			return id, nil
		}
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		styles[format] = id
		return id, err
	}
	for i, s := range starterSheets() {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return nil, err
		}
		if err := writeStarterSheet(f, s, bold, styleFor); err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	if i, err := f.GetSheetIndex("KPIs"); err == nil {
		f.SetActiveSheet(i)
	}
	err = f.SetDocProps(&excelize.DocProperties{
		Title:          "Balanced scorecard",
		Subject:        "A starter workbook for kpireport",
		Creator:        "kpireport init",
		LastModifiedBy: "kpireport init",
		Description:    "Replace the example KPIs with your own; each header cell's note says what its column takes.",
		Language:       "en-GB",
		Created:        starterDate,
		Modified:       starterDate,
		Revision:       "1",
	})
	if err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeStarterSheet writes one sheet: its header with a note on each cell,
// column widths, number formats, drop-downs, a frozen header and the
// example rows.
func writeStarterSheet(f *excelize.File, s starterSheet, bold int, styleFor func(string) (int, error)) error {
	for i, c := range s.cols {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		cell := col + "1"
		if err := f.SetCellStr(s.name, cell, c.name); err != nil {
			return err
		}
		if err := f.SetCellStyle(s.name, cell, cell, bold); err != nil {
			return err
		}
		err = f.AddComment(s.name, excelize.Comment{
			Cell: cell, Author: "kpireport",
			Paragraph: []excelize.RichTextRun{{Text: c.note}},
			Width:     240, Height: 90,
		})
		if err != nil {
			return err
		}
		if err := f.SetColWidth(s.name, col, col, c.width); err != nil {
			return err
		}
		style, err := styleFor(c.num)
		if err != nil {
			return err
		}
		area := fmt.Sprintf("%s2:%s%d", col, col, starterRows)
		if style != 0 {
			// Rows below the examples take the format as they are typed in.
			if err := f.SetColStyle(s.name, col, style); err != nil {
				return err
			}
			if err := f.SetCellStyle(s.name, col+"1", col+"1", bold); err != nil {
				return err
			}
		}
		if c.list != nil || c.ref != "" {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = area
			if c.ref != "" {
				dv.SetSqrefDropList(c.ref)
			} else if err := dv.SetDropList(c.list); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleWarning, "Not one of the choices",
				"kpireport may not read this: pick a value from the list (the column's header note says what it takes).")
			if err := f.AddDataValidation(s.name, dv); err != nil {
				return err
			}
		}
	}
	for r, row := range s.rows {
		for i, v := range row {
			if v == nil {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(i+1, r+2)
			if err != nil {
				return err
			}
			if err := f.SetCellValue(s.name, cell, v); err != nil {
				return err
			}
			style, err := styleFor(s.cols[i].num)
			if err != nil {
				return err
			}
			if _, isDate := v.(time.Time); isDate && style == 0 {
				style, err = styleFor(dayFmt)
				if err != nil {
					return err
				}
			}
			if style != 0 {
				if err := f.SetCellStyle(s.name, cell, cell, style); err != nil {
					return err
				}
			}
		}
	}
	last, err := excelize.CoordinatesToCellName(len(s.cols), len(s.rows)+1)
	if err != nil {
		return err
	}
	if err := f.SetSheetDimension(s.name, "A1:"+last); err != nil {
		return err
	}
	return f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// starterFiles lists the files init writes, sorted, relative to its folder.
func starterFiles() []string {
	fs := []string{starterBook, starterCommentary}
	sort.Strings(fs)
	return fs
}
