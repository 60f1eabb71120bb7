package period

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Parse reads a period typed as text. Case and extra spaces do not matter,
// and '-', '/', '.' and spaces separate the parts. It accepts:
//
//   - months: "2026-03", "2026/03", "2026-3", "03/2026", "Mar 2026",
//     "March 2026", "2026 Mar", and "Mar-26" as Excel shows it (two-digit
//     years are 20xx);
//   - fiscal quarters: "2026-Q1", "2026 Q1", "2026Q1", "Q1 2026", "Q1-2026",
//     "Q1 26", "FY2026 Q1", "FY26 Q1", "FY2026-Q1", "Q1 FY2026";
//   - months of a fiscal year: "January FY21", "Jan FY2021", "FY21 Jan"
//     (with a fiscal year starting in April, January FY21 is January 2021
//     and April FY21 is April 2020);
//   - fiscal years: "2026", "FY2026", "FY 2026", "FY26", and two-year
//     labels "2026/27", "2026-27", "2026/2027", "FY2026/27", "FY26/27",
//     which name the fiscal year from 2026 into 2027, FY2027 (see
//     Calendar.SplitStart for a fiscal year starting in January); "2011-12"
//     and other labels that read as a month are the month;
//   - fiscal quarters of a two-year label: "2026/27 Q1", "Q1 2026/27",
//     "FY2026/27 Q1";
//   - dates, which mean their month: "2026-03-31", "31/03/2026",
//     "3/31/2026", "31-Mar-2026", "31-Mar-26", "Mar 31, 2026", optionally
//     followed by a time ("2026-03-31 00:00:00", "2026-03-31T10:00Z").
//
// Month names may also be French, Portuguese, Spanish, Italian, German or
// Dutch ("janv. 2026", "março 2026"), a quarter may be written "T1 2026",
// and Chinese, Japanese and Korean labels are read ("2026年3月",
// "2026년 1분기", "2026年第1季度").
//
// A day/month/year date whose day and month could be swapped ("03/04/2026")
// is rejected as ambiguous unless both readings fall in the same month.
// Quarters and years are fiscal: "2026-Q1" is the first quarter of FY2026,
// whatever month the fiscal year starts in. Only months of a fiscal year
// and two-year labels depend on c. Years must be 1900 or later.
func (c Calendar) Parse(s string) (Period, error) {
	return c.parse(s)
}

// valid reports whether p is a month, quarter or year with N in range and a
// four-digit year.
func (p Period) valid() bool {
	if p.Year < 0 || p.Year > 9999 {
		return false
	}
	switch p.Freq {
	case Month:
		return p.N >= 1 && p.N <= 12
	case Quarter:
		return p.N >= 1 && p.N <= 4
	case Year:
		return p.N == 1
	}
	return false
}

// minYear is the earliest year Parse accepts; Excel has no earlier dates.
const minYear = 1900

// maxInput bounds the text Parse looks at; nothing it accepts is longer.
const maxInput = 64

// token is a run of letters (word) or of digits (num, with its digit count).
type token struct {
	word   string
	num    int
	digits int
}

// kind classifies a token for matching: 'Y' four digits, 'n' one or two
// digits, 'm' a month name, 'q' the letter q, 'f' "fy", and 'x' anything else.
func (t token) kind() byte {
	switch {
	case t.digits == 4:
		return 'Y'
	case t.digits == 1 || t.digits == 2:
		return 'n'
	case t.word == "q" || t.word == "t": // "T1 2026", trimestre
		return 'q'
	case t.word == "fy":
		return 'f'
	}
	if _, ok := monthNames[t.word]; ok {
		return 'm'
	}
	return 'x'
}

// monthNames maps the lower-case names and abbreviations of months to 1-12:
// English, and the French, Portuguese, Spanish, Italian, German and Dutch
// names that workbooks of those languages carry (with and without accents).
// No word names two different months.
var monthNames = map[string]int{}

func init() {
	for m, names := range [12]string{
		"jan january janv janvier janeiro ene enero gen gennaio januar jänner jaenner januari",
		"feb february févr fevr février fevrier fév fev fevereiro febrero febbraio februar februari",
		"mar march mars março marco marzo mär märz maerz mrz maart mrt",
		"apr april avr avril abr abril aprile",
		"may mai maio mayo mag maggio mei",
		"jun june juin junho junio giu giugno juni",
		"jul july juil juillet julho julio lug luglio juli",
		"aug august août aout ago agosto augustus",
		"sep sept september septembre setembro septiembre setiembre set settembre",
		"oct october octobre out outubro octubre ott ottobre okt oktober",
		"nov november novembre novembro noviembre",
		"dec december déc décembre decembre dez dezembro dic diciembre dicembre dezember",
	} {
		for _, n := range strings.Fields(names) {
			if _, dup := monthNames[n]; dup {
				panic("period: month name " + n + " given twice")
			}
			monthNames[n] = m + 1
		}
	}
}

// monthWord is the English abbreviation of month m, as a token.
func monthWord(m int) string { return strings.ToLower(time.Month(m).String()[:3]) }

// notPeriod is Parse's error for text it cannot read at all.
func notPeriod(s string) error {
	return fmt.Errorf("%s is not a period (use 2026-03, Mar 2026, 2026-Q1, FY2026 Q1 or 2026)", quote(s))
}

func (c Calendar) parse(s string) (Period, error) {
	if len(s) > maxInput {
		return Period{}, notPeriod(s)
	}
	text, timed, ok := cutTime(strings.ToLower(strings.TrimSpace(s)))
	if !ok {
		return Period{}, notPeriod(s)
	}
	toks, ok := lex(text)
	if !ok {
		return Period{}, notPeriod(s)
	}
	sig := make([]byte, len(toks))
	for i, t := range toks {
		sig[i] = t.kind()
	}
	r := reader{in: s, toks: toks, cal: c}
	var p Period
	switch string(sig) {
	case "Y", "fY", "fn":
		p = r.year(len(toks) - 1)
	case "Yn":
		if r.isSplit(0) && (toks[1].num < 1 || toks[1].num > 12) {
			p = r.splitYear(0)
		} else {
			p = r.month(0, 1)
		}
	case "YY", "fYn", "fYY", "fnn":
		p = r.splitYear(len(toks) - 2)
	case "Ynqn", "YYqn", "fYnqn", "fYYqn", "fnnqn":
		p = r.splitQuarter(len(toks)-4, len(toks)-1)
	case "qnYn", "qnYY", "qnfYn", "qnfYY", "qnfnn":
		p = r.splitQuarter(len(toks)-2, 1)
	case "mfY", "mfn":
		p = r.fiscalMonth(2, 0)
	case "fYm", "fnm":
		p = r.fiscalMonth(1, 2)
	case "Ym":
		p = r.month(0, 1)
	case "nY", "mY", "mn":
		p = r.month(1, 0)
	case "Yqn", "fYqn", "fnqn":
		p = r.quarter(len(toks)-3, len(toks)-1)
	case "qnY", "qnn", "qnfY", "qnfn":
		p = r.quarter(len(toks)-1, 1)
	case "Ynn", "Ymn":
		p = r.date(0, 1, 2)
	case "nmY", "nmn":
		p = r.date(2, 1, 0)
	case "mnY", "mnn":
		p = r.date(2, 0, 1)
	case "nnY":
		p = r.numericDate()
	default:
		return Period{}, notPeriod(s)
	}
	if r.err != nil {
		return Period{}, r.err
	}
	if p.IsZero() || !p.valid() || (timed && !r.dated) {
		return Period{}, notPeriod(s)
	}
	return p, nil
}

// reader turns matched tokens into a period, keeping the first problem.
type reader struct {
	in    string
	cal   Calendar
	toks  []token
	err   error
	dated bool // a day was read, so a time may follow
}

func (r *reader) fail(format string, args ...any) Period {
	if r.err == nil {
		r.err = fmt.Errorf("%s is not a period: "+format, append([]any{quote(r.in)}, args...)...)
	}
	return Period{}
}

// yearAt reads token i as a year; two digits mean 20xx.
func (r *reader) yearAt(i int) (int, bool) {
	t := r.toks[i]
	switch t.digits {
	case 2:
		return 2000 + t.num, true
	case 4:
		if t.num < minYear {
			r.fail("year %d is before %d", t.num, minYear)
			return 0, false
		}
		return t.num, true
	}
	return 0, false
}

// monthAt reads token i as a month, by name or number.
func (r *reader) monthAt(i int) (int, bool) {
	t := r.toks[i]
	if t.digits == 0 {
		return monthNames[t.word], true
	}
	if t.num < 1 || t.num > 12 {
		r.fail("there is no month %d", t.num)
		return 0, false
	}
	return t.num, true
}

func (r *reader) year(yi int) Period {
	if r.toks[yi].digits == 1 { // "FY6"
		return Period{}
	}
	y, ok := r.yearAt(yi)
	if !ok {
		return Period{}
	}
	return Period{Freq: Year, Year: y, N: 1}
}

// isSplit reports whether tokens i and i+1 are a two-year label: the
// second year follows the first, in two digits ("2026/27") or four.
func (r *reader) isSplit(i int) bool {
	a, b := r.toks[i], r.toks[i+1]
	if a.digits == 1 || b.digits == 1 {
		return false
	}
	y1, y2 := a.num, b.num
	if a.digits == 2 {
		y1 += 2000
	}
	if b.digits == 2 {
		return (y1+1)%100 == y2
	}
	return y1+1 == y2
}

// splitYear reads tokens i and i+1 as a two-year label such as "2026/27":
// the fiscal year ending in the second year (with a January start, the
// calendar's SplitStart may make it the first).
func (r *reader) splitYear(i int) Period {
	if !strings.ContainsAny(r.in, "/-_\u2010\u2011\u2012\u2013\u2014") {
		return Period{} // "2026 2027" is two years, not one label
	}
	if !r.isSplit(i) {
		if r.toks[i].digits != 1 && r.toks[i+1].digits != 1 {
			return r.fail("the years of a two-year label such as 2026/27 must follow each other")
		}
		return Period{}
	}
	y, ok := r.yearAt(i)
	if !ok {
		return Period{}
	}
	if r.cal.start() != 1 || !r.cal.SplitStart {
		y++
	}
	return Period{Freq: Year, Year: y, N: 1}
}

// splitQuarter reads a quarter of a two-year label: "2026/27 Q1".
func (r *reader) splitQuarter(yi, qi int) Period {
	fy := r.splitYear(yi)
	if fy.IsZero() {
		return fy
	}
	if r.toks[qi].digits != 1 {
		return Period{}
	}
	if q := r.toks[qi].num; q < 1 || q > 4 {
		return r.fail("there is no quarter %d", q)
	}
	return Period{Freq: Quarter, Year: fy.Year, N: r.toks[qi].num}
}

// fiscalMonth reads a month of a fiscal year, "January FY21": the month in
// the calendar year in which it falls within that fiscal year.
func (r *reader) fiscalMonth(yi, mi int) Period {
	fy := r.year(yi)
	if fy.IsZero() {
		return fy
	}
	m := monthNames[r.toks[mi].word]
	y := fy.Year
	if s := r.cal.start(); s > 1 && m >= s {
		y--
	}
	if y < minYear {
		return r.fail("%s FY%d falls in %d, before %d", time.Month(m).String()[:3], fy.Year, y, minYear)
	}
	return Period{Freq: Month, Year: y, N: m}
}

func (r *reader) month(yi, mi int) Period {
	if r.toks[yi].digits == 1 { // "Mar 6"
		return Period{}
	}
	y, ok := r.yearAt(yi)
	if !ok {
		return Period{}
	}
	m, ok := r.monthAt(mi)
	if !ok {
		return Period{}
	}
	return Period{Freq: Month, Year: y, N: m}
}

func (r *reader) quarter(yi, qi int) Period {
	if r.toks[yi].digits == 1 || r.toks[qi].digits != 1 { // "Q1 6", "Q01 2026"
		return Period{}
	}
	y, ok := r.yearAt(yi)
	if !ok {
		return Period{}
	}
	if q := r.toks[qi].num; q < 1 || q > 4 {
		return r.fail("there is no quarter %d", q)
	}
	return Period{Freq: Quarter, Year: y, N: r.toks[qi].num}
}

func (r *reader) date(yi, mi, di int) Period {
	p := r.month(yi, mi)
	if p.IsZero() {
		return p
	}
	d := r.toks[di].num
	if d < 1 || d > daysIn(p.Year, p.N) {
		return r.fail("%s %d has no day %d", time.Month(p.N).String()[:3], p.Year, d)
	}
	r.dated = true
	return p
}

// numericDate reads "a/b/yyyy", which is day/month/year or month/day/year.
// When both readings are dates in different months it is ambiguous.
func (r *reader) numericDate() Period {
	a, b := r.toks[0].num, r.toks[1].num
	y, ok := r.yearAt(2)
	if !ok {
		return Period{}
	}
	dayFirst := b >= 1 && b <= 12 && a >= 1 && a <= daysIn(y, b)
	monthFirst := a >= 1 && a <= 12 && b >= 1 && b <= daysIn(y, a)
	switch {
	case dayFirst && monthFirst && a != b:
		r.err = fmt.Errorf("%s is ambiguous (%d %s or %d %s?): use %04d-%02d or %04d-%02d",
			quote(r.in), a, time.Month(b), b, time.Month(a), y, b, y, a)
		return Period{}
	case dayFirst:
		r.dated = true
		return Period{Freq: Month, Year: y, N: b}
	case monthFirst:
		r.dated = true
		return Period{Freq: Month, Year: y, N: a}
	}
	return r.fail("there is no such day")
}

// daysIn returns the number of days in a month.
func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// lex splits lower-case text into words and numbers. Spaces, '-', '/', '.',
// ',', '_' and dashes separate tokens and are otherwise ignored; words are
// runs of letters of any script. Then the year, month and quarter marks of
// Chinese, Japanese and Korean labels ("2026年3月", "2026년 1분기",
// "2026年第1季度") become the tokens of "2026 mar" and "2026 q 1". Any other
// character makes the text unreadable.
func lex(s string) ([]token, bool) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c >= 'a' && c <= 'z' || c >= utf8.RuneSelf && unicode.IsLetter(r):
			j := i
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += n
			}
			toks = append(toks, token{word: s[i:j]})
			i = j
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j-i > 4 {
				return nil, false
			}
			n, _ := strconv.Atoi(s[i:j])
			toks = append(toks, token{num: n, digits: j - i})
			i = j
		case strings.IndexByte(" \t\n\r-/.,_", c) >= 0:
			i++
		default:
			if !isSeparatorRune(r) {
				return nil, false
			}
			i += size
		}
	}
	toks = eastAsian(toks)
	return toks, len(toks) > 0
}

// eastAsian rewrites the marks of Chinese, Japanese and Korean period labels:
// a year mark (年, 년) and the ordinal 第 are dropped, a number before a
// month mark (月, 월) becomes that month's name, and a number before a
// quarter mark (季度, 季, 분기) becomes "q" and the number. A day mark (日,
// 일) is dropped, leaving the day's number.
func eastAsian(toks []token) []token {
	out := toks[:0]
	for _, t := range toks {
		var prev *token
		if len(out) > 0 {
			prev = &out[len(out)-1]
		}
		switch t.word {
		case "年", "년", "第", "年第", "日", "일":
			continue
		case "月", "월":
			if prev != nil && prev.digits > 0 && prev.num >= 1 && prev.num <= 12 {
				*prev = token{word: monthWord(prev.num)}
				continue
			}
		case "季度", "季", "四半期", "분기":
			if prev != nil && prev.digits == 1 {
				n := *prev
				*prev = token{word: "q"}
				out = append(out, n)
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// isSeparatorRune reports whether a non-ASCII rune is a space or a dash that
// word processors and spreadsheets put in typed dates.
func isSeparatorRune(r rune) bool {
	switch r {
	case '\u00a0', '\u2007', '\u202f', // no-break spaces
		'\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212': // dashes, minus
		return true
	}
	return false
}

// cutTime removes a time of day after a date ("2026-03-31 00:00:00",
// "2026-03-31t10:30z", "3/31/2026 9:05 pm"). It reports whether there was
// one, and false for ok when the time is malformed.
func cutTime(s string) (date string, timed, ok bool) {
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return s, false, true
	}
	h := colon
	for h > 0 && isDigit(s[h-1]) {
		h--
	}
	if h == 0 || colon-h < 1 || colon-h > 2 || (s[h-1] != ' ' && s[h-1] != 't') {
		return "", false, false
	}
	hour, _ := strconv.Atoi(s[h:colon])
	rest := s[colon+1:]
	if len(rest) < 2 || !allDigits(rest[:2]) || rest[:2] > "59" {
		return "", false, false
	}
	rest = rest[2:]
	if len(rest) >= 3 && rest[0] == ':' && allDigits(rest[1:3]) && rest[1:3] <= "59" {
		rest = rest[3:]
		if len(rest) >= 2 && rest[0] == '.' && isDigit(rest[1]) {
			rest = rest[1:]
			for len(rest) > 0 && isDigit(rest[0]) {
				rest = rest[1:]
			}
		}
	}
	rest = strings.TrimSpace(rest)
	maxHour := 23
	switch {
	case rest == "" || rest == "z":
	case rest == "am" || rest == "pm":
		maxHour = 12
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && allDigits(rest[1:3]) && rest[3] == ':' && allDigits(rest[4:]):
	case len(rest) == 5 && (rest[0] == '+' || rest[0] == '-') && allDigits(rest[1:]):
	default:
		return "", false, false
	}
	if hour > maxHour {
		return "", false, false
	}
	return strings.TrimSpace(s[:h-1]), true, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// quote quotes user text for an error message, shortening long text.
func quote(s string) string {
	const max = 40
	if len(s) > max {
		r := []rune(s)
		if len(r) > max {
			s = string(r[:max]) + "…"
		}
	}
	return strconv.Quote(s)
}

// Excel date serials.
const (
	// excelMax is the serial of 9999-12-31, Excel's last date, in the 1900
	// date system.
	excelMax = 2958465
	// offset1904 is how much smaller a 1904-system serial is than the
	// 1900-system serial of the same day.
	offset1904 = 1462
	// fakeLeapDay is 29 February 1900 in the 1900 system: Excel counts it,
	// as Lotus 1-2-3 did, though the day never existed.
	fakeLeapDay = 60
)

// DateFromSerial returns the date and time, in UTC, of an Excel date serial
// in the 1900 date system (serial 1 is 1900-01-01, and 60 is the fictitious
// 29 February 1900, which is an error here) or the 1904 date system (serial 0
// is 1904-01-01). The time of day is rounded to the millisecond. Serials
// before the first date or after 9999-12-31 are errors.
func DateFromSerial(serial float64, date1904 bool) (time.Time, error) {
	if err := checkSerial(serial, date1904); err != nil {
		return time.Time{}, err
	}
	days := math.Floor(serial)
	var base time.Time
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days == fakeLeapDay:
		return time.Time{}, fmt.Errorf("date serial %s is 29 February 1900, a day Excel counts but that did not exist", formatSerial(serial))
	case days < fakeLeapDay:
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	default:
		base = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	}
	ms := math.Round((serial - days) * 86400e3)
	t := base.AddDate(0, 0, int(days)).Add(time.Duration(ms) * time.Millisecond)
	if t.Year() > 9999 {
		return time.Time{}, fmt.Errorf("date serial %s is after 9999-12-31", formatSerial(serial))
	}
	return t, nil
}

// FromSerial returns the month holding the date of an Excel date serial, in
// the 1900 or the 1904 date system (see DateFromSerial). The fictitious
// 29 February 1900 (serial 60 in the 1900 system) is in February 1900.
func FromSerial(serial float64, date1904 bool) (Period, error) {
	if !date1904 && math.Floor(serial) == fakeLeapDay {
		return Period{Freq: Month, Year: 1900, N: 2}, nil
	}
	t, err := DateFromSerial(serial, date1904)
	if err != nil {
		return Period{}, err
	}
	return Period{Freq: Month, Year: t.Year(), N: int(t.Month())}, nil
}

// FromNumber reads a number cell used as a period: a whole number from 1900
// to 2200 is a fiscal year, and any other number is an Excel date serial,
// which means its month.
func (c Calendar) FromNumber(v float64, date1904 bool) (Period, error) {
	if v >= 1900 && v <= 2200 && v == math.Trunc(v) {
		return Period{Freq: Year, Year: int(v), N: 1}, nil
	}
	return FromSerial(v, date1904)
}

func checkSerial(serial float64, date1904 bool) error {
	first, last, system := 1.0, float64(excelMax+1), "1900-01-01"
	if date1904 {
		first, last, system = 0, float64(excelMax+1-offset1904), "1904-01-01 in the 1904 date system"
	}
	switch {
	case math.IsNaN(serial) || math.IsInf(serial, 0):
		return fmt.Errorf("%s is not a date serial", formatSerial(serial))
	case serial < first:
		return fmt.Errorf("date serial %s is before %s (serial %g)", formatSerial(serial), system, first)
	case serial >= last:
		return fmt.Errorf("date serial %s is after 9999-12-31", formatSerial(serial))
	}
	return nil
}

// formatSerial writes a serial plainly, without an exponent for any
// plausible value.
func formatSerial(v float64) string {
	if math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// ParseFreq reads a KPI frequency: "monthly", "month" or "m"; "quarterly",
// "quarter" or "q"; "annual", "annually", "yearly", "year" or "y". Case and
// surrounding spaces are ignored.
func ParseFreq(s string) (Freq, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "monthly", "month", "m":
		return Month, nil
	case "quarterly", "quarter", "q":
		return Quarter, nil
	case "annual", "annually", "yearly", "year", "y":
		return Year, nil
	}
	return 0, fmt.Errorf("%s is not a frequency (use monthly, quarterly or annual)", quote(s))
}

// ParseMonth reads a month as a name, an abbreviation or a number ("April",
// "apr", "4", "04") and returns 1-12. It reads the fiscal_year_start setting.
func ParseMonth(s string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if m, ok := monthNames[t]; ok {
		return m, nil
	}
	if len(t) >= 1 && len(t) <= 2 && allDigits(t) {
		if m, _ := strconv.Atoi(t); m >= 1 && m <= 12 {
			return m, nil
		}
	}
	return 0, fmt.Errorf("%s is not a month (use a name such as April or a number 1-12)", quote(s))
}
