// Package workbook reads spreadsheets (.xlsx, .xlsm) and CSV files into
// tables of cells that keep their places, so that every problem found later
// can name the file, sheet and cell it comes from.
//
// A sheet is read as one header row and data rows below it. The header is
// found below any title rows by looking for the column names the caller
// expects; fully blank rows are dropped, and each data row is aligned with
// the header. Cells keep their kind: a number cell and a text cell that reads
// the same are told apart, so that a numeric 46082 can be taken as an Excel
// date while the text "46082" is not.
//
// Cells also keep what their number format makes of them (Format: plain,
// percent, date, time, currency or text), read from the workbook's styles.
//
// For callers that find their own way through a sheet, File.Rows streams
// every row of any sheet, hidden or not, as the file holds it, and
// File.Merged lists its merged ranges.
//
// Sheets are streamed: a 300,000-row sheet is read without holding its XML
// in memory. Only I/O and files that cannot be read at all (corrupt,
// password-protected, legacy .xls) give errors; problems in the cells go
// into a Problems list.
package workbook

import (
	"archive/zip"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
)

// Errors returned, wrapped with the file's name, by Open and File.Table.
var (
	ErrEncrypted   = errors.New("workbook is password-protected; save an unprotected copy")
	ErrLegacyXLS   = errors.New("file is an Excel 97-2003 .xls file; save it as .xlsx")
	ErrODS         = errors.New("file is an OpenDocument spreadsheet; save it as .xlsx")
	ErrCorrupt     = errors.New("file is not a valid .xlsx workbook")
	ErrNoSheets    = errors.New("workbook has no sheets")
	ErrUnsupported = errors.New("unsupported file type")
	ErrNoSheet     = errors.New("no such sheet")
	ErrTooLarge    = errors.New("file holds more than a workbook Excel writes can")
)

// File is an open workbook or CSV file. It is not safe for concurrent use.
type File struct {
	name   string // base name, for messages
	path   string
	sheets []SheetInfo

	// CSV files
	csv     []byte
	isCSV   bool
	nonUTF8 bool

	// workbooks
	zr       *zip.ReadCloser
	size     int64                // of the file, which bounds what a part's header may claim
	parts    map[string]*zip.File // by lower-case name
	date1904 bool
	sheetDoc []string // part name of each sheet, aligned with sheets
	sstPart  string
	sst      []string
	sstRead  bool

	stylesPart string
	stylesRead bool
	formats    []Format // the number format of each cell style, by index
	styleWarn  string   // why the styles were not read, said once
}

// SheetInfo describes one sheet of a workbook.
type SheetInfo struct {
	Name   string
	Hidden bool // hidden or very hidden in the workbook
}

// Open opens a .xlsx or .xlsm workbook, or a .csv file. Messages name the
// file by its base name.
func Open(path string) (f *File, err error) {
	name := filepath.Base(path)
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%s: %w (reading it failed: %v)", name, ErrCorrupt, r)
		}
	}()
	f = &File{name: name, path: path}
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".csv":
		return f, f.openCSV()
	case ".xlsx", ".xlsm", ".xltx", ".xltm", ".xls":
		return f, f.openXLSX(ext)
	case ".ods":
		return nil, fmt.Errorf("%s: %w", name, ErrODS)
	}
	if ext == "" {
		ext = "without extension"
	} else {
		ext = fmt.Sprintf("%q", ext)
	}
	return nil, fmt.Errorf("%s: %w %s; want .xlsx, .xlsm or .csv", name, ErrUnsupported, ext)
}

// pathError turns an error from the os package into one that names the
// file by its base name rather than its full path.
func (f *File) pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", f.name, pe.Err)
	}
	return fmt.Errorf("%s: %w", f.name, err)
}

// Close releases the file.
func (f *File) Close() error {
	if f == nil || f.zr == nil {
		return nil
	}
	err := f.zr.Close()
	f.zr = nil
	return err
}

// Name returns the file's base name, as messages give it.
func (f *File) Name() string { return f.name }

// Sheets lists the sheets in workbook order. A CSV file has one sheet, named
// after the file without its extension ("measurements" for
// measurements.csv); callers match sheet names case-insensitively.
func (f *File) Sheets() []SheetInfo {
	return append([]SheetInfo(nil), f.sheets...)
}

// Date1904 reports whether the workbook counts dates from 1904 (as old Mac
// workbooks do) rather than from 1900.
func (f *File) Date1904() bool { return f.date1904 }

// sheetIndex finds a sheet by name, exactly or else ignoring case.
func (f *File) sheetIndex(sheet string) int {
	for i, s := range f.sheets {
		if s.Name == sheet {
			return i
		}
	}
	for i, s := range f.sheets {
		if strings.EqualFold(s.Name, sheet) {
			return i
		}
	}
	return -1
}

// Table reads one sheet as a table.
//
// known lists the column names the caller expects in the sheet, already
// passed through Normalize. It is used to find the header row below any
// title rows: the header is the first row, among the first 20 non-blank
// rows, in which at least two cells (or all of known, if it has fewer than
// two names) normalize to a name in known. If no row qualifies, the first
// non-blank row is the header.
//
// Data rows are aligned with the header: data in columns beyond the last
// header cell is ignored, and header cells that are blank are kept as Blank
// cells for callers to skip. A value merged down over several rows of one
// column is repeated in every row of the merge.
//
// A formula cell without a saved value is given Kind NoCache, for the caller
// to report with what the cell means. Other problems with the cells go into
// ps. Only I/O or a damaged file gives an error.
func (f *File) Table(sheet string, known []string, ps *Problems) (t *Table, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, fmt.Errorf("%s: %w (reading sheet %q failed: %v)", f.name, ErrCorrupt, sheet, r)
		}
	}()
	if ps == nil {
		ps = new(Problems)
	}
	i := f.sheetIndex(sheet)
	if i < 0 {
		return nil, fmt.Errorf("%s: %w %q", f.name, ErrNoSheet, sheet)
	}
	if !f.isCSV && f.zr == nil {
		return nil, fmt.Errorf("%s: the file is closed", f.name)
	}
	b := newBuilder(f.name, f.sheets[i].Name, known)
	if f.isCSV {
		b.pos.Sheet = ""
		err = f.readCSV(b, ps)
	} else {
		err = f.readSheet(i, b, ps)
	}
	if err != nil {
		return nil, err
	}
	t = b.finish()
	t.Sheet = f.sheets[i].Name
	t.Hidden = f.sheets[i].Hidden
	t.Date1904 = f.date1904
	return t, nil
}
