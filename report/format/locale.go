package format

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"kpireport/report/locale"
)

// Locale writes numbers with a language's separators, as x/text's CLDR
// data give them: de-DE writes 1.234,5, fr-FR 1 234,5. The zero Locale,
// and any whose separators are en-GB's, writes as Number does.
type Locale struct {
	p *message.Printer // nil: en-GB's separators, Number's own code
}

// ParseLocale reads a locale such as "de-DE" or "en_GB"; "" is en-GB.
func ParseLocale(s string) (Locale, error) {
	if strings.TrimSpace(s) == "" {
		return Locale{}, nil
	}
	tag, err := locale.Tag(s)
	if err != nil {
		return Locale{}, err
	}
	return LocaleOf(tag), nil
}

// LocaleOf returns the Locale of tag.
func LocaleOf(tag language.Tag) Locale {
	p := message.NewPrinter(tag)
	if p.Sprint(number.Decimal(1234567.5, number.Scale(1))) == "1,234,567.5" {
		return Locale{} // en-GB's separators: the same bytes as ever
	}
	return Locale{p: p}
}

// Number is format.Number in the locale.
func (l Locale) Number(v float64, decimals int) string {
	s := Number(v, decimals)
	if l.p == nil {
		return s
	}
	sign := ""
	if r, neg := strings.CutPrefix(s, "-"); neg {
		sign, s = "-", r
	}
	// s is already rounded as Number rounds; x/text only writes its digits
	// with the locale's separators and grouping.
	_, frac, _ := strings.Cut(s, ".")
	x, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return sign + s
	}
	return sign + l.p.Sprint(number.Decimal(x, number.Scale(len(frac))))
}

// Score is format.Score in the locale.
func (l Locale) Score(v float64) string { return l.Number(ScoreValue(v), 1) }

// Value is format.Value in the locale.
func (l Locale) Value(v float64, decimals int, unit string) string {
	n := Value(v, decimals, unit)
	if l.p == nil {
		return n
	}
	plain := Number(v, decimals)
	return strings.Replace(n, strings.TrimPrefix(plain, "-"), strings.TrimPrefix(l.Number(v, decimals), "-"), 1)
}

// Symbol is what goes before an amount in the currency, in the locale: its
// narrow symbol as x/text's CLDR data give it ("€" for EUR, "£" for GBP,
// "$" for USD; a report names one currency, so the narrow form is clear),
// followed by a space when it is letters ("CHF 999"). "" and false for a
// code x/text does not know.
func (l Locale) Symbol(code string) (string, bool) {
	u, err := locale.Currency(code)
	if err != nil {
		return "", false
	}
	p := l.p
	if p == nil {
		p = message.NewPrinter(language.BritishEnglish)
	}
	sym := p.Sprint(currency.NarrowSymbol(u))
	if r := []rune(sym); len(r) > 0 && unicode.IsLetter(r[len(r)-1]) {
		sym += " "
	}
	return sym, true
}
