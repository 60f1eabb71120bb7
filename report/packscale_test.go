package report

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"kpireport/internal/genbook"
	"kpireport/report/scorecard"
	"kpireport/report/view"
)

// packBudget is the most bytes a review pack may have at 5,000 KPIs (issue
// 11: no page over 1 MB).
const packBudget = 1 << 20

var (
	packCard   = regexp.MustCompile(`<h4 class="kpi-title" id="k-[^"]*-h">([^<]*)</h4>`)
	packRow    = regexp.MustCompile(`<tr><th scope="row"><a href="(#k-|\.\./kpis/)[^"]*">([^<]*)</a></th><td class="status`)
	packNote   = regexp.MustCompile(`<p class="chart-note">Full cards for the ([0-9,]+) KPIs .* The other ([0-9,]+) are `)
	packOthers = regexp.MustCompile(`<p class="pack-others">The other ([0-9,]+) KPIs of ([^<]*?) are in its review pack`)
)

// TestPacksAtScale builds 5,000 KPIs × 12 months with packs: every pack is
// at most packBudget; each perspective pack has every active KPI of its
// perspective, with a card or as a row, and its cards are for the KPIs
// first in need of the board's eye (key KPIs, then scorecard.Attention's
// order); the board pack's cards are among the perspective packs' and it
// counts the rest; the notes' counts add up. It takes about 10 s on two
// cores.
func TestPacksAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 5,000 KPIs × 12 months with packs")
	}
	book, site := buildGenerated(t, genbook.Spec{KPIs: 5000, Months: 12}, false)
	sc, err := loadNow(Options{Inputs: []string{book}}, io.Discard, newStages(Options{}, io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	v := view.New(sc, "")
	files, err := filepath.Glob(filepath.Join(site, "packs", "*.html"))
	if err != nil || len(files) != len(sc.Perspectives)+1 {
		t.Fatalf("packs %v (%v)", files, err)
	}
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", filepath.Base(f), fi.Size())
		if fi.Size() > packBudget {
			t.Errorf("%s is %d bytes, over %d", filepath.Base(f), fi.Size(), packBudget)
		}
	}
	// The order of need: key KPIs, then those needing attention.
	var first []*scorecard.KPI
	for _, k := range sc.KPIs {
		if k.Key && !k.Retired {
			first = append(first, k)
		}
	}
	for _, it := range scorecard.Attention(sc) {
		if !it.KPI.Key {
			first = append(first, it.KPI)
		}
	}
	carded := map[string]bool{}
	for _, p := range sc.Perspectives {
		html := readSite(t, site, "packs/"+v.PerspectiveSlug(p)+".html")
		active := map[string]bool{}
		for _, o := range p.Objectives {
			for _, k := range o.KPIs {
				if !k.Retired {
					active[k.Name] = true
				}
			}
		}
		cards := names(packCard.FindAllStringSubmatch(html, -1))
		rows, linked := map[string]bool{}, map[string]bool{}
		// A row links to its card, or to the KPI's page on the site.
		for _, m := range packRow.FindAllStringSubmatch(html, -1) {
			rows[m[2]] = true
			if m[1] == "#k-" {
				linked[m[2]] = true
			}
		}
		if len(rows) != len(active) || len(cards) == 0 || len(cards) != len(linked) {
			t.Errorf("%s: %d rows (%d linked to cards), %d cards, %d active KPIs", p.Name, len(rows), len(linked), len(cards), len(active))
		}
		for n := range active {
			if !rows[n] {
				t.Errorf("%s: %s has no row", p.Name, n)
			}
		}
		for n := range cards {
			if !linked[n] {
				t.Errorf("%s: %s has a card and no row linked to it", p.Name, n)
			}
			carded[n] = true
		}
		// The cards are for the first of the perspective's KPIs in need.
		i := 0
		for _, k := range first {
			if !active[k.Name] {
				continue
			}
			if want := i < len(cards); cards[k.Name] != want {
				t.Errorf("%s: %s, %d in need of the eye, has a card: %v, want %v", p.Name, k.Name, i, cards[k.Name], want)
			}
			i++
		}
		if i < len(cards) {
			t.Errorf("%s: %d cards, but only %d KPIs in need of the eye: the test wants more", p.Name, len(cards), i)
		}
		m := packNote.FindStringSubmatch(html)
		if m == nil || number(t, m[1]) != len(cards) || number(t, m[1])+number(t, m[2]) != len(active) {
			t.Errorf("%s: note %q with %d cards of %d KPIs", p.Name, m, len(cards), len(active))
		}
	}
	board := readSite(t, site, "packs/board-pack.html")
	cards := names(packCard.FindAllStringSubmatch(board, -1))
	for n := range cards {
		if !carded[n] {
			t.Errorf("board pack: %s has a card, and none in its perspective's pack", n)
		}
	}
	others := 0
	for _, m := range packOthers.FindAllStringSubmatch(board, -1) {
		others += number(t, m[1])
	}
	m := packNote.FindStringSubmatch(board)
	if len(cards) == 0 || m == nil || number(t, m[1]) != len(cards) || number(t, m[2]) != others || len(cards)+others != 5000 {
		t.Errorf("board pack: %d cards, %d others counted in the sections, note %q", len(cards), others, m)
	}
}

// names is the set of the first submatches of ms.
func names(ms [][]string) map[string]bool {
	out := map[string]bool{}
	for _, m := range ms {
		out[m[1]] = true
	}
	return out
}

// number reads a count written with thousands separators ("1,234").
func number(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		t.Fatal(err)
	}
	return n
}
