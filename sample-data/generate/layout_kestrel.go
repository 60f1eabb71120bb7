package main

import (
	"fmt"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

// Kestrel County Council is a fictional county council reporting by
// quarter of a fiscal year that runs April to March. Each KPI has a sheet
// of its own: a form block naming the KPI, then a table of quarters. A
// hidden Lookups sheet holds the polarity words behind a drop-down.
const (
	kestrelDir     = "layouts/sheet-per-kpi"
	kestrelName    = "kestrel-council.xlsx"
	kestrelLookups = "Lookups"
)

var kestrelQuarters = []string{
	"Q1 2025/26", "Q2 2025/26", "Q3 2025/26", "Q4 2025/26",
	"Q1 2026/27", "Q2 2026/27", "Q3 2026/27", "Q4 2026/27",
}

var kestrelPolarities = []string{"Higher is better", "Lower is better"}

// kestrelKPI is one KPI sheet. Actuals stop after six quarters: the last
// two are still to come. An empty comment leaves the cell blank.
type kestrelKPI struct {
	sheet, name, owner, theme, polarity, unit string
	target                                    []float64 // 8 quarters
	actual                                    []float64 // 6 quarters
	comment                                   []string  // 6 quarters
}

var kestrelKPIs = []kestrelKPI{
	{"HSG01 Homes built", "Net additional homes built", "Head of Housing Delivery", "Place", "Higher is better", "homes",
		[]float64{150, 150, 150, 150, 165, 165, 165, 165},
		[]float64{138, 162, 171, 149, 158, 172},
		[]string{"Two large sites held up by drainage works.", "", "Strong completions at Millbrook Fields.", "Winter slowdown on smaller sites.", "", "Millbrook phase 2 handed over early."}},
	{"ENV02 Recycling rate", "Household waste reused, recycled or composted", "Waste Services Manager", "Place", "Higher is better", "%",
		[]float64{47, 47, 47, 47, 48, 48, 48, 48},
		[]float64{48.2, 49.1, 45.3, 44.7, 48.6, 49.4},
		[]string{"Garden waste season lifts the rate.", "", "Seasonal dip as garden waste falls away.", "Contaminated loads rejected at the sorting plant.", "", ""}},
	{"ASC03 Care reviews", "Care and support plans reviewed within 12 months", "Assistant Director, Adult Social Care", "Communities", "Higher is better", "reviews",
		[]float64{620, 620, 620, 620, 640, 640, 640, 640},
		[]float64{588, 611, 597, 634, 652, 629},
		[]string{"Two reviewing officer posts vacant.", "Agency cover in place from August.", "", "Backlog cleared.", "", "Summer leave reduced capacity."}},
	{"FIN04 Budget variance", "Forecast revenue budget overspend", "Chief Finance Officer", "Resources", "Lower is better", "£k",
		[]float64{500, 500, 500, 500, 400, 400, 400, 400},
		[]float64{1240, 860, 610, 380, 520, 410},
		[]string{"Children's placements over budget.", "Recovery plan agreed by Cabinet.", "", "Year closed within tolerance.", "Pay award above the budgeted rate.", ""}},
}

func writeKestrel(dir string) error {
	b, err := newLayoutBook(kestrelKPIs[0].sheet)
	if err != nil {
		return err
	}
	defer b.f.Close()
	for _, k := range kestrelKPIs[1:] {
		if err := b.newSheet(k.sheet); err != nil {
			return err
		}
	}
	if err := b.newSheet(kestrelLookups); err != nil {
		return err
	}
	if err := b.row(kestrelLookups, 1, styled{"Polarity", b.bold}); err != nil {
		return err
	}
	for i, p := range kestrelPolarities {
		if err := b.row(kestrelLookups, 2+i, p); err != nil {
			return err
		}
	}
	if err := b.f.SetSheetVisible(kestrelLookups, false); err != nil {
		return err
	}
	list := fmt.Sprintf("%s!$A$2:$A$%d", kestrelLookups, 1+len(kestrelPolarities))

	for _, k := range kestrelKPIs {
		if len(k.target) != len(kestrelQuarters) || len(k.actual) != len(k.comment) {
			return fmt.Errorf("%s: %d targets, %d actuals and %d comments", k.sheet, len(k.target), len(k.actual), len(k.comment))
		}
		form := [][2]string{{"KPI", k.name}, {"Owner", k.owner}, {"Theme", k.theme}, {"Polarity", k.polarity}, {"Unit", k.unit}}
		for i, f := range form {
			if err := b.row(k.sheet, 1+i, styled{f[0], b.bold}, f[1]); err != nil {
				return err
			}
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = "B4"
		dv.SetSqrefDropList(list)
		if err := b.f.AddDataValidation(k.sheet, dv); err != nil {
			return err
		}
		if err := b.header(k.sheet, 7, "Quarter", "Target", "Actual", "Comment"); err != nil {
			return err
		}
		for i, q := range kestrelQuarters {
			var actual, comment any
			if i < len(k.actual) {
				actual, comment = k.actual[i], optStr(k.comment[i])
			}
			if err := b.row(k.sheet, 8+i, q, k.target[i], actual, comment); err != nil {
				return err
			}
		}
		if err := b.widths(k.sheet, 12, 14, 10, 50); err != nil {
			return err
		}
	}
	return b.save(filepath.Join(dir, kestrelName), "Kestrel County Council — quarterly KPIs", "Kestrel County Council Performance Team")
}
