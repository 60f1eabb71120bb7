package workbook

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestTry(t *testing.T) {
	files, _ := filepath.Glob("/work/shared/xlsx-corpus/*/*")
	for _, p := range files {
		f, err := Open(p)
		if err != nil {
			continue
		}
		x, err := excelize.OpenFile(p, excelize.Options{RawCellValue: true})
		if err != nil {
			fmt.Println("EXCELIZE ERR", p, err)
			continue
		}
		for _, s := range f.Sheets() {
			var ps Problems
			tb, err := f.Table(s.Name, nil, &ps)
			if err != nil {
				continue
			}
			for _, p := range ps.List {
				fmt.Println("PROBLEM", p)
			}
			rows := append([]Row{{Num: tb.HeaderRow, Cells: tb.Header}}, tb.Rows...)
			for _, r := range rows {
				for _, c := range r.Cells {
					ref, _ := excelize.CoordinatesToCellName(c.Pos.Col, c.Pos.Row)
					v, _ := x.GetCellValue(s.Name, ref)
					v = strings.TrimSpace(v)
					if c.Kind == Bool {
						if v == "1" { v = "TRUE" } else if v == "0" { v = "FALSE" }
					}
					if v != c.Text {
						fmt.Printf("%s %s!%s kind=%d mine=%q excelize=%q\n", filepath.Base(p), s.Name, ref, c.Kind, c.Text, v)
					}
				}
			}
		}
		x.Close()
		f.Close()
	}
}
