package workbook

import "sort"

// headerScan is how many non-blank rows are searched for the header.
const headerScan = 20

// builder turns the non-blank cells of a sheet's rows, as they are read,
// into a Table: it finds the header and aligns the data rows with it.
type builder struct {
	pos   Pos // File and Sheet of every cell
	known map[string]bool
	need  int // matching cells that make a row the header

	pending [][]Cell // rows read while the header is not yet known
	found   bool
	t       Table
	pool    []Cell // cells handed out to rows, allocated in chunks
	merges  []cellRange
	// index maps a sheet column (from 1) to its place in the header and in
	// every row, or -1: only columns with a header cell are kept, so a stray
	// note far to the right costs nothing per row.
	index []int
}

func newBuilder(file, sheet string, known []string) *builder {
	b := &builder{pos: Pos{File: file, Sheet: sheet}, known: make(map[string]bool, len(known))}
	for _, k := range known {
		b.known[k] = true
	}
	b.need = min(2, len(b.known))
	b.t.File = file
	return b
}

// add takes one row: its number and its non-blank cells, in any order, with
// their places set. cells may be reused by the caller afterwards.
func (b *builder) add(num int, cells []Cell) {
	if len(cells) == 0 || num < 1 {
		return
	}
	if b.found {
		b.addData(num, cells)
		return
	}
	row := append([]Cell(nil), cells...)
	sort.SliceStable(row, func(i, j int) bool { return row[i].Pos.Col < row[j].Pos.Col })
	b.pending = append(b.pending, row)
	if b.isHeader(row) {
		b.setHeader(len(b.pending) - 1)
	} else if len(b.pending) == headerScan {
		b.setHeader(0)
	}
}

func (b *builder) isHeader(row []Cell) bool {
	n := 0
	for _, c := range row {
		if c.Kind == Text && b.known[Normalize(c.Text)] {
			n++
		}
	}
	return n >= b.need
}

// setHeader makes pending row h the header and the rows after it data.
// The header keeps only its non-blank cells, in column order.
func (b *builder) setHeader(h int) {
	b.found = true
	row := b.pending[h]
	width := 0
	for _, c := range row {
		width = max(width, c.Pos.Col)
	}
	b.index = make([]int, width+1)
	for i := range b.index {
		b.index[i] = -1
	}
	b.t.HeaderRow = row[0].Pos.Row
	b.t.Header = make([]Cell, 0, len(row))
	for _, c := range row {
		if c.Pos.Col >= 1 && b.index[c.Pos.Col] < 0 {
			b.index[c.Pos.Col] = len(b.t.Header)
			b.t.Header = append(b.t.Header, c)
		}
	}
	for _, r := range b.pending[h+1:] {
		b.addData(r[0].Pos.Row, r)
	}
	b.pending = nil
}

// column returns the place of sheet column col in the header, or -1.
func (b *builder) column(col int) int {
	if col < 1 || col >= len(b.index) {
		return -1
	}
	return b.index[col]
}

func (b *builder) addData(num int, cells []Cell) {
	inside := false
	for _, c := range cells {
		if b.column(c.Pos.Col) >= 0 {
			inside = true
			break
		}
	}
	if !inside {
		return // blank under the header; anything beyond it is ignored
	}
	row := b.blankRow(num, len(b.t.Header), true)
	for _, c := range cells {
		if i := b.column(c.Pos.Col); i >= 0 {
			row[i] = c
		}
	}
	b.t.Rows = append(b.t.Rows, Row{Num: num, Cells: row})
}

// blankRow returns Blank cells for the header's columns, placed in row num.
func (b *builder) blankRow(num, width int, pooled bool) []Cell {
	var row []Cell
	if pooled {
		if len(b.pool) < width {
			b.pool = make([]Cell, max(width*1024, 4096))
		}
		row, b.pool = b.pool[:width:width], b.pool[width:]
	} else {
		row = make([]Cell, width)
	}
	p := b.pos
	p.Row = num
	for i := range row {
		p.Col = b.t.Header[i].Pos.Col
		row[i] = Cell{Pos: p}
	}
	return row
}

// finish returns the table once every row has been added.
func (b *builder) finish() *Table {
	if !b.found && len(b.pending) > 0 {
		b.setHeader(0)
	}
	b.pool = nil
	t := b.t
	t.fillMerged(b.merges, b.column)
	return &t
}

// cellRange is a merged range of cells, from (r0, c0) to (r1, c1).
type cellRange struct{ r0, c0, r1, c1 int }

// fillMerged repeats the value of each range merged down over data rows in
// the first column of the range, in every row of the range that has a row in
// the table. Other merges are left as Excel stores them: the value in the
// top-left cell, the rest blank.
func (t *Table) fillMerged(merges []cellRange, column func(col int) int) {
	for _, m := range merges {
		c0 := column(m.c0)
		if m.r1 <= m.r0 || m.r0 <= t.HeaderRow || c0 < 0 {
			continue
		}
		i := sort.Search(len(t.Rows), func(i int) bool { return t.Rows[i].Num >= m.r0 })
		if i == len(t.Rows) || t.Rows[i].Num != m.r0 {
			continue
		}
		src := t.Rows[i].Cells[c0]
		if src.Kind == Blank {
			continue
		}
		for i++; i < len(t.Rows) && t.Rows[i].Num <= m.r1; i++ {
			c := &t.Rows[i].Cells[c0]
			if c.Kind == Blank {
				c.Kind, c.Format, c.Text, c.Num = src.Kind, src.Format, src.Text, src.Num
			}
		}
	}
}
