package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// generated runs the generator into a fresh directory and returns it.
func generated(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := generate(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// openLayout opens one layout workbook written under dir.
func openLayout(t *testing.T, dir, name string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if props, err := f.GetDocProps(); err != nil || props.Created != docDate || props.Modified != docDate {
		t.Errorf("%s: doc props %+v, %v; want the fixed date %s", name, props, err, docDate)
	}
	return f
}

// cells reads cells of a sheet by name into a map, failing on errors.
func cells(t *testing.T, f *excelize.File, sheet string, names ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, n := range names {
		v, err := f.GetCellValue(sheet, n)
		if err != nil {
			t.Fatalf("%s!%s: %v", sheet, n, err)
		}
		out[n] = v
	}
	return out
}

func TestLumiereShape(t *testing.T) {
	f := openLayout(t, generated(t), lumiereDir+"/"+lumiereName)
	const s = "Tableau de bord"
	if got := f.GetSheetList(); !slices.Equal(got, []string{s}) {
		t.Fatalf("sheets = %q", got)
	}
	merged, err := f.GetMergeCells(s)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range merged {
		got = append(got, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	want := []string{"A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:G3", "H3:J3", "K3:M3", "N3:P3", "Q3:S3", "T3:V3"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("merged = %q, want %q", got, want)
	}
	for cell, want := range map[string]string{
		"A1": "Région Lumière — tableau de bord 2026",
		"A3": "Indicateur", "B3": "Axe", "C3": "Unité", "D3": "Sens",
		"E3": "janv. 2026", "H3": "févr. 2026", "K3": "mars 2026", "N3": "avr. 2026", "Q3": "mai 2026", "T3": "juin 2026",
		"E4": "Objectif", "F4": "Réalisé", "G4": "%", "T4": "Objectif", "U4": "Réalisé", "V4": "%",
		"A5": "Dépenses de fonctionnement", "D5": "baisse", "E5": "42", "F5": "41.2", "G5": "98%",
		"A7": "Taux de satisfaction", "C7": "", "D7": "hausse", "E7": "85%", "F7": "87%", "G7": "102%",
		"U7": "N/D", "V7": "", "U9": "N/D", "V9": "", "U8": "25",
		"A9": "Agents formés", "A10": "", "A11": "Source : contrôle de gestion",
	} {
		if got := cells(t, f, s, cell)[cell]; got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	if raw, _ := f.GetCellValue(s, "F7", excelize.Options{RawCellValue: true}); raw != "0.87" {
		t.Errorf("F7 raw = %q, want the fraction 0.87", raw)
	}
	rows := sheetRows(t, f, s)
	if len(rows) != 11 {
		t.Errorf("%d rows, want 11 (title, blank, two header rows, 5 indicators, blank, footnote)", len(rows))
	}
	for r := 5; r <= 9; r++ {
		if axis := rows[r-1][1]; !slices.Contains([]string{"Finances", "Usagers", "Processus internes", "Apprentissage"}, axis) {
			t.Errorf("B%d = %q, not a perspective", r, axis)
		}
	}
}

func TestBrightlineShape(t *testing.T) {
	f := openLayout(t, generated(t), brightlineDir+"/"+brightlineName)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Weekly", "Metrics", "Monthly targets"}) {
		t.Fatalf("sheets = %q", got)
	}
	metrics := []string{"Rides", "Revenue (£)", "Active members", "NPS", "Churn %"}
	weekly := sheetRows(t, f, "Weekly")
	if want := append([]string{"Week ending"}, metrics...); !slices.Equal(weekly[0], want) {
		t.Errorf("Weekly header = %q, want %q", weekly[0], want)
	}
	if len(weekly) != 27 {
		t.Fatalf("%d Weekly rows, want a header and 26 weeks", len(weekly))
	}
	weeksIn := map[string]int{}
	monthRides := map[string]float64{}
	for i, r := range weekly[1:] {
		d, err := time.Parse("02/01/2006", r[0])
		if err != nil {
			t.Fatalf("A%d: %v", i+2, err)
		}
		if want := time.Date(2026, 1, 4+7*i, 0, 0, 0, 0, time.UTC); !d.Equal(want) || d.Weekday() != time.Sunday {
			t.Errorf("A%d = %s, want Sunday %s", i+2, d.Format(time.DateOnly), want.Format(time.DateOnly))
		}
		if typ, _ := f.GetCellType("Weekly", "A"+strconv.Itoa(i+2)); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("A%d is no date cell (type %v)", i+2, typ)
		}
		if !strings.HasSuffix(r[5], "%") {
			t.Errorf("F%d = %q, want a percentage", i+2, r[5])
		}
		m := d.Format("Jan 2006")
		weeksIn[m]++
		rides, _ := strconv.ParseFloat(r[1], 64)
		monthRides[m] += rides
	}
	if raw, _ := f.GetCellValue("Weekly", "F2", excelize.Options{RawCellValue: true}); !strings.HasPrefix(raw, "0.0") {
		t.Errorf("F2 raw = %q, want a fraction", raw)
	}

	fields := sheetRows(t, f, "Metrics")
	wantFields := []string{"Metric", "Area", "Better", "Unit", "Roll-up"}
	for i, name := range wantFields {
		if fields[i][0] != name {
			t.Errorf("Metrics!A%d = %q, want %q", i+1, fields[i][0], name)
		}
	}
	if got := fields[0][1:]; !slices.Equal(got, metrics) {
		t.Errorf("Metrics row 1 = %q, want %q", got, metrics)
	}
	if got := fields[4][1:]; !slices.Equal(got, []string{"sum", "sum", "last", "average", "average"}) {
		t.Errorf("Metrics roll-ups = %q", got)
	}

	targets := sheetRows(t, f, "Monthly targets")
	if want := append([]string{"Month"}, metrics...); !slices.Equal(targets[0], want) {
		t.Errorf("Monthly targets header = %q, want %q", targets[0], want)
	}
	if len(targets) != 7 {
		t.Fatalf("%d Monthly targets rows, want 7", len(targets))
	}
	// A summed metric's target is a month's total: it should be near the
	// weeks' rides added up, which needs the week counts behind it.
	for _, r := range targets[1:] {
		target, _ := strconv.ParseFloat(r[1], 64)
		if got := monthRides[r[0]] / target; got < 0.9 || got > 1.1 {
			t.Errorf("%s: rides %v against a target of %v", r[0], monthRides[r[0]], target)
		}
	}
	if weeksIn["Mar 2026"] != 5 || weeksIn["Apr 2026"] != 4 {
		t.Errorf("weeks per month = %v", weeksIn)
	}
}

func TestKestrelShape(t *testing.T) {
	f := openLayout(t, generated(t), kestrelDir+"/"+kestrelName)
	kpiSheets := []string{"HSG01 Homes built", "ENV02 Recycling rate", "ASC03 Care reviews", "FIN04 Budget variance"}
	if got := f.GetSheetList(); !slices.Equal(got, append(slices.Clone(kpiSheets), "Lookups")) {
		t.Fatalf("sheets = %q", got)
	}
	if v, err := f.GetSheetVisible("Lookups"); err != nil || v {
		t.Errorf("Lookups visible = %v, %v; want hidden", v, err)
	}
	for _, s := range kpiSheets {
		if v, _ := f.GetSheetVisible(s); !v {
			t.Errorf("%s is hidden", s)
		}
		rows := sheetRows(t, f, s)
		for i, label := range []string{"KPI", "Owner", "Theme", "Polarity", "Unit"} {
			if rows[i][0] != label || len(rows[i]) < 2 || rows[i][1] == "" {
				t.Errorf("%s row %d = %q, want %q and a value", s, i+1, rows[i], label)
			}
		}
		if p := rows[3][1]; p != "Higher is better" && p != "Lower is better" {
			t.Errorf("%s!B4 = %q", s, p)
		}
		if len(rows[5]) != 0 {
			t.Errorf("%s row 6 = %q, want blank", s, rows[5])
		}
		if !slices.Equal(rows[6], []string{"Quarter", "Target", "Actual", "Comment"}) {
			t.Errorf("%s row 7 = %q", s, rows[6])
		}
		if len(rows) != 15 {
			t.Fatalf("%s: %d rows, want 15", s, len(rows))
		}
		for i, r := range rows[7:] {
			if r[0] != kestrelQuarters[i] || r[1] == "" {
				t.Errorf("%s row %d = %q", s, 8+i, r)
			}
			hasActual := len(r) > 2 && r[2] != ""
			if future := i >= 6; hasActual == future {
				t.Errorf("%s row %d = %q: actual given %v", s, 8+i, r, hasActual)
			}
		}
	}
}

func TestAshbyFiles(t *testing.T) {
	dir := filepath.Join(generated(t), filepath.FromSlash(ashbyDir))
	read := func(name string) [][]string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.Count(b, []byte("\r"))
		if name == "actuals.csv" {
			if bytes.Contains(b, []byte("\n")) {
				t.Errorf("%s: has a line feed; want carriage returns alone", name)
			}
			b = bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
		} else if n := bytes.Count(b, []byte("\r\n")); n != lines || n != bytes.Count(b, []byte("\n")) {
			t.Errorf("%s: %d CRLF, %d CR, %d LF; want CRLF throughout", name, n, lines, bytes.Count(b, []byte("\n")))
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(rows) != lines {
			t.Errorf("%s: %d records on %d lines", name, len(rows), lines)
		}
		return rows
	}
	ids := func(rows [][]string) map[string]bool {
		m := map[string]bool{}
		for _, r := range rows[1:] {
			m[r[0]] = true
		}
		return m
	}
	check := func(name string, rows [][]string, header ...string) {
		t.Helper()
		if !slices.Equal(rows[0], header) {
			t.Errorf("%s header = %q, want %q", name, rows[0], header)
		}
	}
	areas := read("areas.csv")
	check("areas.csv", areas, "area_id", "area_name")
	objectives := read("objectives.csv")
	check("objectives.csv", objectives, "objective_id", "area_id", "objective")
	kpis := read("kpis.csv")
	check("kpis.csv", kpis, "kpi_id", "objective_id", "indicator", "direction", "unit", "baseline")
	targets := read("targets.csv")
	check("targets.csv", targets, "kpi_id", "y1_2026_27", "y2_2027_28", "y3_2028_29", "y4_2029_30", "y5_2030_31")
	actuals := read("actuals.csv")
	check("actuals.csv", actuals, "kpi_id", "year", "value")

	if n := [3]int{len(areas) - 1, len(objectives) - 1, len(kpis) - 1}; n != [3]int{3, 5, 6} {
		t.Errorf("areas, objectives, KPIs = %v, want 3, 5, 6", n)
	}
	for _, o := range objectives[1:] {
		if !ids(areas)[o[1]] {
			t.Errorf("objective %s: unknown area %q", o[0], o[1])
		}
	}
	directions := map[string]bool{}
	for _, k := range kpis[1:] {
		if !ids(objectives)[k[1]] {
			t.Errorf("KPI %s: unknown objective %q", k[0], k[1])
		}
		directions[k[3]] = true
		if _, err := strconv.ParseFloat(k[5], 64); err != nil {
			t.Errorf("KPI %s: baseline %q", k[0], k[5])
		}
	}
	if len(directions) != 3 || !directions["grow"] || !directions["reduce"] || !directions["maintain"] {
		t.Errorf("directions = %v", directions)
	}
	if got := ids(targets); len(got) != 6 || len(targets) != 7 {
		t.Errorf("targets for %v", got)
	}
	tbd := 0
	for _, a := range actuals[1:] {
		if !ids(kpis)[a[0]] || !slices.Contains([]string{"2024/25", "2025/26", "2026/27"}, a[1]) {
			t.Errorf("actual %q", a)
		}
		if a[2] == "TBD" {
			tbd++
		} else if _, err := strconv.ParseFloat(a[2], 64); err != nil {
			t.Errorf("actual %q: %v", a, err)
		}
	}
	if tbd != 1 {
		t.Errorf("%d TBD actuals, want 1", tbd)
	}
}
