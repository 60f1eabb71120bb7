// Package mapping reads a mapping file (kpireport.yaml) that says how the
// sheets of a workbook of the user's own layout become kpireport's tables,
// and applies it: each source turns one sheet into one canonical table
// (KPIs, Measurements, ...) whose cells keep the places of the cells they
// came from, for scorecard.Load to read in place of name-recognised sheets.
//
// A source composes a few operations, in this order: select the sheet and
// its header row; take each field from a column (by header or letter), a
// fixed cell, the sheet's name, a constant or a template over other fields;
// fill blank label cells down; unpivot the remaining columns into rows
// (period columns, or one column per metric); give each row's value its role
// from a label field (actual, target, red flag); keep only the rows a where
// clause names; map values and make ids from names.
package mapping

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"kpireport/report/scorecard"
	"kpireport/report/workbook"
)

// Mapping is a parsed mapping file.
type Mapping struct {
	Name     string // base name of the file, for messages
	Dir      string // its folder, against which source files are found
	Settings []Setting
	// Perspectives lists the perspectives in order, for workbooks that
	// name them only beside each KPI.
	Perspectives []Setting
	Sources      []*Source
}

// Setting is one entry of the mapping's settings: what a Settings sheet
// would hold (fiscal_year_start: April), for workbooks that have none.
type Setting struct {
	Key, Value string
	Line       int
}

// Source makes one canonical table from one sheet.
type Source struct {
	Line   int
	Table  string // canonical sheet name: KPIs, Measurements, ...
	File   string // base name of an input, or a path from the mapping's folder; empty: the first input
	Sheet  string // empty: the file's first sheet; may hold * and ? to read every sheet it matches
	Header []int  // header rows from 1, top to bottom; none: the first non-blank row
	// FirstRow and LastRow bound the data rows (from 1); 0: no bound.
	FirstRow, LastRow int
	// Transpose reads the sheet's columns as rows (fields down column A).
	Transpose bool
	// Aggregate lets the made table hold rows finer than a KPI's frequency
	// (weeks, days, months of a quarterly KPI), combined into its periods.
	Aggregate bool
	Fields    []*Field
	Blank     []string // texts read as blank cells
	FillDown  []string // fields whose blank cells take the value above
	Where     map[string][]string
	Unpivot   *Unpivot
	Role      *Role
	line      map[string]int // line of each key, for messages
}

// Field says where one field of the canonical table (or a helper field used
// by a template, role or where clause) comes from.
type Field struct {
	Name     string
	Line     int
	Header   string // a column by its header text
	Column   int    // a column by its letter
	Cell     workbook.Pos
	Sheet    bool   // the sheet's name
	Value    string // a constant
	HasValue bool
	Template string            // "{region} {metric}"
	Slug     bool              // an id made from the text
	Map      map[string]string // normalized text → value
	Pattern  *Pattern          // the part of the text the field takes
	Lookup   *Lookup           // the text found for it in another table
	// OnlyRewrite is a field with slug or map and no place: it rewrites
	// what unpivot put into it (kpi: {slug: true}).
	OnlyRewrite bool
}

// Lookup replaces a field's text by the text in another table's row whose
// Key column holds it: an id by the name it stands for, in files that refer
// to each other by id.
type Lookup struct {
	Line       int
	File       string // as a source's file; empty: the source's own file
	Sheet      string // empty: the file's first sheet
	Key, Value string // the columns' headers
	values     map[string]string
	place      string // where the table was read, for messages
}

// Unpivot turns the columns no field names into one row each: the header
// cell goes into Key and the cell into Value. With two header rows, the
// lower row's cell goes into the second of Keys.
type Unpivot struct {
	Line  int
	Key   string   // "period", or "kpi" for one column per metric
	Keys  []string // Key, then a field for each lower header row
	Value string   // "actual" unless a role says otherwise
	// First and Last bound the columns unpivoted (from 1); 0: no bound.
	First, Last int
}

// Role gives each row's value the field named by a label field's text: the
// whole text, or a word at its end or start ("Revenue Act"), which is then
// cut from the field.
type Role struct {
	Line   int
	Field  string
	Match  string            // "whole", "suffix" or "prefix"
	Roles  map[string]string // normalized label → field, or "skip"
	Other  string            // the role of a label no other names ("*": actual); "": none
	Labels []string          // the labels as the mapping writes them, for messages
}

// Load reads a mapping file. Problems in it go into ps with the file's line.
func Load(path string, ps *workbook.Problems) (*Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(filepath.Base(path), filepath.Dir(path), data, ps), nil
}

// Parse reads a mapping from its text.
func Parse(name, dir string, data []byte, ps *workbook.Problems) *Mapping {
	m := &Mapping{Name: name, Dir: dir}
	at := func(line int) workbook.Pos { return workbook.Pos{File: name, Row: line} }
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := syntaxLine(err)
		ps.Errorf(at(line), "%s", msg)
		return m
	}
	if len(doc.Content) == 0 {
		ps.Errorf(at(1), "the mapping is empty; it needs a list of sources")
		return m
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		ps.Errorf(at(root.Line), "the mapping must be a list of keys (sources: ...)")
		return m
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value == "settings" {
			if v.Kind != yaml.MappingNode {
				ps.Errorf(at(v.Line), "settings must give each setting and its value (fiscal_year_start: April)")
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				m.Settings = append(m.Settings, Setting{Key: v.Content[j].Value, Value: v.Content[j+1].Value, Line: v.Content[j].Line})
			}
			continue
		}
		if k.Value == "perspectives" {
			for _, n := range v.Content {
				m.Perspectives = append(m.Perspectives, Setting{Key: n.Value, Line: n.Line})
			}
			if v.Kind != yaml.SequenceNode {
				ps.Errorf(at(v.Line), "perspectives must be a list of names, in order ([Finances, Usagers])")
			}
			continue
		}
		if k.Value != "sources" {
			ps.Errorf(at(k.Line), "unknown key %q; a mapping has settings, perspectives and sources", k.Value)
			continue
		}
		if v.Kind != yaml.SequenceNode {
			ps.Errorf(at(v.Line), "sources must be a list")
			continue
		}
		for _, n := range v.Content {
			if s := parseSource(n, at, ps); s != nil {
				m.Sources = append(m.Sources, s)
			}
		}
	}
	if len(m.Sources) == 0 && ps.Errors() == 0 {
		ps.Errorf(at(root.Line), "the mapping has no sources")
	}
	return m
}

// syntaxLine splits a YAML syntax error into its line (1 when it names
// none) and the rest of its message.
func syntaxLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 && line > 0 {
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		return line, msg
	}
	return 1, msg
}

var tables = []string{"Settings", "Perspectives", "Objectives", "KPIs", "Measurements", "Targets", "Initiatives", "Commentary"}

func parseSource(n *yaml.Node, at func(int) workbook.Pos, ps *workbook.Problems) *Source {
	if n.Kind != yaml.MappingNode {
		ps.Errorf(at(n.Line), "a source must be a set of keys (table, sheet, columns, ...)")
		return nil
	}
	s := &Source{Line: n.Line, line: map[string]int{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		s.line[k.Value] = k.Line
		switch k.Value {
		case "table":
			for _, t := range tables {
				if strings.EqualFold(t, v.Value) {
					s.Table = t
				}
			}
			if s.Table == "" {
				ps.Errorf(at(v.Line), "table %q is not one kpireport reads: %s", v.Value, strings.Join(tables, ", "))
			}
		case "file":
			s.File = scalar(v, "file", at, ps)
		case "sheet":
			s.Sheet = scalar(v, "sheet", at, ps)
		case "header":
			s.Header = headerRows(v, at, ps)
		case "rows":
			first, last, isRange := strings.Cut(v.Value, "-")
			a, err1 := strconv.Atoi(strings.TrimSpace(first))
			b, err2 := strconv.Atoi(strings.TrimSpace(last))
			if !isRange || strings.TrimSpace(last) == "" {
				b, err2 = 0, nil
			}
			if err1 != nil || err2 != nil || a < 1 || b != 0 && b < a {
				ps.Errorf(at(v.Line), "rows must be the data's first and last row such as 5-40, or 5- for all from row 5, not %q", v.Value)
			}
			s.FirstRow, s.LastRow = a, b
		case "transpose":
			s.Transpose = boolean(v, "transpose", at, ps)
		case "aggregate":
			s.Aggregate = boolean(v, "aggregate", at, ps)
		case "blank":
			s.Blank = list(v, "blank", at, ps)
		case "fill_down":
			s.FillDown = list(v, "fill_down", at, ps)
		case "where":
			s.Where = map[string][]string{}
			if v.Kind != yaml.MappingNode {
				ps.Errorf(at(v.Line), "where must give a field and the values to keep (where: {region: Total})")
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				s.Where[v.Content[j].Value] = list(v.Content[j+1], "where", at, ps)
				s.line["where "+v.Content[j].Value] = v.Content[j].Line
			}
		case "columns":
			if v.Kind != yaml.MappingNode {
				ps.Errorf(at(v.Line), "columns must give each field and where it comes from (kpi: KPI code)")
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				if f := parseField(v.Content[j], v.Content[j+1], at, ps); f != nil {
					s.Fields = append(s.Fields, f)
				}
			}
		case "unpivot":
			u := &Unpivot{Line: k.Line, Value: "actual"}
			for j := 0; v.Kind == yaml.MappingNode && j+1 < len(v.Content); j += 2 {
				val := v.Content[j+1]
				switch v.Content[j].Value {
				case "key":
					u.Keys = list(val, "key", at, ps)
				case "value":
					u.Value = val.Value
				case "columns":
					first, last, _ := strings.Cut(val.Value, ":")
					u.First, u.Last = columnNumber(first), columnNumber(last)
					if u.First == 0 || u.Last < u.First {
						ps.Errorf(at(val.Line), "unpivot columns must be a range of column letters such as D:O, not %q", val.Value)
					}
				default:
					ps.Errorf(at(v.Content[j].Line), "unknown key %q in unpivot; it has key, value and columns", v.Content[j].Value)
				}
			}
			if len(u.Keys) == 0 || u.Keys[0] == "" {
				ps.Errorf(at(k.Line), "unpivot needs a key: the field the column headers go into (period, or kpi)")
			} else {
				u.Key = u.Keys[0]
			}
			s.Unpivot = u
		case "role":
			r := &Role{Line: k.Line, Match: "whole", Roles: map[string]string{}}
			for j := 0; v.Kind == yaml.MappingNode && j+1 < len(v.Content); j += 2 {
				val := v.Content[j+1]
				switch v.Content[j].Value {
				case "field":
					r.Field = val.Value
				case "roles":
					r.Roles = valueMap(val, at, ps)
					for k := 0; val.Kind == yaml.MappingNode && k+1 < len(val.Content); k += 2 {
						r.Labels = append(r.Labels, val.Content[k].Value)
						if strings.TrimSpace(val.Content[k].Value) == "*" {
							r.Other = val.Content[k+1].Value
							delete(r.Roles, "")
						}
					}
				case "match":
					r.Match = val.Value
					if r.Match != "whole" && r.Match != "suffix" && r.Match != "prefix" {
						ps.Errorf(at(val.Line), "role match must be whole, suffix or prefix, not %q", val.Value)
					}
				default:
					ps.Errorf(at(v.Content[j].Line), "unknown key %q in role; it has field, roles and match", v.Content[j].Value)
				}
			}
			if r.Field == "" || len(r.Roles) == 0 && r.Other == "" {
				ps.Errorf(at(k.Line), "role needs a field (the label column) and roles (Actual: actual, Plan: target)")
			}
			s.Role = r
		default:
			ps.Errorf(at(k.Line), "unknown key %q; a source has table, file, sheet, header, rows, transpose, columns, blank, fill_down, where, unpivot, role and aggregate", k.Value)
		}
	}
	if s.Table == "" {
		if _, given := s.line["table"]; !given {
			ps.Errorf(at(n.Line), "the source does not say which table it makes (table: KPIs, Measurements, ...)")
		}
		return nil
	}
	s.checkFields(at, ps)
	return s
}

// checkFields reports fields that are neither columns of the table nor used
// by a template, role or where clause, and required columns not given.
func (s *Source) checkFields(at func(int) workbook.Pos, ps *workbook.Problems) {
	known := map[string]bool{}
	var names []string
	for _, c := range scorecard.Columns(s.Table) {
		known[c[0]] = true
		names = append(names, c[0])
	}
	used := map[string]bool{}
	given := map[string]bool{}
	for _, f := range s.Fields {
		given[f.Name] = true
		for _, r := range templateRefs(f.Template) {
			used[r] = true
		}
	}
	for f := range s.Where {
		used[f] = true
	}
	if s.Role != nil {
		used[s.Role.Field] = true
		for _, to := range s.Role.Roles {
			given[to] = true
		}
	}
	unpivoted := map[string]bool{}
	if s.Unpivot != nil {
		for _, k := range s.Unpivot.Keys {
			unpivoted[k] = true
		}
		unpivoted[s.Unpivot.Value] = true
		if len(s.Unpivot.Keys) > 1 && len(s.Unpivot.Keys) > len(s.Header) {
			ps.Errorf(at(s.Unpivot.Line), "unpivot names %d keys but the source has %d header rows; give one key a header row (header: [3, 4])", len(s.Unpivot.Keys), max(len(s.Header), 1))
		}
	}
	for f := range unpivoted {
		given[f], used[f] = true, true
	}
	for _, f := range s.Fields {
		if f.OnlyRewrite && !unpivoted[f.Name] {
			ps.Errorf(at(f.Line), "field %s has slug or map but no place to read; only the fields unpivot fills may (unpivot: {key: %s})", f.Name, f.Name)
		}
		if !known[f.Name] && !used[f.Name] {
			ps.Errorf(at(f.Line), "field %q is not a %s column, and no template, role or where uses it; %s has %s", f.Name, s.Table, s.Table, strings.Join(names, ", "))
		}
	}
	for _, n := range names {
		if scorecard.Required(s.Table, n) && !given[n] {
			ps.Errorf(at(s.Line), "the %s source gives no %s; add it under columns", s.Table, n)
		}
	}
}

func parseField(k, v *yaml.Node, at func(int) workbook.Pos, ps *workbook.Problems) *Field {
	f := &Field{Name: k.Value, Line: k.Line}
	switch v.Kind {
	case yaml.ScalarNode:
		f.Header = v.Value
		return f
	case yaml.MappingNode:
	default:
		ps.Errorf(at(v.Line), "field %s: give a column's header, or one of header, column, cell, sheet, value, template", f.Name)
		return nil
	}
	from := 0
	for j := 0; j+1 < len(v.Content); j += 2 {
		key, val := v.Content[j], v.Content[j+1]
		switch key.Value {
		case "header":
			f.Header, from = val.Value, from+1
		case "column":
			f.Column, from = columnNumber(val.Value), from+1
			if f.Column == 0 {
				ps.Errorf(at(val.Line), "field %s: column %q is not a column letter such as C", f.Name, val.Value)
			}
		case "cell":
			c, r := splitCell(val.Value)
			if c == 0 || r == 0 {
				ps.Errorf(at(val.Line), "field %s: cell %q is not a cell such as B3", f.Name, val.Value)
			}
			f.Cell, from = workbook.Pos{Row: r, Col: c}, from+1
		case "sheet":
			f.Sheet, from = val.Value == "true" || val.Value == "name", from+1
		case "value":
			f.Value, f.HasValue, from = val.Value, true, from+1
		case "template":
			f.Template, from = val.Value, from+1
		case "slug":
			f.Slug = val.Value == "true"
		case "map":
			f.Map = valueMap(val, at, ps)
		case "lookup":
			f.Lookup = parseLookup(f.Name, val, at, ps)
		case "pattern":
			p, err := compilePattern(val.Value)
			if err != nil {
				ps.Errorf(at(val.Line), "field %s: %v", f.Name, err)
			}
			f.Pattern = p
		default:
			ps.Errorf(at(key.Line), "field %s: unknown key %q; a field has header, column, cell, sheet, value or template, and slug, map and pattern", f.Name, key.Value)
		}
	}
	if from > 1 || from == 0 && !f.Slug && f.Map == nil && f.Pattern == nil && f.Lookup == nil {
		ps.Errorf(at(k.Line), "field %s: give exactly one of header, column, cell, sheet, value, template", f.Name)
		return nil
	}
	f.OnlyRewrite = from == 0
	return f
}

func parseLookup(field string, v *yaml.Node, at func(int) workbook.Pos, ps *workbook.Problems) *Lookup {
	l := &Lookup{Line: v.Line}
	if v.Kind != yaml.MappingNode {
		ps.Errorf(at(v.Line), "field %s: lookup must give the table and its columns (lookup: {file: areas.csv, key: area_id, value: area_name})", field)
		return nil
	}
	for j := 0; j+1 < len(v.Content); j += 2 {
		key, val := v.Content[j], v.Content[j+1]
		switch key.Value {
		case "file":
			l.File = val.Value
		case "sheet":
			l.Sheet = val.Value
		case "key":
			l.Key = val.Value
		case "value":
			l.Value = val.Value
		default:
			ps.Errorf(at(key.Line), "field %s: unknown key %q in lookup; it has file, sheet, key and value", field, key.Value)
		}
	}
	if l.Key == "" || l.Value == "" {
		ps.Errorf(at(v.Line), "field %s: lookup needs key (the column holding the text) and value (the column to take)", field)
		return nil
	}
	return l
}

// headerRows reads header: 3, header: [3, 4] or header: 3-4.
func headerRows(v *yaml.Node, at func(int) workbook.Pos, ps *workbook.Problems) []int {
	var texts []string
	switch v.Kind {
	case yaml.ScalarNode:
		first, last, isRange := strings.Cut(v.Value, "-")
		texts = []string{first}
		if isRange {
			a, err1 := strconv.Atoi(strings.TrimSpace(first))
			b, err2 := strconv.Atoi(strings.TrimSpace(last))
			if err1 != nil || err2 != nil || b < a || b-a > 3 {
				ps.Errorf(at(v.Line), "header must be a row number such as 3, or rows such as 3-4, not %q", v.Value)
				return nil
			}
			texts = nil
			for r := a; r <= b; r++ {
				texts = append(texts, strconv.Itoa(r))
			}
		}
	case yaml.SequenceNode:
		for _, n := range v.Content {
			texts = append(texts, n.Value)
		}
	}
	var rows []int
	for _, t := range texts {
		h, err := strconv.Atoi(strings.TrimSpace(t))
		if err != nil || h < 1 || h > 1048576 || len(rows) > 0 && h != rows[len(rows)-1]+1 {
			ps.Errorf(at(v.Line), "header must be a row number such as 3, or rows one after another such as [3, 4], not %q", yamlText(v))
			return nil
		}
		rows = append(rows, h)
	}
	if len(rows) == 0 || len(rows) > 4 {
		ps.Errorf(at(v.Line), "header must be a row number such as 3, or up to four rows such as [3, 4], not %q", yamlText(v))
		return nil
	}
	return rows
}

// yamlText is a node's text for a message: a scalar's value, a list's values.
func yamlText(v *yaml.Node) string {
	if v.Kind != yaml.SequenceNode {
		return v.Value
	}
	var vals []string
	for _, n := range v.Content {
		vals = append(vals, n.Value)
	}
	return "[" + strings.Join(vals, ", ") + "]"
}

func boolean(v *yaml.Node, what string, at func(int) workbook.Pos, ps *workbook.Problems) bool {
	switch strings.ToLower(v.Value) {
	case "true", "yes":
		return true
	case "false", "no":
		return false
	}
	ps.Errorf(at(v.Line), "%s must be true or false, not %q", what, v.Value)
	return false
}

func scalar(v *yaml.Node, what string, at func(int) workbook.Pos, ps *workbook.Problems) string {
	if v.Kind != yaml.ScalarNode {
		ps.Errorf(at(v.Line), "%s must be one name", what)
	}
	return v.Value
}

func list(v *yaml.Node, what string, at func(int) workbook.Pos, ps *workbook.Problems) []string {
	switch v.Kind {
	case yaml.ScalarNode:
		return []string{v.Value}
	case yaml.SequenceNode:
		var out []string
		for _, n := range v.Content {
			out = append(out, n.Value)
		}
		return out
	}
	ps.Errorf(at(v.Line), "%s must be a value or a list of values", what)
	return nil
}

func valueMap(v *yaml.Node, at func(int) workbook.Pos, ps *workbook.Problems) map[string]string {
	out := map[string]string{}
	if v.Kind != yaml.MappingNode {
		ps.Errorf(at(v.Line), "a map must pair values (grow: higher)")
		return out
	}
	for j := 0; j+1 < len(v.Content); j += 2 {
		out[workbook.Normalize(v.Content[j].Value)] = v.Content[j+1].Value
	}
	return out
}

// columnNumber reads a column letter ("C", "AB"); 0 if it is not one.
func columnNumber(s string) int {
	n := 0
	for _, r := range strings.ToUpper(strings.TrimSpace(s)) {
		if r < 'A' || r > 'Z' || n > 16384 {
			return 0
		}
		n = n*26 + int(r-'A'+1)
	}
	return n
}

// splitCell reads a cell reference ("B3") as its column and row.
func splitCell(s string) (col, row int) {
	s = strings.ToUpper(strings.TrimSpace(s))
	i := strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if i <= 0 {
		return 0, 0
	}
	r, err := strconv.Atoi(s[i:])
	if err != nil || r < 1 || r > 1048576 {
		return 0, 0
	}
	return columnNumber(s[:i]), r
}

// templateRefs lists the fields a template names in braces.
func templateRefs(t string) []string {
	var refs []string
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			return refs
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			return refs
		}
		refs = append(refs, t[i+1:i+j])
		t = t[i+j+1:]
	}
}

func (s *Source) String() string { return fmt.Sprintf("%s source", s.Table) }
