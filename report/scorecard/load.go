package scorecard

import (
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"kpireport/report/period"
	"kpireport/report/workbook"
)

// LoadOptions adjust how Load reads the input.
type LoadOptions struct {
	// Period, when set, is the report period as the user typed it
	// ("2026-Q3", "Sep 2026"); it overrides the Settings sheet.
	Period string
	// HiddenSheets names the hidden sheets to read, as a mapping does
	// (compared ignoring case). Other hidden sheets are never read: one
	// whose name kpireport knows gets a warning instead.
	HiddenSheets []string
	// Tables, when not nil, are read in place of the sheets of the input
	// files, keyed by the name of the sheet each stands for ("KPIs",
	// "Measurements", ...): tables a mapping made from sheets of another
	// layout (see report/mapping). The input files then only give the
	// folders in which commentary/ is looked for.
	Tables map[string][]*workbook.Table
	// Unit, when set, is the id of a business unit whose subtree is read
	// as the whole scorecard: the unit is the organisation and its
	// children the top-level units (see units.go).
	Unit string
}

// loader holds what Load has read so far.
type loader struct {
	ps     *workbook.Problems
	sc     *Scorecard
	tables map[sheetKind][]*workbook.Table
	dirs   []string // folders of the input files, for commentary/
	// sheetNames lists every sheet read, for messages about missing ones.
	sheetNames []string

	perspectives map[string]*Perspective // by normalized name
	objectives   map[string]*Objective   // by normalized id
	objByName    map[string]*Objective   // by normalized name
	kpis         map[string]*KPI         // by normalized id
	hadObjSheet  bool
	hadPerSheet  bool
	periodPos    workbook.Pos // the Settings cell holding report_period
	// aggDefault holds the KPIs whose aggregation no cell gave, so that
	// one found to be a percentage later is averaged.
	aggDefault map[*KPI]bool
	// blankSeen holds the columns (Row 0) already warned of blank tokens.
	blankSeen map[workbook.Pos]bool
	units     map[string]*Unit // by normalized id; nil without a Units sheet
}

// Load reads the workbooks (and CSV files) into a Scorecard. Problems with the
// data are collected in the returned Problems and do not stop the read; the
// error is for I/O: a file that cannot be opened or read at all.
func Load(paths []string, opts LoadOptions) (*Scorecard, *workbook.Problems, error) {
	ps := &workbook.Problems{}
	l := &loader{
		ps:           ps,
		sc:           &Scorecard{},
		tables:       map[sheetKind][]*workbook.Table{},
		perspectives: map[string]*Perspective{},
		objectives:   map[string]*Objective{},
		objByName:    map[string]*Objective{},
		kpis:         map[string]*KPI{},
		aggDefault:   map[*KPI]bool{},
		blankSeen:    map[workbook.Pos]bool{},
	}
	if len(paths) == 0 {
		return nil, ps, fmt.Errorf("no workbook given")
	}
	mapped := l.useTables(paths, opts.Tables)
	for _, p := range paths {
		if IsLockFile(p) {
			ps.WarnCode(workbook.Pos{File: filepath.Base(p)}, "lock-file", "is the lock file Excel keeps while %s is open; skipped", strings.TrimPrefix(filepath.Base(p), "~$"))
			continue
		}
		if err := l.readFile(p, opts.HiddenSheets, mapped); err != nil {
			return nil, ps, err
		}
	}
	for _, kind := range []sheetKind{sheetKPIs, sheetMeasurements} {
		if len(l.tables[kind]) == 0 {
			ps.ErrorCode(workbook.Pos{File: filepath.Base(paths[0])}, "missing-sheet", "no %s sheet (found %s; sheets are known by the first word of their name)",
				sheetKindNames[kind], strings.Join(l.sheetNames, ", "))
		}
	}
	l.readSettings()
	l.readPerspectives()
	l.readObjectives()
	l.readUnits()
	l.readKPIs()
	l.readTargets()
	l.readMeasurements()
	l.readInitiatives()
	l.readCommentary()
	l.readCommentaryFiles()
	l.finish(opts)
	return l.sc, ps, nil
}

// IsLockFile reports whether path is the lock file Excel writes beside a
// workbook it has open (~$book.xlsx), which a wildcard picks up with it.
func IsLockFile(path string) bool { return strings.HasPrefix(filepath.Base(path), "~$") }

// readFile opens one workbook or CSV file and reads the sheets kpireport
// knows. Hidden sheets are read only when hidden names them; the sheets
// not read are named in one warning. With a mapping, the sheets it read and
// the kinds of table it made are left to it: a workbook may keep some tables
// in kpireport's own form beside the ones the mapping reads.
func (l *loader) readFile(path string, hidden []string, mapped mappedTables) error {
	f, err := workbook.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	l.dirs = append(l.dirs, filepath.Dir(path))
	base := filepath.Base(path)
	isCSV := strings.EqualFold(filepath.Ext(path), ".csv")
	var ignored []string
	for _, s := range f.Sheets() {
		name := fmt.Sprintf("%q", s.Name)
		if isCSV {
			name = base
		}
		if mapped.sheets[base+"\x00"+s.Name] {
			continue
		}
		l.sheetNames = append(l.sheetNames, name)
		kind := kindOfSheet(s.Name)
		if mapped.kinds[kind] {
			l.ps.WarnCode(workbook.Pos{File: base, Sheet: s.Name}, "sheet-not-mapped", "sheet %s is not read: the mapping gives the %s table", name, sheetKindNames[kind])
			continue
		}
		switch {
		case kind == sheetUnknown && isCSV:
			l.ps.WarnCode(workbook.Pos{File: base}, "unknown-file", "cannot tell what %s holds from its name; name it kpis.csv, measurements.csv, targets.csv, ...", base)
			continue
		case kind == sheetUnknown:
			if !s.Hidden {
				ignored = append(ignored, name)
			}
			continue
		case s.Hidden && !namedIn(hidden, s.Name):
			l.ps.WarnCode(workbook.Pos{File: base, Sheet: s.Name}, "hidden-sheet", "sheet %q is hidden, so it is not read as the %s sheet (unhide it to use it)", s.Name, sheetKindNames[kind])
			continue
		}
		if err := l.readTable(f, base, s.Name, kind); err != nil {
			return err
		}
	}
	if len(ignored) > 0 {
		what := "sheet"
		if len(ignored) > 1 {
			what = "sheets"
		}
		l.ps.WarnCode(workbook.Pos{File: base}, "unknown-sheet", "%s %s not read: kpireport reads sheets named Settings, Perspectives, Objectives, KPIs, Measurements, Targets, Initiatives and Commentary", what, strings.Join(ignored, ", "))
	}
	return nil
}

// mappedTables is what a mapping read: the sheets (file and sheet name) and
// the kinds of table it made.
type mappedTables struct {
	sheets map[string]bool
	kinds  map[sheetKind]bool
}

// useTables takes tables made by a mapping in place of the input files'
// sheets, in the order of the canonical sheets, and returns what they were
// read from.
func (l *loader) useTables(paths []string, tables map[string][]*workbook.Table) mappedTables {
	mapped := mappedTables{sheets: map[string]bool{}, kinds: map[sheetKind]bool{}}
	if tables == nil {
		return mapped
	}
	names := make([]string, 0, len(tables))
	for name := range tables {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		kind := kindOfSheet(name)
		if kind == sheetUnknown {
			continue
		}
		mapped.kinds[kind] = true
		for _, t := range tables[name] {
			if t == nil {
				continue
			}
			mapped.sheets[t.File+"\x00"+t.Sheet] = true
			if len(t.Header) == 0 {
				continue
			}
			l.tables[kind] = append(l.tables[kind], t)
		}
		l.sheetNames = append(l.sheetNames, fmt.Sprintf("%q", name))
	}
	return mapped
}

// readTable reads one sheet of a kind kpireport knows.
func (l *loader) readTable(f *workbook.File, base, sheet string, kind sheetKind) error {
	known := knownNames(sheetColumns[kind])
	if kind == sheetMeasurements {
		known = append(known, knownNames(wideColumns)...)
	}
	t, err := f.Table(sheet, known, l.ps)
	if err != nil {
		return err
	}
	if t == nil || len(t.Header) == 0 {
		l.ps.WarnCode(workbook.Pos{File: base, Sheet: sheetOrEmpty(t, sheet)}, "empty-sheet", "sheet is empty")
		return nil
	}
	l.tables[kind] = append(l.tables[kind], t)
	return nil
}

// namedIn reports whether names holds name, ignoring case.
func namedIn(names []string, name string) bool {
	for _, n := range names {
		if strings.EqualFold(strings.TrimSpace(n), name) {
			return true
		}
	}
	return false
}

func sheetOrEmpty(t *workbook.Table, name string) string {
	if t != nil {
		return t.Sheet
	}
	return name
}

// each calls fn for every row of every table of a kind, with the table's
// header mapped. Tables missing a required column are reported and skipped.
func (l *loader) each(kind sheetKind, fn func(h header, r workbook.Row)) {
	cols := sheetColumns[kind]
	for _, t := range l.tables[kind] {
		h, _ := mapHeader(t, cols, l.ps, false)
		if m := h.missing(cols); len(m) > 0 {
			l.reportMissing(t, m)
			continue
		}
		for _, r := range t.Rows {
			fn(h, r)
		}
	}
}

func (l *loader) reportMissing(t *workbook.Table, missing []string) {
	var found []string
	for _, c := range t.Header {
		if c.Kind != workbook.Blank {
			found = append(found, c.Text)
		}
	}
	what := "column"
	if len(missing) > 1 {
		what = "columns"
	}
	l.ps.ErrorCode(workbook.Pos{File: t.File, Sheet: t.Sheet, Row: t.HeaderRow}, "missing-column",
		"no %s %s in the header row (found: %s)", quoteList(missing), what, strings.Join(found, ", "))
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// calendar is the fiscal calendar from the Settings read so far.
func (l *loader) calendar() period.Calendar { return l.sc.Calendar }

// rowPos is the place of a whole row.
func rowPos(h header, r workbook.Row) workbook.Pos {
	return workbook.Pos{File: h.t.File, Sheet: h.t.Sheet, Row: r.Num, Col: r.Col}
}

// number reads an optional number from a cell, reporting what is not one.
// Percent text ("9.5%") and a number cell formatted as a percentage are
// read as a fraction (0.095) unless percentUnit, when they are read as 9.5.
func (l *loader) number(c workbook.Cell, what string, percentUnit bool) Num {
	switch c.Kind {
	case workbook.Blank:
		return Num{}
	case workbook.NoCache:
		l.ps.ErrorCode(c.Pos, "formula-no-value", "%s is a formula with no saved result; open the workbook in Excel and save it so the value is calculated", what)
		return Num{}
	case workbook.ErrorValue:
		l.blank(c, what)
		return Num{}
	case workbook.Text:
		if isBlankToken(c.Text) {
			l.blank(c, what)
			return Num{}
		}
	}
	v, ok, pct, err := c.Number()
	if err != nil {
		l.ps.ErrorCode(c.Pos, "not-a-number", "%s %s", what, err)
		return Num{}
	}
	if !ok {
		return Num{}
	}
	pct = pct || percentFormatted(c)
	if pct && percentUnit {
		v *= 100
	}
	if math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) > maxMagnitude {
		l.ps.ErrorCode(c.Pos, "out-of-range", "%s %s is beyond ±10^15, more than any scorecard measures; check the cell", what, strconv.FormatFloat(v, 'g', 4, 64))
		return Num{}
	}
	return Some(v)
}

// maxMagnitude bounds the numbers read: scores, sums and charts of numbers
// near the limits of a float overflow, and no KPI counts past a quadrillion.
const maxMagnitude = 1e15

// blankTokens are the words and signs that stand for "no value yet" in a
// number column, compared in lower case without surrounding spaces.
var blankTokens = map[string]bool{
	"n/a": true, "na": true, "#n/a": true, "n.a.": true, "tbd": true, "tbc": true,
	"pending": true, "-": true, "–": true, "—": true, "--": true, "..": true,
	"no data": true, "nd": true, "not available": true,
	// French, Portuguese and Spanish: non disponible, não disponível, no
	// disponible; non communiqué; sans objet.
	"n/d": true, "n.d.": true, "nc": true, "n.c.": true, "s.o.": true, "s/o": true,
	"nd.": true, "n.d": true,
}

// isBlankToken reports whether text in a number cell means "no data".
func isBlankToken(text string) bool {
	return blankTokens[strings.ToLower(strings.TrimSpace(text))]
}

// blank records that a cell holding a blank token or an error value was
// read as no data: one warning for each column of each sheet, at its first
// such cell, so that a column of N/A does not bury the real problems.
func (l *loader) blank(c workbook.Cell, what string) {
	key := workbook.Pos{File: c.Pos.File, Sheet: c.Pos.Sheet, Col: c.Pos.Col}
	if l.blankSeen[key] {
		return
	}
	l.blankSeen[key] = true
	kind := fmt.Sprintf("%q", c.Text)
	if c.Kind == workbook.ErrorValue {
		kind = "the error value " + c.Text
	}
	l.ps.WarnCode(c.Pos, "read-as-no-data", "%s %s is read as no data, as are the other N/A, TBD, pending, \"-\" and error cells of this column", what, kind)
}

// percentFormatted reports whether c is a number cell formatted as a
// percentage, which holds a fraction (0.952 shown as 95.2%).
func percentFormatted(c workbook.Cell) bool {
	return c.Kind == workbook.Number && c.Format == workbook.Percent
}

// periodOf reads a period from a cell: a date cell, a year number or text.
// A date-formatted number is always a date, even one that looks like a year.
func (l *loader) periodOf(c workbook.Cell, date1904 bool) (period.Period, error) {
	switch c.Kind {
	case workbook.Number:
		if c.Format == workbook.Date {
			return period.FromSerial(c.Num, date1904)
		}
		return l.calendar().FromNumber(c.Num, date1904)
	case workbook.Text:
		return l.calendar().Parse(c.Text)
	case workbook.NoCache:
		return period.Period{}, fmt.Errorf("is a formula with no saved result")
	}
	return period.Period{}, fmt.Errorf("%q is not a period", c.Text)
}

// finish links what was read, fills defaults and checks what needs all of it.
func (l *loader) finish(opts LoadOptions) {
	sc := l.sc
	// Perspectives in order; objectives and KPIs in perspective order.
	sort.SliceStable(sc.Perspectives, func(i, j int) bool { return sc.Perspectives[i].Order < sc.Perspectives[j].Order })
	var objs []*Objective
	var kpis []*KPI
	for _, p := range sc.Perspectives {
		for _, o := range p.Objectives {
			objs = append(objs, o)
			kpis = append(kpis, o.KPIs...)
		}
	}
	sc.Objectives = objs
	sc.KPIs = kpis
	for _, k := range kpis {
		sort.SliceStable(k.Measurements, func(i, j int) bool {
			return sc.Calendar.Before(k.Measurements[i].Period, k.Measurements[j].Period)
		})
		if !k.Retired && !k.Target.OK && !hasAnyTarget(k) {
			l.ps.WarnCode(k.Pos, "no-target", "KPI %s has no target; it is shown but not scored", k.ID)
		}
	}
	if len(kpis) == 0 && len(l.tables[sheetKPIs]) > 0 && l.ps.Errors() == 0 {
		t := l.tables[sheetKPIs][0]
		l.ps.ErrorCode(workbook.Pos{File: t.File, Sheet: t.Sheet}, "no-kpis", "no KPIs: the sheet has a header row but no KPI below it")
	}
	l.finishUnits(opts.Unit)
	setSlugs(sc)

	// The report period: --period, else Settings, else Compute picks the
	// latest with data.
	text, where, pos := opts.Period, "--period: ", workbook.Pos{}
	if text == "" {
		text, where, pos = sc.Settings.ReportPeriod, "report_period ", l.periodPos
	}
	if text != "" {
		p, err := sc.Calendar.Parse(text)
		if err != nil {
			l.ps.ErrorCode(pos, "bad-period", "%s%v", where, err)
		} else {
			sc.Period = p
		}
	}
}

func hasAnyTarget(k *KPI) bool {
	for _, m := range k.Measurements {
		if m.Target.OK {
			return true
		}
	}
	for _, t := range k.Targets {
		if t.Target.OK {
			return true
		}
	}
	return false
}

// norm makes ids and names comparable: case and surrounding spaces ignored.
func norm(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// readCommentaryFiles reads commentary/<period>/<scope>.md beside each input.
func (l *loader) readCommentaryFiles() {
	seen := map[string]bool{}
	for _, dir := range l.dirs {
		root := filepath.Join(dir, "commentary")
		if seen[root] {
			continue
		}
		seen[root] = true
		periods, err := os.ReadDir(root)
		if err != nil {
			continue // no commentary folder
		}
		for _, pd := range periods {
			pos := workbook.Pos{File: filepath.Join("commentary", pd.Name())}
			if pd.Type()&fs.ModeSymlink != 0 {
				l.ps.WarnCode(pos, "unreadable-commentary", "is a link; commentary is read only from folders inside commentary/, so it is skipped")
				continue
			}
			if !pd.IsDir() {
				continue
			}
			p, err := l.calendar().Parse(pd.Name())
			if err != nil {
				l.ps.WarnCode(pos, "bad-commentary-folder", "folder name: %v; ignored", err)
				continue
			}
			files, err := os.ReadDir(filepath.Join(root, pd.Name()))
			if err != nil {
				l.ps.WarnCode(pos, "unreadable-commentary", "%v", err)
				continue
			}
			for _, f := range files {
				if f.IsDir() || !strings.EqualFold(filepath.Ext(f.Name()), ".md") {
					continue
				}
				fpos := workbook.Pos{File: filepath.Join("commentary", pd.Name(), f.Name())}
				if !f.Type().IsRegular() {
					l.ps.WarnCode(fpos, "unreadable-commentary", "is not a plain file (a link, a device or a pipe), so it is skipped: commentary must be files inside commentary/")
					continue
				}
				data, err := readSmallFile(filepath.Join(root, pd.Name(), f.Name()), maxCommentBytes)
				if err != nil {
					l.ps.WarnCode(fpos, "unreadable-commentary", "%v; skipped", err)
					continue
				}
				scope := strings.TrimSuffix(f.Name(), filepath.Ext(f.Name()))
				l.addComment(&Comment{Scope: scope, Period: p, Markdown: string(data), Pos: fpos})
			}
		}
	}
}

// maxCommentBytes bounds a commentary file: a board's commentary runs to
// pages, not megabytes.
const maxCommentBytes = 1 << 20

// readSmallFile reads a regular file of at most limit bytes. It opens the
// file without following a link and checks what it opened, so that a file
// swapped for a link, a pipe or a device after the folder was listed is
// refused too.
func readSmallFile(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscallNoFollow|syscallNonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("is not a plain file")
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("is %s, over the %d MB a commentary file may be", sizeMB(fi.Size()), limit>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(data)) > limit {
		err = fmt.Errorf("grew past %d MB while read", limit>>20)
	}
	return data, err
}

func sizeMB(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// addComment attaches a comment to its scope.
func (l *loader) addComment(c *Comment) {
	s := norm(c.Scope)
	switch {
	case s == "overall" || s == "organisation" || s == "organization":
		c.Scope = "overall"
		l.sc.Comments = append(l.sc.Comments, c)
	case s == "decisions" || s == "decision": // decisions asked of the board
		c.Scope = "decisions"
		l.sc.Comments = append(l.sc.Comments, c)
	case l.perspectives[s] != nil:
		l.perspectives[s].Comments = append(l.perspectives[s].Comments, c)
	case l.objectives[s] != nil:
		l.objectives[s].Comments = append(l.objectives[s].Comments, c)
	case l.kpis[s] != nil:
		l.kpis[s].Comments = append(l.kpis[s].Comments, c)
	default:
		l.ps.WarnCode(c.Pos, "unknown-scope", "commentary scope %q is not \"overall\", a perspective, an objective id or a KPI id; ignored", c.Scope)
	}
}
