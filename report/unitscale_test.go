package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kpireport/internal/genbook"
	"kpireport/report/export"
)

// Business units at scale (issue 13's budget): a group of 50 operating
// units reporting 100 KPIs for 36 months, 5,300 series of the units and
// the 100 of the organisation.
const (
	scaleUnits, scaleKPIs, scaleMonths = 50, 100, 36
	// pageBudget is the most bytes any page of the site, pack included,
	// may have at that size.
	pageBudget = 2 << 20
)

// TestUnitsAtScale builds the 50 × 100 × 36 group with its packs: no page
// is over pageBudget, and scorecard.json is at most twice the CSV files of
// the same measurements. On two quiet cores it takes 7.5 s with the chart
// cache warm and 25 s cold (about 105 charts drawn), as in CI's first run
// (30–70 s when the cores are shared); --unit-packs would draw some 315
// more, for packs made by the same code as the board pack, so it is left
// out.
func TestUnitsAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 50 units × 100 KPIs × 36 months with packs")
	}
	dir := t.TempDir()
	book := filepath.Join(dir, "group.xlsx")
	if err := genbook.WriteGroup(book, genbook.Group{Units: scaleUnits, KPIs: scaleKPIs, Months: scaleMonths}); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "site")
	var log bytes.Buffer
	if err := Build(t.Context(), Options{Inputs: []string{book}, Out: site, Log: &log}); err != nil {
		t.Fatalf("Build: %v\n%s", err, log.Bytes())
	}
	pages, largest, largestSize := 0, "", int64(0)
	err := filepath.Walk(site, func(p string, fi os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		rel, _ := filepath.Rel(site, p)
		if fi.Size() > largestSize {
			largest, largestSize = rel, fi.Size()
		}
		if fi.Size() > pageBudget {
			t.Errorf("%s is %d bytes, over %d", rel, fi.Size(), pageBudget)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Index, 4 perspectives, 100 KPIs, 53 units, initiatives, health, 4
	// perspective packs and the board pack.
	if pages < 1+4+100+53+2+5 {
		t.Errorf("%d pages, want every KPI's and unit's and the packs", pages)
	}
	t.Logf("%d pages; the largest %s, %d bytes", pages, largest, largestSize)
	board := readSite(t, site, "packs/board-pack.html")
	if !strings.Contains(board, `<p class="chart-note">Full charts for the `) {
		t.Error("the board pack does not say which KPIs have full charts")
	}

	size := func(name string) int64 {
		fi, err := os.Stat(filepath.Join(site, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	j, m, u := size("data/scorecard.json"), size("data/measurements.csv"), size(export.UnitMeasurementsPath)
	t.Logf("scorecard.json %d bytes, measurements.csv %d, unit_measurements.csv %d (%.2f× the CSVs); scorecard.xlsx %d",
		j, m, u, float64(j)/float64(m+u), size("data/scorecard.xlsx"))
	if j > 2*(m+u) {
		t.Errorf("scorecard.json is %d bytes, more than twice the CSVs' %d", j, m+u)
	}
	// Every unit's series is in the CSV: a header and a row per unit
	// (53, with the regions), KPI and month.
	if want := 1 + (scaleUnits+3)*scaleKPIs*scaleMonths; countLines(t, filepath.Join(site, filepath.FromSlash(export.UnitMeasurementsPath))) != want {
		t.Errorf("unit_measurements.csv does not have %d lines", want)
	}
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b, []byte("\r\n"))
}
