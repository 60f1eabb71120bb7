package period

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
)

func mo(y, m int) Period { return Period{Freq: Month, Year: y, N: m} }
func qu(y, n int) Period { return Period{Freq: Quarter, Year: y, N: n} }
func fy(y int) Period    { return Period{Freq: Year, Year: y, N: 1} }

// starts are the fiscal year starts the tables cover.
var starts = []int{1, 4, 7, 10}

func TestFirstLast(t *testing.T) {
	tests := []struct {
		start       int
		p           Period
		first, last Period
	}{
		{1, mo(2026, 3), mo(2026, 3), mo(2026, 3)},
		{4, mo(2026, 3), mo(2026, 3), mo(2026, 3)},
		{1, qu(2026, 1), mo(2026, 1), mo(2026, 3)},
		{1, qu(2026, 4), mo(2026, 10), mo(2026, 12)},
		{1, fy(2026), mo(2026, 1), mo(2026, 12)},
		{4, qu(2026, 1), mo(2025, 4), mo(2025, 6)},
		{4, qu(2026, 3), mo(2025, 10), mo(2025, 12)},
		{4, qu(2026, 4), mo(2026, 1), mo(2026, 3)},
		{4, fy(2026), mo(2025, 4), mo(2026, 3)},
		{7, qu(2026, 1), mo(2025, 7), mo(2025, 9)},
		{7, qu(2026, 2), mo(2025, 10), mo(2025, 12)},
		{7, qu(2026, 3), mo(2026, 1), mo(2026, 3)},
		{7, qu(2026, 4), mo(2026, 4), mo(2026, 6)},
		{7, fy(2026), mo(2025, 7), mo(2026, 6)},
		{10, qu(2026, 1), mo(2025, 10), mo(2025, 12)},
		{10, qu(2026, 2), mo(2026, 1), mo(2026, 3)},
		{10, qu(2026, 4), mo(2026, 7), mo(2026, 9)},
		{10, fy(2026), mo(2025, 10), mo(2026, 9)},
		{2, fy(2026), mo(2025, 2), mo(2026, 1)},
		{12, fy(2026), mo(2025, 12), mo(2026, 11)},
		{12, qu(2026, 1), mo(2025, 12), mo(2026, 2)},
		// Out-of-range starts mean January.
		{0, fy(2026), mo(2026, 1), mo(2026, 12)},
		{13, qu(2026, 2), mo(2026, 4), mo(2026, 6)},
	}
	for _, tt := range tests {
		c := Calendar{Start: tt.start}
		if got := MonthAt(c.First(tt.p)); got != tt.first {
			t.Errorf("start %d: First(%s) = %s, want %s", tt.start, tt.p.Key(), got.Key(), tt.first.Key())
		}
		if got := MonthAt(c.Last(tt.p)); got != tt.last {
			t.Errorf("start %d: Last(%s) = %s, want %s", tt.start, tt.p.Key(), got.Key(), tt.last.Key())
		}
	}
}

func TestMonthAt(t *testing.T) {
	tests := []struct {
		idx  int
		want Period
	}{
		{MonthIndex(2026, 1), mo(2026, 1)},
		{MonthIndex(2026, 12), mo(2026, 12)},
		{0, mo(0, 1)},
		{-1, mo(-1, 12)},
		{-12, mo(-1, 1)},
		{-13, mo(-2, 12)},
	}
	for _, tt := range tests {
		if got := MonthAt(tt.idx); got != tt.want {
			t.Errorf("MonthAt(%d) = %+v, want %+v", tt.idx, got, tt.want)
		}
	}
}

func TestIn(t *testing.T) {
	tests := []struct {
		start int
		p     Period
		f     Freq
		want  Period
	}{
		{1, mo(2026, 3), Quarter, qu(2026, 1)},
		{1, mo(2026, 12), Quarter, qu(2026, 4)},
		{1, mo(2026, 12), Year, fy(2026)},
		{1, mo(2026, 3), Month, mo(2026, 3)},
		{4, mo(2026, 3), Quarter, qu(2026, 4)},
		{4, mo(2026, 3), Year, fy(2026)},
		{4, mo(2026, 4), Quarter, qu(2027, 1)},
		{4, mo(2026, 4), Year, fy(2027)},
		{4, mo(2025, 12), Quarter, qu(2026, 3)},
		{4, qu(2026, 4), Year, fy(2026)},
		{7, mo(2026, 6), Quarter, qu(2026, 4)},
		{7, mo(2026, 6), Year, fy(2026)},
		{7, mo(2026, 7), Quarter, qu(2027, 1)},
		{7, mo(2026, 7), Year, fy(2027)},
		{7, mo(2026, 1), Quarter, qu(2026, 3)},
		{10, mo(2026, 9), Quarter, qu(2026, 4)},
		{10, mo(2025, 10), Quarter, qu(2026, 1)},
		{10, mo(2025, 10), Year, fy(2026)},
		{10, mo(2026, 1), Quarter, qu(2026, 2)},
		{10, qu(2026, 1), Year, fy(2026)},
		// Finer frequencies, unknown frequencies and the zero Period are
		// left as they are.
		{4, fy(2026), Quarter, fy(2026)},
		{4, qu(2026, 2), Month, qu(2026, 2)},
		{4, Period{}, Year, Period{}},
		{4, mo(2026, 3), Freq(9), mo(2026, 3)},
	}
	for _, tt := range tests {
		c := Calendar{Start: tt.start}
		if got := c.In(tt.p, tt.f); got != tt.want {
			t.Errorf("start %d: In(%s, %v) = %+v, want %+v", tt.start, tt.p.Key(), tt.f, got, tt.want)
		}
	}
}

// TestInAgrees checks, month by month over several years, that quarters and
// years hold the months they should for every fiscal start.
func TestInAgrees(t *testing.T) {
	for start := 1; start <= 12; start++ {
		c := Calendar{Start: start}
		for idx := MonthIndex(2024, 1); idx <= MonthIndex(2028, 12); idx++ {
			m := MonthAt(idx)
			q, y := c.In(m, Quarter), c.In(m, Year)
			if c.In(q, Year) != y {
				t.Errorf("start %d: %s is in %s, which is in %s, not %s", start, m.Key(), q.Key(), c.In(q, Year).Key(), y.Key())
			}
			if idx < c.First(q) || idx > c.Last(q) || idx < c.First(y) || idx > c.Last(y) {
				t.Errorf("start %d: %s is outside %s or %s", start, m.Key(), q.Key(), y.Key())
			}
			if y.Year != c.FiscalYear(idx) {
				t.Errorf("start %d: FiscalYear(%s) = %d, want %d", start, m.Key(), c.FiscalYear(idx), y.Year)
			}
			// Fiscal years are named by the year they end in.
			if end := MonthAt(c.Last(y)); end.Year != y.Year {
				t.Errorf("start %d: FY%d ends in %s", start, y.Year, end.Key())
			}
		}
	}
}

// months returns the months of p, in order, from its first and last.
func months(c Calendar, p Period) []Period {
	var ms []Period
	for i := c.First(p); i <= c.Last(p); i++ {
		ms = append(ms, MonthAt(i))
	}
	return ms
}

// TestMonths checks which calendar months a fiscal quarter or year spans.
func TestMonths(t *testing.T) {
	tests := []struct {
		start int
		p     Period
		want  []Period
	}{
		{1, mo(2026, 5), []Period{mo(2026, 5)}},
		{1, qu(2026, 2), []Period{mo(2026, 4), mo(2026, 5), mo(2026, 6)}},
		{4, qu(2026, 4), []Period{mo(2026, 1), mo(2026, 2), mo(2026, 3)}},
		{7, qu(2026, 2), []Period{mo(2025, 10), mo(2025, 11), mo(2025, 12)}},
		{10, qu(2026, 1), []Period{mo(2025, 10), mo(2025, 11), mo(2025, 12)}},
		{12, qu(2026, 1), []Period{mo(2025, 12), mo(2026, 1), mo(2026, 2)}},
	}
	for _, tt := range tests {
		c := Calendar{Start: tt.start}
		if got := months(c, tt.p); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("start %d: Months(%s) = %v, want %v", tt.start, tt.p.Key(), got, tt.want)
		}
	}
	for _, start := range starts {
		c := Calendar{Start: start}
		ms := months(c, fy(2026))
		if len(ms) != 12 {
			t.Fatalf("start %d: FY2026 has %d months", start, len(ms))
		}
		if ms[0] != MonthAt(c.First(fy(2026))) || ms[11] != MonthAt(c.Last(fy(2026))) {
			t.Errorf("start %d: FY2026 runs %s..%s", start, ms[0].Key(), ms[11].Key())
		}
	}
}

func TestAdd(t *testing.T) {
	tests := []struct {
		p    Period
		n    int
		want Period
	}{
		{mo(2025, 12), 1, mo(2026, 1)},
		{mo(2026, 1), -1, mo(2025, 12)},
		{mo(2026, 3), 0, mo(2026, 3)},
		{mo(2026, 3), 25, mo(2028, 4)},
		{mo(2026, 3), -27, mo(2023, 12)},
		{qu(2026, 4), 1, qu(2027, 1)},
		{qu(2026, 1), -1, qu(2025, 4)},
		{qu(2026, 2), 7, qu(2028, 1)},
		{qu(2026, 2), -9, qu(2024, 1)},
		{fy(2026), 1, fy(2027)},
		{fy(2026), -3, fy(2023)},
		{Period{}, 5, Period{}},
	}
	for _, start := range starts {
		c := Calendar{Start: start}
		for _, tt := range tests {
			if got := c.Add(tt.p, tt.n); got != tt.want {
				t.Errorf("start %d: Add(%s, %d) = %+v, want %+v", start, tt.p.Key(), tt.n, got, tt.want)
			}
		}
	}
}

func TestYearBefore(t *testing.T) {
	tests := []struct {
		p, want Period
	}{
		{mo(2026, 3), mo(2025, 3)},
		{mo(2026, 1), mo(2025, 1)},
		{qu(2026, 1), qu(2025, 1)},
		{qu(2026, 4), qu(2025, 4)},
		{fy(2026), fy(2025)},
	}
	for _, start := range starts {
		c := Calendar{Start: start}
		for _, tt := range tests {
			if got := c.YearBefore(tt.p); got != tt.want {
				t.Errorf("start %d: YearBefore(%s) = %+v, want %+v", start, tt.p.Key(), got, tt.want)
			}
		}
	}
}

func TestBefore(t *testing.T) {
	tests := []struct {
		start int
		p, q  Period
		want  bool
	}{
		{1, mo(2026, 2), mo(2026, 3), true},
		{1, mo(2026, 3), mo(2026, 2), false},
		{1, mo(2026, 3), mo(2026, 3), false},
		{1, mo(2025, 12), mo(2026, 1), true},
		// Same last month: the finer period comes first.
		{1, mo(2026, 3), qu(2026, 1), true},
		{1, qu(2026, 1), mo(2026, 3), false},
		{1, qu(2026, 4), fy(2026), true},
		{1, mo(2026, 12), fy(2026), true},
		{1, fy(2026), mo(2026, 12), false},
		{1, qu(2026, 1), mo(2026, 4), true},
		{4, mo(2026, 3), fy(2026), true},
		{4, fy(2026), mo(2026, 4), true},
		{4, qu(2026, 4), fy(2026), true},
		{4, fy(2026), qu(2026, 4), false},
		{4, mo(2026, 1), qu(2026, 4), true},
		{4, qu(2026, 1), mo(2025, 7), true},
		{7, qu(2026, 3), mo(2026, 3), false},
		{7, mo(2026, 3), qu(2026, 3), true},
		{7, fy(2026), mo(2026, 7), true},
		{10, qu(2026, 1), mo(2026, 1), true},
		{10, fy(2025), qu(2026, 1), true},
	}
	for _, tt := range tests {
		c := Calendar{Start: tt.start}
		if got := c.Before(tt.p, tt.q); got != tt.want {
			t.Errorf("start %d: Before(%s, %s) = %v, want %v", tt.start, tt.p.Key(), tt.q.Key(), got, tt.want)
		}
	}
}

// TestBeforeOrder checks that Before is a strict total order: for any two
// different periods exactly one comes first.
func TestBeforeOrder(t *testing.T) {
	var ps []Period
	for y := 2025; y <= 2027; y++ {
		ps = append(ps, fy(y))
		for n := 1; n <= 4; n++ {
			ps = append(ps, qu(y, n))
		}
		for m := 1; m <= 12; m++ {
			ps = append(ps, mo(y, m))
		}
	}
	for _, start := range starts {
		c := Calendar{Start: start}
		for _, p := range ps {
			for _, q := range ps {
				a, b := c.Before(p, q), c.Before(q, p)
				if p == q && (a || b) {
					t.Errorf("start %d: %s is before itself", start, p.Key())
				}
				if p != q && a == b {
					t.Errorf("start %d: Before(%s, %s) = %v both ways", start, p.Key(), q.Key(), a)
				}
			}
		}
	}
}

func TestKeyLabel(t *testing.T) {
	tests := []struct {
		p          Period
		key        string
		jan, other string // labels when the fiscal year starts in January, or not
	}{
		{mo(2026, 3), "2026-03", "Mar 2026", "Mar 2026"},
		{mo(2025, 12), "2025-12", "Dec 2025", "Dec 2025"},
		{mo(2026, 9), "2026-09", "Sep 2026", "Sep 2026"},
		{qu(2026, 1), "2026-Q1", "Q1 2026", "FY2026 Q1"},
		{qu(2026, 4), "2026-Q4", "Q4 2026", "FY2026 Q4"},
		{fy(2026), "2026", "2026", "FY2026"},
		{Period{}, "", "", ""},
	}
	for _, tt := range tests {
		if got := tt.p.Key(); got != tt.key {
			t.Errorf("Key(%+v) = %q, want %q", tt.p, got, tt.key)
		}
		for _, start := range []int{0, 1, 4, 7, 10, 12} {
			want := tt.other
			if start <= 1 {
				want = tt.jan
			}
			if got := (Calendar{Start: start}).Label(tt.p); got != want {
				t.Errorf("start %d: Label(%+v) = %q, want %q", start, tt.p, got, want)
			}
		}
	}
}

func TestFreqString(t *testing.T) {
	for f, want := range map[Freq]string{Month: "monthly", Quarter: "quarterly", Year: "annual", 0: "unknown"} {
		if got := f.String(); got != want {
			t.Errorf("Freq(%d).String() = %q, want %q", int(f), got, want)
		}
		if f == 0 {
			continue
		}
		if back, err := ParseFreq(want); err != nil || back != f {
			t.Errorf("ParseFreq(%q) = %v, %v, want %v", want, back, err, f)
		}
	}
}

// TestJSON checks that periods are written as their keys.
func TestJSON(t *testing.T) {
	in := map[string]Period{"m": mo(2026, 3), "q": qu(2026, 1), "y": fy(2026)}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"m":"2026-03","q":"2026-Q1","y":"2026"}`; string(b) != want {
		t.Errorf("json = %s, want %s", b, want)
	}
}

func ExampleCalendar_In() {
	c := Calendar{Start: 4} // fiscal years start in April
	m := Period{Freq: Month, Year: 2026, N: 3}
	fmt.Println(c.Label(m), "is in", c.Label(c.In(m, Quarter)), "and", c.Label(c.In(m, Year)))
	q := c.In(m, Quarter)
	fmt.Println(c.Label(q), "runs from", c.Label(MonthAt(c.First(q))), "to", c.Label(MonthAt(c.Last(q))))
	// Output:
	// Mar 2026 is in FY2026 Q4 and FY2026
	// FY2026 Q4 runs from Jan 2026 to Mar 2026
}

func TestFreqCount(t *testing.T) {
	for _, tt := range []struct {
		f    Freq
		n    int
		want string
	}{
		{Month, 1, "1 month"},
		{Month, 3, "3 months"},
		{Quarter, 2, "2 quarters"},
		{Year, 1, "1 year"},
		{Year, 0, "0 years"},
	} {
		if got := tt.f.Count(tt.n); got != tt.want {
			t.Errorf("%v.Count(%d) = %q, want %q", tt.f, tt.n, got, tt.want)
		}
	}
}
