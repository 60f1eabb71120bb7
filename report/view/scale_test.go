package view

import (
	"context"
	"html/template"
	"strings"
	"testing"

	"kpireport/report/internal/fixture"
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
