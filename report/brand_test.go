package report

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kpireport/report/scorecard"
)

// The sample built with a logo, a colour, de-DE and euros shows them on
// the index, a KPI page and a pack: the logo as an embedded image, the
// colour in the style sheet, figures written 1.234,5 and lang="de-DE";
// the exports stay locale-neutral.
func TestBrandedSample(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	var log bytes.Buffer
	opts := Options{Inputs: []string{sampleWorkbook}, Out: site, Log: &log, Brand: scorecard.Brand{
		Logo: "../sample-data/northvale-logo.svg", ThemeColour: "#0B5563", Locale: "de-DE", Currency: "EUR",
	}}
	if err := Build(t.Context(), opts); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	german := regexp.MustCompile(`>-?€?\d{1,3}(\.\d{3})+(,\d+)?k?<`)
	svgs := regexp.MustCompile(`(?s)<svg.*?</svg>`)
	english := regexp.MustCompile(`>-?[£€]?\d{1,3}(,\d{3})+(\.\d+)?k?<`)
	for page, want := range map[string]string{
		"index.html":            `<td class="n">5,9</td>`,
		"kpis/fin-01.html":      "€",
		"packs/board-pack.html": `<td class="n">5,9</td>`,
	} {
		data, err := os.ReadFile(filepath.Join(site, page))
		if err != nil {
			t.Fatal(err)
		}
		html := string(data)
		for _, s := range []string{`<html lang="de-DE">`, `src="data:image/svg&#43;xml;base64,`, "--accent: #0b5563;", want} {
			if !strings.Contains(html, s) {
				t.Errorf("%s lacks %q", page, s)
			}
		}
		if page != "index.html" && !german.MatchString(html) {
			t.Errorf("%s has no figure written 1.234,5", page)
		}
		// The charts' axis labels are ECharts' own, not yet localised.
		if m := english.FindString(svgs.ReplaceAllString(html, "")); m != "" {
			t.Errorf("%s still writes %s the English way", page, m)
		}
	}
	csv, err := os.ReadFile(filepath.Join(site, "data", "measurements.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(csv), ",22105,22000,19800,") {
		t.Error("measurements.csv is no longer locale-neutral")
	}
}

// A hostile colour is refused before it reaches any style sheet; an SVG
// logo with a script and an onload handler is only ever an embedded image:
// apart from that image the pages are the same as without a logo.
func TestHostileBrand(t *testing.T) {
	b := scorecard.Brand{ThemeColour: `red;}</style><script>alert(1)</script>`}
	if _, err := b.Check(); err == nil || !strings.Contains(err.Error(), "--theme-colour") {
		t.Errorf("hostile --theme-colour: %v", err)
	}
	build := settingBuilder(t, "logo")
	dir := filepath.Dir(build.kpis)
	svg := `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" width="10" height="10"><script>alert(2)</script><rect width="10" height="10"/></svg>`
	if err := os.WriteFile(filepath.Join(dir, "evil.svg"), []byte(svg), 0o644); err != nil {
		t.Fatal(err)
	}
	withLogo, log, err := build.with("evil.svg")
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	plain, log, err := build.with("")
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	img := regexp.MustCompile(`<img class="(cover-)?logo" src="data:image/svg&#43;xml;base64,(?:[A-Za-z0-9/=]|&#43;)+" alt="">`)
	for _, page := range []string{"index.html", "kpis/k1.html", "packs/board-pack.html"} {
		a, err := os.ReadFile(filepath.Join(withLogo, page))
		if err != nil {
			t.Fatal(err)
		}
		p, err := os.ReadFile(filepath.Join(plain, page))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(a, []byte("alert(")) || bytes.Contains(a, []byte("onload=")) {
			t.Errorf("%s carries the logo's script", page)
		}
		if !img.Match(a) {
			t.Errorf("%s does not embed the logo as an image", page)
		}
		if got := img.ReplaceAll(a, nil); !bytes.Equal(got, p) {
			t.Errorf("%s differs from the page without a logo by more than the image", page)
		}
	}
}

// An unknown locale or currency is an error at its Settings cell that says
// what to write instead.
func TestLocaleCurrencySettings(t *testing.T) {
	for key, tt := range map[string]struct{ bad, want, good string }{
		"locale":   {"Klingon", `settings.csv:B2: locale "Klingon" is not a locale kpireport knows; write a language tag such as en-GB, de-DE`, "fr-FR"},
		"currency": {"XYZ", `settings.csv:B2: currency "XYZ" is not an ISO 4217 currency code; write one such as GBP, EUR or USD`, "usd"},
	} {
		build := settingBuilder(t, key)
		if _, log, err := build.with(tt.bad); err == nil || !strings.Contains(log, tt.want) {
			t.Errorf("%s %s: %v; want %q in:\n%s", key, tt.bad, err, tt.want, log)
		}
		if _, log, err := build.with(tt.good); err != nil {
			t.Errorf("%s %s: %v\n%s", key, tt.good, err, log)
		}
	}
}
