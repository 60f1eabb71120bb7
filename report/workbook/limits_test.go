package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileBook writes a workbook of one sheet whose sheetData (and, when sst
// is not nil, shared strings table) are streamed by the writers given, so
// that a part of hundreds of megabytes costs no memory to make.
func hostileBook(t *testing.T, sheetData func(w io.Writer), sst func(w io.Writer), extra string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hostile.xlsx")
	out, err := os.Create(path)
	must(t, err)
	zw := zip.NewWriter(out)
	part := func(name string, write func(w io.Writer)) {
		w, err := zw.Create(name)
		must(t, err)
		write(w)
	}
	text := func(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }
	rels := `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != nil {
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	part("[Content_Types].xml", text(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
	part("_rels/.rels", text(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	part("xl/workbook.xml", text(`<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	part("xl/_rels/workbook.xml.rels", text(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`))
	part("xl/worksheets/sheet1.xml", func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		sheetData(w)
		io.WriteString(w, `</sheetData>`+extra+`</worksheet>`)
	})
	if sst != nil {
		part("xl/sharedStrings.xml", func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			sst(w)
			io.WriteString(w, `</sst>`)
		})
	}
	must(t, zw.Close())
	must(t, out.Close())
	return path
}

// readAll opens a workbook and reads its one sheet through Rows.
func readAll(path string) (rows int, err error) {
	f, err := Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	err = f.Rows("Data", &Problems{}, func(int, []Cell) error { rows++; return nil })
	if err == nil {
		_, err = f.Merged("Data")
	}
	return rows, err
}

func repeat(w io.Writer, n int, s string) {
	chunk := strings.Repeat(s, max(1, min(n, 4096)))
	per := max(1, min(n, 4096))
	for n > 0 {
		k := min(n, per)
		io.WriteString(w, chunk[:k*len(s)])
		n -= k
	}
}

// Each limit of the reader, at just under and just over: under, the
// workbook reads; over, it is refused with ErrTooLarge and a message naming
// the part and the limit, in bounded time and memory.
func TestReaderLimits(t *testing.T) {
	row := func(body string) func(io.Writer) {
		return func(w io.Writer) { io.WriteString(w, `<row r="1">`+body+`</row>`) }
	}
	cells := func(n int) func(io.Writer) {
		return func(w io.Writer) {
			io.WriteString(w, `<row r="1">`)
			repeat(w, n, `<c t="inlineStr"><is><t>x</t></is></c>`)
			io.WriteString(w, `</row>`)
		}
	}
	merges := func(n int) string {
		var b strings.Builder
		b.WriteString(`<mergeCells>`)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, `<mergeCell ref="A%d:B%d"/>`, i+2, i+2)
		}
		b.WriteString(`</mergeCells>`)
		return b.String()
	}
	strs := func(n int, s string) func(io.Writer) { return func(w io.Writer) { repeat(w, n, s) } }
	tests := []struct {
		name      string
		sheet     func(io.Writer)
		sst       func(io.Writer)
		extra     string
		tooLarge  string // "" when the workbook must read
		wantRows  int
		wantInErr string
	}{
		{name: "a cell of 32,767 characters", sheet: row(`<c t="inlineStr"><is><t>` + strings.Repeat("é", 32767) + `</t></is></c>`), wantRows: 1},
		{name: "a cell of over 1 MB", sheet: row(`<c t="inlineStr"><is><t>` + strings.Repeat("a", maxTextBytes+1) + `</t></is></c>`), tooLarge: "over 1 MB"},
		{name: "a value split over many texts", sheet: row(`<c><v>1` + strings.Repeat("<!---->1", maxTextBytes) + `</v></c>`), tooLarge: "cell's text is over 1 MB"},
		{name: "40 MB of spaces between rows", sheet: func(w io.Writer) {
			io.WriteString(w, `<row r="1"><c><v>1</v></c></row>`)
			repeat(w, 40<<20, " ")
			io.WriteString(w, `<row r="2"><c><v>2</v></c></row>`)
		}, wantRows: 2},
		{name: "an attribute of over 1 MB", sheet: row(`<c r="A1" x="` + strings.Repeat("a", maxAttrBytes) + `"><v>1</v></c>`), tooLarge: "attributes are over 1 MB"},
		{name: "16,384 columns", sheet: cells(maxCols), wantRows: 1},
		{name: "16,385 columns", sheet: cells(maxCols + 1), tooLarge: "column XFD"},
		{name: "row 1,048,576", sheet: func(w io.Writer) { io.WriteString(w, `<row r="1048576"><c><v>1</v></c></row>`) }, wantRows: 1},
		{name: "row 1,048,577", sheet: func(w io.Writer) { io.WriteString(w, `<row r="1048577"><c><v>1</v></c></row>`) }, tooLarge: "1,048,576"},
		{name: "65,536 merged ranges", sheet: row(`<c><v>1</v></c>`), extra: merges(maxMerges), wantRows: 1},
		{name: "65,537 merged ranges", sheet: row(`<c><v>1</v></c>`), extra: merges(maxMerges + 1), tooLarge: "65,536 merged"},
		{name: "a million shared strings", sheet: row(`<c t="s"><v>0</v></c>`), sst: strs(1<<20, `<si><t>a</t></si>`), wantRows: 1},
		{name: "30 million empty shared strings", sheet: row(`<c t="s"><v>0</v></c>`), sst: strs(30<<20, `<si><t/></si>`), tooLarge: "shared strings number over"},
		{name: "a part inflating 1,000 times", sheet: func(w io.Writer) {
			io.WriteString(w, `<row r="1"><c><v>1</v></c></row>`)
			repeat(w, 30<<20, "<!---->")
		}, tooLarge: "inflates past"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := hostileBook(t, tt.sheet, tt.sst, tt.extra)
			rows, err := readAll(path)
			if tt.tooLarge == "" {
				if err != nil || rows != tt.wantRows {
					t.Fatalf("read %d rows, %v; want %d rows and no error", rows, err, tt.wantRows)
				}
				return
			}
			if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), tt.tooLarge) || !strings.Contains(err.Error(), "hostile.xlsx: ") || !strings.Contains(err.Error(), "part xl/") {
				t.Fatalf("error %v; want ErrTooLarge naming the file, the part and %q", err, tt.tooLarge)
			}
		})
	}
}

// A package with two parts whose names differ only in case is refused:
// Excel reads them as one, and which one kpireport read would be a guess.
func TestPartsDifferingInCase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "twice.xlsx")
	out, err := os.Create(path)
	must(t, err)
	zw := zip.NewWriter(out)
	for _, name := range []string{"xl/workbook.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/SHEET2.xml"} {
		w, err := zw.Create(name)
		must(t, err)
		io.WriteString(w, `<?xml version="1.0"?><x/>`)
	}
	must(t, zw.Close())
	must(t, out.Close())
	_, err = Open(path)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "xl/worksheets/sheet2.xml and xl/worksheets/SHEET2.xml") {
		t.Errorf("Open: %v; want a refusal naming both parts", err)
	}
}

// A part whose header claims a compressed size far beyond the file's does
// not raise its budget: the file's own size bounds what the header may say.
func TestLyingCompressedSize(t *testing.T) {
	good := hostileBook(t, func(w io.Writer) { io.WriteString(w, `<row r="1"><c><v>1</v></c></row>`) }, nil, "")
	zr, err := zip.OpenReader(good)
	must(t, err)
	defer zr.Close()
	path := filepath.Join(t.TempDir(), "liar.xlsx")
	out, err := os.Create(path)
	must(t, err)
	zw := zip.NewWriter(out)
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet1.xml" {
			w, err := zw.Create(zf.Name)
			must(t, err)
			r, err := zf.Open()
			must(t, err)
			io.Copy(w, r)
			r.Close()
			continue
		}
		var raw bytes.Buffer
		fw, err := flate.NewWriter(&raw, flate.BestCompression)
		must(t, err)
		crc := crc32.NewIEEE()
		mw := io.MultiWriter(fw, crc)
		io.WriteString(mw, `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c><v>1</v></c></row>`)
		n := int64(0)
		chunk := strings.Repeat("<!---->", 1<<14)
		for n < 120<<20 {
			k, _ := io.WriteString(mw, chunk)
			n += int64(k)
		}
		io.WriteString(mw, `</sheetData></worksheet>`)
		must(t, fw.Close())
		h := &zip.FileHeader{Name: zf.Name, Method: zip.Deflate, CRC32: crc.Sum32(), CompressedSize64: 4 << 30, UncompressedSize64: uint64(n + 200)}
		w, err := zw.CreateRaw(h)
		must(t, err)
		_, err = w.Write(raw.Bytes())
		must(t, err)
	}
	must(t, zw.Close())
	must(t, out.Close())
	_, err = readAll(path)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "inflates past") {
		t.Fatalf("a part claiming 4 GB compressed: %v; want it refused at the budget of the file's real size", err)
	}
}
