package workbook

import (
	"fmt"
	"sort"
)

// Range is a rectangle of cells, such as a merged range: from row Top,
// column Left to row Bottom, column Right, counting from 1.
type Range struct {
	Top, Left, Bottom, Right int
}

// String writes the range as a spreadsheet does: "A1:C3", or "B2" for one cell.
func (r Range) String() string {
	first := ColumnName(r.Left) + fmt.Sprint(r.Top)
	if r.Top == r.Bottom && r.Left == r.Right {
		return first
	}
	return first + ":" + ColumnName(r.Right) + fmt.Sprint(r.Bottom)
}

// Rows streams every row of a sheet, visible or hidden, as the file holds
// it: no header is looked for and nothing is aligned. fn gets each row's
// number (from 1) and its non-blank cells in column order, each with its
// place, kind and number format; rows with no such cell are skipped. The
// cells slice is reused for the next row: copy what must outlive the call.
// An error from fn stops the read and is returned as it is.
//
// Problems with cells (a shared string the file lacks) go into ps, which
// may be nil; formula cells without a saved value come as NoCache cells.
// As with Table, only one row is held at a time, so a sheet of any length
// is read in bounded memory.
func (f *File) Rows(sheet string, ps *Problems, fn func(num int, cells []Cell) error) (err error) {
	i, err := f.readable(sheet)
	if err != nil {
		return err
	}
	if ps == nil {
		ps = new(Problems)
	}
	var fnErr error
	wrapped := func(num int, cells []Cell) error {
		sortCells(cells)
		fnErr = fn(num, cells)
		return fnErr
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %w (reading sheet %q failed: %v)", f.name, ErrCorrupt, sheet, r)
		}
	}()
	if f.isCSV {
		return f.scanCSV(ps, wrapped)
	}
	err = f.streamPart(i, ps, wrapped, nil)
	if fnErr != nil {
		return fnErr
	}
	return err
}

// Merged returns the merged ranges of a sheet, in the order the file lists
// them; none for a CSV file. The sheet is read to its end to find them (a
// worksheet lists them after its cells). At most 1,048,576 are returned.
func (f *File) Merged(sheet string) (ranges []Range, err error) {
	i, err := f.readable(sheet)
	if err != nil || f.isCSV {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			ranges, err = nil, fmt.Errorf("%s: %w (reading sheet %q failed: %v)", f.name, ErrCorrupt, sheet, r)
		}
	}()
	var merges []cellRange
	skip := func(int, []Cell) error { return nil }
	if err := f.streamPart(i, new(Problems), skip, &merges); err != nil {
		return nil, err
	}
	ranges = make([]Range, len(merges))
	for j, m := range merges {
		ranges[j] = Range{Top: m.r0, Left: m.c0, Bottom: m.r1, Right: m.c1}
	}
	return ranges, nil
}

// readable finds a sheet by name (exactly, else ignoring case) and checks
// the file is still open.
func (f *File) readable(sheet string) (int, error) {
	i := f.sheetIndex(sheet)
	if i < 0 {
		return -1, fmt.Errorf("%s: %w %q", f.name, ErrNoSheet, sheet)
	}
	if !f.isCSV && f.zr == nil {
		return -1, fmt.Errorf("%s: the file is closed", f.name)
	}
	return i, nil
}

// sortCells puts a row's cells in column order; rows are nearly always in
// order already.
func sortCells(cells []Cell) {
	if !sort.SliceIsSorted(cells, func(a, b int) bool { return cells[a].Pos.Col < cells[b].Pos.Col }) {
		sort.SliceStable(cells, func(a, b int) bool { return cells[a].Pos.Col < cells[b].Pos.Col })
	}
}
