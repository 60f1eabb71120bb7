package site

import (
	"fmt"
	"kpireport/report/internal/fixture"
	"kpireport/report/output"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"kpireport/report/period"
	"kpireport/report/scorecard"
	"kpireport/report/view"
)

// parseFile parses one rendered page.
func parseFile(t *testing.T, files *output.Files, path string) *html.Node {
	t.Helper()
	data, ok := files.Get(path)
	if !ok {
		t.Fatalf("no %s", path)
	}
	doc, err := html.Parse(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// find returns the elements of doc for which match is true, in document
// order.
func find(doc *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
	})
	return out
}

// TestStrategyMapHTML checks the map as rendered: an SVG with a name, one
// path an arrow, and the text alternative with one line an arrow.
func TestStrategyMapHTML(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 8})
	files := render(t, sc, Options{})
	doc := parseFile(t, files, "index.html")
	svgs := find(doc, func(n *html.Node) bool { return n.Data == "svg" && hasClass(n, "map-svg") })
	if len(svgs) != 1 {
		t.Fatalf("%d strategy map SVGs", len(svgs))
	}
	if role, _ := attr(svgs[0], "role"); role != "graphics-document" {
		t.Errorf("the map's role is %q", role)
	}
	if label, _ := attr(svgs[0], "aria-label"); !strings.Contains(label, "8 objectives") || !strings.Contains(label, "6 links") {
		t.Errorf("the map's label is %q", label)
	}
	arrows := find(svgs[0], func(n *html.Node) bool { return n.Data == "path" && hasClass(n, "map-arrow") })
	boxes := find(svgs[0], func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "map-box") })
	if len(arrows) != 6 || len(boxes) != 8 {
		t.Errorf("%d arrows and %d boxes, want 6 and 8", len(arrows), len(boxes))
	}
	for _, b := range boxes {
		if txt := text(b); !strings.Contains(txt, "on target") && !strings.Contains(txt, "at risk") && !strings.Contains(txt, "off target") && !strings.Contains(txt, "no data") {
			t.Errorf("box %q does not say its status", txt)
		}
	}
	var drives []string
	for _, li := range find(doc, func(n *html.Node) bool { return n.Data == "li" && strings.Contains(text(n), " drives ") }) {
		drives = append(drives, strings.Join(strings.Fields(text(li)), " "))
	}
	if len(drives) != 6 {
		t.Fatalf("text alternative: %q", drives)
	}
	if want := "Customer objective 1 (✓ on target) drives Financial objective 1"; !strings.HasPrefix(drives[0], want[:len("Customer objective 1")]) {
		t.Errorf("first line %q", drives[0])
	}
}

func TestHeatmap(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 12})
	// A quarterly KPI in this monthly report shows its quarter in each of
	// the quarter's months.
	q := sc.KPIs[1]
	q.Frequency = period.Quarter
	q.Series = q.Quarters
	files := render(t, sc, Options{})
	doc := parseFile(t, files, "index.html")
	tables := find(doc, func(n *html.Node) bool { return n.Data == "table" && hasClass(n, "heatmap") })
	if len(tables) != 1 {
		t.Fatalf("%d heatmaps", len(tables))
	}
	var heads []string
	for _, th := range find(tables[0], func(n *html.Node) bool { return n.Data == "th" && hasClass(n, "heat-col") }) {
		heads = append(heads, text(th))
	}
	if want := []string{"Aug 2025", "Sep 2025", "Oct 2025", "Nov 2025", "Dec 2025", "Jan 2026", "Feb 2026", "Mar 2026"}; !slices.Equal(heads, want) {
		t.Errorf("columns %q, want %q", heads, want)
	}
	groups := find(tables[0], func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "heat-group") })
	if len(groups) != 4 {
		t.Errorf("%d perspective groups, want 4", len(groups))
	}
	rows := map[string][]*html.Node{}
	walk(tables[0], func(n *html.Node) {
		if n.Type != html.ElementNode || n.Data != "tr" || hasClass(n, "heat-group") || n.Parent.Data == "thead" {
			return
		}
		name := text(find(n, func(c *html.Node) bool { return c.Data == "th" })[0])
		rows[name] = find(n, func(c *html.Node) bool { return c.Data == "td" })
	})
	if len(rows) != 11 {
		t.Errorf("%d KPI rows, want 11 (the retired KPI left out)", len(rows))
	}
	k := sc.KPIs[0]
	cells := rows[k.Name]
	if len(cells) != 8 {
		t.Fatalf("%s: %d cells", k.Name, len(cells))
	}
	for i, c := range cells {
		pt := k.Series[len(k.Series)-8+i]
		links := find(c, func(n *html.Node) bool { return n.Data == "a" })
		if len(links) != 1 {
			t.Errorf("%s, %s: %d links", k.Name, pt.Label, len(links))
			continue
		}
		if href, _ := attr(links[0], "href"); href != "kpis/"+k.Slug+".html" {
			t.Errorf("%s, %s: links to %q", k.Name, pt.Label, href)
		}
		if !hasClass(c, "heat-"+pt.Status.Slug()) || !strings.Contains(text(c), pt.Status.String()) || !strings.Contains(text(c), view.StatusViewOf(pt.Status).Icon) {
			t.Errorf("%s, %s: cell %q, want %s", k.Name, pt.Label, text(c), pt.Status)
		}
	}
	cols := sc.Periods[len(sc.Periods)-8:]
	for i, c := range rows[q.Name] {
		label := sc.Calendar.Label(sc.Calendar.In(cols[i], period.Quarter))
		if !hasClass(c, "heat-span") || !strings.Contains(text(c), "("+label+")") {
			t.Errorf("quarterly KPI, %s: cell %q does not show its quarter %s", sc.Calendar.Label(cols[i]), text(c), label)
		}
	}
}

func TestAttentionAndBrightSpots(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 40})
	files := render(t, sc, Options{})
	doc := parseFile(t, files, "index.html")
	lists := find(doc, func(n *html.Node) bool { return n.Data == "ol" && hasClass(n, "attention") })
	want := scorecard.Attention(sc)
	if len(want) == 0 {
		t.Fatal("the fixture has no KPI needing attention")
	}
	if len(lists) != 1 {
		t.Fatalf("%d attention lists", len(lists))
	}
	var got []string
	for _, li := range find(lists[0], func(n *html.Node) bool { return n.Data == "li" }) {
		a := find(li, func(n *html.Node) bool { return n.Data == "a" })[0]
		got = append(got, text(a))
		if !strings.Contains(text(li), "Owner: Owner K") {
			t.Errorf("attention item %q has no owner", text(li))
		}
	}
	var wantNames []string
	for _, it := range want[:min(len(want), view.AttentionShown)] {
		wantNames = append(wantNames, it.KPI.Name)
	}
	if !slices.Equal(got, wantNames) {
		t.Errorf("attention order %q, want %q", got, wantNames)
	}
	index, err := view.New(sc, "").IndexPage()
	if err != nil {
		t.Fatal(err)
	}
	first := index.Attention[0]
	if got := find(lists[0], func(n *html.Node) bool { return hasClass(n, "attn-reason") })[0]; text(got) != first.Reason || first.Reason == "" {
		t.Errorf("first reason %q, want %q", text(got), first.Reason)
	}
	if first.Comment != "" && !strings.Contains(text(lists[0]), first.Comment) {
		t.Errorf("the first item lacks its comment %q", first.Comment)
	}

	spots := find(doc, func(n *html.Node) bool { return n.Data == "div" && hasClass(n, "spots") })
	var wantGroups int
	for _, ps := range scorecard.BrightSpots(sc, view.BrightShown) {
		if len(ps.Improved)+len(ps.Best) > 0 {
			wantGroups++
		}
	}
	for _, g := range index.BrightSpots {
		for _, b := range append(g.Improved, g.Best...) {
			if !strings.Contains(string(mustGet(t, files, "index.html")), b.Reason) {
				t.Errorf("bright spot reason %q missing", b.Reason)
			}
		}
	}
	if len(spots) != wantGroups || wantGroups == 0 {
		t.Errorf("%d bright spot groups, want %d", len(spots), wantGroups)
	}
}

func mustGet(t *testing.T, files *output.Files, path string) []byte {
	t.Helper()
	data, ok := files.Get(path)
	if !ok {
		t.Fatalf("no %s", path)
	}
	return data
}

func TestInitiativesPage(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 8})
	done := &scorecard.Initiative{ID: "I2", Name: "Depot upgrade", ObjectiveID: "C2", Objective: sc.Objectives[3], Owner: "COO",
		Status: "complete", Start: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), Due: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
		PercentComplete: scorecard.Some(100), Budget: scorecard.Some(1250000), Spent: scorecard.Some(1199999.5)}
	sc.Objectives[3].Initiatives = append(sc.Objectives[3].Initiatives, done)
	stray := &scorecard.Initiative{ID: "I3", Name: "Unfiled idea", ObjectiveID: "ZZ"}
	sc.Initiatives = append(sc.Initiatives, done, stray)
	files := render(t, sc, Options{})
	doc := parseFile(t, files, "initiatives.html")

	rows := find(doc, func(n *html.Node) bool { return n.Data == "tr" && n.Parent.Data == "tbody" })
	if len(rows) != 3 {
		t.Fatalf("%d initiative rows, want 3", len(rows))
	}
	cells := func(tr *html.Node) []string {
		var out []string
		for _, c := range find(tr, func(n *html.Node) bool { return (n.Data == "td" || n.Data == "th") && n.Parent == tr }) {
			out = append(out, strings.Join(strings.Fields(text(c)), " "))
		}
		return out
	}
	if got, want := cells(rows[0]), []string{"New billing system", "in progress", "CFO", "–", "31 Jan 2026 ✕ overdue", "60% 60%", "–", "–"}; !slices.Equal(got, want) {
		t.Errorf("overdue row %q, want %q", got, want)
	}
	if !hasClass(rows[0], "overdue-row") {
		t.Error("the overdue row is not marked")
	}
	if got, want := cells(rows[1]), []string{"Depot upgrade", "complete", "COO", "1 Apr 2025", "31 Dec 2025", "100% 100%", "£1,250,000", "£1,199,999.50"}; !slices.Equal(got, want) {
		t.Errorf("complete row %q, want %q", got, want)
	}
	if got := cells(rows[2]); got[0] != "Unfiled idea" {
		t.Errorf("stray row %q", got)
	}
	var heads []string
	for _, h := range find(doc, func(n *html.Node) bool { return n.Data == "h2" }) {
		heads = append(heads, text(h))
	}
	if want := []string{"Financial", "Customer", "Other initiatives"}; !slices.Equal(heads, want) {
		t.Errorf("groups %q, want %q", heads, want)
	}
	bars := find(doc, func(n *html.Node) bool { return n.Data == "progress" })
	if len(bars) != 2 {
		t.Errorf("%d progress bars, want 2", len(bars))
	} else if v, _ := attr(bars[0], "value"); v != "60" {
		t.Errorf("progress value %q", v)
	}
	if s := string(mustGet(t, files, "initiatives.html")); !strings.Contains(s, "3 initiatives, 1 overdue") {
		t.Error("the summary line is missing")
	}
	nav := find(doc, func(n *html.Node) bool {
		cur, ok := attr(n, "aria-current")
		return n.Data == "a" && ok && cur == "page"
	})
	if len(nav) != 1 || text(nav[0]) != "Initiatives" {
		t.Errorf("current nav link is not Initiatives")
	}
}

func TestHealthPage(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 12})
	// Make some KPIs less healthy, in several ways.
	sc.KPIs[2].Owner = ""
	sc.KPIs[2].Description = ""
	sc.KPIs[5].DataSource = ""
	sc.KPIs[8].Target = scorecard.Num{}
	sc.KPIs[8].Owner = ""
	sc.KPIs[8].Description = "x"
	scorecard.ReviewHealth(sc)
	files := render(t, sc, Options{})
	doc := parseFile(t, files, "health.html")
	rows := find(doc, func(n *html.Node) bool { return n.Data == "tr" && n.Parent.Data == "tbody" })
	if len(rows) != len(sc.KPIs) {
		t.Fatalf("%d rows for %d KPIs", len(rows), len(sc.KPIs))
	}
	want := slices.Clone(sc.KPIs)
	rank := map[scorecard.HealthLevel]int{scorecard.HealthPoor: 0, scorecard.HealthFair: 1, scorecard.HealthGood: 2, scorecard.HealthNotReviewed: 3}
	slices.SortStableFunc(want, func(a, b *scorecard.KPI) int {
		if d := rank[a.Health.Level] - rank[b.Health.Level]; d != 0 {
			return d
		}
		sa, sb := a.Health.Score.V, b.Health.Score.V
		if !a.Health.Score.OK {
			sa = 1000
		}
		if !b.Health.Score.OK {
			sb = 1000
		}
		if sa != sb {
			if sa < sb {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	for i, tr := range rows {
		id, _ := attr(tr, "id")
		if id != "kpi-"+want[i].Slug {
			t.Errorf("row %d is %q, want kpi-%s (%s, %v)", i, id, want[i].Slug, want[i].Health.Level, want[i].Health.Score)
		}
	}
	if sc.KPIs[8].Health.Level == scorecard.HealthGood {
		t.Fatalf("%s is healthy: %+v", sc.KPIs[8].ID, sc.KPIs[8].Health)
	}
	first := strings.Join(strings.Fields(text(rows[0])), " ")
	for _, f := range want[0].Health.Findings {
		if !strings.Contains(first, f.Message) || !strings.Contains(first, f.Suggestion) {
			t.Errorf("first row %q lacks finding %q: %q", first, f.Message, f.Suggestion)
		}
	}
	if last, _ := attr(rows[len(rows)-1], "id"); last != "kpi-k007" {
		t.Errorf("last row %q, want the retired kpi-k007", last)
	}

	// The KPI page has a badge linking to its entry and lists its checks.
	k := sc.KPIs[8]
	kdoc := parseFile(t, files, "kpis/"+k.Slug+".html")
	badges := find(kdoc, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "health-badge") })
	if len(badges) == 0 {
		t.Fatalf("kpis/%s.html has no health badge", k.Slug)
	}
	h := k.Health
	if href, _ := attr(badges[0], "href"); href != "../health.html#kpi-"+k.Slug {
		t.Errorf("badge links to %q", href)
	}
	if got, want := text(badges[0]), fmt.Sprintf("%s Health: %s (%.0f/100)", view.HealthIcon(h.Level), h.Level, h.Score.V); got != want {
		t.Errorf("badge %q, want %q", got, want)
	}
	checks := find(kdoc, func(n *html.Node) bool { return n.Data == "table" && hasClass(n, "checks") })
	if len(checks) != 1 {
		t.Fatalf("no checks table on kpis/%s.html", k.Slug)
	}
	var failed []string
	for _, tr := range find(checks[0], func(n *html.Node) bool { return n.Data == "tr" && n.Parent.Data == "tbody" }) {
		if strings.Contains(text(tr), "failed") {
			failed = append(failed, text(find(tr, func(n *html.Node) bool { return n.Data == "th" })[0]))
		}
	}
	var wantFailed []string
	for _, c := range h.Checks {
		if !c.Pass {
			wantFailed = append(wantFailed, c.Name)
		}
	}
	if !slices.Equal(failed, wantFailed) || len(failed) == 0 {
		t.Errorf("failed checks %q, want %q", failed, wantFailed)
	}
}

// TestExportsLinked checks that the data files given in Options.Data are
// linked, with their sizes, from the index's download panel and from every
// page's footer.
func TestExportsLinked(t *testing.T) {
	files := render(t, fixture.Scorecard(fixture.Options{KPIs: 6}), Options{})
	index := string(mustGet(t, files, "index.html"))
	for _, d := range testData {
		if !strings.Contains(index, d.Size) {
			t.Errorf("index.html does not give the size of %s (%s)", d.Href, d.Size)
		}
	}
	for _, p := range []string{"data/scorecard.json", "data/measurements.csv", "data/scorecard.xlsx"} {
		if !strings.Contains(index, `<a href="`+p+`" download>`) {
			t.Errorf("index.html has no download link to %s", p)
		}
		if !strings.Contains(string(mustGet(t, files, "kpis/k001.html")), `href="../`+p+`"`) {
			t.Errorf("kpis/k001.html has no link to %s", p)
		}
	}
}

// TestNewPartsEscaping puts hostile names into the parts the index, the
// initiatives and the health pages add and checks they stay text.
func TestNewPartsEscaping(t *testing.T) {
	evil := `</text></svg><script>alert(1)</script>"'><img src=x onerror=alert(2)>`
	sc := fixture.Scorecard(fixture.Options{KPIs: 12, Evil: evil})
	sc.KPIs[0].Owner = "Owner" + evil
	sc.Initiatives[0].Owner = evil
	sc.Initiatives[0].Status = evil
	scorecard.ReviewHealth(sc)
	files := render(t, sc, Options{})
	for _, p := range []string{"index.html", "initiatives.html", "health.html", "kpis/k001.html"} {
		s := string(mustGet(t, files, p))
		for _, bad := range []string{"<script>alert", "<img src=x", "</text></svg><"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s holds %q", p, bad)
			}
		}
	}
	doc := parseFile(t, files, "index.html")
	svgs := find(doc, func(n *html.Node) bool { return n.Data == "svg" && hasClass(n, "map-svg") })
	if len(svgs) != 1 {
		t.Fatal("the strategy map broke apart")
	}
	if n := len(find(svgs[0], func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "map-box") })); n != 8 {
		t.Errorf("the map has %d boxes after escaping, want 8", n)
	}
	if !strings.Contains(text(svgs[0]), "</text></svg>") {
		t.Errorf("the map does not show the hostile name as text")
	}
}
