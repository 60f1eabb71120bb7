// Package format writes the numbers of the site, the packs and the charts,
// so that a figure reads the same in a table, a chart label, a tooltip and a
// chart's text alternative: values with their decimals, thousands
// separators, and scores that stay inside their status band.
package format

import (
	"math"
	"strconv"
	"strings"

	"kpireport/report/scorecard"
)

// Decimal prints v with decimals places, rounding v's shortest decimal
// form half away from zero: 96.25 gives "96.3" and 4.5 gives "5", where
// strconv alone would round the binary value half to even.
func Decimal(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) <= decimals {
		frac += strings.Repeat("0", decimals-len(frac))
	} else {
		up := frac[decimals] >= '5'
		digits := []byte(whole + frac[:decimals])
		for i := len(digits) - 1; up && i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
			} else {
				digits[i]++
				up = false
			}
		}
		if up {
			digits = append([]byte{'1'}, digits...)
		}
		whole, frac = string(digits[:len(digits)-decimals]), string(digits[len(digits)-decimals:])
	}
	if strings.Trim(whole+frac, "0") == "" {
		sign = "" // no "-0.0"
	}
	if decimals == 0 {
		return sign + whole
	}
	return sign + whole + "." + frac
}

// Number prints v with thousands separators. decimals >= 0 is a fixed
// number of places; a negative decimals d means -1-d places with trailing
// zeros trimmed ("1.5" rather than "1.50" for -3).
func Number(v float64, decimals int) string {
	trim := decimals < 0
	if trim {
		decimals = -1 - decimals
	}
	s := Decimal(v, decimals)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if trim {
		frac = strings.TrimRight(frac, "0")
	}
	if strings.Trim(whole, "0") == "" && strings.Trim(frac, "0") == "" {
		sign = "" // no "-0"
	}
	var b strings.Builder
	b.WriteString(sign)
	for i := 0; i < len(whole); i++ {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// ScoreValue is a 0-10 score rounded to one decimal and kept inside its
// status band as the bands read at one decimal: on target 6.7 to 10, at
// risk 3.3 to 6.6, off target 0 to 3.2. So an at-risk 6.65 is 6.6, never
// the 6.7 that reads as on target, and an off-target 3.32 is 3.2.
func ScoreValue(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	r, _ := strconv.ParseFloat(Decimal(v, 1), 64)
	switch scorecard.StatusOf(scorecard.Some(v)) {
	case scorecard.OnTarget:
		r = max(r, 6.7)
	case scorecard.AtRisk:
		r = min(max(r, 3.3), 6.6)
	case scorecard.OffTarget:
		r = min(r, 3.2)
	}
	return r
}

// Score prints a 0-10 score with one decimal, kept inside its status band
// (see ScoreValue).
func Score(v float64) string { return Number(ScoreValue(v), 1) }

// UnitSuffix is what follows a number to show its unit: nothing, "%", a
// multiplier letter written close ("m", "bn"), or a word after a space
// (" days"). Units that only say the value is a plain number ("count", "#")
// show nothing: "304", not "304 count".
func UnitSuffix(unit string) string {
	switch strings.ToLower(unit) {
	case "", "count", "number", "#", "no.", "nr":
		return ""
	}
	switch unit {
	case "%", "k", "K", "m", "M", "bn", "BN", "Bn":
		return unit
	}
	return " " + unit
}

// CurrencySymbols maps the currency codes that have a well-known symbol.
var CurrencySymbols = map[string]string{"GBP": "£", "USD": "$", "EUR": "€"}

// Value prints v with decimals places and its unit as the pages write it: a
// leading currency symbol, or a currency code with a symbol, goes before
// the number ("£27,464k", "-£5"), the rest after it (UnitSuffix).
func Value(v float64, decimals int, unit string) string {
	n := Number(v, decimals)
	prefix, rest := "", unit
	if sym, ok := CurrencySymbols[strings.ToUpper(unit)]; ok {
		prefix, rest = sym, ""
	} else {
		for _, sym := range CurrencySymbols {
			if r, ok := strings.CutPrefix(unit, sym); ok {
				prefix, rest = sym, strings.TrimSpace(r)
			}
		}
	}
	if s, neg := strings.CutPrefix(n, "-"); neg {
		return "-" + prefix + s + UnitSuffix(rest)
	}
	return prefix + n + UnitSuffix(rest)
}

// Count writes how many of a thing there are, the noun made plural unless
// n is 1: "1 KPI", "3 KPIs", "2 entries", "4 boxes". For periods of a
// frequency, period.Freq's Count says the same.
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + Plural(noun)
}

// Plural is the plural of an English noun by the regular rules: "KPI"
// gives "KPIs", "entry" "entries", "box" "boxes", "day" "days".
func Plural(noun string) string {
	lower := strings.ToLower(noun)
	switch {
	case strings.HasSuffix(lower, "y") && len(lower) > 1 && !strings.ContainsRune("aeiou", rune(lower[len(lower)-2])):
		return noun[:len(noun)-1] + "ies"
	case strings.HasSuffix(lower, "s"), strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"):
		return noun + "es"
	}
	return noun + "s"
}
