package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --templates reaches the packs as it does the site: the user's copy of the
// packs' style sheet replaces the built-in one in every pack, and the site's
// pages and the packs' other templates stay built in.
func TestPackTemplates(t *testing.T) {
	dir := t.TempDir()
	const marker = "/* Northvale's own pack style */ h1 { color: #123456 }"
	if err := os.MkdirAll(filepath.Join(dir, "packs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "packs", "pack.css"), []byte(marker), 0o644); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "site")
	var log bytes.Buffer
	if err := Build(t.Context(), Options{Inputs: []string{sampleWorkbook}, Out: site, Templates: dir, Log: &log}); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	board, err := os.ReadFile(filepath.Join(site, "packs", "board-pack.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(board), marker) {
		t.Error("the board pack does not carry the user's pack.css")
	}
	if !strings.Contains(string(board), "Board pack") && !strings.Contains(string(board), "board pack") {
		t.Error("the board pack lost its built-in page template")
	}
	index, err := os.ReadFile(filepath.Join(site, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(index), "#123456") {
		t.Error("the site's index took the packs' style sheet")
	}
}

// The progress line is rewritten in place, at most ten times a second, and
// ends with the last count and a new line.
func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := progressLine(&b)
	for i := 1; i <= 1250; i++ {
		p(i, 1250)
	}
	got := b.String()
	if !strings.HasPrefix(got, "\rdrawing pack charts 1/1,250") || !strings.HasSuffix(got, "\rdrawing pack charts 1,250/1,250\n") {
		t.Errorf("progress %q", got)
	}
	if n := strings.Count(got, "\r"); n > 5 {
		t.Errorf("%d rewrites for a count done at once; want it throttled", n)
	}
}

// theme_colour reaches every page and pack as the accent; a colour too pale
// to read is warned of, and anything but a hex colour is an error at its
// cell that reaches no style sheet.
func TestThemeColour(t *testing.T) {
	build := settingBuilder(t, "theme_colour")
	site, log, err := build.with("#7A1F5C")
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	for _, page := range []string{"index.html", "kpis/k1.html", "packs/board-pack.html"} {
		data, err := os.ReadFile(filepath.Join(site, page))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "<style>:root { --accent: #7a1f5c; }</style>") {
			t.Errorf("%s does not carry the theme colour", page)
		}
	}
	if _, log, err := build.with("#ffee00"); err != nil || !strings.Contains(log, "contrast of 1.2:1") {
		t.Errorf("a pale colour: %v, log:\n%s", err, log)
	}
	_, log, err = build.with(`red;} body{background:url(http://x/)`)
	if err == nil || !strings.Contains(log, "settings.csv:B2: theme_colour") || !strings.Contains(log, "is not a colour") {
		t.Errorf("a hostile colour: %v, log:\n%s", err, log)
	}
}

// A logo beside the workbook is embedded in every page and pack as an
// image; an SVG with a script stays an image (nothing runs: it is an <img>
// under the page's policy); a logo outside the folder, or not an image, is
// an error at its cell.
func TestLogo(t *testing.T) {
	build := settingBuilder(t, "logo")
	dir := filepath.Dir(build.kpis)
	for name, text := range map[string]string{
		"logo.svg":  `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>`,
		"notes.txt": "hello",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site, log, err := build.with("logo.svg")
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	for _, page := range []string{"index.html", "kpis/k1.html", "packs/board-pack.html"} {
		data, err := os.ReadFile(filepath.Join(site, page))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), `src="data:image/svg&#43;xml;base64,`) || strings.Contains(string(data), "<script>alert") {
			t.Errorf("%s does not embed the logo as an image", page)
		}
	}
	for logo, want := range map[string]string{
		"../outside.png": `settings.csv:B2: logo "../outside.png" must be a file in the workbook's folder`,
		"notes.txt":      `settings.csv:B2: logo "notes.txt" is not a PNG, JPEG or SVG image`,
		"missing.png":    `settings.csv:B2: logo "missing.png":`,
	} {
		if _, log, err := build.with(logo); err == nil || !strings.Contains(log, want) {
			t.Errorf("logo %s: %v; want %q in:\n%s", logo, err, want, log)
		}
	}
}

// settingBuilder builds a one-KPI workbook of CSV files whose Settings give
// key one value or another.
func settingBuilder(t *testing.T, key string) settingBuild {
	dir := t.TempDir()
	b := settingBuild{t: t, key: key, kpis: filepath.Join(dir, "kpis.csv")}
	for name, text := range map[string]string{
		"kpis.csv":         "id,name,perspective,target\nK1,Orders,Customer,10\n",
		"measurements.csv": "kpi,period,actual\nK1,2026-01,9\nK1,2026-02,11\nK1,2026-03,12\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

type settingBuild struct {
	t    *testing.T
	key  string
	kpis string // kpis.csv; measurements.csv and settings.csv beside it
}

// with builds the workbook with the setting's value and returns the site's
// folder, the log and Build's error.
func (b settingBuild) with(value string) (string, string, error) {
	dir := filepath.Dir(b.kpis)
	settings := filepath.Join(dir, "settings.csv")
	if err := os.WriteFile(settings, []byte("key,value\n"+b.key+","+value+"\n"), 0o644); err != nil {
		b.t.Fatal(err)
	}
	site := filepath.Join(b.t.TempDir(), "site")
	var log bytes.Buffer
	err := Build(b.t.Context(), Options{Inputs: []string{b.kpis, filepath.Join(dir, "measurements.csv"), settings}, Out: site, Log: &log})
	return site, log.String(), err
}
