package report_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kpireport/report"
)

// The wide-by-month layout builds through the kpireport.yaml beside it, and
// a KPI's page shows the month's actual and its target from the Target row.
func TestLayoutWideByMonth(t *testing.T) {
	dir := filepath.Join("..", "sample-data", "layouts", "wide-by-month")
	out := filepath.Join(t.TempDir(), "site")
	var log bytes.Buffer
	err := report.Build(context.Background(), report.Options{
		Inputs:  []string{filepath.Join(dir, "harbour-ferries.xlsx")},
		Out:     out,
		NoPacks: true,
		Log:     &log,
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if want := "using mapping " + filepath.Join(dir, "kpireport.yaml"); !strings.Contains(log.String(), want) {
		t.Errorf("the log does not say %q:\n%s", want, log.String())
	}
	page, err := os.ReadFile(filepath.Join(out, "kpis", "on-time-sailings.html"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(page), " ")), " ")
	for _, want := range []string{"Aug 2026 92.5% 95%", "Sep 2026 95% 95%"} {
		if !strings.Contains(text, want) {
			t.Errorf("the On-time sailings page does not show %q", want)
		}
	}
}
