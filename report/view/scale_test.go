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

// TestPackChartsAtScale checks that above CompactAbove KPIs the packs draw
// full charts only for the KPIs that need the board's eye (and the key
// ones), a sparkline for the rest, say so, and that pack_charts all draws
// them all.
func TestPackChartsAtScale(t *testing.T) {
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
			svg[c.ID] = template.HTML("<svg id=" + c.ID + "></svg>")
		}
		board, err := v.BoardPack("board-pack.html", svg)
		if err != nil {
			t.Fatal(err)
		}
		full, spark := 0, 0
		for _, s := range board.Sections {
			for _, o := range s.Objectives {
				for _, c := range o.KPIs {
					if (c.Name == sc.KPIs[0].Name || c.Name == sc.KPIs[1].Name) && c.Chart == "" && len(sc.KPIs[0].Series) > 0 {
						t.Errorf("mode %q: key KPI %s has no full chart", mode, c.Name)
					}
					if c.Chart != "" {
						full++
					}
					if len(c.Spark.Lines) > 0 {
						spark++
					}
					if c.Chart != "" && len(c.Spark.Lines) > 0 {
						t.Errorf("%s mode %q: both a chart and a sparkline", c.Name, mode)
					}
				}
			}
		}
		want := 0
		for _, k := range sc.KPIs {
			if !k.Retired && len(k.Series) > 0 && (mode == "all" || needsEye(k)) {
				want++
			}
		}
		if full != want {
			t.Errorf("mode %q: %d full charts, want %d", mode, full, want)
		}
		if mode == "all" {
			if spark != 0 || board.ChartNote != "" {
				t.Errorf("pack_charts all: %d sparklines, note %q", spark, board.ChartNote)
			}
			continue
		}
		if spark == 0 || full == 0 {
			t.Errorf("at scale: %d full charts, %d sparklines; want some of each", full, spark)
		}
		if !strings.HasPrefix(board.ChartNote, "Full charts for the ") || !strings.Contains(board.ChartNote, "a sparkline for the other") {
			t.Errorf("at scale the note is %q", board.ChartNote)
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
