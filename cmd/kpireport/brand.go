package main

import (
	"flag"
	"fmt"
	"io"

	"kpireport/report"
)

// brandFlags adds the flags that win over the Settings' branding.
func brandFlags(fs *flag.FlagSet, opts *report.Options) {
	fs.StringVar(&opts.Brand.Logo, "logo", "", "a PNG, JPEG or SVG `file` shown on every page and pack (wins over the Settings' logo)")
	fs.StringVar(&opts.Brand.ThemeColour, "theme-colour", "", "the pages' primary `colour`, #rrggbb (wins over the Settings' theme_colour)")
	fs.StringVar(&opts.Brand.Locale, "locale", "", "the `locale` figures are written in, e.g. de-DE for 1.234,5 (wins over the Settings' locale)")
	fs.StringVar(&opts.Brand.Currency, "currency", "", "the ISO 4217 `code` of the currency, e.g. EUR (wins over the Settings' currency)")
}

// checkBrand reads the branding flags; a bad one is a usage error naming it.
func checkBrand(cmd string, opts *report.Options, stderr io.Writer) error {
	warning, err := opts.Brand.Check()
	if err != nil {
		fmt.Fprintf(stderr, "kpireport %s: %v\n", cmd, err)
		return errUsage
	}
	if warning != "" {
		fmt.Fprintf(stderr, "warning: %s\n", warning)
	}
	return nil
}
