package export

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"kpireport/report/internal/golden"
	"kpireport/report/output"
	"kpireport/report/scorecard"
)

func TestUnitMeasurementsCSVGolden(t *testing.T) {
	b, err := UnitMeasurementsCSV(unitFixture())
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "unit_measurements.csv", b)
}

// TestUnitJSONGolden checks the Units part of scorecard.json, which comes
// last, a unit a line.
func TestUnitJSONGolden(t *testing.T) {
	b, err := JSON(unitFixture())
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte(`],"Units":[`))
	if i < 0 {
		t.Fatalf("no Units after the KPIs:\n%s", b)
	}
	golden.Check(t, "units.json", b[i:])
}

// TestUnitMeasurementsCSV checks that the file repeats measurements.csv's
// columns, after the unit's, for each unit's points, and says where each
// figure came from.
func TestUnitMeasurementsCSV(t *testing.T) {
	sc := unitFixture()
	b, err := UnitMeasurementsCSV(sc)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b)
	if len(rows) != 5 {
		t.Fatalf("%d rows, want a header and 2 units × 2 months", len(rows))
	}
	org := readCSV(t, must(MeasurementsCSV(sc)))
	if h := rows[0]; !slices.Equal(h[3:3+len(org[0])], org[0]) {
		t.Errorf("header %q does not hold measurements.csv's %q after the unit's columns", h, org[0])
	}
	col := func(name string) int { return slices.Index(rows[0], name) }
	for i, want := range []struct{ unit, parent, period, source, rollup string }{
		{"N", "", "2026-01", "rolled-up", ""},
		{"N", "", "2026-02", "measured", "0.6"},
		{"N1", "N", "2026-01", "measured", ""},
		{"N1", "N", "2026-02", "measured", ""},
	} {
		r := rows[i+1]
		got := []string{r[col("unit_id")], r[col("parent_id")], r[col("period")], r[col("source")], r[col("rollup_actual")]}
		if w := []string{want.unit, want.parent, want.period, want.source, want.rollup}; !slices.Equal(got, w) {
			t.Errorf("row %d: %q, want %q", i+2, got, w)
		}
	}
	if got := rows[3][col("unit_name")]; got != "'=North one" {
		t.Errorf("unit name that looks like a formula written %q", got)
	}
	// Without units: the header alone.
	if rows := readCSV(t, must(UnitMeasurementsCSV(fixture()))); len(rows) != 1 {
		t.Errorf("a scorecard without units gives %d rows", len(rows))
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestUnitJSON reads the units back: the tree, each unit's series by KPI
// id, and where each point came from; the organisation's points say they
// were rolled up only when there are units.
func TestUnitJSON(t *testing.T) {
	type point struct {
		Period    string
		Actual    *float64
		RolledUp  bool
		Disagrees *float64
	}
	var doc struct {
		KPIs []struct {
			ID     string
			Series []point
		}
		Units []struct {
			ID, Name, ParentID string
			Depth              int
			Score              struct{ Status string }
			Perspectives       []struct{ Perspective string }
			Objectives         []struct{ ObjectiveID string }
			KPIs               []struct {
				KPI    string
				Target *float64
				Series []point
			}
		}
	}
	b := must(JSON(unitFixture()))
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Units) != 2 || doc.Units[0].ID != "N" || doc.Units[1].ParentID != "N" || doc.Units[1].Depth != 1 {
		t.Fatalf("units %+v, want N and N1 below it", doc.Units)
	}
	n := doc.Units[0]
	if len(n.Perspectives) != 1 || n.Perspectives[0].Perspective != "Financial" || len(n.Objectives) != 1 || n.Objectives[0].ObjectiveID != "F1" {
		t.Errorf("N's scorecard %+v %+v, want Financial and F1 only", n.Perspectives, n.Objectives)
	}
	if len(n.KPIs) != 1 || n.KPIs[0].KPI != "REV" || n.KPIs[0].Target != nil || len(n.KPIs[0].Series) != 2 {
		t.Fatalf("N's KPIs %+v, want REV with no default target and two points", n.KPIs)
	}
	s := n.KPIs[0].Series
	if !s[0].RolledUp || s[0].Disagrees != nil || s[1].RolledUp || s[1].Disagrees == nil || *s[1].Disagrees != 0.6 {
		t.Errorf("N's points %+v, want January rolled up and February read, disagreeing with 0.6", s)
	}
	if org := doc.KPIs[0].Series; !org[0].RolledUp || org[2].RolledUp {
		t.Errorf("the organisation's points %+v, want January and February rolled up", org)
	}
	for _, want := range []string{`"Units"`, `"RolledUp"`, `"Disagrees"`} {
		if bytes.Contains(must(JSON(fixture())), []byte(want)) {
			t.Errorf("scorecard.json without units has %s", want)
		}
	}
	// A unit's KPI names the KPI and carries nothing else of its definition.
	if i := bytes.Index(b, []byte(`"Units":[`)); bytes.Contains(b[i:], []byte(`"Aggregation"`)) || bytes.Contains(b[i:], []byte(`"Name":"Revenue`)) {
		t.Error("the units repeat the KPI's definition")
	}
}

// TestUnitXLSX checks the two sheets a workbook with units adds, after the
// others: the tree with each unit's score, and each unit's KPIs at the
// report period with where their figures came from.
func TestUnitXLSX(t *testing.T) {
	f, _ := openXLSX(t, unitFixture())
	want := []string{"Summary", "Financial", "History (2)", "Learning-Growth- -people- & ski", "Measurements", "Units", "Unit KPIs"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	for _, tc := range []struct {
		sheet string
		want  [][]string
	}{
		{"Units", [][]string{
			{"Business unit ID", "Business unit", "Parent ID", "Owner", "Depth", "Period", "Score", "Status", "On target", "At risk", "Off target", "No data", "Scored", "Total"},
			{"N", "North", "", "Ann", "0", "Q1 2026", "4.99999999999999", "at risk", "0", "1", "0", "0", "1", "1"},
			{"N1", "=North one", "N", "", "1", "Q1 2026", "0", "off target", "0", "0", "1", "0", "1", "1"},
		}},
		{"Unit KPIs", [][]string{
			{"Business unit ID", "Business unit", "KPI ID", "KPI", "Objective", "Owner", "Unit", "Period", "Status", "Score", "Actual", "Target", "Red flag", "% of target", "Change vs previous", "Trend", "Source"},
			{"N", "North", "REV", "Revenue (£m)", "Grow revenue", "Jane Doe", "£m", "Feb 2026", "at risk", "4.99999999999999", "0.95", "1", "0.9", "95", "0.449999999999999", "no trend", "measured, rolled-up"},
			{"N1", "=North one", "REV", "Revenue (£m)", "Grow revenue", "Jane Doe", "£m", "Feb 2026", "off target", "0", "0.6", "1", "0.9", "60", "0.0999999999999999", "no trend", "measured"},
		}},
	} {
		got := rowsOf(t, f, tc.sheet)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d rows, want %d: %q", tc.sheet, len(got), len(tc.want), got)
			continue
		}
		for i := range got {
			if !slices.Equal(got[i], tc.want[i]) {
				t.Errorf("%s row %d:\n got %q\nwant %q", tc.sheet, i+1, got[i], tc.want[i])
			}
		}
	}
}

// TestWriteUnits checks that unit_measurements.csv is written, after
// measurements.csv, only for a scorecard with units.
func TestWriteUnits(t *testing.T) {
	for _, tc := range []struct {
		sc   *scorecard.Scorecard
		want string
	}{
		{fixture(), "data/scorecard.json data/measurements.csv data/changes.csv data/scorecard.xlsx"},
		{unitFixture(), "data/scorecard.json data/measurements.csv data/unit_measurements.csv data/changes.csv data/scorecard.xlsx"},
	} {
		out, err := output.NewStaging(context.Background(), t.TempDir()+"/site")
		if err != nil {
			t.Fatal(err)
		}
		written, err := Write(context.Background(), out, tc.sc)
		out.Close()
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, f := range written {
			paths = append(paths, f.Path)
			if f.Size <= 0 {
				t.Errorf("%s: size %d", f.Path, f.Size)
			}
		}
		if got := strings.Join(paths, " "); got != tc.want {
			t.Errorf("wrote %s, want %s", got, tc.want)
		}
	}
}
