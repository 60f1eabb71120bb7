package workbook

import (
	"strings"
	"testing"
)

// FuzzSheetXML feeds arbitrary bytes to the worksheet reader: it must never
// panic or hang, the header's cells must run left to right, and every cell
// of a row must lie in that row, under its header cell (which need not
// start in column A, nor leave no column out).
func FuzzSheetXML(f *testing.F) {
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>b&amp;c</t></is></c></row>` +
		`<row><c t="n"><v>1.5</v></c><c r="C2"><f>A2*2</f></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="d"><v>2026-03-01</v></c></row></sheetData>` +
		`<mergeCells><mergeCell ref="A2:A4"/></mergeCells></worksheet>`)
	f.Add(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x:worksheet xmlns:x="u"><x:sheetData><x:row r="3"><x:c r="XFD3" t="str"><x:v>&#65;&#x42;<![CDATA[<c>]]></x:v></x:c></x:row></x:sheetData></x:worksheet>`)
	f.Add("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c><!-- c --><c r='B1'><v>2</v></c></row>\r\n</sheetData>")
	f.Add(`<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2`)
	f.Add(`<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2" t="s"><v>1</v></c></row>` +
		`<row r="3"><c r="B3"><v>1</v></c><c r="C3"><v>2</v></c><c r="D3" s="1"><v>3</v></c></row></sheetData>`)
	f.Fuzz(func(t *testing.T, xml string) {
		file := &File{name: "f.xlsx", sst: []string{"kpi", "period"}, formats: []Format{Plain, Percent}}
		b := newBuilder("f.xlsx", "S", []string{"kpi", "period"})
		var ps Problems
		_ = file.streamSheet(strings.NewReader(xml), b, &ps)
		tb := b.finish()
		for i, h := range tb.Header {
			if h.Pos.Col < 1 || i > 0 && h.Pos.Col <= tb.Header[i-1].Pos.Col {
				t.Fatalf("header cell %d at column %d after column %d", i, h.Pos.Col, tb.Header[max(i-1, 0)].Pos.Col)
			}
		}
		for _, r := range tb.Rows {
			if len(r.Cells) != len(tb.Header) {
				t.Fatalf("row %d has %d cells, header %d", r.Num, len(r.Cells), len(tb.Header))
			}
			for i, c := range r.Cells {
				if c.Pos.Col != tb.Header[i].Pos.Col || c.Pos.Row != r.Num {
					t.Fatalf("cell %d of row %d at %v, under header cell %v", i, r.Num, c.Pos, tb.Header[i].Pos)
				}
			}
		}
	})
}

// FuzzCSV reads arbitrary bytes as a CSV file.
func FuzzCSV(f *testing.F) {
	f.Add("\uFEFFkpi;period;actual\nK1;2026-01;3,5\n\n\"a\nb\";x;\"y\"\"\n")
	f.Add("a,b\n\"unterminated,c\n")
	f.Fuzz(func(t *testing.T, data string) {
		file := &File{name: "f.csv", isCSV: true, csv: []byte(data), sheets: []SheetInfo{{Name: "f"}}}
		tb, err := file.Table("f", []string{"kpi"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		last := 0
		for _, r := range tb.Rows {
			if r.Num <= last || r.Num <= tb.HeaderRow {
				t.Fatalf("row %d after row %d (header %d)", r.Num, last, tb.HeaderRow)
			}
			last = r.Num
		}
	})
}
