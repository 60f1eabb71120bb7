package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kpireport/report/internal/browser"
)

// TestBoardOnePageFitsA4 prints the board pack with Chromium and checks
// that its scorecard on a page is all on the first A4 page, for the sample
// and for a 200-KPI workbook: the page summarises, it does not overflow.
func TestBoardOnePageFitsA4(t *testing.T) {
	if _, err := browser.Find(); err != nil {
		t.Skip(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	books := map[string]func(t *testing.T) string{
		"sample":   func(t *testing.T) string { return sampleWorkbook },
		"200 KPIs": func(t *testing.T) string { return writeLargeBook(t, t.TempDir(), 200, 36) },
	}
	for _, name := range []string{"sample", "200 KPIs"} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "site")
			if err := Build(t.Context(), Options{Inputs: []string{books[name](t)}, Out: out, PDF: true}); err != nil {
				t.Fatal(err)
			}
			pdf := filepath.Join(out, "packs", "board-pack.pdf")
			if _, err := os.Stat(pdf); err != nil {
				t.Fatal(err)
			}
			page := func(n string) string {
				var b bytes.Buffer
				cmd := exec.Command("pdftotext", "-f", n, "-l", n, "-layout", pdf, "-")
				cmd.Stdout = &b
				if err := cmd.Run(); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
			one, two := strings.ToLower(page("1")), strings.ToLower(page("2"))
			for _, want := range []string{"Scorecard on a page", "Overall score", "Most in need of attention", "Decisions asked for", "Year-end outlook"} {
				if !strings.Contains(one, strings.ToLower(want)) {
					t.Errorf("page 1 lacks %q:\n%s", want, one)
				}
			}
			for _, spill := range []string{"Most in need of attention", "Decisions asked for", "No decision is asked", "Scorecard on a page"} {
				if strings.Contains(two, strings.ToLower(spill)) {
					t.Errorf("the one-page summary runs onto page 2 (%q):\n%s", spill, two)
				}
			}
		})
	}
}
