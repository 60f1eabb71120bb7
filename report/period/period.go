// Package period models reporting periods (months, fiscal quarters and fiscal
// years) and reads them from the text and date cells users type.
package period

import (
	"fmt"
	"time"
)

// Freq is how often a KPI is measured, and the length of a period.
type Freq int

const (
	Month   Freq = 1
	Quarter Freq = 2
	Year    Freq = 3
)

// String returns the frequency as the KPIs sheet spells it: "monthly",
// "quarterly" or "annual".
func (f Freq) String() string {
	switch f {
	case Month:
		return "monthly"
	case Quarter:
		return "quarterly"
	case Year:
		return "annual"
	}
	return "unknown"
}

// Noun names one period of the frequency: "month", "quarter" or "year".
func (f Freq) Noun() string {
	switch f {
	case Quarter:
		return "quarter"
	case Year:
		return "year"
	}
	return "month"
}

// Count writes n periods of the frequency: "1 month", "3 quarters".
func (f Freq) Count(n int) string {
	if n == 1 {
		return "1 " + f.Noun()
	}
	return fmt.Sprintf("%d %ss", n, f.Noun())
}

// Period is one month, fiscal quarter or fiscal year.
//
// A month is a calendar month: Year is the calendar year and N the month
// (1-12). A quarter is a fiscal quarter: Year is the fiscal year and N the
// quarter (1-4). A year is a fiscal year: Year is the fiscal year and N is 1.
// Fiscal years are named by the calendar year in which they end, so with a
// fiscal year starting in April, FY2026 runs from April 2025 to March 2026.
type Period struct {
	Freq Freq
	Year int
	N    int
}

// IsZero reports whether p is the zero Period (no period).
func (p Period) IsZero() bool { return p.Freq == 0 }

// Calendar turns fiscal periods into calendar months and back.
type Calendar struct {
	// Start is the first month of the fiscal year, 1 (January) to 12. Any
	// other value, such as the zero Calendar's, means January.
	Start int
	// SplitStart says which year a two-year label such as "2026/27" names
	// when the fiscal year starts in January, where no fiscal year spans
	// two calendar years and the label is ambiguous: the year it starts in
	// (2026) if set, else the year it ends in (2027). With a fiscal year
	// starting in any other month, "2026/27" is the year from 2026 into
	// 2027, which is FY2027, whatever SplitStart says.
	SplitStart bool
}

// fyStart returns the index (year*12 + month-1) of the first month of fiscal
// year fy.
func (c Calendar) fyStart(fy int) int {
	s := c.start()
	idx := fy*12 + s - 1
	if s > 1 {
		idx -= 12
	}
	return idx
}

// start returns the fiscal year's first month, 1-12.
func (c Calendar) start() int {
	if c.Start < 1 || c.Start > 12 {
		return 1
	}
	return c.Start
}

// MonthIndex returns a month's index, year*12 + month-1.
func MonthIndex(year, month int) int { return year*12 + month - 1 }

// MonthAt returns the month period with the given index.
func MonthAt(idx int) Period {
	y := idx / 12
	m := idx%12 + 1
	if idx < 0 && idx%12 != 0 {
		y--
		m += 12
	}
	return Period{Freq: Month, Year: y, N: m}
}

// First returns the index of the first month of p.
func (c Calendar) First(p Period) int {
	switch p.Freq {
	case Month:
		return MonthIndex(p.Year, p.N)
	case Quarter:
		return c.fyStart(p.Year) + 3*(p.N-1)
	case Year:
		return c.fyStart(p.Year)
	}
	return 0
}

// Last returns the index of the last month of p.
func (c Calendar) Last(p Period) int {
	switch p.Freq {
	case Month:
		return c.First(p)
	case Quarter:
		return c.First(p) + 2
	case Year:
		return c.First(p) + 11
	}
	return 0
}

// FiscalYear returns the fiscal year that holds the month with index idx.
func (c Calendar) FiscalYear(idx int) int {
	m := MonthAt(idx)
	if c.start() == 1 || m.N < c.start() {
		return m.Year
	}
	return m.Year + 1
}

// In returns the period of frequency f that holds p; p itself when f is p's
// frequency. It returns p unchanged when f is finer than p, or when p or f is
// not a known frequency.
func (c Calendar) In(p Period, f Freq) Period {
	if f <= p.Freq || p.Freq < Month || p.Freq > Year || f > Year {
		return p
	}
	idx := c.First(p)
	fy := c.FiscalYear(idx)
	if f == Year {
		return Period{Freq: Year, Year: fy, N: 1}
	}
	return Period{Freq: Quarter, Year: fy, N: (idx-c.fyStart(fy))/3 + 1}
}

// Add returns the period n periods after p (before, for negative n), of the
// same frequency.
func (c Calendar) Add(p Period, n int) Period {
	switch p.Freq {
	case Month:
		return MonthAt(c.First(p) + n)
	case Quarter:
		q := p.Year*4 + p.N - 1 + n
		return Period{Freq: Quarter, Year: floorDiv(q, 4), N: q - floorDiv(q, 4)*4 + 1}
	case Year:
		return Period{Freq: Year, Year: p.Year + n, N: 1}
	}
	return p
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// YearBefore returns the same period a year earlier.
func (c Calendar) YearBefore(p Period) Period {
	switch p.Freq {
	case Month:
		return c.Add(p, -12)
	case Quarter:
		return c.Add(p, -4)
	}
	return c.Add(p, -1)
}

// Before reports whether p ends before q ends (by last month, then by
// frequency, finer first). It is a total order on periods.
func (c Calendar) Before(p, q Period) bool {
	lp, lq := c.Last(p), c.Last(q)
	if lp != lq {
		return lp < lq
	}
	if p.Freq != q.Freq {
		return p.Freq < q.Freq
	}
	return false
}

// Key is the period's stable text form, used in file names, CSV and JSON:
// "2026-03", "2026-Q1", "2026". Quarters and years are fiscal.
func (p Period) Key() string {
	switch p.Freq {
	case Month:
		return fmt.Sprintf("%04d-%02d", p.Year, p.N)
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", p.Year, p.N)
	case Year:
		return fmt.Sprintf("%04d", p.Year)
	}
	return ""
}

// Label is the period as a reader sees it: "Mar 2026", and for quarters and
// years "Q1 2026" and "2026" when the fiscal year is the calendar year, or
// "FY2026 Q1" and "FY2026" otherwise.
func (c Calendar) Label(p Period) string {
	switch p.Freq {
	case Month:
		return time.Month(p.N).String()[:3] + fmt.Sprintf(" %d", p.Year)
	case Quarter:
		if c.start() == 1 {
			return fmt.Sprintf("Q%d %d", p.N, p.Year)
		}
		return fmt.Sprintf("FY%d Q%d", p.Year, p.N)
	case Year:
		if c.start() == 1 {
			return fmt.Sprintf("%d", p.Year)
		}
		return fmt.Sprintf("FY%d", p.Year)
	}
	return ""
}

// MarshalText writes the period's Key, so that periods read well in JSON.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.Key()), nil }
