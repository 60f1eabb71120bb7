package pack

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"kpireport/report/internal/browser"
	"kpireport/report/scorecard"
)

// printSample prints the sample's packs to PDF, skipping the test where
// there is no browser (outside CI).
func printSample(t *testing.T) []File {
	t.Helper()
	path, err := FindChrome("")
	if errors.Is(err, ErrNoChrome) && os.Getenv("CI") == "" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	start := time.Now()
	packs := memory{files: samplePacks(t)}
	var paths []string
	for _, f := range packs.files {
		paths = append(paths, f.Path)
	}
	var out memory
	written, err := PrintPDFs(ctx, path, paths, packs.get, &out)
	if err != nil {
		t.Fatal(err)
	}
	pdfs := out.files
	if len(written) != len(pdfs) {
		t.Fatalf("PrintPDFs returned %d paths for %d PDFs", len(written), len(pdfs))
	}
	t.Logf("printed %d PDFs in %.1fs", len(pdfs), time.Since(start).Seconds())
	return pdfs
}

// pdfText extracts the text of a PDF with pdftotext -layout, one string a
// page; it skips the test where pdftotext is missing (outside CI).
func pdfText(t *testing.T, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "" {
			t.Skip("pdftotext (poppler-utils) is not installed")
		}
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// TestPDF prints each pack and checks, through the PDF's text, that the
// page count is plausible, that every page has its header and page number,
// and that no KPI card's title ends a page (its card was split).
func TestPDF(t *testing.T) {
	sc, err := sample()
	if err != nil {
		t.Fatal(err)
	}
	pdfs := printSample(t)
	if dir := os.Getenv("PACK_OUT"); dir != "" {
		for _, f := range pdfs {
			os.WriteFile(filepath.Join(dir, filepath.Base(f.Path)), f.Data, 0o644)
		}
	}
	kpis := map[string][]*scorecard.KPI{}
	for _, p := range sc.Perspectives {
		for _, o := range p.Objectives {
			for _, k := range o.KPIs {
				if !k.Retired {
					kpis[p.Slug+".pdf"] = append(kpis[p.Slug+".pdf"], k)
					kpis[BoardName+".pdf"] = append(kpis[BoardName+".pdf"], k)
				}
			}
		}
	}
	if len(pdfs) != len(sc.Perspectives)+1 {
		t.Errorf("%d PDFs, want %d", len(pdfs), len(sc.Perspectives)+1)
	}
	for _, f := range pdfs {
		name := filepath.Base(f.Path)
		t.Run(name, func(t *testing.T) {
			if !bytes.HasPrefix(f.Data, []byte("%PDF-")) {
				t.Fatalf("not a PDF")
			}
			ks := kpis[name]
			pages := pdfText(t, f.Data)
			t.Logf("%s: %d pages, %d KPIs, %d bytes", name, len(pages), len(ks), len(f.Data))
			if lo, hi := len(ks)/3, len(ks)*2+5; len(pages) < lo || len(pages) > hi {
				t.Errorf("%d pages for %d KPIs; want %d to %d", len(pages), len(ks), lo, hi)
			}
			titles := map[string]bool{}
			for _, k := range ks {
				titles[k.Name] = true
			}
			for i, text := range pages {
				if i > 0 && !strings.Contains(text, "Page "+strconv.Itoa(i+1)+" of "+strconv.Itoa(len(pages))) {
					t.Errorf("page %d has no \"Page %d of %d\"", i+1, i+1, len(pages))
				}
				if last := lastLine(text); titles[last] {
					t.Errorf("page %d ends with the title of KPI %q", i+1, last)
				}
			}
		})
	}
}

// lastLine is the last non-empty line of a page's text that is not its
// footer (the page number), trimmed.
func lastLine(page string) string {
	lines := strings.Split(page, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" || strings.HasPrefix(l, "Page ") {
			continue
		}
		// A title line may carry the status on its right.
		if j := strings.Index(l, "   "); j > 0 {
			l = l[:j]
		}
		return l
	}
	return ""
}

func TestFindChromeNone(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(browser.EnvPath, "")
	_, err := FindChrome("")
	if err == nil || err.Error() != "--pdf: no Chromium or Chrome found on PATH; install chromium or pass --chrome PATH" {
		t.Errorf("FindChrome with no browser: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "chrome")
	_, err = FindChrome(missing)
	if err == nil || !strings.HasPrefix(err.Error(), "--chrome "+missing+": ") {
		t.Errorf("FindChrome(%q): %v", missing, err)
	}
}
