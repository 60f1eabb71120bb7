package export

import (
	"bytes"
	"encoding/json"
	"fmt"

	"kpireport/report/scorecard"
)

// SchemaVersion is the version of scorecard.json's shape, written as its
// first field. It goes up when a field is renamed, removed or changes
// meaning; new fields may be added without a new version.
const SchemaVersion = 1

// jsonScorecard is scorecard.json's top level: the model as it marshals
// itself, with the schema version first and the lists whose items need
// links back up the tree replaced by ones that carry them.
type jsonScorecard struct {
	SchemaVersion int `json:"schema_version"`
	*scorecard.Scorecard
	Periods    []string // every period with data at the report period's frequency, oldest first
	Objectives []jsonObjective
	// KPIs is never filled: JSON writes the KPIs itself, after the rest.
	// The field is here to keep the scorecard's own KPIs out.
	KPIs []jsonKPI `json:",omitempty"`
}

// jsonObjective is an objective with the name of its perspective, which the
// model leaves out of its own JSON (it is a pointer up the tree).
type jsonObjective struct {
	*scorecard.Objective
	Perspective string
}

// jsonKPI is a KPI with its objective's id, its perspective's name and its
// frequency, which the model leaves out of its own JSON.
type jsonKPI struct {
	*scorecard.KPI
	ObjectiveID string
	Perspective string
	Frequency   string
}

// JSON returns scorecard.json: the computed scorecard, indented with two
// spaces, its first field "schema_version" (SchemaVersion). SCHEMA.md
// describes the shape. The output is the same for the same scorecard: only
// structs and ordered lists are written, never maps. HTML-significant
// characters (<, >, &) are escaped as \u003c and so on, so the file stays
// harmless if a host serves it as HTML.
//
// The KPIs, which hold nearly all the data, are encoded one at a time, so
// the memory used is about twice the size of the file rather than several
// times it; the bytes are those json.MarshalIndent would give for the whole.
func JSON(sc *scorecard.Scorecard) ([]byte, error) {
	if sc == nil {
		return nil, fmt.Errorf("export: scorecard.json: %w", errNilScorecard)
	}
	doc := jsonScorecard{
		SchemaVersion: SchemaVersion,
		Scorecard:     sc,
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
	// "\n}", which the KPIs' list replaces.
	head, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("export: scorecard.json: %w", err)
	}
	head = bytes.TrimSuffix(head, []byte("\n}"))
	var buf bytes.Buffer
	buf.Write(head)
	buf.WriteString(",\n  \"KPIs\": [")
	n := 0
	for _, k := range sc.KPIs {
		if k == nil {
			continue
		}
		b, err := json.MarshalIndent(jsonKPI{
			KPI:         k,
			ObjectiveID: objectiveID(k),
			Perspective: perspectiveName(k),
			Frequency:   freqName(k),
		}, "    ", "  ")
		if err != nil {
			return nil, fmt.Errorf("export: scorecard.json: KPI %q: %w", k.ID, err)
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		buf.Write(b)
		n++
	}
	if n > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	return buf.Bytes(), nil
}

// freqName returns a KPI's frequency as the KPIs sheet spells it, or "" when
// it has none.
func freqName(k *scorecard.KPI) string {
	if k.Frequency == 0 {
		return ""
	}
	return k.Frequency.String()
}
