package export

import (
	"bytes"
	"encoding/csv"
	"kpireport/report/internal/golden"
	"math"
	"strings"
	"testing"

	"kpireport/report/scorecard"
)

func TestMeasurementsCSVGolden(t *testing.T) {
	b, err := MeasurementsCSV(fixture())
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "measurements.csv", b)
}

// readCSV checks the byte order mark and line ends, then parses the file.
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatalf("no UTF-8 byte order mark: starts %q", b[:min(len(b), 8)])
	}
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Errorf("last line does not end in CRLF")
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestMeasurementsCSV(t *testing.T) {
	b, err := MeasurementsCSV(fixture())
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b)
	want := [][]string{
		{"kpi_id", "kpi_name", "perspective", "objective_id", "period", "period_label", "actual", "target", "red_flag", "score", "status", "pct_of_target", "comment"},
		{"REV", "Revenue (£m)", "Financial", "F1", "2026-01", "Jan 2026", "1.2", "1", "0.9", "10", "on-target", "120", ""},
		{"REV", "Revenue (£m)", "Financial", "F1", "2026-02", "Feb 2026", "0.95", "1", "0.9", "4.999999999999998", "at-risk", "95", `Late invoices, "chased"`},
		// A negative actual stays a number: only text is escaped.
		{"REV", "Revenue (£m)", "Financial", "F1", "2026-03", "Mar 2026", "-0.5", "1", "0.9", "0", "off-target", "-50", "Write-off\nof a bad debt"},
		{"C-NPS", "'" + injectName, "History", "C1", "2026-02", "Feb 2026", "40", "50", "45", "0", "off-target", "80", "'+cmd|' /C calc'!A0"},
		{"C-NPS", "'" + injectName, "History", "C1", "2026-03", "Mar 2026", "52", "50", "45", "8", "on-target", "104", ""},
		{"C2", "Churn", "History", "C1", "2026-02", "Feb 2026", "2", "3", "4", "10", "on-target", "66.66666666666666", ""},
		// No actual: blanks, not zeros.
		{"C2", "Churn", "History", "C1", "2026-03", "Mar 2026", "", "3", "4", "", "no-data", "", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d:\n%q", len(rows), len(want), rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i, rows[i], want[i])
		}
	}
}

// TestMeasurementsCSVEscaping checks every text column for formula escaping
// and every number column for plain numbers.
func TestMeasurementsCSVEscaping(t *testing.T) {
	sc := fixture()
	k := sc.KPIs[0]
	k.ID, k.Name, k.Objective.ID, k.InPerspective().Name = "-ID", "+Name", "@obj", "\tPersp"
	k.Series = k.Series[:1]
	k.Series[0].Label = "\rLabel"
	k.Series[0].Comment = "=cmd"
	k.Series[0].Actual = scorecard.Some(-1e21)
	k.Series[0].Target = scorecard.Some(math.Inf(1))
	k.Series[0].RedFlag = scorecard.Some(math.NaN())
	sc.KPIs = sc.KPIs[:1]
	b, err := MeasurementsCSV(sc)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b)
	// encoding/csv drops a carriage return inside a field when it ends
	// lines in CRLF; the quote put before it stays.
	want := []string{"'-ID", "'+Name", "'\tPersp", "'@obj", "2026-01", "'Label", "-1000000000000000000000", "", "", "10", "on-target", "120", "'=cmd"}
	if len(rows) != 2 || strings.Join(rows[1], "|") != strings.Join(want, "|") {
		t.Errorf("rows:\n got %q\nwant [header %q]", rows, want)
	}
}

func TestMeasurementsCSVEmpty(t *testing.T) {
	b, err := MeasurementsCSV(&scorecard.Scorecard{KPIs: []*scorecard.KPI{nil, {ID: "X"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := "\ufeffkpi_id,kpi_name,perspective,objective_id,period,period_label,actual,target,red_flag,score,status,pct_of_target,comment\r\n"
	if string(b) != want {
		t.Errorf("got %q, want %q", b, want)
	}
}
