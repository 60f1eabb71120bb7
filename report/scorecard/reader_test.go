package scorecard

import (
	"testing"

	"github.com/xuri/excelize/v2"

	"kpireport/report/period"
)

// formatted gives cells of a test workbook a built-in number format
// (9 is 0%, 14 a date) after writeBook has written them.
func formatted(t *testing.T, path, sheet string, numFmt int, cells ...string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	id, err := f.NewStyle(&excelize.Style{NumFmt: numFmt})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cells {
		if err := f.SetCellStyle(sheet, c, c, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestPercentAndDateFormats: a fraction formatted as a percentage makes a
// KPI without unit or format a percentage KPI, and is 96 for one with unit
// "%"; a date-formatted number is a date even where it looks like a year.
func TestPercentAndDateFormats(t *testing.T) {
	dir := t.TempDir()
	path := writeBook(t, dir, "kpis.xlsx",
		sheet{"KPIs", [][]any{
			{"id", "name", "perspective", "unit", "target", "frequency"},
			{"OTP", "On time", "Customer", "", 0.95},
			{"PCT", "Percent unit", "Customer", "%", 95},
			{"CNT", "Count", "Customer", "", 10, "annual"},
		}},
		sheet{"Measurements", [][]any{
			{"kpi", "period", "actual"},
			{"OTP", 2000, 0.96},
			{"PCT", "2026-01", 0.97},
			{"CNT", 2026, 9},
		}})
	formatted(t, path, "KPIs", 9, "E2")
	formatted(t, path, "Measurements", 9, "C2", "C3")
	formatted(t, path, "Measurements", 14, "B2")
	sc, ps, err := Load([]string{path}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ps.Errors() > 0 {
		t.Fatalf("problems: %v", ps.List)
	}
	byID := map[string]*KPI{}
	for _, k := range sc.KPIs {
		byID[k.ID] = k
	}
	otp, pct, cnt := byID["OTP"], byID["PCT"], byID["CNT"]
	if otp.Format != "percent" || otp.Aggregation != Average || otp.Target.V != 0.95 {
		t.Errorf("OTP: format %q, aggregation %v, target %v; want percent, average, 0.95", otp.Format, otp.Aggregation, otp.Target.V)
	}
	// Serial 2000 formatted as a date is 22 June 1905, not the year 2000.
	if m := otp.Measurements[0]; m.Period != (period.Period{Freq: period.Month, Year: 1905, N: 6}) || m.Actual.V != 0.96 {
		t.Errorf("OTP measurement %+v, want June 1905, 0.96", m)
	}
	if pct.Format != "" || pct.Measurements[0].Actual.V != 97 {
		t.Errorf("PCT: format %q, actual %v; want no format, 97", pct.Format, pct.Measurements[0].Actual.V)
	}
	if cnt.Format != "" || cnt.Measurements[0].Period.Freq != period.Year {
		t.Errorf("CNT: format %q, period %v; want no format, a year", cnt.Format, cnt.Measurements[0].Period)
	}
}
