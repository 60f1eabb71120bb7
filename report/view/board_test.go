package view

import (
	"slices"
	"testing"

	"kpireport/report/internal/fixture"
	"kpireport/report/scorecard"
)

// TestBoardPage checks the board's page: five KPIs at most needing
// attention, one line per perspective naming the year, and the decisions
// taken from "Decision:" lines of any scope and from a "decisions" scope.
func TestBoardPage(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 40})
	sc.Comments = append(sc.Comments,
		&scorecard.Comment{Scope: "overall", Markdown: "The year is going well.\n\n- Decision: approve the mains renewal budget\nNot a decision: this line"},
		&scorecard.Comment{Scope: "decisions", Markdown: "Note the pension review\n\n"},
	)
	p := sc.Perspectives[0]
	p.Comments = append(p.Comments, &scorecard.Comment{Scope: p.Name, Markdown: "decision: extend the pilot"})
	b := New(sc, "").boardPage()
	want := []string{"approve the mains renewal budget", "Note the pension review", "extend the pilot"}
	if !slices.Equal(b.Decisions, want) {
		t.Errorf("decisions %q, want %q", b.Decisions, want)
	}
	if len(b.Attention) > BoardAttention {
		t.Errorf("%d KPIs needing attention, at most %d", len(b.Attention), BoardAttention)
	}
	if len(b.Perspectives) != len(sc.Perspectives) {
		t.Fatalf("%d perspectives, want %d", len(b.Perspectives), len(sc.Perspectives))
	}
	for _, bp := range b.Perspectives {
		if bp.Outlook == "" {
			t.Errorf("%s: no outlook line", bp.Name)
		}
	}
	if b.Counts.Total != sc.Score.Total {
		t.Errorf("counts total %d, want %d", b.Counts.Total, sc.Score.Total)
	}
}

func TestVarianceView(t *testing.T) {
	f := numFormat{scale: 1, decimals: 0, prefix: "£"}
	v := varianceView(f, scorecard.VarianceOf(scorecard.Some(110), scorecard.Some(100), scorecard.Lower), scorecard.Some(100))
	if v.Abs.Text != "+£10" || v.Rel.Text != "+10.0%" || v.Word != "unfavourable" || v.Slug != "unfavourable" {
		t.Errorf("a rise in costs: %+v", v)
	}
	v = varianceView(f, scorecard.VarianceOf(scorecard.Some(90), scorecard.Some(100), scorecard.Lower), scorecard.Some(100))
	if v.Abs.Text != "-£10" || v.Rel.Text != "-10.0%" || v.Word != "favourable" {
		t.Errorf("a fall in costs: %+v", v)
	}
	v = varianceView(f, scorecard.VarianceOf(scorecard.Some(5), scorecard.Some(0), scorecard.Higher), scorecard.Some(0))
	if v.Rel.OK || v.Word != "favourable" {
		t.Errorf("against zero: %+v", v)
	}
}
