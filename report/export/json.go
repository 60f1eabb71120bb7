package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"kpireport/report/period"
	"kpireport/report/scorecard"
)

// SchemaVersion is the version of scorecard.json's shape, written as its
// first field. It goes up when a field is renamed, removed or changes
// meaning; new fields may be added without a new version.
const SchemaVersion = 2

// jsonScorecard is scorecard.json's top level: the model as it marshals
// itself, with the schema version first and the lists whose items need
// links back up the tree replaced by ones that carry them.
type jsonScorecard struct {
	SchemaVersion int `json:"schema_version"`
	*scorecard.Scorecard
	PeriodLabel string   // the report period's label, which the model derives
	Periods     []string // every period with data at the report period's frequency, oldest first
	Objectives  []jsonObjective
	// KPIs and Units are never filled: JSON writes them itself, after the
	// rest. The fields are here to keep the scorecard's own out.
	KPIs  []jsonKPI  `json:",omitempty"`
	Units []jsonUnit `json:",omitempty"`
}

// jsonObjective is an objective with the name of its perspective, which the
// model leaves out of its own JSON (it is a pointer up the tree).
type jsonObjective struct {
	*scorecard.Objective
	Perspective string
}

// jsonKPI is a KPI with its objective's id, its perspective's name and its
// frequency, which the model leaves out of its own JSON, and its points in
// their compact form (jsonPoint), which shadow the model's; without the
// quarterly and yearly roll-ups.
type jsonKPI struct {
	*scorecard.KPI
	ObjectiveID string
	Perspective string
	Frequency   string
	Series      pointList
	// Quarters and Years are never filled: they shadow the model's
	// roll-ups, which a reader derives from Series by the KPI's
	// Aggregation, and which would make the file half as large again.
	Quarters []jsonPoint `json:",omitzero"`
	Years    []jsonPoint `json:",omitzero"`
	Current  jsonPoint
	Previous jsonPoint
	YearAgo  jsonPoint
	YTD      jsonPoint
}

// jsonPoint is a Point as scorecard.json writes it (schema 2): a missing
// number is left out rather than written as null; the label and the % of
// target, which a reader derives from the period and the numbers, are not
// written; nor are the red flag and the range's upper end when they are the
// KPI's own, nor Count and Of when the period is complete.
type jsonPoint struct {
	Period      string
	Actual      scorecard.Num `json:",omitzero"`
	Target      scorecard.Num `json:",omitzero"`
	RedFlag     scorecard.Num `json:",omitzero"`
	TargetMax   scorecard.Num `json:",omitzero"`
	Numerator   scorecard.Num `json:",omitzero"`
	Denominator scorecard.Num `json:",omitzero"`
	Score       scorecard.Num `json:",omitzero"`
	Status      scorecard.Status
	Count       int    `json:",omitempty"`
	Of          int    `json:",omitempty"`
	Comment     string `json:",omitempty"`
	// RolledUp and Disagrees, only with business units: the figure was
	// rolled up from the units below; or it was read, and their roll-up,
	// Disagrees, differs from it by more than the tolerance.
	RolledUp  bool          `json:",omitempty"`
	Disagrees scorecard.Num `json:",omitzero"`
}

// newJSONKPI is k with its points in their compact form; with business
// units (withUnits), each point says whether it was rolled up from them.
func newJSONKPI(k *scorecard.KPI, withUnits bool) jsonKPI {
	var from map[period.Period]*scorecard.Measurement
	if withUnits {
		from = byPeriod(k.Measurements)
	}
	return jsonKPI{
		KPI:         k,
		ObjectiveID: objectiveID(k),
		Perspective: perspectiveName(k),
		Frequency:   freqName(k),
		Series:      jsonPoints(k, k.Series, from),
		Current:     newJSONPoint(k, k.Current, nil),
		Previous:    newJSONPoint(k, k.Previous, nil),
		YearAgo:     newJSONPoint(k, k.YearAgo, nil),
		YTD:         newJSONPoint(k, k.YTD, nil),
	}
}

// jsonPoints are the points ps of k, each with the measurement it was made
// from in from (by period), if any.
func jsonPoints(k *scorecard.KPI, ps []scorecard.Point, from map[period.Period]*scorecard.Measurement) pointList {
	if ps == nil {
		return nil
	}
	out := make([]jsonPoint, len(ps))
	for i, p := range ps {
		out[i] = newJSONPoint(k, p, from[p.Period])
	}
	return out
}

// pointList is a series of points. It writes itself, with the bytes
// encoding/json would write for a []jsonPoint (TestPointListMatches holds
// it to them): by reflection, field by field and through each number's
// MarshalJSON, the series were most of scorecard.json's time.
type pointList []jsonPoint

// MarshalJSON writes the points as encoding/json writes a []jsonPoint:
// what json.Marshal writes of each text, or the text itself when it needs
// no escaping; the encoder escapes any HTML characters left (&, < and >
// in the fast path) in what this returns, as it does for every value.
func (ps pointList) MarshalJSON() ([]byte, error) {
	if ps == nil {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 96*len(ps)+2)
	b = append(b, '[')
	var err error
	for i := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = ps[i].appendJSON(b); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// appendJSON appends p as encoding/json writes a jsonPoint (its fields in
// order, each omitted as its tag says).
func (p *jsonPoint) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"Period":`...)
	b = appendJSONString(b, p.Period)
	var err error
	num := func(name string, n scorecard.Num) {
		if err != nil || n == (scorecard.Num{}) { // omitzero: -0 too, as == has it
			return
		}
		b = append(b, `,"`...)
		b = append(b, name...)
		b = append(b, `":`...)
		b, err = n.AppendJSON(b)
	}
	num("Actual", p.Actual)
	num("Target", p.Target)
	num("RedFlag", p.RedFlag)
	num("TargetMax", p.TargetMax)
	num("Numerator", p.Numerator)
	num("Denominator", p.Denominator)
	num("Score", p.Score)
	if err != nil {
		return nil, err
	}
	status, err := p.Status.MarshalText()
	if err != nil {
		return nil, err
	}
	b = append(b, `,"Status":`...)
	b = appendJSONString(b, string(status))
	if p.Count != 0 {
		b = append(b, `,"Count":`...)
		b = strconv.AppendInt(b, int64(p.Count), 10)
	}
	if p.Of != 0 {
		b = append(b, `,"Of":`...)
		b = strconv.AppendInt(b, int64(p.Of), 10)
	}
	if p.Comment != "" {
		b = append(b, `,"Comment":`...)
		b = appendJSONString(b, p.Comment)
	}
	if p.RolledUp {
		b = append(b, `,"RolledUp":true`...)
	}
	num("Disagrees", p.Disagrees)
	if err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// appendJSONString appends s as a JSON string: directly when it holds only
// printable ASCII that needs no escaping, through encoding/json otherwise.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// newJSONPoint is p of k in its compact form; m, when not nil, is the
// measurement it was made from.
func newJSONPoint(k *scorecard.KPI, p scorecard.Point, m *scorecard.Measurement) jsonPoint {
	j := jsonPoint{
		Actual: p.Actual, Target: p.Target, RedFlag: p.RedFlag, TargetMax: p.TargetMax,
		Numerator: p.Numerator, Denominator: p.Denominator, Score: p.Score,
		Status: p.Status, Comment: p.Comment,
	}
	if !p.Period.IsZero() {
		j.Period = p.Period.Key()
	}
	if p.RedFlag == k.RedFlag {
		j.RedFlag = scorecard.Num{}
	}
	if p.TargetMax == k.TargetMax {
		j.TargetMax = scorecard.Num{}
	}
	if p.Count != p.Of {
		j.Count, j.Of = p.Count, p.Of
	}
	if m != nil {
		j.RolledUp, j.Disagrees = m.RolledUp, m.Disagrees
	}
	return j
}

// JSON returns scorecard.json: the computed scorecard in compact form, one
// line for the document's head and one for each KPI, its first field "schema_version" (SchemaVersion). SCHEMA.md
// describes the shape. The output is the same for the same scorecard: only
// structs and ordered lists are written, never maps. HTML-significant
// characters (<, >, &) are escaped as \u003c and so on, so the file stays
// harmless if a host serves it as HTML. WriteJSON writes the same bytes to
// a writer.
func JSON(sc *scorecard.Scorecard) ([]byte, error) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, sc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteJSON writes scorecard.json (see JSON) to w in one pass: nothing is
// re-indented. The KPIs, which hold nearly all the data, are encoded and
// written one at a time, each on a line of its own, so the memory used
// stays small whatever the size of the file.
func WriteJSON(w io.Writer, sc *scorecard.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("export: scorecard.json: %w", errNilScorecard)
	}
	doc := jsonScorecard{
		SchemaVersion: SchemaVersion,
		Scorecard:     sc,
		PeriodLabel:   sc.PeriodLabel(),
		Periods:       make([]string, 0, len(sc.Periods)),
		Objectives:    make([]jsonObjective, 0, len(sc.Objectives)),
	}
	for _, p := range sc.Periods {
		doc.Periods = append(doc.Periods, p.Key())
	}
	for _, o := range sc.Objectives {
		if o == nil {
			continue
		}
		jo := jsonObjective{Objective: o}
		if o.Perspective != nil {
			jo.Perspective = o.Perspective.Name
		}
		doc.Objectives = append(doc.Objectives, jo)
	}
	// The head is everything but the KPIs, which come last: it ends in
	// "}", which the KPIs' list replaces.
	head, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("export: scorecard.json: %w", err)
	}
	head = bytes.TrimSuffix(head, []byte("}"))
	ew := &errWriter{w: w}
	ew.Write(head)
	list := newLines(ew)
	list.begin("KPIs")
	units := len(sc.Units) > 0
	for _, k := range sc.KPIs {
		if k == nil {
			continue
		}
		if err := list.add(newJSONKPI(k, units)); err != nil {
			return fmt.Errorf("export: scorecard.json: KPI %q: %w", k.ID, err)
		}
	}
	list.end()
	if units {
		list.begin("Units")
		for _, u := range sc.Units {
			if err := list.add(newJSONUnit(sc, u)); err != nil {
				return fmt.Errorf("export: scorecard.json: unit %q: %w", u.ID, err)
			}
		}
		list.end()
	}
	ew.WriteString("}\n")
	if ew.err != nil {
		return fmt.Errorf("export: scorecard.json: %w", ew.err)
	}
	return nil
}

// lines writes a list of the document, each value on a line of its own:
// `,"Name":[`, then the values, then `]`.
type lines struct {
	ew  *errWriter
	buf bytes.Buffer // each value is encoded here, then written
	enc *json.Encoder
	n   int
}

func newLines(ew *errWriter) *lines {
	l := &lines{ew: ew}
	l.enc = json.NewEncoder(&l.buf)
	return l
}

// begin starts the list of the field name.
func (l *lines) begin(name string) {
	l.ew.WriteString(",\"" + name + "\":[")
	l.n = 0
}

// add writes v as the list's next value; it fails only when v cannot be
// encoded (a write's error is kept by the errWriter).
func (l *lines) add(v any) error {
	if l.ew.err != nil {
		return nil
	}
	l.buf.Reset()
	if l.n > 0 {
		l.buf.WriteByte(',')
	}
	l.buf.WriteByte('\n')
	if err := l.enc.Encode(v); err != nil {
		return err
	}
	// Encode ends the value with a newline, which the list does not want
	// there.
	l.buf.Truncate(l.buf.Len() - 1)
	l.ew.Write(l.buf.Bytes())
	l.n++
	return nil
}

// end closes the list.
func (l *lines) end() {
	if l.n > 0 {
		l.ew.WriteString("\n")
	}
	l.ew.WriteString("]")
}

// errWriter writes to w until a write fails, and keeps that error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(p)
	}
}

func (e *errWriter) WriteString(s string) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, s)
	}
}

// freqName returns a KPI's frequency as the KPIs sheet spells it, or "" when
// it has none.
func freqName(k *scorecard.KPI) string {
	if k.Frequency == 0 {
		return ""
	}
	return k.Frequency.String()
}
