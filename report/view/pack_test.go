package view

import (
	"context"
	"html/template"
	"testing"

	"kpireport/report/internal/fixture"
)

// TestPackModels checks that the packs' view-models hold every perspective,
// objective and active KPI once, with the chart drawn for each placed by
// its id, and that the board pack has one section per perspective.
func TestPackModels(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 12})
	v := New(sc, "")
	charts, err := v.PackCharts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	svg := map[string]template.HTML{}
	for _, c := range charts {
		if _, dup := svg[c.ID]; dup {
			t.Errorf("two pack charts have the id %q", c.ID)
		}
		svg[c.ID] = template.HTML("<svg id=" + c.ID + "></svg>")
	}
	board, err := v.BoardPack("board-pack.html", svg)
	if err != nil {
		t.Fatal(err)
	}
	if !board.Board || board.Overall != nil || board.Chart != svg[packBoardChartID] || board.Chart == "" {
		t.Errorf("board pack: board %v, overall %v, chart %q", board.Board, board.Overall, board.Chart)
	}
	if len(board.Sections) != len(sc.Perspectives) || len(board.Contents) != len(sc.Perspectives) {
		t.Fatalf("board pack: %d sections and %d contents lines, want %d", len(board.Sections), len(board.Contents), len(sc.Perspectives))
	}
	cards, active := 0, 0
	for i, s := range board.Sections {
		p := sc.Perspectives[i]
		if s.Name != p.Name || len(s.Objectives) != len(p.Objectives) || len(board.Contents[i].Sub) != len(p.Objectives) {
			t.Errorf("section %d: %q with %d objectives, want %q with %d", i, s.Name, len(s.Objectives), p.Name, len(p.Objectives))
		}
		for _, o := range s.Objectives {
			for _, c := range o.KPIs {
				cards++
				if c.Chart != svg["pack-kpi-"+c.Anchor[len("k-"):]] {
					t.Errorf("card %q has chart %q", c.Name, c.Chart)
				}
			}
		}
	}
	for _, k := range sc.KPIs {
		if !k.Retired {
			active++
		}
	}
	if cards != active {
		t.Errorf("%d KPI cards, want one for each of the %d active KPIs", cards, active)
	}

	p := sc.Perspectives[0]
	one, err := v.PerspectivePack(p, svg)
	if err != nil {
		t.Fatal(err)
	}
	if one.Board || one.Overall == nil || one.Heading != p.Name || len(one.Sections) != 1 || one.Title != p.Name+" review pack" {
		t.Errorf("%s pack: board %v, overall %v, heading %q, %d sections, title %q", p.Name, one.Board, one.Overall, one.Heading, len(one.Sections), one.Title)
	}
}
