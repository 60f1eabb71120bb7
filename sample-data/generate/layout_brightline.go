package main

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
)

// Brightline Cycles is a fictional bike-share company. Its weekly sheet has
// one column per metric; a transposed Metrics sheet describes each metric in
// a column of its own, and a third sheet holds monthly targets.
const (
	brightlineDir    = "layouts/metric-columns"
	brightlineName   = "brightline-cycles.xlsx"
	brightlineWeekly = "Weekly"
)

// brightlineMetric describes one metric: a Metrics column, a Weekly column
// and a Monthly targets column, all headed by name.
type brightlineMetric struct {
	name, area, better, unit, rollup string
	targets                          []float64 // per month, January to June 2026
}

// brightlineWeeks is how many weeks the Weekly sheet holds, the first
// ending on Sunday 4 January 2026.
const brightlineWeeks = 26

var brightlineFirst = time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)

var brightlineMonths = []string{"Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026"}

// brightlineMetrics lists the metrics. The targets of the summed metrics
// are monthly totals: the planned weekly level times the weeks ending in
// that month (4, 4, 5, 4, 5, 4).
var brightlineMetrics = []brightlineMetric{
	{"Rides", "Operations", "up", "rides", "sum",
		[]float64{152000, 164000, 235000, 212000, 290000, 244000}},
	{"Revenue (£)", "Finance", "up", "£", "sum",
		[]float64{266000, 287000, 411300, 371000, 507500, 427000}},
	{"Active members", "Customers", "up", "members", "last",
		[]float64{8400, 8600, 8800, 9000, 9200, 9400}},
	{"NPS", "Customers", "up", "", "average",
		[]float64{40, 40, 42, 42, 44, 44}},
	{"Churn %", "Customers", "down", "%", "average",
		[]float64{0.030, 0.030, 0.028, 0.028, 0.026, 0.026}},
}

// brightlineRow is one row of the Weekly sheet.
type brightlineRow struct {
	ending                       time.Time
	rides, revenue, members, nps float64
	churn                        float64 // a fraction
}

// brightlineData draws the weekly figures: rides climb from winter into
// summer with an Easter bump, revenue follows rides, membership grows
// steadily, churn eases. The noise comes from a fixed seed.
func brightlineData() []brightlineRow {
	rng := rand.New(rand.NewPCG(20260104, 7))
	var out []brightlineRow
	members := 8240.0
	for i := range brightlineWeeks {
		t := float64(i) / (brightlineWeeks - 1)
		d := brightlineFirst.AddDate(0, 0, 7*i)
		level := 37500 + 24000*t*(0.6+0.4*t)
		if d.Format(time.DateOnly) == "2026-04-05" { // Easter Sunday
			level *= 1.08
		}
		rides := math.Round(level * (1 + 0.035*rng.NormFloat64()))
		fare := 1.74 + 0.02*rng.NormFloat64()
		members += 45 + 20*rng.NormFloat64()
		out = append(out, brightlineRow{
			ending:  d,
			rides:   rides,
			revenue: math.Round(rides * fare),
			members: math.Round(members),
			nps:     math.Round(40 + 4*t + 1.5*rng.NormFloat64()),
			churn:   round(0.031-0.006*t+0.0015*rng.NormFloat64(), 4),
		})
	}
	return out
}

func writeBrightline(dir string) error {
	b, err := newLayoutBook(brightlineWeekly)
	if err != nil {
		return err
	}
	defer b.f.Close()
	const metrics, monthly = "Metrics", "Monthly targets"
	for _, s := range []string{metrics, monthly} {
		if err := b.newSheet(s); err != nil {
			return err
		}
	}
	dayFmt, churnFmt := "dd/mm/yyyy", "0.0%"
	day, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &dayFmt})
	if err != nil {
		return err
	}
	churn, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &churnFmt})
	if err != nil {
		return err
	}

	names := []string{"Week ending"}
	for _, m := range brightlineMetrics {
		names = append(names, m.name)
	}
	if err := b.header(brightlineWeekly, 1, names...); err != nil {
		return err
	}
	for i, w := range brightlineData() {
		err := b.row(brightlineWeekly, 2+i, styled{w.ending, day}, w.rides, w.revenue, w.members, w.nps, styled{w.churn, churn})
		if err != nil {
			return err
		}
	}
	if err := b.freeze(brightlineWeekly, 2); err != nil {
		return err
	}
	if err := b.widths(brightlineWeekly, 13, 10, 13, 15, 8, 10); err != nil {
		return err
	}

	// Metrics is transposed: the field names run down column A.
	for i, field := range []string{"Metric", "Area", "Better", "Unit", "Roll-up"} {
		if err := b.row(metrics, 1+i, styled{field, b.bold}); err != nil {
			return err
		}
	}
	for j, m := range brightlineMetrics {
		for i, v := range []string{m.name, m.area, m.better, m.unit, m.rollup} {
			if err := b.rowAt(metrics, 1+i, 2+j, optStr(v)); err != nil {
				return err
			}
		}
	}
	if err := b.widths(metrics, 10, 12, 13, 15, 10, 10); err != nil {
		return err
	}

	names[0] = "Month"
	if err := b.header(monthly, 1, names...); err != nil {
		return err
	}
	for i, month := range brightlineMonths {
		if err := b.row(monthly, 2+i, month); err != nil {
			return err
		}
		for j, m := range brightlineMetrics {
			v := any(m.targets[i])
			if m.name == "Churn %" {
				v = styled{v, churn}
			}
			if err := b.rowAt(monthly, 2+i, 2+j, v); err != nil {
				return err
			}
		}
	}
	if err := b.widths(monthly, 10, 10, 13, 15, 8, 10); err != nil {
		return err
	}
	return b.save(filepath.Join(dir, brightlineName), "Brightline Cycles — weekly metrics", "Brightline Cycles Insight Team")
}
