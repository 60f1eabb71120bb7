package export

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"kpireport/report/internal/golden"
	"kpireport/report/scorecard"
)

func TestJSONGolden(t *testing.T) {
	b, err := JSON(fixture())
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "scorecard.json", b)
}

func TestJSON(t *testing.T) {
	b, err := JSON(fixture())
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b) {
		t.Fatal("not valid JSON")
	}
	if want := "{\"schema_version\":2,\"Settings\":{"; !bytes.HasPrefix(b, []byte(want)) {
		t.Errorf("starts %q, want %q", b[:min(len(b), 40)], want)
	}
	if bytes.Contains(b, []byte("<")) || bytes.Contains(b, []byte("&")) {
		t.Error("HTML-significant characters are not escaped")
	}

	var doc struct {
		SchemaVersion int `json:"schema_version"`
		Period        string
		PeriodLabel   string
		Periods       []string
		Score         struct {
			Score  *float64
			Status string
			Counts [4]int
		}
		Perspectives []struct{ Name, Slug string }
		Objectives   []struct{ ID, Perspective string }
		KPIs         []struct {
			ID, Name, Owner, ObjectiveID, Perspective, Frequency, Direction, Trend string
			Series                                                                 []struct {
				Period, Label, Status string
				Actual, Score         *float64
				Comment               string
			}
			Current    struct{ Period, Status string }
			ChangePrev *float64
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != 2 || doc.Period != "2026-Q1" || doc.PeriodLabel != "Q1 2026" ||
		strings.Join(doc.Periods, ",") != "2026-Q1" {
		t.Errorf("top level: version %d, period %q %q, periods %q", doc.SchemaVersion, doc.Period, doc.PeriodLabel, doc.Periods)
	}
	if doc.Score.Score == nil || math.Abs(*doc.Score.Score-11.0/3) > 1e-12 || doc.Score.Status != "at-risk" || doc.Score.Counts != [4]int{2, 1, 0, 1} {
		t.Errorf("organisation score: %+v", doc.Score)
	}
	if len(doc.Perspectives) != 3 || doc.Perspectives[2].Name != "Learning/Growth: [people] & skills?" {
		t.Errorf("perspectives: %+v", doc.Perspectives)
	}
	if len(doc.Objectives) != 3 || doc.Objectives[1].ID != "C1" || doc.Objectives[1].Perspective != "History" {
		t.Errorf("objectives: %+v", doc.Objectives)
	}
	if len(doc.KPIs) != 4 {
		t.Fatalf("%d KPIs, want 4", len(doc.KPIs))
	}
	k := doc.KPIs[1]
	if k.ID != "C-NPS" || k.Name != injectName || k.Owner != injectOwner || k.ObjectiveID != "C1" ||
		k.Perspective != "History" || k.Frequency != "monthly" || k.Direction != "higher" || k.Trend != "improving" {
		t.Errorf("KPI C-NPS: %+v", k)
	}
	if k.ChangePrev == nil || *k.ChangePrev != 12 || k.Current.Period != "2026-03" || k.Current.Status != "on-target" {
		t.Errorf("KPI C-NPS current: %+v, change %v", k.Current, k.ChangePrev)
	}
	if len(k.Series) != 2 || k.Series[0].Period != "2026-02" || k.Series[0].Label != "" ||
		*k.Series[0].Actual != 40 || k.Series[0].Status != "off-target" || k.Series[0].Comment != "+cmd|' /C calc'!A0" {
		t.Errorf("KPI C-NPS series: %+v", k.Series)
	}
	churn := doc.KPIs[2]
	if s := churn.Series[1]; s.Actual != nil || s.Score != nil || s.Status != "no-data" {
		t.Errorf("missing actual: got actual %v score %v status %q, want null, null, no-data", s.Actual, s.Score, s.Status)
	}
	if train := doc.KPIs[3]; train.Frequency != "quarterly" || train.Series != nil {
		t.Errorf("KPI without data: %+v", train)
	}
}

// TestJSONWhole checks that writing the KPIs one by one gives the bytes
// that encoding the whole document at once would.
func TestJSONWhole(t *testing.T) {
	for name, sc := range map[string]*scorecard.Scorecard{
		"fixture": fixture(),
		"no KPIs": {},
		"nil KPI": {KPIs: []*scorecard.KPI{nil, {ID: "X"}, nil}},
		"units":   unitFixture(),
	} {
		got, err := JSON(sc)
		if err != nil {
			t.Fatal(err)
		}
		// jsonScorecard without omitempty on KPIs.
		doc := struct {
			SchemaVersion int `json:"schema_version"`
			*scorecard.Scorecard
			PeriodLabel string
			Periods     []string
			Objectives  []jsonObjective
			KPIs        []jsonKPI
			Units       []jsonUnit `json:",omitempty"`
		}{SchemaVersion: SchemaVersion, Scorecard: sc, PeriodLabel: sc.PeriodLabel(), Periods: []string{}, Objectives: []jsonObjective{}, KPIs: []jsonKPI{}}
		for _, p := range sc.Periods {
			doc.Periods = append(doc.Periods, p.Key())
		}
		for _, o := range sc.Objectives {
			doc.Objectives = append(doc.Objectives, jsonObjective{Objective: o, Perspective: o.Perspective.Name})
		}
		for _, k := range sc.KPIs {
			if k != nil {
				doc.KPIs = append(doc.KPIs, newJSONKPI(k, sc.Units != nil))
			}
		}
		for _, u := range sc.Units {
			doc.Units = append(doc.Units, newJSONUnit(sc, u))
		}
		want, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		var gotDoc, wantDoc any
		if err := json.Unmarshal(got, &gotDoc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := json.Unmarshal(want, &wantDoc); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotDoc, wantDoc) {
			t.Errorf("%s: JSON differs from encoding the whole document:\n%s\nwant\n%s", name, got, want)
		}
		// Each KPI and each unit is one line of the file.
		if n := bytes.Count(got, []byte("\n{\"")); n != len(doc.KPIs)+len(doc.Units) {
			t.Errorf("%s: %d KPI and unit lines, want %d", name, n, len(doc.KPIs)+len(doc.Units))
		}
	}
}

func TestJSONNotFinite(t *testing.T) {
	sc := fixture()
	sc.KPIs[0].Series[0].Actual = scorecard.Some(math.NaN())
	_, err := JSON(sc)
	if err == nil || !strings.HasPrefix(err.Error(), `export: scorecard.json: KPI "REV": `) {
		t.Fatalf("JSON with a NaN actual: err = %v, want an export error", err)
	}
}

// A pointList writes, through the encoder, the bytes encoding/json writes
// for the same points as a plain []jsonPoint: for points with every field
// present or missing, numbers of every size, texts that need escaping
// (HTML characters included) and units' fields.
func TestPointListMatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	nums := []scorecard.Num{{}, {V: math.Copysign(0, -1)}, scorecard.Some(0), scorecard.Some(math.Copysign(0, -1)), {V: 3}, scorecard.Some(1.0 / 3),
		scorecard.Some(1e-7), scorecard.Some(1e21), scorecard.Some(-123456.789), scorecard.Some(5e-324), scorecard.Some(99)}
	texts := []string{"", "2025-01", "Q3 <b>&</b>", `quote " and \ back`, "line\nbreak\ttab", "£ ≥ 😀", "\u2028\u2029", "bad \xff", "ctl\x01\x7f"}
	pick := func() scorecard.Num { return nums[rng.IntN(len(nums))] }
	for n := range 200 {
		ps := make(pointList, rng.IntN(4))
		if n == 0 {
			ps = nil
		}
		for i := range ps {
			ps[i] = jsonPoint{
				Period: texts[rng.IntN(len(texts))], Actual: pick(), Target: pick(), RedFlag: pick(), TargetMax: pick(),
				Numerator: pick(), Denominator: pick(), Score: pick(), Status: scorecard.Status(rng.IntN(5)),
				Count: rng.IntN(3), Of: rng.IntN(3), Comment: texts[rng.IntN(len(texts))], RolledUp: rng.IntN(2) == 0, Disagrees: pick(),
			}
		}
		var got, want bytes.Buffer
		if err := json.NewEncoder(&got).Encode(struct{ S pointList }{ps}); err != nil {
			t.Fatal(err)
		}
		if err := json.NewEncoder(&want).Encode(struct{ S []jsonPoint }{[]jsonPoint(ps)}); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("points %+v:\n got %s\nwant %s", ps, got.String(), want.String())
		}
	}
	// A number encoding/json refuses is refused.
	if _, err := json.Marshal(pointList{{Actual: scorecard.Some(math.NaN())}}); err == nil {
		t.Error("NaN encoded")
	}
}
