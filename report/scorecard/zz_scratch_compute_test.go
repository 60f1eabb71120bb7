package scorecard

import (
	"fmt"
	"testing"
)

func TestScratchSample(t *testing.T) {
	sc, ps, err := Load([]string{"../../sample-data/northvale-water.xlsx"}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_ = ps
	Compute(sc)
	fmt.Println("period", sc.Period.Key(), sc.PeriodLabel, "org", sc.Score)
	for _, p := range sc.Perspectives {
		fmt.Println("P", p.Name, p.Score)
	}
	for _, k := range sc.KPIs {
		fmt.Printf("%-8s %-8v %-7v %-8v ratio=%v | %s | prev %s | ya %s | ytd %s | %v\n", k.ID, k.Frequency, k.Direction, k.Aggregation, k.Ratio, ptString(k.Current), ptString(k.Previous), ptString(k.YearAgo), ptString(k.YTD), k.Trend)
	}
	for _, in := range sc.Initiatives {
		fmt.Println(in.ID, in.Due.Format("2006-01-02"), in.Status, in.PercentComplete, in.Overdue)
	}
}
