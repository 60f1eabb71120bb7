package main

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"time"
)

// series shapes a KPI's history: a straight trend from Start to End, a
// yearly cycle, a rise each April, one-off events and noise.
type series struct {
	Start, End float64            // trend level at the first and the last period
	Step       float64            // the level grows by this fraction each fiscal year (tariffs)
	Season     float64            // amplitude of the yearly cycle, in the KPI's unit
	Peak       int                // calendar month at which the cycle peaks (1-12)
	Noise      float64            // standard deviation of the noise, in the KPI's unit
	Events     map[string]float64 // added to the value in the named period ("2024-01", "FY2025 Q3")
	Min, Max   float64            // clamps; Max 0 means none
	Until      string             // last month with data ("2026-04"); "" for all
	Ratio      *ratio             // set for KPIs computed from a numerator and a denominator
}

// ratio makes the denominator of a ratio KPI; the numerator is
// round(rate / Scale × denominator), and the actual Scale × numerator ÷ denominator.
type ratio struct {
	Scale  float64 // 100 for a percentage
	Level  float64 // typical denominator
	Season float64 // yearly cycle, as a fraction of Level
	Peak   int
	Noise  float64 // noise, as a fraction of Level
}

// period is one period of a KPI's history.
type period struct {
	Key   string    // "2024-01" for months, "FY2025 Q3" or "FY2025" otherwise
	Date  time.Time // first day of the month, for months
	FY    int       // fiscal year
	FQ    int       // fiscal quarter (1-4); 0 for years
	Month int       // calendar month used for the season; 0 for none
}

// monthly, quarterly and annual list the periods the data cover.
func monthly() []period {
	var ps []period
	for i := range months {
		d := time.Date(firstYear, time.Month(firstMonth+i), 1, 0, 0, 0, 0, time.UTC)
		fy, fq := fiscal(d.Year(), int(d.Month()))
		ps = append(ps, period{Key: d.Format("2006-01"), Date: d, FY: fy, FQ: fq, Month: int(d.Month())})
	}
	return ps
}

func quarterly() []period {
	var ps []period
	for _, m := range monthly() {
		if (m.Month-fyStartMonth+12)%3 == 1 { // middle month of a fiscal quarter
			ps = append(ps, period{Key: fmt.Sprintf("FY%d Q%d", m.FY, m.FQ), FY: m.FY, FQ: m.FQ, Month: m.Month})
		}
	}
	return ps
}

func annual() []period {
	// FY2024 to FY2026: the fiscal years that have closed by September 2026.
	return []period{{Key: "FY2024", FY: 2024}, {Key: "FY2025", FY: 2025}, {Key: "FY2026", FY: 2026}}
}

// fiscal returns the fiscal year and quarter of a calendar month.
func fiscal(year, month int) (fy, fq int) {
	fy = year
	if month >= fyStartMonth {
		fy++
	}
	return fy, (month-fyStartMonth+12)%12/3 + 1
}

func periodsOf(k kpi) []period {
	switch k.Frequency {
	case "quarterly":
		return quarterly()
	case "annual":
		return annual()
	}
	return monthly()
}

// point is one generated value of a KPI.
type point struct {
	Period           period
	Actual           float64 // rounded to the KPI's decimals
	Numerator, Denom float64 // 0 unless the KPI is a ratio
}

// history draws a KPI's values. Each KPI has its own random stream, seeded
// from its id, so editing one KPI leaves the others' numbers alone.
func history(k kpi) []point {
	h := fnv.New64a()
	h.Write([]byte(k.ID))
	rng := rand.New(rand.NewPCG(20260930, h.Sum64()))

	s := k.Series
	ps := periodsOf(k)
	var out []point
	for i, p := range ps {
		// Draw every random number even for skipped periods, so the
		// stream stays aligned.
		noise := rng.NormFloat64()
		denNoise := rng.NormFloat64()
		if s.Until != "" && p.Date.Format("2006-01") > s.Until {
			continue
		}
		t := 0.0
		if len(ps) > 1 {
			t = float64(i) / float64(len(ps)-1)
		}
		v := s.Start + (s.End-s.Start)*t
		v *= math.Pow(1+s.Step, float64(p.FY-ps[0].FY))
		if p.Month != 0 {
			v += s.Season * cycle(p.Month, s.Peak)
		}
		v += s.Events[p.Key] + s.Noise*noise
		v = math.Max(v, s.Min)
		if s.Max != 0 {
			v = math.Min(v, s.Max)
		}
		pt := point{Period: p}
		if r := s.Ratio; r != nil {
			den := r.Level * (1 + r.Season*cycle(p.Month, r.Peak) + r.Noise*denNoise)
			pt.Denom = math.Round(den)
			pt.Numerator = math.Round(v / r.Scale * pt.Denom)
			v = r.Scale * pt.Numerator / pt.Denom
		}
		pt.Actual = round(v, k.Decimals)
		out = append(out, pt)
	}
	return out
}

// cycle is a yearly wave of amplitude 1 that peaks in month peak.
func cycle(month, peak int) float64 {
	return math.Cos(2 * math.Pi * float64(month-peak) / 12)
}

// round rounds v to d decimals, giving the float whose shortest form has at
// most d decimals.
func round(v float64, d int) float64 {
	p := math.Pow(10, float64(d))
	r := math.Round(v*p) / p
	if r == 0 {
		return 0 // no negative zero
	}
	return r
}
