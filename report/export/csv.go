package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"strconv"

	"kpireport/report/scorecard"
)

// csvHeader names measurements.csv's columns, in order.
var csvHeader = []string{
	"kpi_id", "kpi_name", "perspective", "objective_id", "period", "period_label",
	"actual", "target", "red_flag", "score", "status", "pct_of_target", "comment",
}

// bom is the UTF-8 byte order mark. Excel reads a CSV file without one in
// the system's legacy code page, which garbles "£" and any other non-ASCII
// text; with it, Excel reads UTF-8. Other CSV readers skip it or can be told
// to (Python's "utf-8-sig").
const bom = "\ufeff"

// MeasurementsCSV returns measurements.csv: a header row, then one row per
// KPI and period of the KPI's own series (KPIs in the scorecard's order,
// periods oldest first), as SCHEMA.md describes. The file starts with a
// UTF-8 byte order mark so that Excel reads it as UTF-8, and its lines end
// in CRLF (RFC 4180). Numbers are written in full (strconv 'f', -1); a
// missing number (or NaN, or an infinity) is an empty field. Text that a spreadsheet would run as a
// formula (starting with =, +, -, @, tab or carriage return) is prefixed
// with a single quote.
func MeasurementsCSV(sc *scorecard.Scorecard) ([]byte, error) {
	var buf bytes.Buffer
	if err := WriteMeasurementsCSV(&buf, sc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteMeasurementsCSV writes measurements.csv (see MeasurementsCSV) to w,
// a row at a time.
func WriteMeasurementsCSV(out io.Writer, sc *scorecard.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("export: measurements.csv: %w", errNilScorecard)
	}
	return writeCSV(out, "measurements.csv", csvHeader, measurements(sc), measurementCells)
}

// writeCSV writes a CSV export of rows to out: the byte order mark, the
// header, then a row per measurement, its fields filled by cells.
func writeCSV(out io.Writer, file string, header []string, rows iter.Seq[measurement], cells func(row []string, m measurement)) error {
	if _, err := io.WriteString(out, bom); err != nil {
		return fmt.Errorf("export: %s: %w", file, err)
	}
	w := csv.NewWriter(out)
	w.UseCRLF = true
	if err := w.Write(header); err != nil {
		return fmt.Errorf("export: %s: %w", file, err)
	}
	row := make([]string, len(header))
	for m := range rows {
		cells(row, m)
		if err := w.Write(row); err != nil {
			return fmt.Errorf("export: %s: KPI %q %s: %w", file, m.KPI.ID, m.Point.Period.Key(), err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("export: %s: %w", file, err)
	}
	return nil
}

// measurementCells fills the columns of csvHeader, in its order, for m.
func measurementCells(row []string, m measurement) {
	k, p := m.KPI, m.Point
	row[0] = defuse(k.ID)
	row[1] = defuse(k.Name)
	row[2] = defuse(perspectiveName(k))
	row[3] = defuse(objectiveID(k))
	row[4] = p.Period.Key()
	row[5] = defuse(m.Label)
	row[6] = csvNum(p.Actual)
	row[7] = csvNum(p.Target)
	row[8] = csvNum(p.RedFlag)
	row[9] = csvNum(p.Score)
	row[10] = statusSlug(p.Status)
	row[11] = csvNum(p.PctOfTarget)
	row[12] = defuse(p.Comment)
}

// csvNum writes a number in full, or nothing when it is missing (or not
// finite).
func csvNum(n scorecard.Num) string {
	v, ok := number(n)
	if !ok {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
