package mapping

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"kpireport/report/scorecard"
	"kpireport/report/workbook"
)

// Apply reads the sources' sheets from the inputs and returns the tables
// they make, keyed by canonical sheet name, for scorecard.LoadOptions.Tables.
// Problems name the mapping's line and the workbook's place, a file that
// cannot be opened too; only an error reading an opened file is returned.
func (m *Mapping) Apply(inputs []string, ps *workbook.Problems) (map[string][]*workbook.Table, error) {
	out := map[string][]*workbook.Table{}
	if t := m.listTable([]string{"key", "value"}, m.Settings); t != nil {
		out["Settings"] = append(out["Settings"], t)
	}
	if t := m.listTable([]string{"name"}, m.Perspectives); t != nil {
		out["Perspectives"] = append(out["Perspectives"], t)
	}
	for _, s := range m.Sources {
		for _, f := range s.Fields {
			if f.Lookup != nil {
				if err := m.readLookup(s, f, inputs, ps); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, s := range m.Sources {
		path := m.resolve(s.File, inputs)
		f, err := workbook.Open(path)
		if err != nil {
			line := s.line["file"]
			if line == 0 {
				line = s.Line
			}
			if errors.Is(err, fs.ErrNotExist) {
				ps.Errorf(m.at(line), "file %q not found: it is no workbook given, nor in the mapping's folder", s.File)
			} else {
				ps.Errorf(m.at(line), "%v", err)
			}
			continue
		}
		for _, sheet := range m.sheets(s, f, ps) {
			t, err := m.read(s, f, sheet, ps)
			if err != nil {
				f.Close()
				return nil, err
			}
			if t != nil {
				out[s.Table] = append(out[s.Table], t)
			}
		}
		f.Close()
	}
	return out, nil
}

// listTable makes the mapping's settings or perspectives a table, each cell
// at its line of the mapping: columns key and value, or name.
func (m *Mapping) listTable(header []string, entries []Setting) *workbook.Table {
	if len(entries) == 0 {
		return nil
	}
	t := &workbook.Table{File: m.Name}
	for _, h := range header {
		t.Header = append(t.Header, workbook.Cell{Pos: m.at(1), Kind: workbook.Text, Text: h})
	}
	for _, e := range entries {
		at := m.at(e.Line)
		row := workbook.Row{Num: e.Line, Cells: []workbook.Cell{{Pos: at, Kind: workbook.Text, Text: e.Key}}}
		if len(header) > 1 {
			row.Cells = append(row.Cells, workbook.Cell{Pos: at, Kind: workbook.Text, Text: e.Value})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// readLookup reads the table a field's lookup names into its values.
func (m *Mapping) readLookup(s *Source, f *Field, inputs []string, ps *workbook.Problems) error {
	l := f.Lookup
	file := l.File
	if file == "" {
		file = s.File
	}
	wb, err := workbook.Open(m.resolve(file, inputs))
	if err != nil {
		ps.Errorf(m.at(l.Line), "field %s: lookup: %v", f.Name, err)
		return nil
	}
	defer wb.Close()
	sheet := l.Sheet
	if sheet == "" && len(wb.Sheets()) > 0 {
		sheet = wb.Sheets()[0].Name
	}
	t, err := wb.Table(sheet, nil, ps)
	if err != nil {
		if strings.Contains(err.Error(), workbook.ErrNoSheet.Error()) {
			ps.Errorf(m.at(l.Line), "field %s: lookup: sheet %q not found in %s", f.Name, sheet, wb.Name())
			return nil
		}
		return err
	}
	l.place = workbook.Pos{File: wb.Name(), Sheet: sheet}.String()
	if t == nil || len(t.Header) == 0 {
		ps.Errorf(m.at(l.Line), "field %s: lookup: %s is empty", f.Name, l.place)
		return nil
	}
	ki, vi := -1, -1
	var found []string
	for i, h := range t.Header {
		found = append(found, h.Text)
		if sameHeader(h.Text, l.Key) && ki < 0 {
			ki = i
		}
		if sameHeader(h.Text, l.Value) && vi < 0 {
			vi = i
		}
	}
	for _, miss := range []struct {
		i    int
		name string
	}{{ki, l.Key}, {vi, l.Value}} {
		if miss.i < 0 {
			ps.Errorf(m.at(l.Line), "field %s: lookup: column %q not found in %s; found: %s", f.Name, miss.name, l.place, strings.Join(found, ", "))
			return nil
		}
	}
	l.values = map[string]string{}
	for _, r := range t.Rows {
		if ki < len(r.Cells) && r.Cells[ki].Kind != workbook.Blank {
			k := workbook.Normalize(r.Cells[ki].Text)
			v := ""
			if vi < len(r.Cells) {
				v = r.Cells[vi].Text
			}
			if prev, dup := l.values[k]; dup && prev != v {
				ps.Warnf(r.Cells[ki].Pos, "%q is in column %s twice, with %q and %q; the lookup of field %s takes the first (%s:%d)", r.Cells[ki].Text, l.Key, prev, v, f.Name, m.Name, l.Line)
			} else if !dup {
				l.values[k] = v
			}
		}
	}
	return nil
}

// sheets lists the sheets a source reads: the one it names, every visible
// sheet its name's pattern matches (a hidden one only by its own name), or
// the file's first sheet.
func (m *Mapping) sheets(s *Source, f *workbook.File, ps *workbook.Problems) []string {
	all := f.Sheets()
	var names []string
	for _, si := range all {
		names = append(names, si.Name)
	}
	switch {
	case s.Sheet == "" && len(all) == 0:
		ps.Errorf(m.at(s.Line), "%s has no sheets", f.Name())
		return nil
	case s.Sheet == "":
		return names[:1]
	case !strings.ContainsAny(s.Sheet, "*?["):
		return []string{s.Sheet}
	}
	var out, hidden []string
	for _, si := range all {
		ok, err := path.Match(strings.ToLower(s.Sheet), strings.ToLower(si.Name))
		if err != nil {
			ps.Errorf(m.at(s.line["sheet"]), "sheet %q is not a pattern of sheet names (* for any text): %v", s.Sheet, err)
			return nil
		}
		switch {
		case ok && si.Hidden:
			hidden = append(hidden, si.Name)
		case ok:
			out = append(out, si.Name)
		}
	}
	if len(hidden) > 0 {
		ps.Warnf(m.at(s.line["sheet"]), "hidden sheets %s match %q but are not read; name a hidden sheet to read it", strings.Join(hidden, ", "), s.Sheet)
	}
	if len(out) == 0 {
		ps.Errorf(m.at(s.line["sheet"]), "no sheet of %s matches %q; found: %s", f.Name(), s.Sheet, strings.Join(names, ", "))
	}
	return out
}

// read applies a source to one sheet.
func (m *Mapping) read(s *Source, f *workbook.File, sheet string, ps *workbook.Problems) (*workbook.Table, error) {
	g := grid{file: f.Name()}
	err := f.Rows(sheet, ps, func(num int, cells []workbook.Cell) error {
		g.rows = append(g.rows, append([]workbook.Cell(nil), cells...))
		return nil
	})
	if err != nil {
		if strings.Contains(err.Error(), workbook.ErrNoSheet.Error()) {
			var names []string
			for _, si := range f.Sheets() {
				names = append(names, si.Name)
			}
			ps.Errorf(m.at(s.line["sheet"]), "sheet %q not found in %s; found: %s", sheet, f.Name(), strings.Join(names, ", "))
			return nil, nil
		}
		return nil, err
	}
	merged, _ := f.Merged(sheet)
	g.fillMerged(merged)
	if s.Transpose {
		g.transpose()
	}
	t := m.run(s, &g, f.Name(), sheet, ps)
	if t != nil {
		t.Aggregate = s.Aggregate
	}
	return t, nil
}

// resolve finds a source's file: an input of that base name, else a path
// from the mapping's folder; empty is the first input.
func (m *Mapping) resolve(file string, inputs []string) string {
	if file == "" && len(inputs) > 0 {
		return inputs[0]
	}
	for _, in := range inputs {
		if strings.EqualFold(filepath.Base(in), file) {
			return in
		}
	}
	return filepath.Join(m.Dir, file)
}

func (m *Mapping) at(line int) workbook.Pos { return workbook.Pos{File: m.Name, Row: line} }

// grid is a sheet's non-blank rows, each a row's non-blank cells in column
// order. A transposed grid has its rows and columns swapped, cells and all;
// place turns a cell's place back into the sheet's.
type grid struct {
	file       string // the workbook's name, which its cells' places carry
	rows       [][]workbook.Cell
	transposed bool
}

// transpose swaps the grid's rows and columns.
func (g *grid) transpose() {
	byRow := map[int][]workbook.Cell{}
	for _, row := range g.rows {
		for _, c := range row {
			c.Pos.Row, c.Pos.Col = c.Pos.Col, c.Pos.Row
			byRow[c.Pos.Row] = append(byRow[c.Pos.Row], c)
		}
	}
	nums := make([]int, 0, len(byRow))
	for n := range byRow {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	g.rows = g.rows[:0]
	for _, n := range nums {
		g.rows = append(g.rows, byRow[n]) // already in column order: rows were read in order
	}
	g.transposed = !g.transposed
}

// place is p as a place in the sheet: p itself, or with row and column
// swapped back in a transposed grid.
func (g *grid) place(p workbook.Pos) workbook.Pos {
	if g.transposed && p.File == g.file && p.Row > 0 {
		p.Row, p.Col = p.Col, p.Row
	}
	return p
}

// line names a row of the grid for a message: "Sheet!3", or "column C of
// Sheet" when transposed.
func (g *grid) line(file, sheet string, n int) string {
	if g.transposed {
		return fmt.Sprintf("column %s of %s", workbook.ColumnName(n), workbook.Pos{File: file, Sheet: sheet})
	}
	return "row " + workbook.Pos{File: file, Sheet: sheet, Row: n}.String()
}

// maxMergeFill bounds the cells that merged ranges fill in one sheet, so
// that many large merges cannot cost memory without bound.
const maxMergeFill = 1 << 20

// fillMerged copies the value of each merged range's top-left cell into
// the range's other cells, so that a merged label or header reads in each.
// A range over 10,000 cells is left as it is, and filling stops once
// maxMergeFill cells have been filled.
func (g *grid) fillMerged(ranges []workbook.Range) {
	byRow := make(map[int]int, len(g.rows)) // row number → index in g.rows
	for i, row := range g.rows {
		byRow[row[0].Pos.Row] = i
	}
	fills := map[int]map[int]workbook.Cell{} // row index → column → cell
	filled := 0
	for _, r := range ranges {
		if (r.Bottom-r.Top+1)*(r.Right-r.Left+1) > 10000 {
			continue
		}
		ti, ok := byRow[r.Top]
		if !ok {
			continue
		}
		top, found := cellAt(g.rows[ti], r.Left)
		if !found {
			continue
		}
		for num := r.Top; num <= r.Bottom && filled < maxMergeFill; num++ {
			i, ok := byRow[num]
			if !ok {
				continue
			}
			for col := r.Left; col <= r.Right; col++ {
				if col == r.Left && num == r.Top {
					continue
				}
				if fills[i] == nil {
					fills[i] = map[int]workbook.Cell{}
				}
				c := top
				c.Pos.Row, c.Pos.Col = num, col
				fills[i][col] = c
				filled++
			}
		}
	}
	for i, cols := range fills {
		row := g.rows[i]
		for _, c := range row {
			delete(cols, c.Pos.Col) // a cell of its own is kept
		}
		for _, c := range cols {
			row = append(row, c)
		}
		sort.Slice(row, func(a, b int) bool { return row[a].Pos.Col < row[b].Pos.Col })
		g.rows[i] = row
	}
}

func cellAt(row []workbook.Cell, col int) (workbook.Cell, bool) {
	for _, c := range row {
		if c.Pos.Col == col {
			return c, true
		}
	}
	return workbook.Cell{}, false
}

// record is one output row being made: each field's cell.
type record map[string]workbook.Cell

// column is one column of a source's header: its cell in each header row
// (a blank cell where a row has none).
type column struct {
	col   int
	cells []workbook.Cell
}

// text is the column's header as one text: its rows' texts top to bottom,
// a text merged down several rows once.
func (c column) text() string {
	var parts []string
	for _, h := range c.cells {
		if h.Text != "" && (len(parts) == 0 || parts[len(parts)-1] != h.Text) {
			parts = append(parts, h.Text)
		}
	}
	return strings.Join(parts, " ")
}

// key is the header cell unpivot puts into a key: the cell's own for one
// header row, else the column's text at the first non-blank cell.
func (c column) key() workbook.Cell {
	if len(c.cells) == 1 {
		return c.cells[0]
	}
	k := c.cells[0]
	for _, h := range c.cells {
		if h.Kind != workbook.Blank {
			k = h
			break
		}
	}
	if joined := c.text(); joined != k.Text {
		k.Kind, k.Text = workbook.Text, joined // "2025" over "Jan" is the text "2025 Jan"
	}
	return k
}

// header finds the source's header rows in the grid and returns the index of
// the first data row and the columns. In header rows above the last, a blank
// cell over a named lower cell takes the text on its left (a month written
// once over its Target and Actual columns).
func (m *Mapping) header(s *Source, g *grid, file, sheet string, ps *workbook.Problems) (int, []column, bool) {
	first, n := 0, 1
	if len(s.Header) > 0 {
		first, n = -1, len(s.Header)
		for i, row := range g.rows {
			if row[0].Pos.Row == s.Header[0] {
				first = i
			}
		}
		if first < 0 {
			ps.Errorf(m.at(s.line["header"]), "header %s is blank", g.line(file, sheet, s.Header[0]))
			return 0, nil, false
		}
	}
	top := g.rows[first][0].Pos.Row
	rows := make([][]workbook.Cell, n)
	next := first
	for i := range rows {
		if next < len(g.rows) && g.rows[next][0].Pos.Row == top+i {
			rows[i] = g.rows[next]
			next++
		}
	}
	byCol := map[int]*column{}
	var cols []int
	for i, row := range rows {
		for _, c := range row {
			if byCol[c.Pos.Col] == nil {
				byCol[c.Pos.Col] = &column{col: c.Pos.Col, cells: make([]workbook.Cell, n)}
				cols = append(cols, c.Pos.Col)
			}
			byCol[c.Pos.Col].cells[i] = c
		}
	}
	sort.Ints(cols)
	out := make([]column, 0, len(cols))
	for _, col := range cols {
		c := byCol[col]
		for i := range c.cells {
			if c.cells[i].Pos.Row == 0 {
				c.cells[i] = workbook.Cell{Pos: workbook.Pos{File: file, Sheet: sheet, Row: top + i, Col: col}}
			}
		}
		out = append(out, *c)
	}
	for i := 0; i < n-1; i++ {
		for j := 1; j < len(out); j++ {
			if out[j].cells[i].Kind == workbook.Blank && out[j-1].cells[i].Kind != workbook.Blank && out[j].cells[n-1].Kind != workbook.Blank {
				c := out[j-1].cells[i]
				c.Pos = out[j].cells[i].Pos
				out[j].cells[i] = c
			}
		}
	}
	return next, out, true
}

// run applies one source to its sheet's grid: finds the header and the
// fields' columns, reads each data row into a record (unpivoted into
// several when asked), then finishes the records into the table.
func (m *Mapping) run(s *Source, g *grid, file, sheet string, ps *workbook.Problems) *workbook.Table {
	if len(g.rows) == 0 {
		ps.Errorf(m.at(s.Line), "sheet %s is empty", workbook.Pos{File: file, Sheet: sheet})
		return nil
	}
	data, header, ok := m.header(s, g, file, sheet, ps)
	if !ok {
		return nil
	}
	hpos := workbook.Pos{File: file, Sheet: sheet, Row: header[0].cells[0].Pos.Row}
	named, ok := m.placeFields(s, g, header, hpos, ps)
	if !ok {
		return nil
	}
	rr := rowReader{m: m, s: s, sheet: sheet, blank: map[string]bool{}, fixed: fixedCells(s, g, file, sheet), last: map[string]workbook.Cell{}}
	for _, b := range s.Blank {
		rr.blank[workbook.Normalize(b)] = true
	}
	var recs []record
	for _, row := range g.rows[data:] {
		if n := row[0].Pos.Row; n < s.FirstRow || s.LastRow > 0 && n > s.LastRow {
			continue
		}
		if len(s.Fields) > 0 && fixedOnly(row, rr.fixed) {
			continue
		}
		rowPos := workbook.Pos{File: file, Sheet: sheet, Row: row[0].Pos.Row}
		rec := rr.record(row, rowPos)
		if s.Unpivot == nil {
			recs = append(recs, rec)
			continue
		}
		recs = append(recs, rr.unpivot(rec, row, rowPos, header, named)...)
	}
	if g.transposed {
		// The sheet's own places, before finish reports any of them.
		for _, r := range recs {
			for k, c := range r {
				c.Pos = g.place(c.Pos)
				r[k] = c
			}
		}
		hpos = g.place(hpos)
	}
	recs = m.finish(s, recs, ps)
	return s.table(recs, hpos, file, sheet, g.transposed)
}

// placeFields finds the column of each field given by header text, and
// returns the columns that fields name (which unpivot leaves alone); false
// when a header is not found, each such reported.
func (m *Mapping) placeFields(s *Source, g *grid, header []column, hpos workbook.Pos, ps *workbook.Problems) (map[int]bool, bool) {
	var found []string
	for _, c := range header {
		found = append(found, c.text())
	}
	named := map[int]bool{}
	ok := true
	for _, f := range s.Fields {
		switch {
		case f.Header != "":
			f.Column = 0
			for _, c := range header {
				if headerNames(c, f.Header) {
					f.Column = c.col
					break
				}
			}
			if f.Column == 0 {
				ps.Errorf(m.at(f.Line), "column %q not found in the header %s; found: %s", f.Header, g.line(hpos.File, hpos.Sheet, hpos.Row), strings.Join(found, ", "))
				ok = false
				continue
			}
			named[f.Column] = true
		case f.Column > 0:
			named[f.Column] = true
		}
	}
	return named, ok
}

// fixedCells reads the cells that fields name by place (a form block on
// top), a blank cell at its place where the sheet has none.
func fixedCells(s *Source, g *grid, file, sheet string) map[string]workbook.Cell {
	fixed := map[string]workbook.Cell{}
	for _, f := range s.Fields {
		if f.Cell.Row == 0 {
			continue
		}
		at := workbook.Pos{Row: f.Cell.Row, Col: f.Cell.Col}
		if g.transposed {
			at.Row, at.Col = at.Col, at.Row
		}
		c := workbook.Cell{Pos: workbook.Pos{File: file, Sheet: sheet, Row: at.Row, Col: at.Col}}
		for _, row := range g.rows {
			if row[0].Pos.Row == at.Row {
				if v, ok := cellAt(row, at.Col); ok {
					c = v
				}
			}
		}
		fixed[f.Name] = c
	}
	return fixed
}

// rowReader makes records of a source's data rows.
type rowReader struct {
	m     *Mapping
	s     *Source
	sheet string
	blank map[string]bool          // the source's blank tokens, normalized
	fixed map[string]workbook.Cell // the fields' fixed cells
	last  map[string]workbook.Cell // the last non-blank cell of each fill_down field
}

// cleared is c, read as blank if its text is one of the blank tokens.
func (rr *rowReader) cleared(c workbook.Cell) workbook.Cell {
	if rr.blank[workbook.Normalize(c.Text)] && c.Kind != workbook.Blank {
		c.Kind, c.Text = workbook.Blank, ""
	}
	return c
}

// record reads each field of one row, and fills down the fields that ask.
func (rr *rowReader) record(row []workbook.Cell, rowPos workbook.Pos) record {
	rec := record{}
	for _, f := range rr.s.Fields {
		var c workbook.Cell
		switch {
		case f.Column > 0:
			c, _ = cellAt(row, f.Column)
			if c.Pos.Row == 0 {
				c.Pos = rowPos
				c.Pos.Col = f.Column
			}
		case f.Cell.Row > 0:
			c = rr.fixed[f.Name]
		case f.Sheet:
			c = workbook.Cell{Pos: rowPos, Kind: workbook.Text, Text: rr.sheet}
		case f.HasValue:
			c = workbook.Cell{Pos: rr.m.at(f.Line), Kind: workbook.Text, Text: f.Value}
		default:
			continue
		}
		rec[f.Name] = rr.cleared(c)
	}
	for _, name := range rr.s.FillDown {
		if c := rec[name]; c.Kind == workbook.Blank {
			if prev, ok := rr.last[name]; ok {
				prev.Pos = c.Pos
				rec[name] = prev
			}
		} else {
			rr.last[name] = c
		}
	}
	return rec
}

// unpivot makes a record of each column no field names (within the
// unpivot's bounds): the row's fields, the column's header cells in the
// keys, its cell in the value.
func (rr *rowReader) unpivot(rec record, row []workbook.Cell, rowPos workbook.Pos, header []column, named map[int]bool) []record {
	u := rr.s.Unpivot
	var out []record
	for _, hc := range header {
		if named[hc.col] || u.First > 0 && (hc.col < u.First || hc.col > u.Last) {
			continue
		}
		c, _ := cellAt(row, hc.col)
		if c.Pos.Row == 0 {
			c.Pos = rowPos
			c.Pos.Col = hc.col
		}
		r := make(record, len(rec)+2)
		for k, v := range rec {
			r[k] = v
		}
		if len(u.Keys) > 1 {
			for i, k := range u.Keys {
				r[k] = hc.cells[i]
			}
		} else {
			r[u.Key] = hc.key()
		}
		r[u.Value] = rr.cleared(c)
		out = append(out, r)
	}
	return out
}

// headerNames reports whether the mapping's header text names a column: the
// text of one of its header rows, or of all of them.
func headerNames(c column, name string) bool {
	for _, h := range c.cells {
		if sameHeader(h.Text, name) {
			return true
		}
	}
	return len(c.cells) > 1 && sameHeader(c.text(), name)
}

// sameHeader reports whether a header cell's text is the header a mapping
// names: the same words in any case, so that "Réalisé" is not "Réalisé %".
func sameHeader(cell, name string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(cell), " "), strings.Join(strings.Fields(name), " "))
}

// fixedOnly reports whether a row holds only fixed cells (a form block above
// the table is not data).
func fixedOnly(row []workbook.Cell, fixed map[string]workbook.Cell) bool {
	if len(fixed) == 0 {
		return false
	}
	for _, c := range row {
		isFixed := false
		for _, f := range fixed {
			if f.Pos.Row == c.Pos.Row && f.Pos.Col == c.Pos.Col {
				isFixed = true
			}
		}
		if !isFixed {
			return false
		}
	}
	return true
}

// finish applies patterns, lookups, roles' cuts, templates, value maps,
// slugs and where clauses, gives each value its role, and merges the rows
// that roles split. A cell that a pattern, lookup or role cannot read is
// reported once per text, and its row left out.
func (m *Mapping) finish(s *Source, recs []record, ps *workbook.Problems) []record {
	f := finisher{m: m, s: s, ps: ps, reported: map[string]bool{}}
	var out []record
	for _, r := range recs {
		if !f.patterns(r) || !f.lookups(r) {
			continue
		}
		role, keep := f.role(r)
		if !keep {
			continue
		}
		f.rewrite(r)
		if !s.kept(r) {
			continue
		}
		if role != "" && s.Unpivot != nil {
			v := r[s.Unpivot.Value]
			delete(r, s.Unpivot.Value)
			r[role] = v
		}
		out = append(out, r)
	}
	if s.Table == "KPIs" {
		out = dropRepeats(out)
	}
	if s.Role == nil {
		return out
	}
	return mergeRoles(out)
}

// finisher is the state of one source's finish: where problems go, and the
// texts already reported.
type finisher struct {
	m        *Mapping
	s        *Source
	ps       *workbook.Problems
	reported map[string]bool
}

// once reports a problem the first time its key is seen.
func (f *finisher) once(key string, pos workbook.Pos, format string, args ...any) {
	if !f.reported[key] {
		f.reported[key] = true
		f.ps.Errorf(pos, format, args...)
	}
}

// patterns gives each field with a pattern the part of its text the pattern
// takes; false when a text does not match.
func (f *finisher) patterns(r record) bool {
	keep := true
	for _, fd := range f.s.Fields {
		c, ok := r[fd.Name]
		if !ok || fd.Pattern == nil || c.Kind == workbook.Blank {
			continue
		}
		text, match := fd.Pattern.Apply(c.Text)
		if !match {
			f.once(fd.Name+"\x00"+c.Text, c.Pos, "%q does not match the pattern %q of field %s (%s:%d)", c.Text, fd.Pattern.Text, fd.Name, f.m.Name, fd.Line)
			keep = false
			continue
		}
		c.Kind, c.Text = workbook.Text, text
		r[fd.Name] = c
	}
	return keep
}

// lookups replaces each looked-up field's text by what its table gives;
// false when the table does not hold it.
func (f *finisher) lookups(r record) bool {
	keep := true
	for _, fd := range f.s.Fields {
		c, ok := r[fd.Name]
		if !ok || fd.Lookup == nil || fd.Lookup.values == nil || c.Kind == workbook.Blank {
			continue
		}
		v, hit := fd.Lookup.values[workbook.Normalize(c.Text)]
		if !hit {
			f.once("lookup\x00"+fd.Name+"\x00"+c.Text, c.Pos, "%q is not in column %s of %s (the lookup of field %s, %s:%d)", c.Text, fd.Lookup.Key, fd.Lookup.place, fd.Name, f.m.Name, fd.Lookup.Line)
			keep = false
			continue
		}
		c.Kind, c.Text = workbook.Text, v
		r[fd.Name] = c
	}
	return keep
}

// role finds the row's role from its label, cutting a suffix or prefix from
// the label's field. It returns "" without a role clause, and false for a
// row to leave out: a blank label, a label with no role, or skip.
func (f *finisher) role(r record) (string, bool) {
	s := f.s
	if s.Role == nil {
		return "", true
	}
	lc := r[s.Role.Field]
	if lc.Kind == workbook.Blank {
		return "", false // a blank row between blocks
	}
	to, rest, ok := s.Role.find(lc.Text)
	if !ok {
		labels := strings.Join(s.Role.Labels, ", ")
		if s.inHeader(lc.Pos.Row) {
			f.once("role\x00"+workbook.Normalize(lc.Text), lc.Pos, "%q has no role (%s:%d gives %s): its column is unpivoted; name it under columns, or bound the columns unpivoted (unpivot: {columns: E:V})", lc.Text, f.m.Name, s.Role.Line, labels)
		} else {
			f.once("role\x00"+workbook.Normalize(lc.Text), lc.Pos, "%q has no role (%s:%d gives %s); add it to the roles, as skip to leave such rows out", lc.Text, f.m.Name, s.Role.Line, labels)
		}
		return "", false
	}
	if to == "skip" {
		return "", false
	}
	if s.Role.Match != "whole" {
		lc.Text = rest
		r[s.Role.Field] = lc
	}
	return to, true
}

// rewrite applies templates, value maps and slugs.
func (f *finisher) rewrite(r record) {
	for _, fd := range f.s.Fields {
		c, ok := r[fd.Name]
		if fd.Template != "" {
			c = workbook.Cell{Kind: workbook.Text, Text: expand(fd.Template, r)}
			for _, ref := range templateRefs(fd.Template) {
				if rc, ok := r[ref]; ok && c.Pos.File == "" {
					c.Pos = rc.Pos
				}
			}
			ok = true
		}
		if !ok {
			continue
		}
		if v, hit := fd.Map[workbook.Normalize(c.Text)]; hit && len(fd.Map) > 0 {
			c.Kind, c.Text = workbook.Text, v
		}
		if fd.Slug && c.Kind != workbook.Blank {
			c.Kind, c.Text = workbook.Text, Slug(c.Text)
		}
		r[fd.Name] = c
	}
}

// kept reports whether the row passes every where clause.
func (s *Source) kept(r record) bool {
	for field, vals := range s.Where {
		hit := false
		for _, v := range vals {
			if workbook.Normalize(r[field].Text) == workbook.Normalize(v) {
				hit = true
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// mergeRoles joins the rows of one KPI and period that roles split (an
// Actual row and a Target row), the first given value of each field kept.
func mergeRoles(recs []record) []record {
	key := func(r record) string { return r["kpi"].Text + "\x00" + periodKey(r["period"]) }
	byKey := map[string]record{}
	var merged []record
	for _, r := range recs {
		k := key(r)
		if prev, ok := byKey[k]; ok {
			for f, c := range r {
				if _, has := prev[f]; !has || prev[f].Kind == workbook.Blank {
					prev[f] = c
				}
			}
			continue
		}
		byKey[k] = r
		merged = append(merged, r)
	}
	return merged
}

// find gives the role of a label: the role its whole text names, or (by
// match) the one its last or first words name, with the rest of the text.
func (r *Role) find(label string) (to, rest string, ok bool) {
	if r.Match == "whole" {
		if to, ok = r.Roles[workbook.Normalize(label)]; ok {
			return to, label, true
		}
		return r.Other, label, r.Other != ""
	}
	words := wordSpans(label)
	// The longest run of words that names a role wins ("Prior year" over "year").
	for n := min(len(words)-1, 3); n >= 1; n-- {
		var part, left string
		if r.Match == "suffix" {
			start := words[len(words)-n][0]
			part, left = label[start:], label[:start]
		} else {
			end := words[n-1][1]
			part, left = label[:end], label[end:]
		}
		if to, ok := r.Roles[workbook.Normalize(part)]; ok {
			return to, strings.Trim(left, " \t-–—:()[]_/|,."), true
		}
	}
	if to, ok = r.Roles[workbook.Normalize(label)]; ok {
		return to, "", true
	}
	return r.Other, label, r.Other != ""
}

// inHeader reports whether row n is one of the source's header rows.
func (s *Source) inHeader(n int) bool {
	for _, h := range s.Header {
		if h == n {
			return true
		}
	}
	return false
}

// wordSpans gives the start and end of each run of letters and digits.
func wordSpans(s string) [][2]int {
	var spans [][2]int
	start := -1
	for i, c := range s {
		word := unicode.IsLetter(c) || unicode.IsDigit(c) || c == '%'
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			spans = append(spans, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		spans = append(spans, [2]int{start, len(s)})
	}
	return spans
}

// dropRepeats keeps the first of rows that agree in every field: a KPI list
// read from a long table, which names each KPI once a period. Rows that
// share an id but differ elsewhere are kept, for the loader to report.
func dropRepeats(recs []record) []record {
	seen := map[string]bool{}
	var out []record
	for _, r := range recs {
		names := make([]string, 0, len(r))
		for f := range r {
			names = append(names, f)
		}
		sort.Strings(names)
		var b strings.Builder
		for _, f := range names {
			b.WriteString(f + "\x00" + r[f].Text + "\x00")
		}
		if !seen[b.String()] {
			seen[b.String()] = true
			out = append(out, r)
		}
	}
	return out
}

func periodKey(c workbook.Cell) string {
	if c.Kind == workbook.Number {
		return fmt.Sprint(c.Num)
	}
	return workbook.Normalize(c.Text)
}

func expand(t string, r record) string {
	for _, ref := range templateRefs(t) {
		t = strings.ReplaceAll(t, "{"+ref+"}", r[ref].Text)
	}
	return strings.TrimSpace(t)
}

// Slug makes an id from a name: upper-case letters and digits, words joined
// by hyphens ("Net revenue (£k)" is "NET-REVENUE-K").
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToUpper(s) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127 && isLetter(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

func isLetter(r rune) bool {
	return strings.ToUpper(string(r)) != strings.ToLower(string(r)) || r > 0x2E80
}

// table writes records as a canonical table: one column per field the
// table knows, in its order, the cells keeping their places.
func (s *Source) table(recs []record, hpos workbook.Pos, file, sheet string, sideways bool) *workbook.Table {
	t := &workbook.Table{File: file, Sheet: sheet, HeaderRow: hpos.Row}
	var names []string
	for _, c := range scorecard.Columns(s.Table) {
		for _, r := range recs {
			if _, ok := r[c[0]]; ok {
				names = append(names, c[0])
				break
			}
		}
	}
	for _, n := range names {
		t.Header = append(t.Header, workbook.Cell{Pos: hpos, Kind: workbook.Text, Text: n})
	}
	for _, r := range recs {
		row := workbook.Row{}
		for _, n := range names {
			c, ok := r[n]
			if !ok {
				c = workbook.Cell{Pos: hpos}
			}
			if row.Num == 0 && c.Pos.File == file && c.Pos.Row > 0 {
				row.Num = c.Pos.Row
				if sideways {
					row.Col = c.Pos.Col
				}
			}
			row.Cells = append(row.Cells, c)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
