package report

import (
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestChangesCompare builds the sample twice, the second time with a past
// figure restated and a KPI's latest quarter made worse, and with --compare
// the first build's scorecard.json: the changes section, the badges and
// changes.csv must show both.
func TestChangesCompare(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "sample-data", "northvale-water.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	wb := filepath.Join(dir, "northvale-water.xlsx")
	if err := os.WriteFile(wb, src, 0o644); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(dir, "first")
	if err := Build(context.Background(), Options{Inputs: []string{wb}, Out: first, NoPacks: true, Log: io.Discard}); err != nil {
		t.Fatal(err)
	}

	f, err := excelize.OpenFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Measurements")
	if err != nil {
		t.Fatal(err)
	}
	restated, worse := false, 0
	for i, r := range rows {
		if len(r) < 3 {
			continue
		}
		cell := "C" + strconv.Itoa(i+1)
		switch {
		case r[0] == "FIN-01" && r[1] == "Oct 2023":
			restated = true
			f.SetCellValue("Measurements", cell, 30000)
		case r[0] == "WAT-02" && (r[1] == "Jul 2026" || r[1] == "Aug 2026" || r[1] == "Sep 2026"):
			v, _ := strconv.ParseFloat(r[2], 64)
			f.SetCellValue("Measurements", cell, v*5)
			worse++
		}
	}
	if !restated || worse != 3 {
		t.Fatalf("sample rows not found: restated %v, worse %d", restated, worse)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}

	second := filepath.Join(dir, "second")
	compare := filepath.Join(first, "data", "scorecard.json")
	if err := Build(context.Background(), Options{Inputs: []string{wb}, Out: second, NoPacks: true, Compare: compare, Log: io.Discard}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(second, "data", "changes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var gotRestated, gotOff bool
	for _, r := range recs[1:] {
		if r[0] != "FY2027 Q2" {
			t.Errorf("since = %q, want FY2027 Q2", r[0])
		}
		if r[1] == "restated" && r[3] == "FIN-01" && r[5] == "actual" && r[9] == "22105" && r[10] == "30000" {
			gotRestated = true
		}
		if r[1] == "status" && r[3] == "WAT-02" && r[8] == "off-target" && r[11] == "down" {
			gotOff = true
		}
	}
	if !gotRestated || !gotOff {
		t.Errorf("changes.csv: restated FIN-01 %v, WAT-02 off target %v:\n%s", gotRestated, gotOff, b)
	}
	idx, err := os.ReadFile(filepath.Join(second, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<h2 id="changes-h">Since FY2027 Q2</h2>`, "Restated figures", "actual for Oct 2023 was £22,105k, now £30,000k", `<span class="change-badge change-down"><span aria-hidden="true">▼</span> newly off target</span>`} {
		if !strings.Contains(string(idx), want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	js, _ := os.ReadFile(filepath.Join(second, "data", "scorecard.json"))
	if !strings.Contains(string(js), `"Changes"`) {
		t.Error("scorecard.json has no Changes")
	}

	// A bad compare file is an error naming it.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{not json"), 0o644)
	err = Build(context.Background(), Options{Inputs: []string{wb}, Out: filepath.Join(dir, "third"), NoPacks: true, Compare: bad, Log: io.Discard})
	if err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("bad compare file: err = %v, want one naming %s", err, bad)
	}
}
