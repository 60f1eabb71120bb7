package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// readTree returns the contents of every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := generate(a); err != nil {
		t.Fatal(err)
	}
	if err := generate(b); err != nil {
		t.Fatal(err)
	}
	fa, fb := readTree(t, a), readTree(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("first run wrote %d files, second %d", len(fa), len(fb))
	}
	for _, name := range []string{
		workbookName,
		ferriesDir + "/" + ferriesName,
		lumiereDir + "/" + lumiereName,
		brightlineDir + "/" + brightlineName,
		kestrelDir + "/" + kestrelName,
		ashbyDir + "/areas.csv", ashbyDir + "/objectives.csv", ashbyDir + "/kpis.csv",
		ashbyDir + "/targets.csv", ashbyDir + "/actuals.csv",
	} {
		if _, ok := fa[name]; !ok {
			t.Errorf("no %s written", name)
		}
	}
	for name, x := range fa {
		y, ok := fb[name]
		if !ok {
			t.Errorf("%s: written by the first run only", name)
			continue
		}
		if sa, sb := sha256.Sum256(x), sha256.Sum256(y); sa != sb || !bytes.Equal(x, y) {
			t.Errorf("%s: sha256 %x then %x", name, sa, sb)
		}
	}
}

// TestCommittedUpToDate checks that the files committed in sample-data are
// what the generator writes now.
func TestCommittedUpToDate(t *testing.T) {
	dir := t.TempDir()
	if err := generate(dir); err != nil {
		t.Fatal(err)
	}
	for name, want := range readTree(t, dir) {
		got, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%v (run: go run ./sample-data/generate)", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("sample-data/%s is stale; run: go run ./sample-data/generate", name)
		}
	}
}

// sheetRows reads a sheet's rows (the sample is small, so GetRows is fine).
func sheetRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	return rows
}

// records turns rows into maps keyed by the header row at index h.
func records(rows [][]string, h int) []map[string]string {
	var out []map[string]string
	for _, r := range rows[h+1:] {
		m := map[string]string{}
		for i, name := range rows[h] {
			if i < len(r) {
				m[name] = r[i]
			}
		}
		out = append(out, m)
	}
	return out
}

func openSample(t *testing.T) *excelize.File {
	t.Helper()
	dir := t.TempDir()
	if err := generate(dir); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, workbookName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWorkbookShape(t *testing.T) {
	f := openSample(t)

	wantSheets := []string{"Settings", "Perspectives", "Objectives", "KPIs", "Measurements",
		"Measurements (wide)", "Targets", "Initiatives", "Commentary", "Lookups"}
	if got := f.GetSheetList(); !slices.Equal(got, wantSheets) {
		t.Errorf("sheets = %q, want %q", got, wantSheets)
	}
	for _, s := range wantSheets {
		visible, err := f.GetSheetVisible(s)
		if err != nil {
			t.Fatal(err)
		}
		if visible != (s != "Lookups") {
			t.Errorf("sheet %s visible = %v", s, visible)
		}
	}

	if n := len(records(sheetRows(t, f, "Perspectives"), 0)); n != 4 {
		t.Errorf("%d perspectives, want 4", n)
	}
	objs := records(sheetRows(t, f, "Objectives"), 0)
	if n := len(objs); n < 10 || n > 14 {
		t.Errorf("%d objectives, want 10-14", n)
	}
	ids := map[string]bool{}
	for _, o := range objs {
		ids[o["id"]] = true
	}
	for _, o := range objs {
		if o["perspective"] != "Financial" && o["drives"] == "" {
			t.Errorf("objective %s drives nothing", o["id"])
		}
		for _, d := range strings.Split(o["drives"], ",") {
			if d != "" && !ids[d] {
				t.Errorf("objective %s drives unknown %q", o["id"], d)
			}
		}
	}

	kpiRows := sheetRows(t, f, "KPIs")
	if kpiRows[0][0] != "Northvale Water KPI register" || len(kpiRows[1]) != 0 {
		t.Errorf("KPIs sheet should start with a title row and a blank row, got %q, %q", kpiRows[0], kpiRows[1])
	}
	merged, err := f.GetMergeCells("KPIs")
	if err != nil || len(merged) != 1 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "F1" {
		t.Errorf("KPIs merged cells = %v, %v; want A1:F1", merged, err)
	}
	ks := records(kpiRows, kpiHeaderRow-1)
	if n := len(ks); n < 30 || n > 45 {
		t.Errorf("%d KPIs, want 30-45", n)
	}
	seen := map[string]map[string]bool{"direction": {}, "aggregation": {}, "frequency": {}, "status": {}}
	for _, k := range ks {
		for col := range seen {
			seen[col][k[col]] = true
		}
		if !ids[k["objective"]] {
			t.Errorf("KPI %s: unknown objective %q", k["id"], k["objective"])
		}
	}
	for col, want := range map[string][]string{
		"direction":   {"higher", "lower", "range"},
		"aggregation": {"average", "last", "max", "min", "sum"},
		"frequency":   {"annual", "monthly", "quarterly"},
		"status":      {"active", "retired"},
	} {
		if got := slices.Sorted(func(yield func(string) bool) {
			for v := range seen[col] {
				if !yield(v) {
					return
				}
			}
		}); !slices.Equal(got, want) {
			t.Errorf("KPI %ss = %q, want %q", col, got, want)
		}
	}
	ranges := 0
	for _, k := range ks {
		if k["direction"] == "range" {
			ranges++
			if k["target_max"] == "" {
				t.Errorf("range KPI %s has no target_max", k["id"])
			}
		} else if k["target_max"] != "" {
			t.Errorf("KPI %s has a target_max but direction %s", k["id"], k["direction"])
		}
	}
	if ranges < 3 {
		t.Errorf("%d range KPIs, want at least 3", ranges)
	}

	// The review date is a date cell.
	typ, err := f.GetCellType("KPIs", "R4")
	if err != nil || typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("KPIs!R4 type %v, %v; want a number (date) cell", typ, err)
	}
	if v, _ := f.GetCellValue("KPIs", "R4"); v != "31 Mar 2027" {
		t.Errorf("KPIs!R4 = %q, want 31 Mar 2027", v)
	}

	dvs, err := f.GetDataValidations("KPIs")
	if err != nil || len(dvs) != len(lookupLists) {
		t.Errorf("KPIs data validations: %d, %v; want %d", len(dvs), err, len(lookupLists))
	}

	long := records(sheetRows(t, f, "Measurements"), 0)
	ratio := map[string]bool{}
	inLong := map[string]bool{}
	for _, m := range long {
		inLong[m["kpi"]] = true
		if m["numerator"] != "" && m["denominator"] != "" {
			ratio[m["kpi"]] = true
		}
	}
	if len(ratio) < 2 {
		t.Errorf("ratio KPIs %v, want at least 2", ratio)
	}
	wide := records(sheetRows(t, f, "Measurements (wide)"), 0)
	if len(wide) < 2 || len(wide) > 3 {
		t.Errorf("%d wide KPIs, want 2-3", len(wide))
	}
	for _, w := range wide {
		if inLong[w["kpi"]] {
			t.Errorf("KPI %s is in both the long and the wide sheet", w["kpi"])
		}
	}
	if v, _ := f.GetCellValue("Measurements (wide)", "B1"); v != "Oct 2023" {
		t.Errorf("wide B1 = %q, want Oct 2023", v)
	}
	if v, _ := f.GetCellValue("Measurements", "B2"); v != "Oct 2023" {
		t.Errorf("Measurements!B2 = %q, want Oct 2023", v)
	}
	raw, _ := f.GetCellValue("Measurements", "B2", excelize.Options{RawCellValue: true})
	if raw != "45200" { // 1 October 2023 in the 1900 date system
		t.Errorf("Measurements!B2 raw = %q, want the serial 45200", raw)
	}

	for _, in := range records(sheetRows(t, f, "Initiatives"), 0) {
		if !slices.Contains([]string{"not started", "on track", "at risk", "delayed", "complete"}, in["status"]) {
			t.Errorf("initiative %s: status %q", in["id"], in["status"])
		}
	}

	props, err := f.GetDocProps()
	if err != nil || props.Created != docDate || props.Modified != docDate || props.Title == "" || props.Creator == "" {
		t.Errorf("doc props = %+v, %v", props, err)
	}
}

// The tests below check the stories planted in the data against a plain
// implementation of the goal / red-flag scoring from the product brief.

type status int

const (
	noData status = iota
	offTarget
	atRisk
	onTarget
)

func (s status) String() string {
	return [...]string{"no data", "off", "at risk", "on"}[s]
}

// goal returns the target and red flag of a KPI for one of its periods.
func goal(k kpi, p period) (g, r float64) {
	g, r = k.Target, k.RedFlag
	for _, t := range targets { // year rows first, then quarter rows: the most specific wins
		if t.KPI == k.ID && (t.Period == fmt.Sprintf("FY%d", p.FY)) {
			g, r = t.Target, t.RedFlag
			if k.Aggregation == "sum" { // a year's target of a flow is the year's total
				g, r = g/12, r/12
			}
		}
	}
	for _, t := range targets {
		if t.KPI == k.ID && t.Period == fmt.Sprintf("FY%d Q%d", p.FY, p.FQ) {
			g, r = t.Target, t.RedFlag
		}
	}
	if o, ok := overrides[k.ID][p.Key]; ok {
		g, r = o.Target, o.RedFlag
	}
	if r == 0 {
		switch k.Direction {
		case "lower":
			r = g * (1 + tolerance)
		default:
			r = g * (1 - tolerance)
		}
	}
	return g, r
}

func score(a, g, r float64) float64 {
	d := g - r
	return math.Max(0, math.Min(10, 10*(a-r+d)/(3*d)))
}

func statusOf(s float64) status {
	switch {
	case s >= 20.0/3:
		return onTarget
	case s >= 10.0/3:
		return atRisk
	}
	return offTarget
}

// judge scores an actual for a KPI with target g and red flag r.
func judge(k kpi, a, g, r float64) status {
	if k.Direction == "range" {
		hi := k.TargetMax
		switch {
		case a >= g && a <= hi:
			return onTarget
		case a < g:
			return statusOf(score(a, g, r))
		default:
			return statusOf(score(a, hi, hi+(g-r)))
		}
	}
	return statusOf(score(a, g, r))
}

// observed returns a KPI's points as the workbook holds them: gaps removed.
func observed(k kpi) []point {
	var out []point
	for _, pt := range history(k) {
		if gaps[k.ID][pt.Period.Key] == "" {
			out = append(out, pt)
		}
	}
	return out
}

// quarterStatus rolls a KPI's data up to fiscal quarter fy/fq and scores it.
func quarterStatus(k kpi, fy, fq int) (status, float64) {
	var vals, gs, rs, nums, dens []float64
	for _, pt := range observed(k) {
		if pt.Period.FY != fy || pt.Period.FQ != fq {
			continue
		}
		g, r := goal(k, pt.Period)
		vals, gs, rs = append(vals, pt.Actual), append(gs, g), append(rs, r)
		nums, dens = append(nums, pt.Numerator), append(dens, pt.Denom)
	}
	if len(vals) == 0 {
		return noData, math.NaN()
	}
	var a, g, r float64
	switch k.Aggregation {
	case "sum":
		a, g, r = sum(vals), sum(gs), sum(rs)
	case "average":
		a, g, r = sum(vals)/float64(len(vals)), sum(gs)/float64(len(gs)), sum(rs)/float64(len(rs))
		if k.Series.Ratio != nil {
			a = k.Series.Ratio.Scale * sum(nums) / sum(dens)
		}
	case "last":
		a, g, r = vals[len(vals)-1], gs[len(gs)-1], rs[len(rs)-1]
	case "min":
		a, g, r = slices.Min(vals), gs[len(gs)-1], rs[len(rs)-1]
	case "max":
		a, g, r = slices.Max(vals), gs[len(gs)-1], rs[len(rs)-1]
	}
	return judge(k, a, g, r), a
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

func TestLatestQuarterMix(t *testing.T) {
	count := map[status]int{}
	scored := 0
	for _, k := range kpis {
		if k.Status != "active" {
			continue
		}
		s, a := quarterStatus(k, 2027, 2)
		t.Logf("%-7s %-9s %-8s %-10s %10.2f  %s", k.ID, k.Direction, k.Aggregation, k.Frequency, a, s)
		count[s]++
		if s != noData {
			scored++
		}
	}
	share := func(s status) float64 { return float64(count[s]) / float64(scored) }
	t.Logf("on %d, at risk %d, off %d, no data %d", count[onTarget], count[atRisk], count[offTarget], count[noData])
	if s := share(onTarget); s < 0.5 || s > 0.6 {
		t.Errorf("on target: %.0f%%, want 50-60%%", 100*s)
	}
	if s := share(atRisk); s < 0.2 || s > 0.3 {
		t.Errorf("at risk: %.0f%%, want 20-30%%", 100*s)
	}
	if s := share(offTarget); s < 0.15 || s > 0.25 {
		t.Errorf("off target: %.0f%%, want 15-25%%", 100*s)
	}
}

// TestHealthWeaknesses checks the KPIs planted for the health review.
func TestHealthWeaknesses(t *testing.T) {
	byID := map[string]kpi{}
	for _, k := range kpis {
		byID[k.ID] = k
	}
	if k := byID["DIG-03"]; k.Owner != "" {
		t.Errorf("DIG-03 should have no owner")
	}
	if k := byID["OPS-04"]; k.Description != "" || k.DataSource != "" {
		t.Errorf("OPS-04 should have no description or data source")
	}
	if k := byID["CUS-06"]; k.Status != "retired" {
		t.Errorf("CUS-06 should be retired")
	}
	if k := byID["FIN-02"]; k.Review >= "2026-09-30" {
		t.Errorf("FIN-02 review date %s should be past", k.Review)
	}
	stale := observed(byID["DIG-02"])
	if last := stale[len(stale)-1].Period.Key; last != "2026-04" {
		t.Errorf("DIG-02 last data %s, want 2026-04 (five months before the end)", last)
	}

	// OPS-03 is on target every month; ENV-02 never is.
	for _, c := range []struct {
		id   string
		want bool
	}{{"OPS-03", true}, {"ENV-02", false}} {
		k := byID[c.id]
		for _, pt := range observed(k) {
			g, r := goal(k, pt.Period)
			if on := judge(k, pt.Actual, g, r) == onTarget; on != c.want {
				t.Errorf("%s %s: actual %v on target = %v", c.id, pt.Period.Key, pt.Actual, on)
			}
		}
	}
}
