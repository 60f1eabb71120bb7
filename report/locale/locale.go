// Package locale reads the Settings' locale and currency with
// golang.org/x/text: a language tag such as de-DE, whose CLDR data give the
// decimal and thousands separators, and an ISO 4217 code such as EUR, whose
// data give its symbol in that language.
package locale

import (
	"fmt"
	"strings"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
)

// Tag reads a locale as the Settings or --locale write it ("de-DE",
// "en_GB", "fr"). It refuses what x/text does not know as a language.
func Tag(s string) (language.Tag, error) {
	s = strings.TrimSpace(s)
	tag, err := language.Parse(s)
	if err != nil || tag == language.Und {
		return language.Und, fmt.Errorf("is not a locale kpireport knows; write a language tag such as en-GB, de-DE, fr-FR or en-US")
	}
	return tag, nil
}

// Currency reads an ISO 4217 currency code ("EUR", "gbp").
func Currency(code string) (currency.Unit, error) {
	u, err := currency.ParseISO(strings.ToUpper(strings.TrimSpace(code)))
	if err != nil {
		return currency.Unit{}, fmt.Errorf("is not an ISO 4217 currency code; write one such as GBP, EUR or USD")
	}
	return u, nil
}
