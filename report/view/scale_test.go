package view

import (
	"context"
	"fmt"
	"html/template"
	"strings"
	"testing"

	"kpireport/report/internal/fixture"
	"kpireport/report/scorecard"
)

// TestPackCardsAtScale gives 600 KPIs charts of 14 kB each, as the packs
// draw them at 60 months: each perspective pack has cards for the first of
// its KPIs in boardOrder while they fit in packCardLimit, with a full chart
// only for those needing the eye, and a compact row under its objective for
// every active KPI, linked to its card when it has one; the board pack has
// cards for the first of those within BoardCardBytes and counts the rest;
// the notes' counts add up. pack_charts all keeps every card and chart.
func TestPackCardsAtScale(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 600})
	sc.KPIs[0].Key, sc.KPIs[1].Key = true, true
	for _, mode := range []string{"", "all"} {
		sc.Settings.PackCharts = mode
		v := New(sc, "")
		charts, err := v.PackCharts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		svg := map[string]template.HTML{}
		for _, c := range charts {
			svg[c.ID] = template.HTML("<svg id=" + c.ID + ">" + strings.Repeat(" ", 14<<10) + "</svg>")
		}
		board, err := v.BoardPack("board-pack.html", svg)
		if err != nil {
			t.Fatal(err)
		}
		if mode == "all" {
			cards := 0
			for _, s := range board.Sections {
				for _, o := range s.Objectives {
					cards += len(o.KPIs)
				}
			}
			if board.Compact || cards != activeCount(sc) {
				t.Errorf("pack_charts all: compact %v, %d cards of %d KPIs", board.Compact, cards, activeCount(sc))
			}
			continue
		}
		if len(charts) >= activeCount(sc) {
			t.Errorf("at scale %d charts drawn for %d KPIs", len(charts), activeCount(sc))
		}
		order := v.boardOrder()
		pool := map[*scorecard.KPI]bool{}
		byName := map[string]*scorecard.KPI{}
		for _, k := range sc.KPIs {
			byName[k.Name] = k
		}
		for _, p := range sc.Perspectives {
			pk, err := v.PerspectivePack(p, svg)
			if err != nil {
				t.Fatal(err)
			}
			all := v.perspectiveKPIs(p)
			carded, rows, bytes := map[*scorecard.KPI]bool{}, map[*scorecard.KPI]bool{}, 0
			s := pk.Sections[0]
			if len(s.Table.Rows) != 0 || s.YearEnd.Rows != nil {
				t.Errorf("%s: %d scorecard rows, %d year-end rows at scale", p.Name, len(s.Table.Rows), len(s.YearEnd.Rows))
			}
			for _, o := range s.Objectives {
				for _, c := range o.KPIs {
					k := byName[c.Name]
					carded[k], bytes = true, bytes+cardSize(c)
					if (c.Chart != "") != (len(k.Series) > 0 && needsEye(k)) {
						t.Errorf("%s: card of %s has a full chart %v", p.Name, c.Name, c.Chart != "")
					}
				}
				for _, row := range o.Table.Rows {
					rows[byName[row.Name]] = true
				}
			}
			for _, o := range s.Objectives {
				for _, row := range o.Table.Rows {
					k := byName[row.Name]
					if want := map[bool]string{true: "#k-" + v.KPISlug(k), false: "../" + v.KPIPath(k)}[carded[k]]; row.Href != want {
						t.Errorf("%s: row of %s links to %q, want %q", p.Name, row.Name, row.Href, want)
					}
				}
			}
			if len(rows) != len(all) || len(carded) == 0 || len(carded) == len(all) || bytes > v.packCardLimit(p) {
				t.Errorf("%s: %d KPIs with rows, %d with cards (%d bytes) of %d", p.Name, len(rows), len(carded), bytes, len(all))
			}
			// The carded KPIs are the first of the perspective's in
			// boardOrder.
			for i, k := range v.ordered(order, all) {
				if carded[k] != (i < len(carded)) {
					t.Errorf("%s: %s, %d in the board's order, has a card: %v", p.Name, k.ID, i, carded[k])
				}
				pool[k] = pool[k] || carded[k]
			}
			want := fmt.Sprintf("Full cards for the %d KPIs most in need of attention", len(carded))
			if !pk.Compact || !strings.HasPrefix(pk.ChartNote, want) || !strings.HasSuffix(pk.ChartNote, fmt.Sprintf("The other %d are one row each under their objectives.", len(all)-len(carded))) {
				t.Errorf("%s: note %q", p.Name, pk.ChartNote)
			}
		}
		n := 0
		for i, s := range board.Sections {
			in := 0
			for _, o := range s.Objectives {
				if len(o.Table.Rows) != 0 {
					t.Errorf("board pack: %d rows under %s", len(o.Table.Rows), o.Name)
				}
				for _, c := range o.KPIs {
					if !pool[byName[c.Name]] {
						t.Errorf("board pack: %s has a card its perspective's pack has not", c.Name)
					}
					in++
				}
			}
			n += in
			p := sc.Perspectives[i]
			if rest := len(v.perspectiveKPIs(p)) - in; s.Others == nil || !strings.HasPrefix(s.Others.Text, fmt.Sprintf("The other %d KPIs of %s are in its review pack", rest, p.Name)) || s.Others.File != v.PerspectiveSlug(p)+".html" {
				t.Errorf("board pack, %s: %d cards, others %+v", p.Name, in, s.Others)
			}
		}
		if n == 0 || n*14<<10 > BoardCardBytes || !strings.HasPrefix(board.ChartNote, fmt.Sprintf("Full cards for the %d KPIs", n)) || !strings.HasSuffix(board.ChartNote, fmt.Sprintf("The other %d are in their perspective's review pack.", activeCount(sc)-n)) {
			t.Errorf("board pack: %d cards, note %q", n, board.ChartNote)
		}
	}
}

// TestChangesCapped checks that a scorecard with many changes of one kind
// lists ChangeLinesShown of them, counts the rest and links changes.csv.
func TestChangesCapped(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 60})
	sc.Changes = &scorecard.Changes{Since: "FY2027 Q1", Source: "previous period"}
	for _, k := range sc.KPIs {
		sc.Changes.Items = append(sc.Changes.Items, scorecard.Change{Kind: scorecard.ChangeStatus, Scope: "kpi", ID: k.ID, Name: k.Name, What: "newly off target"})
	}
	v := New(sc, "").Changes("", nil)
	if v == nil || len(v.Groups) != 1 {
		t.Fatalf("changes %+v, want one group", v)
	}
	g := v.Groups[0]
	if len(g.Lines) != ChangeLinesShown || g.More != 60-ChangeLinesShown {
		t.Errorf("%d lines listed and %d more, want %d and %d", len(g.Lines), g.More, ChangeLinesShown, 60-ChangeLinesShown)
	}
	if g.Lines[0].Name != sc.KPIs[0].Name {
		t.Errorf("first line %q, want the first KPI %q", g.Lines[0].Name, sc.KPIs[0].Name)
	}
	if v.CSV != "data/changes.csv" {
		t.Errorf("CSV link %q", v.CSV)
	}
	few := New(sc, "")
	sc.Changes.Items = sc.Changes.Items[:3]
	if g := few.Changes("../", nil).Groups[0]; len(g.Lines) != 3 || g.More != 0 {
		t.Errorf("3 changes: %d lines and %d more", len(g.Lines), g.More)
	}
}

// TestCompactYearEnd checks that the compact year-end table keeps the KPIs
// in doubt or unlikely, and says in the scorecard's locale how many others
// there are and what they are.
func TestCompactYearEnd(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 8})
	b := New(sc, "")
	rows := func(slugs ...string) []YearEndRow {
		var out []YearEndRow
		for i, s := range slugs {
			out = append(out, YearEndRow{Name: fmt.Sprint("K", i), Outlook: OutlookView{OK: s != "", Slug: s}})
		}
		return out
	}
	for _, tt := range []struct {
		y     YearEnd
		names []string
		note  string
	}{
		{YearEnd{Rows: rows("likely", "unlikely", "in-doubt", "likely"), Likely: 1200, InDoubt: 1, Unlikely: 1},
			[]string{"K1", "K2"}, "the other 1,200, likely to meet it, are"},
		{YearEnd{Rows: rows("", "unlikely"), Unlikely: 1, None: 1}, []string{"K1"}, "the other 1, without a projection, are"},
		{YearEnd{Rows: rows("", "likely", "in-doubt"), Likely: 1, InDoubt: 1, None: 1}, []string{"K2"}, "the other 2, likely to meet it or without a projection, are"},
		{YearEnd{Rows: rows("unlikely"), Unlikely: 1}, []string{"K0"}, ""},
	} {
		y := tt.y
		b.compactYearEnd(&y)
		var names []string
		for _, r := range y.Rows {
			names = append(names, r.Name)
		}
		if fmt.Sprint(names) != fmt.Sprint(tt.names) {
			t.Errorf("%+v: kept %v, want %v", tt.y, names, tt.names)
		}
		if (tt.note == "") != (y.Unlisted == "") || !strings.Contains(y.Unlisted, tt.note) {
			t.Errorf("%+v: note %q, want one with %q", tt.y, y.Unlisted, tt.note)
		}
	}
}
