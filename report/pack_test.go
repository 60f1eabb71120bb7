package report

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kpireport/report/internal/browser"
)

// TestBuildPDFWithoutChrome checks that --pdf without a browser fails with
// a clear message before anything is written.
func TestBuildPDFWithoutChrome(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(browser.EnvPath, "")
	out := filepath.Join(t.TempDir(), "site")
	err := Build(t.Context(), Options{Inputs: []string{sampleWorkbook}, Out: out, PDF: true})
	want := "--pdf: no Chromium or Chrome found on PATH; install chromium or pass --chrome PATH"
	if err == nil || err.Error() != want {
		t.Errorf("Build with --pdf and no browser: %v, want %q", err, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was written (stat: %v)", out, err)
	}
}

// TestBuildWritesPacks checks that a build writes the packs beside the site.
func TestBuildWritesPacks(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	if err := Build(t.Context(), Options{Inputs: []string{sampleWorkbook}, Out: out}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"financial.html", "board-pack.html", "review-packs.zip"} {
		if fi, err := os.Stat(filepath.Join(out, "packs", name)); err != nil || fi.Size() == 0 {
			t.Errorf("packs/%s: %v", name, err)
		}
	}
}

// TestSameFiguresEverywhere pins that a KPI's page on the site, its card in
// the board pack and its chart's text alternative (in the site's option and
// in the pack's SVG) show the same figures, written by the one formatter.
func TestSameFiguresEverywhere(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	if err := Build(t.Context(), Options{Inputs: []string{sampleWorkbook}, Out: out}); err != nil {
		t.Fatal(err)
	}
	board := readText(t, filepath.Join(out, "packs", "board-pack.html"))
	for _, slug := range []string{"wat-07", "cus-04", "fin-01", "cap-03"} {
		t.Run(slug, func(t *testing.T) {
			page := readText(t, filepath.Join(out, "kpis", slug+".html"))
			name := first(t, page, `<h1>(.*?)</h1>`)
			current := first(t, page, `<p class="current-value">(.*?)</p>`)
			score := first(t, page, `<span class="score-value">(.*?)</span>`)
			row := raw(t, page, `(?s)<table class="history">.*?<tbody>\s*(<tr.*?</tr>)`)
			cells := all(row, `<td class="n">(.*?)</td>`)
			if len(cells) < 2 {
				t.Fatalf("history row %q has no actual and target", row)
			}
			alt := first(t, page, `id="history-`+slug+`"[^>]*aria-label="([^"]*)"`)
			if want := "latest " + cells[0] + " against target " + cells[1]; !strings.Contains(alt, want) {
				t.Errorf("chart text %q does not say %q, as the history table does", alt, want)
			}
			var card string
			for _, c := range all(board, `(?s)<article class="kpi-card".*?</article>`) {
				if first(t, c, `<h4 class="kpi-title"[^>]*>(.*?)</h4>`) == name {
					card = c
				}
			}
			if card == "" {
				t.Fatalf("no card for %q in the board pack", name)
			}
			if got := first(t, card, `(?s)<dl class="figures">.*?<dd>(.*?)</dd>`); got != current {
				t.Errorf("pack actual %q, site %q", got, current)
			}
			if got := first(t, card, `score (.*?) / 10`); got != score {
				t.Errorf("pack score %q, site %q", got, score)
			}
			if got := first(t, card, `<svg role="img" aria-label="([^"]*)"`); got != alt {
				t.Errorf("pack chart text %q, site %q", got, alt)
			}
		})
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var tags = regexp.MustCompile(`<[^>]*>`)

// plain is s without tags, entities decoded, spaces collapsed.
func plain(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(s, " "))), " ")
}

// first is the first submatch of pattern in s, as plain text.
func first(t *testing.T, s, pattern string) string {
	t.Helper()
	return plain(raw(t, s, pattern))
}

// raw is the first submatch of pattern in s, as it is.
func raw(t *testing.T, s, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %s", pattern)
	}
	return m[1]
}

// all is every match of pattern in s: its submatch as plain text, or the
// whole match when the pattern has none.
func all(s, pattern string) []string {
	var out []string
	for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(s, -1) {
		if len(m) > 1 {
			out = append(out, plain(m[1]))
		} else {
			out = append(out, m[0])
		}
	}
	return out
}
