package site

import (
	"bytes"
	"html/template"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"kpireport/report/internal/fixture"
	"kpireport/report/view"
	"kpireport/templates"
)

// historyTemplate is the template kpi.html wrote its history tables with
// before historyTable took its place; with the built-in "num" and "status"
// parts, it is what historyTable must give byte for byte.
const historyTemplate = `{{define "history"}}<div class="table-wrap">
<table class="history">
<caption>{{.Caption}}</caption>
<thead><tr><th scope="col">Period</th><th scope="col" class="n">Actual</th><th scope="col" class="n">Target</th>{{if .HasTargetMax}}<th scope="col" class="n">Target max</th>{{end}}<th scope="col" class="n">Red flag</th><th scope="col" class="n">Score</th><th scope="col">Status</th>{{if .HasNotes}}<th scope="col">Note</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr{{if .Current}} class="current-row"{{end}}><th scope="row">{{.Label}}{{with .Partial}} <span class="partial">({{.}})</span>{{end}}</th><td class="n">{{template "num" .Actual}}</td><td class="n">{{template "num" .Target}}</td>{{if $.HasTargetMax}}<td class="n">{{template "num" .TargetMax}}</td>{{end}}<td class="n">{{template "num" .RedFlag}}</td><td class="n">{{template "num" .Score}}</td><td>{{template "status" .Status}}</td>{{if $.HasNotes}}<td>{{.Note}}</td>{{end}}</tr>
{{- else}}
<tr><td colspan="{{.Columns}}" class="empty">No data yet.</td></tr>
{{- end}}
</tbody>
</table>
</div>{{end}}`

// templateHistory renders t with historyTemplate and the built-in parts.
func templateHistory(t *testing.T, h view.HistoryTable) string {
	t.Helper()
	parts, err := fs.ReadFile(templates.Site, "site/"+partsTemplate)
	if err != nil {
		t.Fatal(err)
	}
	tm := template.Must(template.New("h").Parse(historyTemplate))
	template.Must(tm.New(partsTemplate).Parse(string(parts)))
	var b bytes.Buffer
	if err := tm.ExecuteTemplate(&b, "history", h); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// tricky are texts that html/template escapes, some of them in ways
// template.HTMLEscapeString does not (+), with NUL and invalid UTF-8.
var tricky = []string{"", "Jan 2026", "+3.2%", `"quoted" & 'single'`, "<b>bold</b>", "a\x00b", "bad \xff\xfe utf-8", "£1.2m", "2 of 3 months", "≥ 95%", "tab\tand\nnewline", "&amp; already"}

// historyTable writes what the template wrote, for tables of every shape:
// with and without a target max and notes, empty, partial periods,
// missing numbers and text that needs escaping.
func TestHistoryTableMatchesTemplate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func() string { return tricky[rng.IntN(len(tricky))] }
	val := func() view.Val {
		if rng.IntN(4) == 0 {
			return view.Val{}
		}
		return view.Val{Text: pick(), OK: true}
	}
	statuses := []view.StatusView{
		{Slug: "on-target", Icon: "✓", Label: "on target"},
		{Slug: "at-risk", Icon: "▲", Label: "at risk"},
		{Slug: pick(), Icon: pick(), Label: pick()},
	}
	for i := range 200 {
		h := view.HistoryTable{Caption: pick(), HasTargetMax: i%2 == 0, HasNotes: i%3 == 0}
		for range rng.IntN(5) {
			r := view.HistoryRow{Label: pick(), Current: rng.IntN(3) == 0, Actual: val(), Target: val(), TargetMax: val(),
				RedFlag: val(), Score: val(), Status: statuses[rng.IntN(len(statuses))], Note: pick()}
			if rng.IntN(3) == 0 {
				r.Partial = pick()
			}
			h.Rows = append(h.Rows, r)
		}
		want := templateHistory(t, h)
		if got := string(historyTable(h)); got != want {
			t.Fatalf("table %d:\ngot  %q\nwant %q", i, got, want)
		}
	}
}

// A built-in kpi.html, whose tables come from historyTable, gives the
// pages that one of the user's writing them with the template gave.
func TestHistoryOnKPIPage(t *testing.T) {
	builtin, err := fs.ReadFile(templates.Site, "site/"+kpiPage)
	if err != nil {
		t.Fatal(err)
	}
	own := strings.ReplaceAll(string(builtin), "{{historyTable ", `{{template "history" `) + historyTemplate
	if own == string(builtin)+historyTemplate {
		t.Fatal("kpi.html calls historyTable no more")
	}
	sc := fixture.Scorecard(fixture.Options{KPIs: 8})
	got := render(t, sc, Options{})
	want := render(t, sc, Options{Templates: fstest.MapFS{kpiPage: {Data: []byte(own)}}})
	n := 0
	for _, p := range want.Paths() {
		if !strings.HasPrefix(p, "kpis/") {
			continue
		}
		n++
		g, _ := got.Get(p)
		w, _ := want.Get(p)
		if !bytes.Contains(w, []byte(`<table class="history">`)) {
			t.Errorf("%s: no history table", p)
		}
		if !bytes.Equal(g, w) {
			t.Errorf("%s differs from the page of the template", p)
		}
	}
	if n == 0 {
		t.Error("no KPI pages")
	}
}
