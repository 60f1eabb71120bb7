package chart

import (
	"fmt"
	"testing"
)

func f(v float64) *float64 { return &v }

func TestProto(t *testing.T) {
	c, err := History(HistoryInput{ID: "rev", Title: "Revenue", Unit: "£m", Decimals: 1, Frequency: "monthly",
		Labels: []string{"Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026"},
		Actual: []*float64{f(10), nil, f(12.34), f(11)}, Target: []*float64{f(12), f(12), f(12), f(12)}, RedFlag: []*float64{f(10.8), f(10.8), nil, f(10.8)}})
	fmt.Println(string(c.Option), c.Alt, err)
	s, err := Sparkline("sp", []*float64{f(1), nil, f(3), f(2), nil})
	fmt.Println(string(s.Option), s.Alt, err)
	sc, err := Scores("sc", "Perspectives", []string{"Financial", "Customer", "Internal", "Learning"}, []*float64{f(7.2), f(4.1), f(1), nil})
	fmt.Println(string(sc.Option), sc.Alt, err)
}
