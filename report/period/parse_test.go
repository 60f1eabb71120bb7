package period

import (
	"math"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Period
	}{
		// Months.
		{"2026-03", mo(2026, 3)},
		{"2026/03", mo(2026, 3)},
		{"2026.03", mo(2026, 3)},
		{"2026-3", mo(2026, 3)},
		{"2026 3", mo(2026, 3)},
		{"03/2026", mo(2026, 3)},
		{"3/2026", mo(2026, 3)},
		{"03.2026", mo(2026, 3)},
		{"12-2025", mo(2025, 12)},
		{"Mar 2026", mo(2026, 3)},
		{"mar 2026", mo(2026, 3)},
		{"MAR 2026", mo(2026, 3)},
		{"March 2026", mo(2026, 3)},
		{"Mar. 2026", mo(2026, 3)},
		{"March, 2026", mo(2026, 3)},
		{"Mar2026", mo(2026, 3)},
		{"Sept 2026", mo(2026, 9)},
		{"September 2026", mo(2026, 9)},
		{"2026 Mar", mo(2026, 3)},
		{"Mar-26", mo(2026, 3)},
		{"mar-26", mo(2026, 3)},
		{"Dec 99", mo(2099, 12)},
		{"Jan-00", mo(2000, 1)},
		{"  Mar   2026  ", mo(2026, 3)},
		{"Mar\u00a02026", mo(2026, 3)},
		{"\tmay 2026\n", mo(2026, 5)},
		// Months in other languages, and the marks of Chinese, Japanese
		// and Korean labels.
		{"janv. 2026", mo(2026, 1)},
		{"Février 2026", mo(2026, 2)},
		{"févr. 2026", mo(2026, 2)},
		{"août 2026", mo(2026, 8)},
		{"déc.-26", mo(2026, 12)},
		{"março 2026", mo(2026, 3)},
		{"out/2026", mo(2026, 10)},
		{"dez 2026", mo(2026, 12)},
		{"enero 2026", mo(2026, 1)},
		{"März 2026", mo(2026, 3)},
		{"mei 2026", mo(2026, 5)},
		{"2026年3月", mo(2026, 3)},
		{"2026年3月15日", mo(2026, 3)},
		{"2026년 11월", mo(2026, 11)},
		// Quarters.
		{"2026-Q1", qu(2026, 1)},
		{"2026-q1", qu(2026, 1)},
		{"2026 Q1", qu(2026, 1)},
		{"2026Q1", qu(2026, 1)},
		{"2026 - Q 4", qu(2026, 4)},
		{"2026\u2013Q2", qu(2026, 2)},
		{"Q1 2026", qu(2026, 1)},
		{"Q1-2026", qu(2026, 1)},
		{"Q1/2026", qu(2026, 1)},
		{"q3 2026", qu(2026, 3)},
		{"Q1 26", qu(2026, 1)},
		{"Q2-26", qu(2026, 2)},
		{"FY2026 Q1", qu(2026, 1)},
		{"fy2026 q1", qu(2026, 1)},
		{"FY26 Q1", qu(2026, 1)},
		{"FY2026-Q1", qu(2026, 1)},
		{"FY 2026 Q3", qu(2026, 3)},
		{"FY2026Q4", qu(2026, 4)},
		{"Q1 FY2026", qu(2026, 1)},
		{"Q2 FY26", qu(2026, 2)},
		{"Q1FY26", qu(2026, 1)},
		{"T1 2026", qu(2026, 1)},
		{"2026-T3", qu(2026, 3)},
		{"2026년 1분기", qu(2026, 1)},
		{"2026年第2季度", qu(2026, 2)},
		{"2026年第3四半期", qu(2026, 3)},
		// Years.
		{"2026", fy(2026)},
		{"1900", fy(1900)},
		{"9999", fy(9999)},
		{"FY2026", fy(2026)},
		{"fy2026", fy(2026)},
		{"FY 2026", fy(2026)},
		{"FY-2026", fy(2026)},
		{"FY26", fy(2026)},
		{"fy 26", fy(2026)},
		// Dates mean their month.
		{"2026-03-31", mo(2026, 3)},
		{"2026/3/1", mo(2026, 3)},
		{"2024-02-29", mo(2024, 2)},
		{"31/03/2026", mo(2026, 3)},
		{"31.03.2026", mo(2026, 3)},
		{"3/31/2026", mo(2026, 3)},
		{"03/31/2026", mo(2026, 3)},
		{"13/01/2026", mo(2026, 1)},
		{"01/13/2026", mo(2026, 1)},
		{"03/03/2026", mo(2026, 3)}, // both readings are 3 March
		{"31-Mar-2026", mo(2026, 3)},
		{"31-Mar-26", mo(2026, 3)},
		{"1 March 2026", mo(2026, 3)},
		{"Mar 31, 2026", mo(2026, 3)},
		{"March 1 2026", mo(2026, 3)},
		{"Mar 31 26", mo(2026, 3)},
		// Dates with a time of day.
		{"2026-03-31 00:00:00", mo(2026, 3)},
		{"2026-03-31 0:00", mo(2026, 3)},
		{"2026-03-31T10:30:00Z", mo(2026, 3)},
		{"2026-03-31T23:59:59.999", mo(2026, 3)},
		{"2026-03-31T10:30:00+02:00", mo(2026, 3)},
		{"2026-03-31T10:30:00-0500", mo(2026, 3)},
		{"3/31/2026 9:05 PM", mo(2026, 3)},
		{"3/31/2026 12:00am", mo(2026, 3)},
		{"31-Mar-2026 18:00", mo(2026, 3)},
	}
	for _, tt := range tests {
		for _, start := range starts {
			got, err := Calendar{Start: start}.Parse(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("start %d: Parse(%q) = %+v, %v; want %+v", start, tt.in, got, err, tt.want)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	const use = " is not a period (use 2026-03, Mar 2026, 2026-Q1, FY2026 Q1 or 2026)"
	tests := []struct {
		in, want string
	}{
		{"Marchh 2026", `"Marchh 2026"` + use},
		{"", `""` + use},
		{"   ", `"   "` + use},
		{"26", `"26"` + use},
		{"3", `"3"` + use},
		{"Mar", `"Mar"` + use},
		{"Q1", `"Q1"` + use},
		{"FY", `"FY"` + use},
		{"FY6", `"FY6"` + use},
		{"Mar 6", `"Mar 6"` + use},
		{"Q1 6", `"Q1 6"` + use},
		{"Q01 2026", `"Q01 2026"` + use},
		{"Q 2026", `"Q 2026"` + use},
		{"H1 2026", `"H1 2026"` + use},
		{"20263", `"20263"` + use},
		{"202603", `"202603"` + use},
		{"02026", `"02026"` + use},
		{"2026-03-31-01", `"2026-03-31-01"` + use},
		{"2026 2027", `"2026 2027"` + use},
		{"Mar Apr 2026", `"Mar Apr 2026"` + use},
		{"26-Mar", `"26-Mar"` + use},
		{"31/03/26", `"31/03/26"` + use},
		{"2026-03-31x", `"2026-03-31x"` + use},
		{"2026#03", `"2026#03"` + use},
		{"2026-03 ", ""}, // trailing space is fine: not an error
		{"Märzz 2026", `"Märzz 2026"` + use},
		{"2026年13月", `"2026年13月"` + use},
		{"2026-03 10:00", `"2026-03 10:00"` + use},
		{"2026-03-31 25:00", `"2026-03-31 25:00"` + use},
		{"2026-03-31 10:60", `"2026-03-31 10:60"` + use},
		{"2026-03-31 13:00 pm", `"2026-03-31 13:00 pm"` + use},
		{"2026-03-31 10:00 tomorrow", `"2026-03-31 10:00 tomorrow"` + use},
		{"2026-03-31 :00", `"2026-03-31 :00"` + use},
		{"10:00", `"10:00"` + use},
		{"2026-03-31x10:00", `"2026-03-31x10:00"` + use},
		{"2026-03-31 0:0", `"2026-03-31 0:0"` + use},
		{"this text is far too long to be a period of any kind at all, really",
			`"this text is far too long to be a period…"` + use},
		{"2026-13", `"2026-13" is not a period: there is no month 13`},
		{"2026-0", `"2026-0" is not a period: there is no month 0`},
		{"13/2026", `"13/2026" is not a period: there is no month 13`},
		{"2026-Q5", `"2026-Q5" is not a period: there is no quarter 5`},
		{"Q0 2026", `"Q0 2026" is not a period: there is no quarter 0`},
		{"FY26 Q9", `"FY26 Q9" is not a period: there is no quarter 9`},
		{"1899", `"1899" is not a period: year 1899 is before 1900`},
		{"0000", `"0000" is not a period: year 0 is before 1900`},
		{"Mar 1066", `"Mar 1066" is not a period: year 1066 is before 1900`},
		{"FY1899 Q1", `"FY1899 Q1" is not a period: year 1899 is before 1900`},
		{"2026-02-29", `"2026-02-29" is not a period: Feb 2026 has no day 29`},
		{"2026-04-31", `"2026-04-31" is not a period: Apr 2026 has no day 31`},
		{"2026-04-00", `"2026-04-00" is not a period: Apr 2026 has no day 0`},
		{"32-Mar-2026", `"32-Mar-2026" is not a period: Mar 2026 has no day 32`},
		{"2026-13-01", `"2026-13-01" is not a period: there is no month 13`},
		{"32/13/2026", `"32/13/2026" is not a period: there is no such day`},
		{"30/02/2026", `"30/02/2026" is not a period: there is no such day`},
		{"03/04/2026", `"03/04/2026" is ambiguous (3 April or 4 March?): use 2026-04 or 2026-03`},
		{"1/12/2026", `"1/12/2026" is ambiguous (1 December or 12 January?): use 2026-12 or 2026-01`},
		{"1/2/1899", `"1/2/1899" is not a period: year 1899 is before 1900`},
	}
	for _, tt := range tests {
		for _, start := range starts {
			_, err := Calendar{Start: start}.Parse(tt.in)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Parse(%q): unexpected error %v", tt.in, err)
			case tt.want != "" && (err == nil || err.Error() != tt.want):
				t.Errorf("Parse(%q) error = %v\nwant %s", tt.in, err, tt.want)
			}
		}
	}
}

// TestParseRoundTrip checks that every label and key of every period of a
// span of years reads back as that period, for every fiscal start.
func TestParseRoundTrip(t *testing.T) {
	for start := 1; start <= 12; start++ {
		c := Calendar{Start: start}
		for y := 1999; y <= 2031; y++ {
			ps := []Period{fy(y)}
			for n := 1; n <= 4; n++ {
				ps = append(ps, qu(y, n))
			}
			for m := 1; m <= 12; m++ {
				ps = append(ps, mo(y, m))
			}
			for _, p := range ps {
				for _, s := range []string{c.Label(p), p.Key()} {
					if got, err := c.Parse(s); err != nil || got != p {
						t.Errorf("start %d: Parse(%q) = %+v, %v; want %+v", start, s, got, err, p)
					}
				}
			}
		}
	}
}

func TestDateFromSerial(t *testing.T) {
	date := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		serial float64
		d1904  bool
		want   time.Time
	}{
		{1, false, date(1900, 1, 1)},
		{31, false, date(1900, 1, 31)},
		{59, false, date(1900, 2, 28)},
		{61, false, date(1900, 3, 1)},
		{367, false, date(1901, 1, 1)},
		{25569, false, date(1970, 1, 1)},
		{36526, false, date(2000, 1, 1)},
		{45658, false, date(2025, 1, 1)},
		{46023, false, date(2026, 1, 1)},
		{46082, false, date(2026, 3, 1)},
		{46112, false, date(2026, 3, 31)},
		{46112.75, false, time.Date(2026, 3, 31, 18, 0, 0, 0, time.UTC)},
		{46112.999999999, false, date(2026, 4, 1)}, // rounds to the millisecond
		{45351, false, date(2024, 2, 29)},
		{2958465, false, date(9999, 12, 31)},
		{2958465.5, false, time.Date(9999, 12, 31, 12, 0, 0, 0, time.UTC)},
		{0, true, date(1904, 1, 1)},
		{1, true, date(1904, 1, 2)},
		{45658 - 1462, true, date(2025, 1, 1)},
		{46082 - 1462, true, date(2026, 3, 1)},
		{46112.25 - 1462, true, time.Date(2026, 3, 31, 6, 0, 0, 0, time.UTC)},
		{2958465 - 1462, true, date(9999, 12, 31)},
	}
	for _, tt := range tests {
		got, err := DateFromSerial(tt.serial, tt.d1904)
		if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("DateFromSerial(%v, %v) = %v, %v; want %v", tt.serial, tt.d1904, got, err, tt.want)
		}
	}
}

func TestSerialErrors(t *testing.T) {
	tests := []struct {
		serial float64
		d1904  bool
		want   string
	}{
		{0, false, "date serial 0 is before 1900-01-01 (serial 1)"},
		{0.5, false, "date serial 0.5 is before 1900-01-01 (serial 1)"},
		{-3, false, "date serial -3 is before 1900-01-01 (serial 1)"},
		{-0.25, true, "date serial -0.25 is before 1904-01-01 in the 1904 date system (serial 0)"},
		{2958466, false, "date serial 2958466 is after 9999-12-31"},
		{2957004, true, "date serial 2957004 is after 9999-12-31"},
		{1e300, false, "date serial 1e+300 is after 9999-12-31"},
		{math.NaN(), false, "NaN is not a date serial"},
		{math.Inf(1), true, "+Inf is not a date serial"},
		{math.Inf(-1), false, "-Inf is not a date serial"},
	}
	for _, tt := range tests {
		if _, err := DateFromSerial(tt.serial, tt.d1904); err == nil || err.Error() != tt.want {
			t.Errorf("DateFromSerial(%v, %v) error = %v, want %s", tt.serial, tt.d1904, err, tt.want)
		}
		if _, err := FromSerial(tt.serial, tt.d1904); err == nil || err.Error() != tt.want {
			t.Errorf("FromSerial(%v, %v) error = %v, want %s", tt.serial, tt.d1904, err, tt.want)
		}
	}
	want := "date serial 60 is 29 February 1900, a day Excel counts but that did not exist"
	if _, err := DateFromSerial(60, false); err == nil || err.Error() != want {
		t.Errorf("DateFromSerial(60) error = %v, want %s", err, want)
	}
}

func TestFromSerial(t *testing.T) {
	tests := []struct {
		serial float64
		d1904  bool
		want   Period
	}{
		{1, false, mo(1900, 1)},
		{59, false, mo(1900, 2)},
		{60, false, mo(1900, 2)}, // Excel's 29 February 1900
		{60.5, false, mo(1900, 2)},
		{61, false, mo(1900, 3)},
		{45658, false, mo(2025, 1)},
		{46054, false, mo(2026, 2)},
		{46081, false, mo(2026, 2)},
		{46082, false, mo(2026, 3)},
		{46112.9, false, mo(2026, 3)},
		{46113, false, mo(2026, 4)},
		{2958465, false, mo(9999, 12)},
		{0, true, mo(1904, 1)},
		{60, true, mo(1904, 3)},
		{46082 - 1462, true, mo(2026, 3)},
		{46081 - 1462, true, mo(2026, 2)},
	}
	for _, tt := range tests {
		if got, err := FromSerial(tt.serial, tt.d1904); err != nil || got != tt.want {
			t.Errorf("FromSerial(%v, %v) = %+v, %v; want %+v", tt.serial, tt.d1904, got, err, tt.want)
		}
	}
}

func TestFromNumber(t *testing.T) {
	tests := []struct {
		v     float64
		d1904 bool
		want  Period
		err   string
	}{
		{2026, false, fy(2026), ""},
		{2026, true, fy(2026), ""},
		{1900, false, fy(1900), ""},
		{2200, false, fy(2200), ""},
		{1899, false, mo(1905, 3), ""},        // serial 1899 is 1905-03-14
		{2201, false, mo(1906, 1), ""},        // serial 2201 is 1906-01-09
		{2026.5, false, mo(1905, 7), ""},      // not whole: a serial
		{46082, false, mo(2026, 3), ""},       // 2026-03-01
		{46082 - 1462, true, mo(2026, 3), ""}, // 2026-03-01
		{0, false, Period{}, "date serial 0 is before 1900-01-01 (serial 1)"},
		{-2026, false, Period{}, "date serial -2026 is before 1900-01-01 (serial 1)"},
	}
	for _, tt := range tests {
		for _, start := range starts {
			got, err := Calendar{Start: start}.FromNumber(tt.v, tt.d1904)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Errorf("FromNumber(%v) error = %v, want %s", tt.v, err, tt.err)
				}
				continue
			}
			if err != nil || got != tt.want {
				t.Errorf("start %d: FromNumber(%v, %v) = %+v, %v; want %+v", start, tt.v, tt.d1904, got, err, tt.want)
			}
		}
	}
}

func TestParseFreq(t *testing.T) {
	tests := map[string]Freq{
		"monthly": Month, "Month": Month, "M": Month, " m ": Month,
		"quarterly": Quarter, "QUARTER": Quarter, "q": Quarter,
		"annual": Year, "Annually": Year, "yearly": Year, "year": Year, "Y": Year,
	}
	for in, want := range tests {
		if got, err := ParseFreq(in); err != nil || got != want {
			t.Errorf("ParseFreq(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "weekly", "months", "a", "mm"} {
		want := `"` + in + `" is not a frequency (use monthly, quarterly or annual)`
		if _, err := ParseFreq(in); err == nil || err.Error() != want {
			t.Errorf("ParseFreq(%q) error = %v, want %s", in, err, want)
		}
	}
}

func TestParseMonth(t *testing.T) {
	tests := map[string]int{
		"April": 4, "apr": 4, "APR": 4, "4": 4, "04": 4, " 4 ": 4,
		"January": 1, "1": 1, "Sept": 9, "sep": 9, "December": 12, "12": 12, "may": 5,
	}
	for in, want := range tests {
		if got, err := ParseMonth(in); err != nil || got != want {
			t.Errorf("ParseMonth(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "13", "004", "-4", "4.0", "Smarch", "ap", "April 2026"} {
		want := `"` + in + `" is not a month (use a name such as April or a number 1-12)`
		if _, err := ParseMonth(in); err == nil || err.Error() != want {
			t.Errorf("ParseMonth(%q) error = %v, want %s", in, err, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"2026-03", "2026/03", "03/2026", "2026-3", "Mar 2026", "March 2026", "mar-26",
		"2026-Q1", "2026 Q1", "Q1 2026", "Q1-2026", "FY2026 Q1", "FY26 Q1", "FY2026-Q1",
		"2026", "FY2026", "FY 2026", "2026-03-31", "31/03/2026", "03/04/2026",
		"2026-03-31T10:30:00+02:00", "3/31/2026 9:05 PM", "Marchh 2026", "2026-Q5", "",
		"Mar\u00a02026", "2026\u2013Q2", "9999-12", "FY9999 Q4",
		"January FY21", "Jan FY21", "FY21", "FY2021 Apr", "2026/27", "2026-27", "2026/2027",
		"FY2026/27", "FY26/27", "Jan-24", "2026/27 Q1", "Q2 2026-27", "9999/00", "Apr FY1900",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for start := 1; start <= 13; start++ {
			// 13 stands for a January start whose two-year labels name
			// the year they start in.
			c := Calendar{Start: start}
			if start == 13 {
				c = Calendar{Start: 1, SplitStart: true}
			}
			p, err := c.Parse(s)
			if err != nil {
				if err.Error() == "" {
					t.Fatalf("Parse(%q): empty error", s)
				}
				continue
			}
			if !p.valid() || p.Year < minYear {
				t.Fatalf("start %d: Parse(%q) = %+v, not a valid period", start, s, p)
			}
			for c2 := 1; c2 <= 12; c2++ {
				cal := Calendar{Start: c2}
				for _, text := range []string{cal.Label(p), p.Key()} {
					if back, err := cal.Parse(text); err != nil || back != p {
						t.Fatalf("Parse(%q) = %+v, but Parse(%q) with start %d = %+v, %v", s, p, text, c2, back, err)
					}
				}
			}
		}
	})
}

func FuzzFromSerial(f *testing.F) {
	for _, v := range []float64{0, 1, 59, 60, 60.5, 61, 45658, 46082.75, 2958465, 2958466, -1, 1e300} {
		f.Add(v, false)
		f.Add(v, true)
	}
	f.Fuzz(func(t *testing.T, v float64, d1904 bool) {
		p, err := FromSerial(v, d1904)
		d, derr := DateFromSerial(v, d1904)
		if err != nil {
			if derr == nil || derr.Error() != err.Error() {
				t.Fatalf("FromSerial(%v, %v) error %v, but DateFromSerial error %v", v, d1904, err, derr)
			}
			return
		}
		if p.Freq != Month || p.N < 1 || p.N > 12 || p.Year < 1900 || p.Year > 9999 {
			t.Fatalf("FromSerial(%v, %v) = %+v", v, d1904, p)
		}
		if derr != nil {
			// Only Excel's fictitious 29 February 1900 has a month but no date.
			if d1904 || math.Floor(v) != fakeLeapDay {
				t.Fatalf("FromSerial(%v, %v) = %+v, but DateFromSerial error %v", v, d1904, p, derr)
			}
			return
		}
		if d.Year() != p.Year || int(d.Month()) != p.N {
			t.Fatalf("FromSerial(%v, %v) = %+v, but DateFromSerial = %v", v, d1904, p, d)
		}
		// The other date system is 1462 days away (give or take a millisecond,
		// as adding 1462 may round the serial).
		other := v - offset1904
		if d1904 {
			other = v + offset1904
		}
		if d2, err := DateFromSerial(other, !d1904); err == nil && (d2.Sub(d) > time.Millisecond || d.Sub(d2) > time.Millisecond) {
			t.Fatalf("DateFromSerial(%v, %v) = %v, but DateFromSerial(%v, %v) = %v", v, d1904, d, other, !d1904, d2)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	c := Calendar{Start: 4}
	inputs := []string{"2026-03", "Mar 2026", "FY2026 Q1", "31/03/2026", "2026-03-31 00:00:00", "Marchh 2026"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Parse(inputs[i%len(inputs)])
	}
}

func BenchmarkFromSerial(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		FromSerial(float64(45658+i%1000)+0.5, false)
	}
}

// TestParseFiscalLabels reads the labels of fiscal years and their months
// that organisations write: January FY21, 2026/27 and the like.
func TestParseFiscalLabels(t *testing.T) {
	month := func(y, m int) Period { return Period{Freq: Month, Year: y, N: m} }
	year := func(y int) Period { return Period{Freq: Year, Year: y, N: 1} }
	quarter := func(y, q int) Period { return Period{Freq: Quarter, Year: y, N: q} }
	tests := []struct {
		in   string
		cal  Calendar
		want Period
	}{
		{"January FY21", Calendar{Start: 4}, month(2021, 1)},
		{"Jan FY21", Calendar{Start: 4}, month(2021, 1)},
		{"April FY21", Calendar{Start: 4}, month(2020, 4)},
		{"FY2021 Dec", Calendar{Start: 4}, month(2020, 12)},
		{"Jan FY21", Calendar{}, month(2021, 1)},
		{"Jul FY2027", Calendar{Start: 7}, month(2026, 7)},
		{"FY21", Calendar{Start: 4}, year(2021)},
		{"2026/27", Calendar{Start: 4}, year(2027)},
		{"2026-27", Calendar{Start: 7}, year(2027)},
		{"2026/2027", Calendar{Start: 4}, year(2027)},
		{"FY2026/27", Calendar{Start: 4}, year(2027)},
		{"FY26/27", Calendar{Start: 4}, year(2027)},
		{"fy 2026-27", Calendar{Start: 4}, year(2027)},
		{"1999/00", Calendar{Start: 4}, year(2000)},
		{"2026/27", Calendar{}, year(2027)},
		{"2026/27", Calendar{SplitStart: true}, year(2026)},
		{"2026/27", Calendar{Start: 4, SplitStart: true}, year(2027)},
		{"2026/27 Q1", Calendar{Start: 4}, quarter(2027, 1)},
		{"Q3 2026-27", Calendar{Start: 7}, quarter(2027, 3)},
		{"FY2026/27 Q4", Calendar{Start: 4}, quarter(2027, 4)},
		{"Jan-24", Calendar{}, month(2024, 1)},
		{"Jan-24", Calendar{Start: 4}, month(2024, 1)},
		{"2011-12", Calendar{Start: 4}, month(2011, 12)}, // a month first
	}
	for _, tt := range tests {
		got, err := tt.cal.Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("%+v.Parse(%q) = %+v, %v; want %+v", tt.cal, tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"2026/28", "2026 2027", "FY2026/28", "Jan FY1900 x", "2026/27 Q5", "Apr FY1900"} {
		if p, err := (Calendar{Start: 4}).Parse(in); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", in, p)
		}
	}
}
