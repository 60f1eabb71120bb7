package workbook

// Kind says what a cell holds.
type Kind uint8

const (
	Blank      Kind = iota // nothing, or only spaces
	Number                 // a numeric cell; Num holds the value (dates are serial numbers)
	Text                   // a string cell; Text holds it, trimmed
	Bool                   // TRUE or FALSE; Text holds "TRUE" or "FALSE"
	ErrorValue             // an error value such as #DIV/0!; Text holds it
	NoCache                // a formula cell whose file holds no cached value; Text holds the formula
)

// Cell is one cell of a table, with its place.
type Cell struct {
	Pos  Pos
	Kind Kind
	// Format is what the cell's number format makes of it: a Number cell
	// formatted as 0.0% is Percent (it holds the fraction, 0.952), one
	// formatted as mmm yyyy is Date (it holds a date serial). Cells of CSV
	// files are Plain.
	Format Format
	Text   string  // the cell's text: trimmed text, or the number as written in the file
	Num    float64 // for Number cells
}

// Row is one data row of a table. Cells is aligned with Table.Header: Cells[i]
// is the cell under Header[i] (a Blank cell, with its place, where the row is
// short). Cells in columns without a header cell are not kept.
type Row struct {
	Num int // the row's number in the sheet, from 1
	// Col is, for a record read from a sheet sideways (a mapping's
	// transpose), the column it was read from; 0 otherwise.
	Col   int
	Cells []Cell
}

// Table is one sheet (or one CSV file) read as a header row and data rows.
// Fully blank rows are dropped; trailing empty columns are dropped.
type Table struct {
	File      string // base name of the file
	Sheet     string // sheet name; for CSV the file name without extension
	Hidden    bool   // the sheet is hidden in the workbook
	Date1904  bool   // the workbook uses the 1904 date system
	HeaderRow int    // row number of the header, from 1
	// Aggregate says that rows may be finer than a KPI's frequency (weeks
	// or days of a monthly KPI); they are combined into its periods.
	Aggregate bool
	Header    []Cell // the header's non-blank cells, left to right
	Rows      []Row
}
