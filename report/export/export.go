// Package export writes the computed scorecard in machine-readable forms:
// scorecard.json (the whole model), measurements.csv (one row per KPI and
// period) and scorecard.xlsx (a summary, one sheet per perspective and the
// measurement history); with business units, unit_measurements.csv (one row
// per unit, KPI and period) and the units' parts of the other two. JSON,
// MeasurementsCSV, UnitMeasurementsCSV and XLSX return a file's bytes;
// WriteJSON, WriteMeasurementsCSV, WriteUnitMeasurementsCSV and WriteXLSX
// stream the same bytes to a writer, which is how the site writes them. The
// same scorecard always gives the same bytes. SCHEMA.md in this folder
// describes the files.
package export

import (
	"errors"
	"iter"
	"math"
	"strings"

	"kpireport/report/scorecard"
)

// errNilScorecard is returned by every export when given no scorecard.
var errNilScorecard = errors.New("no scorecard")

// perspectiveName returns the name of a KPI's perspective, or "".
func perspectiveName(k *scorecard.KPI) string {
	if p := k.InPerspective(); p != nil {
		return p.Name
	}
	return ""
}

// objectiveID returns the id of a KPI's objective, or "".
func objectiveID(k *scorecard.KPI) string {
	if k.Objective != nil {
		return k.Objective.ID
	}
	return ""
}

// objectiveName returns the name of a KPI's objective, or "".
func objectiveName(k *scorecard.KPI) string {
	if k.Objective != nil {
		return k.Objective.Name
	}
	return ""
}

// measurement is one row of measurements.csv and of the workbook's
// Measurements sheet: one KPI at one period of its own series.
type measurement struct {
	KPI   *scorecard.KPI
	Point *scorecard.Point
	// Label is the period as a reader sees it; the point's own label, or
	// one made from the calendar when the point has none.
	Label string
	// Unit is the business unit of a row of unit_measurements.csv, nil for
	// the organisation's; From is the measurement the point was made from,
	// nil when the period has none.
	Unit *scorecard.Unit
	From *scorecard.Measurement
}

// measurements yields a row for every point of every KPI's series, KPIs in
// the scorecard's order and each series oldest first. Nil KPIs are skipped.
func measurements(sc *scorecard.Scorecard) iter.Seq[measurement] {
	return func(yield func(measurement) bool) {
		for _, k := range sc.KPIs {
			if k == nil {
				continue
			}
			for i := range k.Series {
				p := &k.Series[i]
				if !yield(measurement{KPI: k, Point: p, Label: pointLabel(sc, p)}) {
					return
				}
			}
		}
	}
}

// pointLabel is a point's own label, or one made from the calendar when it
// has none.
func pointLabel(sc *scorecard.Scorecard, p *scorecard.Point) string {
	if p.Label != "" {
		return p.Label
	}
	return sc.Calendar.Label(p.Period)
}

// unsafeLead holds the characters that make a spreadsheet read a text cell
// as a formula (or, for tab and carriage return, that some spreadsheets
// strip before doing so).
const unsafeLead = "=+-@\t\r"

// defuse returns text that a spreadsheet opening a CSV shows as text rather
// than runs as a formula: text that starts with one of unsafeLead gets a
// single quote in front (OWASP's advice for CSV injection; the quote may be
// shown). Other text is returned unchanged.
func defuse(s string) string {
	if s != "" && strings.ContainsRune(unsafeLead, rune(s[0])) {
		return "'" + s
	}
	return s
}

// statusSlug returns a status's slug ("on-target"), or "" for a value that
// is not a status.
func statusSlug(s scorecard.Status) string {
	if s < scorecard.NoData || s > scorecard.Exceeded {
		return ""
	}
	return s.Slug()
}

// statusText returns a status as a reader sees it ("on target"), or "" for
// a value that is not a status.
func statusText(s scorecard.Status) string {
	if s < scorecard.NoData || s > scorecard.Exceeded {
		return ""
	}
	return s.String()
}

// trendText returns a trend's name ("improving"), or "" for a value that is
// not a trend.
func trendText(t scorecard.Trend) string {
	if t < scorecard.NoTrend || t > scorecard.Worsening {
		return ""
	}
	return t.String()
}

// number returns a number that is present and finite; NaN and infinities,
// which neither CSV readers nor spreadsheets take as numbers, count as
// missing.
func number(n scorecard.Num) (float64, bool) {
	if !n.OK || math.IsNaN(n.V) || math.IsInf(n.V, 0) {
		return 0, false
	}
	return n.V, true
}
