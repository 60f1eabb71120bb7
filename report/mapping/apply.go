package mapping

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"kpireport/report/scorecard"
	"kpireport/report/workbook"
)

// Apply reads the sources' sheets from the inputs and returns the tables
// they make, keyed by canonical sheet name, for scorecard.LoadOptions.Tables.
// Problems name the mapping's line and the workbook's place, a file that
// cannot be opened too; only an error reading an opened file is returned.
func (m *Mapping) Apply(inputs []string, ps *workbook.Problems) (map[string][]*workbook.Table, error) {
	out := map[string][]*workbook.Table{}
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
		sheet := s.Sheet
		if sheet == "" {
			if len(f.Sheets()) == 0 {
				ps.Errorf(m.at(s.Line), "%s has no sheets", f.Name())
				f.Close()
				continue
			}
			sheet = f.Sheets()[0].Name
		}
		var g grid
		err = f.Rows(sheet, ps, func(num int, cells []workbook.Cell) error {
			g.rows = append(g.rows, append([]workbook.Cell(nil), cells...))
			return nil
		})
		if err != nil {
			f.Close()
			if strings.Contains(err.Error(), workbook.ErrNoSheet.Error()) {
				var names []string
				for _, si := range f.Sheets() {
					names = append(names, si.Name)
				}
				ps.Errorf(m.at(s.line["sheet"]), "sheet %q not found in %s; found: %s", sheet, f.Name(), strings.Join(names, ", "))
				continue
			}
			return nil, err
		}
		merged, _ := f.Merged(sheet)
		f.Close()
		g.fillMerged(merged)
		if t := m.run(s, &g, f.Name(), sheet, ps); t != nil {
			out[s.Table] = append(out[s.Table], t)
		}
	}
	return out, nil
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

// grid is a sheet's non-blank rows, each a row's non-blank cells in column order.
type grid struct{ rows [][]workbook.Cell }

// fillMerged copies the value of each merged range's top-left cell into
// the range's other cells, so that a merged label or header reads in each.
func (g *grid) fillMerged(ranges []workbook.Range) {
	for _, r := range ranges {
		var top workbook.Cell
		found := false
		for _, row := range g.rows {
			for _, c := range row {
				if c.Pos.Row == r.Top && c.Pos.Col == r.Left {
					top, found = c, true
				}
			}
		}
		if !found || (r.Bottom-r.Top+1)*(r.Right-r.Left+1) > 10000 {
			continue
		}
		for i, row := range g.rows {
			num := row[0].Pos.Row
			if num < r.Top || num > r.Bottom {
				continue
			}
			for col := r.Left; col <= r.Right; col++ {
				if col == r.Left && num == r.Top {
					continue
				}
				c := top
				c.Pos.Row, c.Pos.Col = num, col
				g.rows[i] = setCell(g.rows[i], c)
			}
		}
	}
}

func setCell(row []workbook.Cell, c workbook.Cell) []workbook.Cell {
	for i := range row {
		if row[i].Pos.Col == c.Pos.Col {
			return row
		}
		if row[i].Pos.Col > c.Pos.Col {
			row = append(row, workbook.Cell{})
			copy(row[i+1:], row[i:])
			row[i] = c
			return row
		}
	}
	return append(row, c)
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

// run applies one source to its sheet's grid.
func (m *Mapping) run(s *Source, g *grid, file, sheet string, ps *workbook.Problems) *workbook.Table {
	if len(g.rows) == 0 {
		ps.Errorf(m.at(s.Line), "sheet %s is empty", workbook.Pos{File: file, Sheet: sheet})
		return nil
	}
	hi := 0
	if s.Header > 0 {
		hi = -1
		for i, row := range g.rows {
			if row[0].Pos.Row == s.Header {
				hi = i
			}
		}
		if hi < 0 {
			ps.Errorf(m.at(s.line["header"]), "header row %d of %s is blank", s.Header, workbook.Pos{File: file, Sheet: sheet})
			return nil
		}
	}
	header := g.rows[hi]
	hpos := workbook.Pos{File: file, Sheet: sheet, Row: header[0].Pos.Row}
	var found []string
	for _, c := range header {
		found = append(found, c.Text)
	}
	colOf := map[int]bool{}
	cols := map[string]int{}
	ok := true
	for _, f := range s.Fields {
		switch {
		case f.Header != "":
			f.Column = 0
			for _, c := range header {
				if sameHeader(c.Text, f.Header) {
					f.Column = c.Pos.Col
					break
				}
			}
			if f.Column == 0 {
				ps.Errorf(m.at(f.Line), "column %q not found in the header row %s; found: %s", f.Header, hpos, strings.Join(found, ", "))
				ok = false
				continue
			}
			colOf[f.Column] = true
		case f.Column > 0:
			colOf[f.Column] = true
		}
		cols[f.Name] = f.Column
	}
	if !ok {
		return nil
	}
	blank := map[string]bool{}
	for _, b := range s.Blank {
		blank[workbook.Normalize(b)] = true
	}
	var fixed = map[string]workbook.Cell{}
	for _, f := range s.Fields {
		if f.Cell.Row > 0 {
			c := workbook.Cell{Pos: workbook.Pos{File: file, Sheet: sheet, Row: f.Cell.Row, Col: f.Cell.Col}}
			for _, row := range g.rows {
				if row[0].Pos.Row == f.Cell.Row {
					if v, ok := cellAt(row, f.Cell.Col); ok {
						c = v
					}
				}
			}
			fixed[f.Name] = c
		}
	}
	var recs []record
	last := map[string]workbook.Cell{}
	for _, row := range g.rows[hi+1:] {
		if row[0].Pos.Row > 0 && len(s.Fields) > 0 && fixedOnly(row, fixed) {
			continue
		}
		rowPos := workbook.Pos{File: file, Sheet: sheet, Row: row[0].Pos.Row}
		rec := record{}
		for _, f := range s.Fields {
			var c workbook.Cell
			switch {
			case f.Column > 0:
				c, _ = cellAt(row, f.Column)
				if c.Pos.Row == 0 {
					c.Pos = rowPos
					c.Pos.Col = f.Column
				}
			case f.Cell.Row > 0:
				c = fixed[f.Name]
			case f.Sheet:
				c = workbook.Cell{Pos: rowPos, Kind: workbook.Text, Text: sheet}
			case f.HasValue:
				c = workbook.Cell{Pos: m.at(f.Line), Kind: workbook.Text, Text: f.Value}
			default:
				continue
			}
			if blank[workbook.Normalize(c.Text)] && c.Kind != workbook.Blank {
				c.Kind, c.Text = workbook.Blank, ""
			}
			rec[f.Name] = c
		}
		for _, name := range s.FillDown {
			if c := rec[name]; c.Kind == workbook.Blank {
				if prev, ok := last[name]; ok {
					prev.Pos = c.Pos
					rec[name] = prev
				}
			} else {
				last[name] = c
			}
		}
		if s.Unpivot == nil {
			recs = append(recs, rec)
			continue
		}
		for _, hc := range header {
			if colOf[hc.Pos.Col] {
				continue
			}
			c, _ := cellAt(row, hc.Pos.Col)
			if c.Pos.Row == 0 {
				c.Pos = rowPos
				c.Pos.Col = hc.Pos.Col
			}
			if blank[workbook.Normalize(c.Text)] && c.Kind != workbook.Blank {
				c.Kind, c.Text = workbook.Blank, ""
			}
			r := record{}
			for k, v := range rec {
				r[k] = v
			}
			r[s.Unpivot.Key] = hc
			r[s.Unpivot.Value] = c
			recs = append(recs, r)
		}
	}
	recs = m.finish(s, recs)
	return s.table(recs, hpos, file, sheet)
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

// finish applies templates, value maps, slugs, roles and where clauses, and
// merges the rows that roles split.
func (m *Mapping) finish(s *Source, recs []record) []record {
	var out []record
	for _, r := range recs {
		for _, f := range s.Fields {
			c, ok := r[f.Name]
			if f.Template != "" {
				c = workbook.Cell{Kind: workbook.Text, Text: expand(f.Template, r)}
				for _, ref := range templateRefs(f.Template) {
					if rc, ok := r[ref]; ok && c.Pos.File == "" {
						c.Pos = rc.Pos
					}
				}
				ok = true
			}
			if !ok {
				continue
			}
			if v, hit := f.Map[workbook.Normalize(c.Text)]; hit && len(f.Map) > 0 {
				c.Kind, c.Text = workbook.Text, v
			}
			if f.Slug && c.Kind != workbook.Blank {
				c.Kind, c.Text = workbook.Text, Slug(c.Text)
			}
			r[f.Name] = c
		}
		keep := true
		for field, vals := range s.Where {
			hit := false
			for _, v := range vals {
				if workbook.Normalize(r[field].Text) == workbook.Normalize(v) {
					hit = true
				}
			}
			keep = keep && hit
		}
		if !keep {
			continue
		}
		if s.Role != nil && s.Unpivot != nil {
			to, ok := s.Role.Roles[workbook.Normalize(r[s.Role.Field].Text)]
			if !ok || to == "skip" {
				continue
			}
			v := r[s.Unpivot.Value]
			delete(r, s.Unpivot.Value)
			r[to] = v
		}
		out = append(out, r)
	}
	if s.Table == "KPIs" {
		out = dropRepeats(out)
	}
	if s.Role == nil {
		return out
	}
	// Rows of one KPI and period split across role rows become one.
	key := func(r record) string { return r["kpi"].Text + "\x00" + periodKey(r["period"]) }
	byKey := map[string]record{}
	var merged []record
	for _, r := range out {
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
func (s *Source) table(recs []record, hpos workbook.Pos, file, sheet string) *workbook.Table {
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
			if row.Num == 0 && c.Pos.Sheet == sheet && c.Pos.Row > 0 {
				row.Num = c.Pos.Row
			}
			row.Cells = append(row.Cells, c)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
