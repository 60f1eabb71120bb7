package export

import (
	"bytes"
	"fmt"
	"io"
	"iter"

	"kpireport/report/period"
	"kpireport/report/scorecard"
)

// UnitMeasurementsPath is the export of the business units' series, written
// only for a workbook with a Units sheet. The units' rows have a file of
// their own, not a unit column in measurements.csv, because that file's
// rows are one per KPI and period, which readers rely on when they sum,
// pivot or join by KPI and period: adding each unit's rows to it would count
// every figure once for the organisation and again for each unit.
const UnitMeasurementsPath = "data/unit_measurements.csv"

// unitCSVHeader names unit_measurements.csv's columns: the unit's, then
// measurements.csv's, then where the figure came from.
var unitCSVHeader = append(append([]string{"unit_id", "unit_name", "parent_id"}, csvHeader...), "source", "rollup_actual")

// Sources of a figure, as unit_measurements.csv writes them.
const (
	sourceMeasured = "measured"  // read from the workbook for the unit
	sourceRolledUp = "rolled-up" // rolled up from the units below
)

// UnitMeasurementsCSV returns unit_measurements.csv: a header row, then one
// row per unit, KPI and period of the unit's own or rolled-up series (units
// in tree order, KPIs in the scorecard's order, periods oldest first), in
// the form of measurements.csv (see MeasurementsCSV). A scorecard without
// units gives the header alone.
func UnitMeasurementsCSV(sc *scorecard.Scorecard) ([]byte, error) {
	var buf bytes.Buffer
	if err := WriteUnitMeasurementsCSV(&buf, sc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteUnitMeasurementsCSV writes unit_measurements.csv (see
// UnitMeasurementsCSV) to w, a row at a time.
func WriteUnitMeasurementsCSV(out io.Writer, sc *scorecard.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("export: unit_measurements.csv: %w", errNilScorecard)
	}
	return writeCSV(out, "unit_measurements.csv", unitCSVHeader, unitMeasurements(sc), func(row []string, m measurement) {
		row[0], row[1], row[2] = defuse(m.Unit.ID), defuse(m.Unit.Name), defuse(m.Unit.ParentID)
		n := 3 + len(csvHeader)
		measurementCells(row[3:n], m)
		row[n] = source(m.From)
		row[n+1] = ""
		if m.From != nil {
			row[n+1] = csvNum(m.From.Disagrees)
		}
	})
}

// source says where a figure came from: "measured", "rolled-up", or "" for
// a period with no measurement.
func source(m *scorecard.Measurement) string {
	switch {
	case m == nil:
		return ""
	case m.RolledUp:
		return sourceRolledUp
	}
	return sourceMeasured
}

// unitMeasurements yields a row for every point of every unit's series:
// units in tree order, each unit's KPIs in the scorecard's order, each
// series oldest first.
func unitMeasurements(sc *scorecard.Scorecard) iter.Seq[measurement] {
	return func(yield func(measurement) bool) {
		for _, u := range sc.Units {
			for _, k := range u.KPIs {
				from := byPeriod(k.Measurements)
				for i := range k.Series {
					p := &k.Series[i]
					if !yield(measurement{KPI: k, Point: p, Label: pointLabel(sc, p), Unit: u, From: from[p.Period]}) {
						return
					}
				}
			}
		}
	}
}

// byPeriod indexes measurements by their period.
func byPeriod(ms []*scorecard.Measurement) map[period.Period]*scorecard.Measurement {
	out := make(map[period.Period]*scorecard.Measurement, len(ms))
	for _, m := range ms {
		out[m.Period] = m
	}
	return out
}

// jsonUnit is a business unit in scorecard.json's Units: the unit as the
// model writes it (id, name, parent, score), its perspectives' and
// objectives' scores, and its series of each KPI it reports.
type jsonUnit struct {
	*scorecard.Unit
	Perspectives []jsonUnitPerspective
	Objectives   []jsonUnitObjective
	KPIs         []jsonUnitKPI
}

// jsonUnitPerspective is a perspective's score on a unit's scorecard.
type jsonUnitPerspective struct {
	Perspective string
	Score       scorecard.Rollup
}

// jsonUnitObjective is an objective's score on a unit's scorecard.
type jsonUnitObjective struct {
	ObjectiveID string
	Score       scorecard.Rollup
}

// jsonUnitKPI is a unit's results for a KPI: what differs from the KPI's
// definition (its default target and red flag) and the results, as a KPI in
// scorecard.json has them. Everything else is the KPI's, named by KPI.
type jsonUnitKPI struct {
	KPI                    string
	Target, RedFlag        scorecard.Num
	Series                 pointList
	Current, Previous      jsonPoint
	YearAgo, YTD           jsonPoint
	ChangePrev, ChangeYear scorecard.Num
	Trend                  scorecard.Trend
	// Health is the KPI's review on this unit's figures (the checks of its
	// definition are the organisation's KPI's).
	Health *scorecard.Health `json:",omitempty"`
}

// newJSONUnit is u as scorecard.json writes it.
func newJSONUnit(sc *scorecard.Scorecard, u *scorecard.Unit) jsonUnit {
	j := jsonUnit{Unit: u, Perspectives: []jsonUnitPerspective{}, Objectives: []jsonUnitObjective{}, KPIs: make([]jsonUnitKPI, 0, len(u.KPIs))}
	for i, p := range sc.Perspectives {
		if p != nil && i < len(u.Perspectives) && u.Perspectives[i].Total > 0 {
			j.Perspectives = append(j.Perspectives, jsonUnitPerspective{Perspective: p.Name, Score: u.Perspectives[i]})
		}
	}
	for _, o := range sc.Objectives {
		if r, ok := u.Objectives[o]; ok && o != nil {
			j.Objectives = append(j.Objectives, jsonUnitObjective{ObjectiveID: o.ID, Score: r})
		}
	}
	for _, k := range u.KPIs {
		j.KPIs = append(j.KPIs, jsonUnitKPI{
			KPI: k.ID, Target: k.Target, RedFlag: k.RedFlag,
			Series:  jsonPoints(k, k.Series, byPeriod(k.Measurements)),
			Current: newJSONPoint(k, k.Current, nil), Previous: newJSONPoint(k, k.Previous, nil),
			YearAgo: newJSONPoint(k, k.YearAgo, nil), YTD: newJSONPoint(k, k.YTD, nil),
			ChangePrev: k.ChangePrev, ChangeYear: k.ChangeYear, Trend: k.Trend,
			Health: k.Health,
		})
	}
	return j
}

var unitColumns = append([]column{
	{"Business unit ID", textCol},
	{"Business unit", textCol},
	{"Parent ID", textCol},
	{"Owner", textCol},
	{"Depth", numberCol},
}, rollupColumns...)

// unitRows yields a row per unit, in tree order: where it sits in the tree
// and its scorecard's roll-up.
func unitRows(sc *scorecard.Scorecard) iter.Seq[[]any] {
	return func(yield func([]any) bool) {
		for _, u := range sc.Units {
			if !yield(rollupValues(sc, u.Score, u.ID, u.Name, u.ParentID, u.Owner, u.Depth)) {
				return
			}
		}
	}
}

// unitKPIColumns are the Unit KPIs sheet's: the business unit's, then a
// perspective sheet's, then where the unit's figures came from.
var unitKPIColumns = append(append([]column{
	{"Business unit ID", textCol},
	{"Business unit", textCol},
}, kpiColumns...), column{"Source", textCol})

// unitKPIRows yields a row per unit and KPI it reports, at the report
// period: units in tree order, KPIs in the scorecard's order.
func unitKPIRows(sc *scorecard.Scorecard) iter.Seq[[]any] {
	return func(yield func([]any) bool) {
		for _, u := range sc.Units {
			for _, k := range u.KPIs {
				row := append(append([]any{u.ID, u.Name}, kpiValues(k)...), sources(k))
				if !yield(row) {
					return
				}
			}
		}
	}
}

// sources says where a unit's figures for a KPI came from: "measured",
// "rolled-up", "measured, rolled-up" when some of each, or "" when it has
// none.
func sources(k *scorecard.KPI) string {
	var read, rolled bool
	for _, m := range k.Measurements {
		if m.RolledUp {
			rolled = true
		} else {
			read = true
		}
	}
	switch {
	case read && rolled:
		return sourceMeasured + ", " + sourceRolledUp
	case rolled:
		return sourceRolledUp
	case read:
		return sourceMeasured
	}
	return ""
}
