package scorecard

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kpireport/report/period"
	"kpireport/report/workbook"
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

func TestKindOfSheet(t *testing.T) {
	tests := map[string]sheetKind{
		"Measurements":            sheetMeasurements,
		"Measurements 2025":       sheetMeasurements,
		"measurements_2025":       sheetMeasurements,
		"Measurements (wide)":     sheetMeasurements,
		"Measurements2025":        sheetMeasurements,
		"Actuals":                 sheetMeasurements,
		"Actual Sales by Manager": sheetUnknown,
		"KPI register":            sheetKPIs,
		"KPIs":                    sheetKPIs,
		"KPIDashboard":            sheetUnknown,
		"Targets FY27":            sheetTargets,
		"Target setting":          sheetUnknown,
		" settings":               sheetSettings,
		"Objectives & Owners":     sheetObjectives,
		"2025 Measurements":       sheetUnknown,
		"":                        sheetUnknown,
	}
	for name, want := range tests {
		if got := kindOfSheet(name); got != want {
			t.Errorf("kindOfSheet(%q) = %v, want %v", name, sheetKindNames[got], sheetKindNames[want])
		}
	}
}

// TestHiddenSheets: a hidden sheet with a known name is not read but
// warned about, unless LoadOptions names it; sheets not read are named
// in one warning.
func TestHiddenSheets(t *testing.T) {
	dir := t.TempDir()
	path := writeBook(t, dir, "kpis.xlsx",
		sheet{"KPIs", [][]any{{"id", "name", "perspective", "target"}, {"K1", "One", "Financial", 10}}},
		sheet{"Measurements", [][]any{{"kpi", "period", "actual"}, {"K1", "2026-01", 9}}},
		sheet{"Measurements old", [][]any{{"kpi", "period", "actual"}, {"K1", "2025-01", 8}}},
		sheet{"Notes", [][]any{{"x"}}},
		sheet{"Actual Sales by Manager", [][]any{{"kpi", "period", "actual"}, {"K1", "2024-01", 7}}},
		sheet{"Lists", [][]any{{"x"}}},
	)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Measurements old", "Lists"} {
		if err := f.SetSheetVisible(s, false); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, tt := range []struct {
		hidden []string
		months int
		warn   []string
	}{
		{nil, 1, []string{
			`kpis.xlsx: sheets "Notes", "Actual Sales by Manager" not read: kpireport reads sheets named Settings, Perspectives, Objectives, KPIs, Measurements, Targets, Initiatives and Commentary`,
			`kpis.xlsx:Measurements old: sheet "Measurements old" is hidden, so it is not read as the Measurements sheet (unhide it to use it)`,
		}},
		{[]string{"measurements OLD"}, 2, []string{
			`kpis.xlsx: sheets "Notes", "Actual Sales by Manager" not read: kpireport reads sheets named Settings, Perspectives, Objectives, KPIs, Measurements, Targets, Initiatives and Commentary`,
		}},
	} {
		sc, ps, err := Load([]string{path}, LoadOptions{HiddenSheets: tt.hidden})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range ps.List {
			if p.Severity == workbook.Warning && !strings.Contains(p.Msg, "has no") {
				got = append(got, p.String())
			}
		}
		compareLines(t, got, tt.warn)
		if n := len(sc.KPIs[0].Measurements); n != tt.months {
			t.Errorf("hidden %v: %d measurements, want %d", tt.hidden, n, tt.months)
		}
	}
}

// TestNoScale: targets and red flags that leave no room to score between
// them are errors at their cells.
func TestNoScale(t *testing.T) {
	_, msgs := loadBook(t,
		sheet{"KPIs", [][]any{
			{"id", "name", "perspective", "direction", "target", "red_flag", "tolerance"},
			{"ZERO", "Zero harm", "Customer", "lower", 0},
			{"ZERO2", "Zero with red flag", "Customer", "lower", 0, 1},
			{"EQ", "Equal", "Customer", "higher", 5, 5},
			{"TOL", "No tolerance", "Customer", "higher", 5, "", 0},
		}},
		sheet{"Measurements", [][]any{{"kpi", "period", "actual", "target"}, {"EQ", "2026-01", 4, 0}}},
		sheet{"Targets", [][]any{{"kpi", "period", "target", "red_flag"}, {"EQ", "2026", 6, 6}}},
	)
	var errs []string
	for _, m := range msgs {
		if !strings.HasPrefix(m, "warning: ") {
			errs = append(errs, m)
		}
	}
	compareLines(t, errs, []string{
		`kpis.xlsx:KPIs!E2: KPI ZERO: a target of 0 needs a red_flag (a tolerance is a percentage of the target, which leaves no room between target and red flag)`,
		`kpis.xlsx:KPIs!F4: KPI EQ: red_flag 5 equals the target, which leaves no scale to score on; give the value at which the KPI turns red`,
		`kpis.xlsx:KPIs!G5: KPI TOL: a tolerance of 0 puts the red flag on the target, which leaves no scale to score on; give a tolerance or a red_flag`,
		`kpis.xlsx:Measurements!D2: KPI EQ: a target of 0 needs a red_flag (a tolerance is a percentage of the target, which leaves no room between target and red flag)`,
		`kpis.xlsx:Targets!D2: KPI EQ: red_flag 6 equals the target, which leaves no scale to score on; give the value at which the KPI turns red`,
	})
}

// TestSplitYearSetting: split_year says which year 2026/27 names when the
// fiscal year starts in January.
func TestSplitYearSetting(t *testing.T) {
	kpis := sheet{"KPIs", [][]any{{"id", "name", "perspective", "target", "frequency"}, {"K1", "One", "Financial", 10, "annual"}}}
	meas := sheet{"Measurements", [][]any{{"kpi", "period", "actual"}, {"K1", "2026/27", 9}}}
	for _, tt := range []struct {
		value string
		year  int
	}{{"", 2027}, {"end", 2027}, {"Start", 2026}} {
		settings := sheet{"Settings", [][]any{{"key", "value"}, {"split_year", tt.value}}}
		sc, msgs := loadBook(t, settings, kpis, meas)
		if got := sc.KPIs[0].Measurements[0].Period; got.Year != tt.year || got.Freq != period.Year {
			t.Errorf("split_year %q: 2026/27 is %+v, want the year %d (%v)", tt.value, got, tt.year, msgs)
		}
	}
	_, msgs := loadBook(t, sheet{"Settings", [][]any{{"key", "value"}, {"split_year", "middle"}}}, kpis, meas)
	want := `kpis.xlsx:Settings!B2: split_year "middle" is not start or end (does a label such as 2026/27 name the year it starts or ends in?)`
	if len(msgs) == 0 || msgs[0] != want {
		t.Errorf("problems %q, want first %q", msgs, want)
	}
}

// TestBlankTokens: N/A, TBD, "-" and error cells are no data, with one
// warning per column; other text is still an error.
func TestBlankTokens(t *testing.T) {
	sc, msgs := loadBook(t,
		sheet{"KPIs", [][]any{{"id", "name", "perspective", "target"}, {"K1", "One", "Financial", "TBD"}, {"K2", "Two", "Financial", 5}}},
		sheet{"Measurements", [][]any{
			{"kpi", "period", "actual", "target"},
			{"K1", "2026-01", "N/A", "tbc"},
			{"K1", "2026-02", " pending ", "-"},
			{"K1", "2026-03", "twelve", ""},
			{"K2", "2026-01", "-", ""},
			{"K2", "2026-02", 4, ""},
		}},
	)
	var got []string
	for _, m := range msgs {
		if !strings.Contains(m, "has no target") {
			got = append(got, m)
		}
	}
	compareLines(t, got, []string{
		`warning: kpis.xlsx:KPIs!D2: target "TBD" is read as no data, as are the other N/A, TBD, pending, "-" and error cells of this column`,
		`warning: kpis.xlsx:Measurements!C2: actual "N/A" is read as no data, as are the other N/A, TBD, pending, "-" and error cells of this column`,
		`warning: kpis.xlsx:Measurements!D2: target "tbc" is read as no data, as are the other N/A, TBD, pending, "-" and error cells of this column`,
		`kpis.xlsx:Measurements!C4: actual "twelve" is not a number`,
	})
	if k := sc.KPIs[1]; len(k.Measurements) != 2 || k.Measurements[0].Actual.OK || k.Measurements[1].Actual.V != 4 {
		t.Errorf("K2 measurements %+v", k.Measurements)
	}
}
