package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

// The layouts are workbooks (and one set of CSV files) in the users' own
// shapes, each in a folder of its own under layouts/. The mapping that reads
// a layout (kpireport.yaml) sits beside it; the generator writes only
// Harbour Ferries' mapping, the others are kept by hand.

// ferriesDir and ferriesName place Harbour Ferries, a fictional ferry
// operator whose monthly report is wide by month: one Actual and one
// Target row per measure, the measure's name merged down both.
const (
	ferriesDir  = "layouts/wide-by-month"
	ferriesName = "harbour-ferries.xlsx"
)

// ferryMeasure is one measure of the Harbour Ferries report.
type ferryMeasure struct {
	name, perspective, unit, better, owner string
	actual, target                         []float64
}

var ferryMonths = []string{"Apr 2026", "May 2026", "Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026"}

var ferryMeasures = []ferryMeasure{
	{"Passengers (000s)", "Customer", "k", "Up", "Ops director",
		[]float64{212, 236, 281, 334, 352, 259}, []float64{220, 240, 275, 320, 340, 265}},
	{"On-time sailings", "Internal Processes", "%", "Up", "Fleet manager",
		[]float64{96.1, 95.4, 93.8, 91.2, 92.5, 95.0}, []float64{95, 95, 95, 95, 95, 95}},
	{"Fuel cost (£k)", "Financial", "£k", "Down", "Finance director",
		[]float64{410, 428, 455, 492, 501, 447}, []float64{420, 430, 450, 470, 480, 440}},
}

// ferriesMapping reads the Harbour Ferries workbook.
const ferriesMapping = `# Harbour Ferries: one sheet lists the measures; the monthly report has a
# title on top, then per measure an Actual row and a Target row, one column
# per month. The measure's name is merged down its two rows.
sources:
  - table: KPIs
    sheet: Measures
    columns:
      id: {header: Measure, slug: true}
      name: Measure
      perspective: Perspective
      unit: Unit
      direction: {header: Better, map: {up: higher, down: lower}}
      owner: Owner
  - table: Measurements
    sheet: Monthly report
    header: 3
    columns:
      kpi: {header: Measure, slug: true}
      kind: Row
    unpivot: {key: period, value: actual}
    role:
      field: kind
      roles: {Actual: actual, Target: target}
`

// layout is one user's workbook (or set of CSV files), written into its
// own folder.
type layout struct {
	dir   string                 // folder under the output directory
	write func(dir string) error // writes the layout's files into that folder
}

// layouts lists every layout the generator writes. Only Harbour Ferries
// comes with its mapping; the others are data files alone.
var layouts = []layout{
	{ferriesDir, writeFerriesLayout},
	{lumiereDir, writeLumiere},
	{brightlineDir, writeBrightline},
	{kestrelDir, writeKestrel},
	{ashbyDir, writeAshby},
}

// writeLayouts writes each layout's files under dir.
func writeLayouts(dir string) error {
	for _, l := range layouts {
		d := filepath.Join(dir, filepath.FromSlash(l.dir))
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		if err := l.write(d); err != nil {
			return fmt.Errorf("%s: %w", l.dir, err)
		}
	}
	return nil
}

// newLayoutBook starts a layout workbook with the shared styles, its first
// sheet named first.
func newLayoutBook(first string) (*book, error) {
	b := &book{f: excelize.NewFile(), used: map[string][2]int{}}
	if err := b.styles(); err != nil {
		b.f.Close()
		return nil, err
	}
	if err := b.f.SetSheetName("Sheet1", first); err != nil {
		b.f.Close()
		return nil, err
	}
	return b, nil
}

// save writes a layout workbook to path with fixed document properties, so
// that the file is the same on every run.
func (b *book) save(path, title, creator string) error {
	b.f.SetActiveSheet(0)
	if err := b.dimensions(); err != nil {
		return err
	}
	err := b.f.SetDocProps(&excelize.DocProperties{
		Title:       title,
		Creator:     creator,
		Description: "Fictional sample data for kpireport's mappings, written by sample-data/generate.",
		Created:     docDate,
		Modified:    docDate,
	})
	if err != nil {
		return err
	}
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// writeFerriesLayout writes the Harbour Ferries workbook and its mapping.
func writeFerriesLayout(dir string) error {
	if err := writeFerries(filepath.Join(dir, ferriesName)); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "kpireport.yaml"), []byte(ferriesMapping), 0o644)
}

func writeFerries(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	const report, list = "Monthly report", "Measures"
	if err := f.SetSheetName("Sheet1", report); err != nil {
		return err
	}
	if _, err := f.NewSheet(list); err != nil {
		return err
	}
	set := func(sheet string, col, row int, v any) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		return f.SetCellValue(sheet, cell, v)
	}
	if err := set(report, 1, 1, "Harbour Ferries — monthly performance, FY2027"); err != nil {
		return err
	}
	head := append([]string{"Measure", "Row"}, ferryMonths...)
	for i, h := range head {
		if err := set(report, i+1, 3, h); err != nil {
			return err
		}
	}
	for i, h := range []string{"Measure", "Perspective", "Unit", "Better", "Owner"} {
		if err := set(list, i+1, 1, h); err != nil {
			return err
		}
	}
	for i, m := range ferryMeasures {
		top := 4 + 2*i
		if err := set(report, 1, top, m.name); err != nil {
			return err
		}
		if err := f.MergeCell(report, fmt.Sprintf("A%d", top), fmt.Sprintf("A%d", top+1)); err != nil {
			return err
		}
		for j, kind := range []string{"Actual", "Target"} {
			if err := set(report, 2, top+j, kind); err != nil {
				return err
			}
			values := [][]float64{m.actual, m.target}[j]
			for k, v := range values {
				if err := set(report, 3+k, top+j, v); err != nil {
					return err
				}
			}
		}
		for j, v := range []string{m.name, m.perspective, m.unit, m.better, m.owner} {
			if err := set(list, j+1, 2+i, v); err != nil {
				return err
			}
		}
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:       "Harbour Ferries — monthly performance",
		Creator:     "Harbour Ferries Performance Team",
		Description: "Fictional sample data for kpireport's mappings, written by sample-data/generate.",
		Created:     docDate,
		Modified:    docDate,
	}); err != nil {
		return err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
