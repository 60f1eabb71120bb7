package view

import (
	"sync"

	"kpireport/report/format"
	"kpireport/report/scorecard"
)

// locales caches the Locale of each Settings locale text, so that pages
// with many KPIs read the CLDR data once.
var locales sync.Map // string -> format.Locale

// localeOf is the Locale the Settings' locale names; en-GB's when it is
// empty or not one x/text knows (the loader reports that at its cell).
func localeOf(s scorecard.Settings) format.Locale {
	if l, ok := locales.Load(s.Locale); ok {
		return l.(format.Locale)
	}
	l, _ := format.ParseLocale(s.Locale)
	locales.Store(s.Locale, l)
	return l
}

// loc is the Locale the pages write numbers in.
func (r *Builder) loc() format.Locale { return localeOf(r.sc.Settings) }
