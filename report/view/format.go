package view

import (
	"math"
	"strconv"
	"strings"

	"kpireport/report/format"
	"kpireport/report/scorecard"
)

// Val is a number ready to show: its text, or OK false for no data (the
// templates then show a dash titled "no data").
type Val struct {
	Text string
	OK   bool
}

// numFormat says how one KPI's numbers are written.
type numFormat struct {
	scale    float64 // 100 when values are fractions shown as percentages
	prefix   string  // a currency symbol, e.g. "£"
	suffix   string  // "%", "m", " days"
	decimals int     // fixed decimals, or -1 for automatic
	percent  bool    // values are percentages: changes are percentage points
	loc      format.Locale
}

// formatOf returns how k's numbers are written: unit "%" shows percentages
// as they are (95.2 is "95.2%"), Format "percent" shows fractions ×100 with
// "%", Format "currency" prefixes the Settings currency's symbol (or its
// code), and any other unit follows the number.
func formatOf(k *scorecard.KPI, s scorecard.Settings) numFormat {
	f := numFormat{scale: 1, decimals: k.Decimals, loc: localeOf(s)}
	if f.decimals > 10 {
		f.decimals = 10
	}
	unit := strings.TrimSpace(k.Unit)
	switch {
	case unit == "%": // even with format "percent", as the loader reads them
		f.suffix, f.percent = "%", true
	case strings.EqualFold(k.Format, "percent"):
		f.scale, f.suffix, f.percent = 100, "%", true
	case strings.EqualFold(k.Format, "currency"):
		code := strings.ToUpper(strings.TrimSpace(s.Currency))
		sym, ok := f.loc.Symbol(code)
		switch {
		case ok:
			f.prefix = sym
		case code != "":
			f.prefix = code + " "
		}
		rest := unit
		if sym != "" {
			rest = strings.TrimPrefix(rest, sym)
		}
		if code != "" {
			rest = strings.TrimPrefix(rest, code)
			// A unit such as "£k" names the currency the sheet was
			// written in; the Settings' currency replaces it.
			for _, other := range []string{"£", "$", "€"} {
				rest = strings.TrimPrefix(rest, other)
			}
		}
		f.suffix = format.UnitSuffix(strings.TrimSpace(rest))
	default:
		for _, sym := range []string{"£", "$", "€"} {
			if strings.HasPrefix(unit, sym) {
				f.prefix, unit = sym, strings.TrimSpace(unit[len(sym):])
				break
			}
		}
		f.suffix = format.UnitSuffix(unit)
	}
	return f
}

// value writes one of the KPI's values.
func (f numFormat) value(n scorecard.Num) Val {
	if !n.OK || math.IsNaN(n.V) || math.IsInf(n.V, 0) {
		return Val{}
	}
	v := n.V * f.scale
	s := f.loc.Number(v, f.decimalsFor(v))
	if strings.HasPrefix(s, "-") {
		return Val{Text: "-" + f.prefix + s[1:] + f.suffix, OK: true}
	}
	return Val{Text: f.prefix + s + f.suffix, OK: true}
}

// change writes a difference between two of the KPI's values, always signed:
// "+1.2 pp" for percentages, "+£1,200", "-3 days". It has as many decimals
// as ref, the value it is a change of (automatic ones when ref is missing),
// so that "13.5 days" changes by "+0.6 days", not "+0.578 days".
func (f numFormat) change(n, ref scorecard.Num) Val {
	if !n.OK || math.IsNaN(n.V) || math.IsInf(n.V, 0) {
		return Val{}
	}
	v := n.V * f.scale
	d := f.decimalsFor(v)
	if ok(ref) {
		d = f.decimalsFor(ref.V * f.scale)
	}
	s := f.loc.Number(v, d)
	sign := "+"
	switch {
	case strings.HasPrefix(s, "-"):
		sign, s = "-", s[1:]
	case strings.Trim(s, "0.,\u00a0\u202f'’") == "":
		sign = ""
	}
	if f.percent {
		return Val{Text: sign + s + " pp", OK: true}
	}
	return Val{Text: sign + f.prefix + s + f.suffix, OK: true}
}

// decimalsFor returns the decimals v is written with: the KPI's own, or
// automatic by magnitude (-1: trailing zeros trimmed).
func (f numFormat) decimalsFor(v float64) int {
	if f.decimals >= 0 {
		return f.decimals
	}
	return -1 - autoDecimals(v)
}

// chartDecimals returns the decimals a chart of values needs: the KPI's own,
// or enough for the smallest value's automatic precision.
func (f numFormat) chartDecimals(values ...[]scorecard.Num) int {
	if f.decimals >= 0 {
		return f.decimals
	}
	d := 0
	for _, vs := range values {
		for _, n := range vs {
			if n.OK {
				d = max(d, autoDecimals(n.V*f.scale))
			}
		}
	}
	return d
}

// autoDecimals is how many decimals suit a number of v's magnitude:
// none from 100, one from 10, two from 1, three below.
func autoDecimals(v float64) int {
	a := math.Abs(v)
	switch {
	case a >= 100:
		return 0
	case a >= 10:
		return 1
	case a >= 1 || a == 0:
		return 2
	}
	return 3
}

// scoreVal writes a 0-10 score with one decimal, kept inside its status
// band (format.Score).
func scoreVal(loc format.Locale, n scorecard.Num) Val {
	if !n.OK || math.IsNaN(n.V) {
		return Val{}
	}
	return Val{Text: loc.Score(n.V), OK: true}
}

// pctVal writes a percentage of target with one decimal: "97.5%".
func pctVal(loc format.Locale, n scorecard.Num) Val {
	if !n.OK || math.IsNaN(n.V) || math.IsInf(n.V, 0) {
		return Val{}
	}
	return Val{Text: loc.Number(n.V, 1) + "%", OK: true}
}

// plainNumber writes a weight or similar: as short as it can be.
func plainNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
