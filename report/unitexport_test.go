package report

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGroupExports builds the group sample: the units' series are exported
// (unit_measurements.csv, linked from the index; the Units of
// scorecard.json), and a build compared with that scorecard.json reads it
// and finds nothing restated.
func TestGroupExports(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first")
	if err := Build(t.Context(), Options{Inputs: []string{groupWorkbook}, Out: first, NoPacks: true, Log: io.Discard}); err != nil {
		t.Fatal(err)
	}
	csv := readSite(t, first, "data/unit_measurements.csv")
	// 30 KPIs × 24 months for each of the 11 units.
	if n := strings.Count(csv, "\r\n"); n != 1+30*24*11 {
		t.Errorf("unit_measurements.csv has %d lines, want %d", n, 1+30*24*11)
	}
	for _, want := range []string{"\r\nNOR,North Region,,FIN-01,Revenue,Financial,", ",rolled-up,\r\n", "\r\nABD,Aberdeen Terminal,NOR,FIN-01,", ",measured,\r\n"} {
		if !strings.Contains(csv, want) {
			t.Errorf("unit_measurements.csv lacks %q", want)
		}
	}
	if index := readSite(t, first, "index.html"); !strings.Contains(index, `href="data/unit_measurements.csv"`) {
		t.Error("index.html does not link unit_measurements.csv")
	}
	var doc struct {
		Units []struct {
			ID, ParentID string
			KPIs         []struct {
				KPI    string
				Series []struct{ RolledUp bool }
				Health *struct{ Level string }
			}
		}
	}
	if err := json.Unmarshal([]byte(readSite(t, first, "data/scorecard.json")), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Units) != 11 || doc.Units[0].ID != "NOR" || doc.Units[1].ParentID != "NOR" || len(doc.Units[1].KPIs) != 30 {
		t.Fatalf("scorecard.json's units: %d, first %+v", len(doc.Units), doc.Units[0].ID)
	}
	for _, u := range doc.Units {
		for _, k := range u.KPIs {
			if k.Health == nil || k.Health.Level == "" {
				t.Fatalf("unit %s, KPI %s: no health review in scorecard.json", u.ID, k.KPI)
			}
		}
	}
	if s := doc.Units[0].KPIs[0].Series; len(s) != 24 || !s[0].RolledUp {
		t.Errorf("North Region's revenue: %d points, first rolled up %v; want 24 rolled up", len(s), len(s) > 0 && s[0].RolledUp)
	}

	second := filepath.Join(dir, "second")
	compare := filepath.Join(first, "data", "scorecard.json")
	if err := Build(t.Context(), Options{Inputs: []string{groupWorkbook}, Out: second, NoPacks: true, Compare: compare, Log: io.Discard}); err != nil {
		t.Fatalf("--compare a group build's scorecard.json: %v", err)
	}
	changes := readSite(t, second, "data/changes.csv")
	for _, kind := range []string{",restated,", ",added,", ",retired,"} {
		if strings.Contains(changes, kind) {
			t.Errorf("compared with itself, changes.csv has %s rows:\n%s", kind, changes)
		}
	}
	if _, err := os.Stat(filepath.Join(second, "data", "unit_measurements.csv")); err != nil {
		t.Error(err)
	}
}
