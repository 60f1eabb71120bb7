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

// TestBoardChartBudget gives 100 KPIs charts of 23 kB each, as ECharts
// draws them: the board pack keeps the charts of the KPIs most in need of
// the board's eye while they fit in BoardChartBytes, sparklines for the
// rest, and says so; a perspective pack keeps every chart. Charts that fit
// are all kept.
func TestBoardChartBudget(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 100})
	sc.KPIs[len(sc.KPIs)-1].Key = true
	v := New(sc, "")
	charts, err := v.PackCharts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{23 << 10, 2 << 10} {
		svg := map[string]template.HTML{}
		for _, c := range charts {
			svg[c.ID] = template.HTML("<svg id=" + c.ID + ">" + strings.Repeat(" ", size) + "</svg>")
		}
		board, err := v.BoardPack("board-pack.html", svg)
		if err != nil {
			t.Fatal(err)
		}
		cards := map[string]KPICard{}
		bytes, full, spark := 0, 0, 0
		for _, s := range board.Sections {
			for _, o := range s.Objectives {
				for _, c := range o.KPIs {
					cards[c.Anchor] = c
					bytes += len(c.Chart)
					if c.Chart != "" {
						full++
					} else if len(c.Spark.Lines) > 0 {
						spark++
					}
				}
			}
		}
		if board.Chart == "" {
			t.Errorf("%d-byte charts: the board lost its perspectives' chart", size)
		}
		if size == 2<<10 {
			if spark != 0 || board.ChartNote != "" {
				t.Errorf("charts that fit: %d sparklines, note %q", spark, board.ChartNote)
			}
			continue
		}
		if bytes > BoardChartBytes || full == 0 || spark == 0 || full+spark != len(cards) {
			t.Errorf("%d full charts (%d bytes), %d sparklines of %d cards; want charts within %d bytes, the rest sparklines", full, bytes, spark, len(cards), BoardChartBytes)
		}
		// The charts kept are the first of boardOrder: the key KPI, then
		// those needing attention.
		order := v.boardOrder()
		if order[0] != sc.KPIs[len(sc.KPIs)-1] {
			t.Errorf("board order starts with %s, want the key KPI", order[0].ID)
		}
		if len(order) != len(sc.KPIs) {
			t.Errorf("board order has %d KPIs, want %d", len(order), len(sc.KPIs))
		}
		// After the key KPI and those needing attention, the others at
		// risk come lowest score first, then the rest.
		attn := map[*scorecard.KPI]bool{}
		for _, it := range scorecard.Attention(sc) {
			attn[it.KPI] = true
		}
		last, rest := -1.0, false
		for _, k := range order[1:] {
			switch {
			case attn[k]:
			case needsEye(k):
				if rest || k.Current.Score.V < last {
					t.Errorf("%s (at risk, score %.2f) comes after a score of %.2f or a KPI not needing the eye", k.ID, k.Current.Score.V, last)
				}
				last = k.Current.Score.V
			default:
				rest = true
			}
		}
		n := 0
		for _, k := range order {
			if k.Retired || len(k.Series) == 0 {
				continue
			}
			c := cards["k-"+v.KPISlug(k)]
			if want := n < full; (c.Chart != "") != want {
				t.Errorf("%s, %d in the board's order: full chart %v, want %v", k.ID, n, c.Chart != "", want)
			}
			n++
		}
		want := fmt.Sprintf("Full charts for the %d KPIs most in need of the board's eye", full)
		if !strings.HasPrefix(board.ChartNote, want) || !strings.Contains(board.ChartNote, fmt.Sprintf("a sparkline for the other %d (the perspective packs have full charts for %d of them)", spark, spark)) {
			t.Errorf("note %q", board.ChartNote)
		}
		p, err := v.PerspectivePack(sc.Perspectives[0], svg)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range p.Sections[0].Objectives {
			for _, c := range o.KPIs {
				if c.Chart == "" && len(c.Spark.Lines) == 0 {
					continue // no data
				}
				if c.Chart == "" {
					t.Errorf("perspective pack: %s has no full chart", c.Name)
				}
			}
		}
	}
}
