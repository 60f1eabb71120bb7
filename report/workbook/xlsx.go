package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
)

// oleMagic starts an OLE compound file: a legacy .xls workbook, or an
// encrypted .xlsx (Excel wraps encrypted workbooks in one).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// openXLSX opens a workbook and reads its list of sheets.
func (f *File) openXLSX(ext string) error {
	fh, err := os.Open(f.path)
	if err != nil {
		return f.pathError(err)
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(fh, head)
	head = head[:n]
	if bytes.Equal(head, oleMagic) {
		// The stream names are UTF-16 in the compound file's directory.
		data, err := io.ReadAll(fh)
		fh.Close()
		if err != nil {
			return f.pathError(err)
		}
		if bytes.Contains(data, utf16le("EncryptionInfo")) || bytes.Contains(data, utf16le("EncryptedPackage")) {
			return fmt.Errorf("%s: %w", f.name, ErrEncrypted)
		}
		return fmt.Errorf("%s: %w", f.name, ErrLegacyXLS)
	}
	fh.Close()
	if !bytes.HasPrefix(head, []byte("PK")) {
		if ext == ".xls" {
			return fmt.Errorf("%s: %w", f.name, ErrLegacyXLS)
		}
		if n == 0 {
			return fmt.Errorf("%s: %w: the file is empty", f.name, ErrCorrupt)
		}
		return fmt.Errorf("%s: %w: not a zip archive", f.name, ErrCorrupt)
	}
	zr, err := zip.OpenReader(f.path)
	if err != nil {
		return fmt.Errorf("%s: %w: %w", f.name, ErrCorrupt, err)
	}
	f.zr = zr
	if fi, err := os.Stat(f.path); err == nil {
		f.size = fi.Size()
	}
	f.parts = make(map[string]*zip.File, len(zr.File))
	for _, zf := range zr.File {
		if prev := f.parts[partKey(zf.Name)]; prev != nil {
			zr.Close()
			return f.corrupt("it holds two parts named %s and %s, which Excel takes for one; which to read cannot be told", prev.Name, zf.Name)
		}
		f.parts[partKey(zf.Name)] = zf
	}
	if err := f.readWorkbook(); err != nil {
		f.Close()
		return err
	}
	return nil
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// partKey is how a part is looked up: part names in a package are
// case-insensitive, and some writers use backslashes.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, "\\", "/"), "/"))
}

// partError wraps an error reading a part: a breach of a limit as
// ErrTooLarge, anything else as ErrCorrupt.
func (f *File) partError(part string, err error) error {
	var le limitError
	if errors.As(err, &le) {
		return fmt.Errorf("%s: %w: part %s: %s", f.name, ErrTooLarge, part, le.what)
	}
	return f.corrupt("part %s: %v", part, err)
}

// corrupt wraps a problem with the package's structure.
func (f *File) corrupt(format string, args ...any) error {
	return fmt.Errorf("%s: %w: %s", f.name, ErrCorrupt, fmt.Sprintf(format, args...))
}

// openPart opens a part of the package for streaming.
func (f *File) openPart(name string) (io.ReadCloser, error) {
	zf := f.parts[partKey(name)]
	if zf == nil {
		return nil, f.corrupt("part %s is missing", name)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, f.corrupt("part %s: %v", name, err)
	}
	// A part may inflate to 64 MB and then 100 times its compressed size:
	// real sheets compress 5 to 30 times, a zip bomb a thousand.
	budget := min(64<<20+100*f.compressed(zf), maxPartBytes)
	return &budgetReader{limitedReader{r: rc, n: budget, err: limitError{fmt.Sprintf("the part inflates past %d MB, over 100 times its compressed size", budget>>20)}}, rc}, nil
}

// maxPartBytes bounds any part, whatever its compressed size.
const maxPartBytes = 2 << 30

// compressed is a part's compressed size as its header gives it, but no
// more than the file's own size: the header is the file's word, and a
// hostile file may claim gigabytes to raise its budgets.
func (f *File) compressed(zf *zip.File) int64 {
	return int64(min(zf.CompressedSize64, uint64(max(f.size, 0))))
}

// budgetReader reads a part through its byte budget and closes it.
type budgetReader struct {
	limitedReader
	c io.Closer
}

func (b *budgetReader) Read(p []byte) (int, error) { return b.limitedReader.Read(p) }
func (b *budgetReader) Close() error               { return b.c.Close() }

// scanPart runs fn on every token of a part.
func (f *File) scanPart(name string, fn func(s *xmlScanner)) error {
	return f.scanPartLimited(name, 0, fn)
}

// scanPartLimited runs fn on every token of a part, failing with
// errStylesTooLarge if the part is longer than limit bytes (0: no limit).
func (f *File) scanPartLimited(name string, limit int64, fn func(s *xmlScanner)) error {
	rc, err := f.openPart(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	var r io.Reader = rc
	lr := &limitedReader{r: rc, n: limit, err: errStylesTooLarge}
	if limit > 0 {
		r = lr
	}
	s := newXMLScanner(r)
	for s.next() != tokEOF {
		fn(s)
	}
	if lr.hit {
		return errStylesTooLarge
	}
	if err := s.Err(); err != nil {
		return f.partError(name, err)
	}
	return nil
}

type relationship struct {
	id, target, typ string
}

// readRels reads the relationships of a part, with targets resolved to part
// names. A missing relationships part is no error.
func (f *File) readRels(part string) ([]relationship, error) {
	dir, base := path.Split(part)
	relsPart := dir + "_rels/" + base + ".rels"
	if f.parts[partKey(relsPart)] == nil {
		return nil, nil
	}
	var rels []relationship
	err := f.scanPart(relsPart, func(s *xmlScanner) {
		if s.kind != tokStart || !s.is("Relationship") {
			return
		}
		if mode, _ := s.attr("TargetMode"); string(mode) == "External" {
			return
		}
		id, _ := s.attr("Id")
		target, _ := s.attr("Target")
		typ, _ := s.attr("Type")
		t := strings.ReplaceAll(string(target), "\\", "/")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		rels = append(rels, relationship{id: string(id), target: t, typ: string(typ)})
	})
	return rels, err
}

// readWorkbook reads the workbook part: its sheets, their parts, the date
// system, and where the shared strings are.
func (f *File) readWorkbook() error {
	wb := "xl/workbook.xml"
	rootRels, err := f.readRels("")
	if err != nil {
		return err
	}
	for _, r := range rootRels {
		if strings.HasSuffix(r.typ, "/officeDocument") && f.parts[partKey(r.target)] != nil {
			wb = r.target
			break
		}
	}
	if f.parts[partKey(wb)] == nil {
		if f.parts["content.xml"] != nil && f.parts["mimetype"] != nil {
			return fmt.Errorf("%s: %w", f.name, ErrODS)
		}
		return f.corrupt("it has no workbook part (xl/workbook.xml)")
	}
	var ids []string
	err = f.scanPart(wb, func(s *xmlScanner) {
		if s.kind != tokStart {
			return
		}
		switch {
		case s.is("workbookPr"):
			v, _ := s.attr("date1904")
			f.date1904 = string(v) == "1" || string(v) == "true"
		case s.is("sheet"):
			name, _ := s.attr("name")
			state, _ := s.attr("state")
			id, _ := s.attr("id")
			f.sheets = append(f.sheets, SheetInfo{
				Name:   string(name),
				Hidden: string(state) == "hidden" || string(state) == "veryHidden",
			})
			ids = append(ids, string(id))
		}
	})
	if err != nil {
		return err
	}
	if len(f.sheets) == 0 {
		return fmt.Errorf("%s: %w", f.name, ErrNoSheets)
	}
	rels, err := f.readRels(wb)
	if err != nil {
		return err
	}
	f.sheetDoc = make([]string, len(ids))
	for i, id := range ids {
		for _, r := range rels {
			if r.id == id {
				f.sheetDoc[i] = r.target
			}
		}
	}
	for _, r := range rels {
		if strings.HasSuffix(r.typ, "/sharedStrings") {
			f.sstPart = r.target
		}
		if strings.HasSuffix(r.typ, "/styles") {
			f.stylesPart = r.target
		}
	}
	if f.stylesPart == "" && f.parts["xl/styles.xml"] != nil {
		f.stylesPart = "xl/styles.xml"
	}
	if f.sstPart == "" && f.parts["xl/sharedstrings.xml"] != nil {
		f.sstPart = "xl/sharedStrings.xml"
	}
	return nil
}

// readSharedStrings reads the shared strings table once.
func (f *File) readSharedStrings() error {
	if f.sstRead {
		return nil
	}
	f.sstRead = true
	if f.sstPart == "" || f.parts[partKey(f.sstPart)] == nil {
		return nil
	}
	var (
		inSI     bool
		inT      bool
		phonetic int
		buf      []byte
		total    int
	)
	// The table's budget grows with its compressed size: a string costs at
	// least a byte or so compressed, while a bomb of empty strings costs
	// almost nothing each yet a string header each in memory.
	zf := f.parts[partKey(f.sstPart)]
	maxCount := 1<<20 + int(f.compressed(zf))
	maxTotal := 64<<20 + 16*int(f.compressed(zf))
	return f.scanPart(f.sstPart, func(s *xmlScanner) {
		switch s.kind {
		case tokStart:
			switch {
			case s.is("sst"):
				if v, ok := s.attr("uniqueCount"); ok {
					if n, err := strconv.Atoi(string(v)); err == nil && n > 0 {
						f.sst = make([]string, 0, min(n, 1<<20))
					}
				}
			case s.is("si"):
				inSI, buf = true, buf[:0]
			case s.is("rPh"):
				phonetic++
			case s.is("t"):
				inT = inSI && phonetic == 0
			}
		case tokEnd:
			switch {
			case s.is("si"):
				total += len(buf) + 16
				switch {
				case len(f.sst) >= maxCount:
					s.fail(limitError{fmt.Sprintf("the shared strings number over %d, more than a file of this size holds", maxCount)})
					return
				case total > maxTotal:
					s.fail(limitError{fmt.Sprintf("the shared strings are over %d MB, more than a file of this size holds", maxTotal>>20)})
					return
				}
				f.sst = append(f.sst, unescapeX(string(buf)))
				inSI = false
			case s.is("rPh"):
				phonetic = max(phonetic-1, 0)
			case s.is("t"):
				inT = false
			}
		case tokText:
			if inT {
				buf = append(buf, s.text...)
				if len(buf) > maxTextBytes {
					s.fail(limitError{"a shared string is over 1 MB (a cell holds at most 32,767 characters)"})
				}
			}
		}
	})
}

// unescapeX decodes the _xHHHH_ escapes that Excel writes for control
// characters ("_x000D_" is a carriage return, "_x005F_" an underscore).
func unescapeX(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(v))
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// cellState is what has been read of the current cell.
type cellState struct {
	col      int
	style    int // the s attribute: an index into the styles' cellXfs
	typ      []byte
	hasV     bool
	hasF     bool
	v, f, is []byte
}

// Limits on a sheet: Excel's own rows and columns, and the merged ranges
// kept (a real sheet has a few hundred at most, and each costs memory and
// time until the sheet is read).
const (
	maxRows   = 1 << 20 // 1,048,576
	maxCols   = 1 << 14 // 16,384
	maxMerges = 1 << 16
)

// openSheet checks sheet i can be read, reads the shared strings and
// styles, and opens the sheet's part.
func (f *File) openSheet(i int) (io.ReadCloser, string, error) {
	part := f.sheetDoc[i]
	if part == "" {
		return nil, "", f.corrupt("sheet %q has no part", f.sheets[i].Name)
	}
	if err := f.readSharedStrings(); err != nil {
		return nil, "", err
	}
	if err := f.readStyles(); err != nil {
		return nil, "", err
	}
	rc, err := f.openPart(part)
	return rc, part, err
}

// readSheet streams sheet i into b.
func (f *File) readSheet(i int, b *builder, ps *Problems) error {
	return f.streamPart(i, ps, func(num int, cells []Cell) error {
		b.add(num, cells)
		return nil
	}, &b.merges)
}

// streamPart streams the part of sheet i, handing each row to row, and the
// merged ranges to merges if it is not nil.
func (f *File) streamPart(i int, ps *Problems, row func(int, []Cell) error, merges *[]cellRange) error {
	rc, part, err := f.openSheet(i)
	if err != nil {
		return err
	}
	defer rc.Close()
	if f.styleWarn != "" {
		ps.WarnCode(Pos{File: f.name}, "unreadable-styles", "%s", f.styleWarn)
		f.styleWarn = ""
	}
	st := f.newSheetStream(rc, Pos{File: f.name, Sheet: f.sheets[i].Name}, ps, row)
	err = st.run()
	if merges != nil {
		*merges = st.merges
	}
	if err != nil {
		return f.partError(part, err)
	}
	return nil
}

// streamSheet reads a worksheet part's XML into b.
func (f *File) streamSheet(r io.Reader, b *builder, ps *Problems) error {
	st := f.newSheetStream(r, b.pos, ps, func(num int, cells []Cell) error {
		b.add(num, cells)
		return nil
	})
	err := st.run()
	b.merges = st.merges
	return err
}

// sheetStream reads a worksheet part's XML, handing each row's non-blank
// cells to row as the row ends, and keeping the merged ranges.
type sheetStream struct {
	f   *File
	ps  *Problems
	s   *xmlScanner
	pos Pos // File and Sheet of every cell
	row func(num int, cells []Cell) error

	inData, inRow, inCell, inIS bool
	phonetic                    int
	rowNum                      int
	cells                       []Cell
	c                           cellState
	capture                     *[]byte // where the current text goes
	merges                      []cellRange
}

func (f *File) newSheetStream(r io.Reader, pos Pos, ps *Problems, row func(int, []Cell) error) *sheetStream {
	return &sheetStream{f: f, ps: ps, s: newXMLScanner(r), pos: pos, row: row}
}

// run reads the whole part, stopping at the first error from row.
func (st *sheetStream) run() error {
	s := st.s
	for s.next() != tokEOF {
		switch s.kind {
		case tokText:
			if st.capture != nil {
				*st.capture = append(*st.capture, s.text...)
				if len(*st.capture) > maxTextBytes {
					s.fail(limitError{"a cell's text is over 1 MB (a cell holds at most 32,767 characters)"})
				}
			}
		case tokStart:
			if st.inData {
				st.startInData()
			} else {
				st.startOutside()
			}
		case tokEnd:
			if !st.inData {
				continue
			}
			if err := st.endInData(); err != nil {
				return err
			}
		}
	}
	return s.Err()
}

// startOutside handles a start tag outside sheetData: the start of the
// data, or a merged range.
func (st *sheetStream) startOutside() {
	s := st.s
	switch {
	case s.is("sheetData"):
		st.inData = true
	case s.is("mergeCell"):
		if len(st.merges) >= maxMerges {
			st.s.fail(limitError{"the sheet has over 65,536 merged ranges"})
			return
		}
		if ref, ok := s.attr("ref"); ok {
			if m, ok := parseRange(ref); ok {
				st.merges = append(st.merges, m)
			}
		}
	}
}

// startInData handles a start tag inside sheetData: a row, a cell or a
// part of one.
func (st *sheetStream) startInData() {
	s := st.s
	switch {
	case s.is("row"):
		r, _ := s.attr("r")
		if n, ok := atoi(r); ok && n > 0 {
			st.rowNum = n
		} else {
			st.rowNum++
		}
		if st.rowNum > maxRows {
			s.fail(limitError{"a row is numbered past 1,048,576, Excel's last"})
			return
		}
		st.cells, st.c.col, st.inRow = st.cells[:0], 0, true
	case s.is("c"):
		st.startCell()
	case s.is("v"):
		st.c.hasV, st.capture = true, &st.c.v
	case s.is("f"):
		st.c.hasF, st.capture = true, &st.c.f
	case s.is("is"):
		st.inIS = true
	case s.is("rPh"):
		st.phonetic++
	case s.is("t"):
		if st.inIS && st.phonetic == 0 {
			st.capture = &st.c.is
		}
	}
}

// startCell begins a cell: its column (from its reference, or the one after
// the last), its type and its style.
func (st *sheetStream) startCell() {
	s, c := st.s, &st.c
	col := c.col + 1
	if r, ok := s.attr("r"); ok {
		if n := refColumn(r); n > 0 {
			col = n
		}
	}
	if col > maxCols {
		s.fail(limitError{"a row has a cell past column XFD (16,384), Excel's last"})
		return
	}
	style := 0
	if v, ok := s.attr("s"); ok {
		style, _ = atoi(v)
	}
	typ, _ := s.attr("t")
	st.inCell = true
	*c = cellState{col: col, style: style, typ: append(c.typ[:0], typ...), v: c.v[:0], f: c.f[:0], is: c.is[:0]}
}

// endInData handles an end tag inside sheetData; the end of a row hands
// the row on.
func (st *sheetStream) endInData() error {
	s := st.s
	switch {
	case s.is("sheetData"):
		st.inData = false
	case s.is("v"), s.is("f"), s.is("t"):
		st.capture = nil
	case s.is("is"):
		st.inIS = false
	case s.is("rPh"):
		st.phonetic = max(st.phonetic-1, 0)
	case s.is("c"):
		if !st.inCell || !st.inRow || st.c.col < 1 {
			break // a stray end tag, or a cell outside a row
		}
		st.inCell = false
		st.pos.Row, st.pos.Col = st.rowNum, st.c.col
		if cell := st.f.cell(st.pos, &st.c, st.ps); cell.Kind != Blank {
			st.cells = append(st.cells, cell)
		}
	case s.is("row"):
		var err error
		if st.inRow && len(st.cells) > 0 {
			err = st.row(st.rowNum, st.cells)
		}
		st.cells, st.inRow, st.inCell = st.cells[:0], false, false
		return err
	}
	return nil
}

// cell makes a Cell of what was read of one.
func (f *File) cell(pos Pos, c *cellState, ps *Problems) Cell {
	cell := Cell{Pos: pos, Format: f.formatOf(c.style)}
	typ := string(c.typ) // short and not kept: converted on the stack
	if c.hasF && (!c.hasV || len(c.v) == 0 && typ != "str" && typ != "inlineStr") {
		cell.Kind = NoCache
		cell.Text = strings.TrimSpace(string(c.f))
		return cell
	}
	switch typ {
	case "s":
		if len(bytes.TrimSpace(c.v)) == 0 {
			return cell
		}
		idx, ok := atoi(c.v)
		if !ok || idx >= len(f.sst) {
			ps.ErrorCode(pos, "damaged-file", "the cell refers to shared string %q, which the file does not have (is the file damaged?)", c.v)
			return cell
		}
		cell.Text = strings.TrimSpace(f.sst[idx])
		cell.Kind = Text
	case "inlineStr":
		if len(c.is) == 0 {
			cell.Text = strings.TrimSpace(unescapeX(string(c.v)))
		} else {
			cell.Text = strings.TrimSpace(unescapeX(string(c.is)))
		}
		cell.Kind = Text
	case "str":
		cell.Text = strings.TrimSpace(unescapeX(string(c.v)))
		cell.Kind = Text
	case "b":
		cell.Kind = Bool
		cell.Text = "FALSE"
		if v := strings.TrimSpace(string(c.v)); v == "1" || strings.EqualFold(v, "true") {
			cell.Text = "TRUE"
		}
		if len(bytes.TrimSpace(c.v)) == 0 {
			cell.Kind, cell.Text = Blank, ""
		}
	case "e":
		cell.Kind = ErrorValue
		cell.Text = strings.TrimSpace(string(c.v))
	case "d":
		cell.Text = strings.TrimSpace(string(c.v))
		cell.Kind = Text
		if v, ok := isoSerial(cell.Text, f.date1904); ok {
			cell.Kind, cell.Num = Number, v
			if cell.Format != Date && cell.Format != Time {
				// An ISO date cell is a date whatever its style.
				cell.Format = Date
				if !strings.Contains(cell.Text, "-") {
					cell.Format = Time
				}
			}
		}
	default:
		cell.Text = string(bytes.TrimSpace(c.v))
		cell.Kind = Text
		if v, err := strconv.ParseFloat(cell.Text, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			cell.Kind, cell.Num = Number, v
		}
	}
	if cell.Text == "" {
		cell.Kind = Blank
	}
	return cell
}

func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// refColumn returns the column of a cell reference such as "AB12", or 0.
func refColumn(ref []byte) int {
	col := 0
	for i, c := range ref {
		switch {
		case 'A' <= c && c <= 'Z':
			col = col*26 + int(c-'A') + 1
		case 'a' <= c && c <= 'z':
			col = col*26 + int(c-'a') + 1
		case c == '$' && i == 0:
		default:
			return col
		}
		if col > 16384 {
			return 0
		}
	}
	return col
}

// parseRange reads a range reference such as "A1:C3".
func parseRange(ref []byte) (cellRange, bool) {
	a, b, ok := bytes.Cut(ref, []byte(":"))
	if !ok {
		b = a
	}
	r0, c0, ok0 := parseRef(a)
	r1, c1, ok1 := parseRef(b)
	return cellRange{min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)}, ok0 && ok1
}

func parseRef(ref []byte) (row, col int, ok bool) {
	ref = bytes.ReplaceAll(ref, []byte("$"), nil)
	i := 0
	for i < len(ref) && ('A' <= ref[i] && ref[i] <= 'Z' || 'a' <= ref[i] && ref[i] <= 'z') {
		i++
	}
	col = refColumn(ref[:i])
	row, ok = atoi(ref[i:])
	return row, col, ok && col > 0 && row > 0
}

// isoSerial converts an ISO 8601 date or time, as stored in a cell of type
// "d", to an Excel serial number in the workbook's date system.
func isoSerial(s string, date1904 bool) (float64, bool) {
	layouts := []string{"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999", "2006-01-02", "15:04:05.999999999"}
	for _, l := range layouts {
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		if l[0] == '1' { // a time of day only
			return float64(t.Hour()*3600+t.Minute()*60+t.Second())/86400 + float64(t.Nanosecond())/86400e9, true
		}
		epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
		if date1904 {
			epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		y, m, d := t.Date()
		days := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(epoch).Hours() / 24
		secs := t.Hour()*3600 + t.Minute()*60 + t.Second()
		return math.Round(days) + float64(secs)/86400 + float64(t.Nanosecond())/86400e9, true
	}
	return 0, false
}
