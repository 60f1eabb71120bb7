package scorecard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
)

// Changes are what changed since the last report: against the previous
// period of the report's frequency, or against an earlier build's
// scorecard.json (ReadBaseline). ComputeChanges makes them.
type Changes struct {
	// Since names the period compared with ("FY2027 Q1"); Source is
	// "previous period" or the compare file's base name.
	Since  string
	Source string
	Items  []Change
	byKPI  map[string]*Change
}

// Change kinds, as written to changes.csv and the JSON.
const (
	ChangeStatus     = "status"     // a status transition
	ChangeScoreUp    = "score-up"   // one of the biggest score rises
	ChangeScoreDown  = "score-down" // one of the biggest score falls
	ChangeRestated   = "restated"   // a past actual or target differs from the earlier build's
	ChangeAdded      = "added"      // a KPI the earlier build did not have
	ChangeRetired    = "retired"    // a KPI retired, or gone, since
	ChangeRetargeted = "retargeted" // a KPI whose default target changed
	ChangeOverdue    = "overdue"    // an initiative that became overdue
	ChangeCompleted  = "completed"  // an initiative that was completed
)

// Transitions of a status, as a reader sees them.
const (
	NewlyOffTarget = "newly off target"
	NewlyAtRisk    = "newly at risk"
	NewlyNoData    = "newly without data"
	Recovered      = "recovered"
	Improved       = "improved"
	NowMeasured    = "now scored"
	NowExceeded    = "now exceeded"
	NoLongerExceed = "no longer exceeded"
)

// Change is one line of Changes.
type Change struct {
	Kind  string
	Scope string // "kpi", "objective", "perspective" or "initiative"
	ID    string // the KPI's or objective's id, the perspective's name
	Name  string
	// What says the change in words: a transition such as "newly off
	// target", or for a restated figure "actual" or "target".
	What string
	// Period is the period a restated figure is for (its key).
	Period string `json:",omitempty"`
	// From and To are the statuses of a transition; FromValue and ToValue
	// the scores, or the restated (or re-targeted) values.
	From      Status `json:",omitempty"`
	To        Status `json:",omitempty"`
	FromValue Num
	ToValue   Num
	// Up is true for a change for the better.
	Up bool
}

// ForKPI returns the status transition of the KPI with the id, or its
// addition, for a badge; nil when it has none.
func (c *Changes) ForKPI(id string) *Change {
	if c == nil {
		return nil
	}
	return c.byKPI[id]
}

// Baseline is what an earlier report showed, to compare with: read from an
// earlier build's scorecard.json, or taken from the model's previous period.
// A missing field is unknown, never zero.
type Baseline struct {
	Label        string
	FromFile     bool
	KPIs         map[string]*BaseKPI
	Objectives   map[string]BaseRollup
	Perspectives map[string]BaseRollup
	Initiatives  map[string]BaseInitiative
}

// BaseKPI is a KPI as the baseline showed it.
type BaseKPI struct {
	Name    string
	Target  Num
	Retired *bool
	Score   Num
	Status  *Status
	Series  map[string]BasePoint // by period key
}

// BasePoint is one past point of a BaseKPI.
type BasePoint struct{ Actual, Target Num }

// BaseRollup is an objective's or perspective's score in the baseline.
type BaseRollup struct {
	Score  Num
	Status *Status
}

// BaseInitiative is an initiative in the baseline.
type BaseInitiative struct {
	Status          *string
	Overdue         *bool
	PercentComplete Num
}

// jNum decodes a number that may be absent or null.
type jNum struct{ Num }

func (n *jNum) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		n.Num = Num{}
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	n.Num = Some(v)
	return nil
}

type jPoint struct {
	Period string
	Actual jNum
	Target jNum
	Score  jNum
	Status *string
}

type jRollup struct {
	Score *struct {
		Score  jNum
		Status *string
	}
}

type jBaseline struct {
	Period      string
	PeriodLabel string
	KPIs        []struct {
		ID       string
		Name     string
		Target   jNum
		Retired  *bool
		Current  *jPoint
		Quarters []jPoint
		Series   []jPoint
	}
	Objectives []struct {
		ID string
		jRollup
	}
	Perspectives []struct {
		Name string
		jRollup
	}
	Initiatives []struct {
		ID              string
		Status          *string
		Overdue         *bool
		PercentComplete jNum
	}
}

// statusFromSlug reads a status written as its slug; nil when unknown.
func statusFromSlug(s *string) *Status {
	if s == nil {
		return nil
	}
	for i, slug := range statusSlugs {
		if slug == *s {
			st := Status(i)
			return &st
		}
	}
	return nil
}

// ReadBaseline reads an earlier build's data/scorecard.json. It needs few
// fields and takes any it lacks as unknown; a file that cannot be read or is
// not such JSON is an error naming it.
func ReadBaseline(path string) (*Baseline, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--compare %s: %w", path, err)
	}
	var j jBaseline
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("--compare %s: not an earlier build's data/scorecard.json: %v", path, err)
	}
	if j.Period == "" && len(j.KPIs) == 0 {
		return nil, fmt.Errorf("--compare %s: not an earlier build's data/scorecard.json: it has no Period and no KPIs", path)
	}
	bl := &Baseline{Label: j.PeriodLabel, FromFile: true, KPIs: map[string]*BaseKPI{},
		Objectives: map[string]BaseRollup{}, Perspectives: map[string]BaseRollup{}, Initiatives: map[string]BaseInitiative{}}
	if bl.Label == "" {
		bl.Label = j.Period
	}
	for _, k := range j.KPIs {
		if k.ID == "" {
			continue
		}
		bk := &BaseKPI{Name: k.Name, Target: k.Target.Num, Retired: k.Retired, Series: map[string]BasePoint{}}
		for _, p := range k.Series {
			if p.Period != "" {
				bk.Series[p.Period] = BasePoint{Actual: p.Actual.Num, Target: p.Target.Num}
			}
		}
		// The status at the earlier report period: its Current point, else
		// the point of its series or quarters for that period.
		var cur *jPoint
		if k.Current != nil {
			cur = k.Current
		} else {
			for _, ps := range [][]jPoint{k.Series, k.Quarters} {
				for i := range ps {
					if ps[i].Period == j.Period {
						cur = &ps[i]
					}
				}
			}
		}
		if cur != nil {
			bk.Score, bk.Status = cur.Score.Num, statusFromSlug(cur.Status)
		}
		bl.KPIs[k.ID] = bk
	}
	rollup := func(r jRollup) BaseRollup {
		if r.Score == nil {
			return BaseRollup{}
		}
		return BaseRollup{Score: r.Score.Score.Num, Status: statusFromSlug(r.Score.Status)}
	}
	for _, o := range j.Objectives {
		bl.Objectives[o.ID] = rollup(o.jRollup)
	}
	for _, p := range j.Perspectives {
		bl.Perspectives[p.Name] = rollup(p.jRollup)
	}
	for _, in := range j.Initiatives {
		bl.Initiatives[in.ID] = BaseInitiative{Status: in.Status, Overdue: in.Overdue, PercentComplete: in.PercentComplete.Num}
	}
	return bl, nil
}

// PreviousBaseline is the baseline of the model's own previous period: each
// KPI's Previous point, and the roll-ups those points would give.
func PreviousBaseline(sc *Scorecard) *Baseline {
	bl := &Baseline{KPIs: map[string]*BaseKPI{}, Objectives: map[string]BaseRollup{}, Perspectives: map[string]BaseRollup{}}
	if !sc.Period.IsZero() {
		bl.Label = sc.Calendar.Label(sc.Calendar.Add(sc.Period, -1))
	}
	st := func(s Status) *Status { return &s }
	for _, ps := range sc.Perspectives {
		var objParts []rollupPart
		for _, o := range ps.Objectives {
			var kParts []rollupPart
			for _, k := range o.KPIs {
				if k.Retired {
					continue
				}
				kParts = append(kParts, rollupPart{k.Previous.Score, k.Weight})
			}
			s := rollupMean(kParts)
			bl.Objectives[o.ID] = BaseRollup{Score: s, Status: st(sc.statusOf(s))}
			objParts = append(objParts, rollupPart{s, o.Weight})
		}
		s := rollupMean(objParts)
		bl.Perspectives[ps.Name] = BaseRollup{Score: s, Status: st(sc.statusOf(s))}
	}
	for _, k := range sc.KPIs {
		bl.KPIs[k.ID] = &BaseKPI{Name: k.Name, Score: k.Previous.Score, Status: st(k.Previous.Status)}
	}
	return bl
}

// Transition names the move of a status from one to another, and whether
// it is for the better; "" when the status did not change.
func Transition(from, to Status) (string, bool) {
	if from == to {
		return "", false
	}
	switch {
	case to == NoData:
		return NewlyNoData, false
	case from == NoData:
		return NowMeasured, true
	case to == OffTarget:
		return NewlyOffTarget, false
	case to == AtRisk && from == OffTarget:
		return Improved, true
	case to == AtRisk:
		return NewlyAtRisk, false
	case to == Exceeded && from == OnTarget:
		return NowExceeded, true
	case from == Exceeded:
		if to == OnTarget {
			return NoLongerExceed, false
		}
	}
	return Recovered, true // on target (or exceeded) from off target or at risk
}

// scoreMoves is how many of the biggest score rises and falls are listed.
const scoreMoves = 5

// restatedEpsilon is how far apart two figures must be, relative to their
// size, to count as restated (the JSON's round trip keeps every digit, so
// this only absorbs noise).
const restatedEpsilon = 1e-9

func differ(a, b Num) bool {
	if !a.OK || !b.OK {
		return false
	}
	return math.Abs(a.V-b.V) > restatedEpsilon*math.Max(1, math.Max(math.Abs(a.V), math.Abs(b.V)))
}

// ComputeChanges compares the computed scorecard with the baseline bl
// (PreviousBaseline when nil) and sets sc.Changes. Items come in a fixed
// order: perspectives, objectives and KPIs whose status changed, in
// scorecard order; the biggest score moves; restated figures; KPIs added,
// retired and re-targeted; initiatives.
func ComputeChanges(sc *Scorecard, bl *Baseline, source string) {
	if bl == nil {
		bl = PreviousBaseline(sc)
		source = "previous period"
	}
	ch := &Changes{Since: bl.Label, Source: source, byKPI: map[string]*Change{}}
	var kpiIdx []int // items of KPI transitions, to index once the slice is settled
	transition := func(scope, id, name string, from *Status, to Status, fs, ts Num) {
		if from == nil {
			return
		}
		what, up := Transition(*from, to)
		if what == "" {
			return
		}
		if (what == NowExceeded || what == NoLongerExceed) && fs.OK && ts.OK && !differ(fs, ts) && fs.V == ts.V {
			return // the same score: only the band was turned on or off
		}
		ch.Items = append(ch.Items, Change{Kind: ChangeStatus, Scope: scope, ID: id, Name: name, What: what, From: *from, To: to, FromValue: fs, ToValue: ts, Up: up})
		if scope == "kpi" {
			kpiIdx = append(kpiIdx, len(ch.Items)-1)
		}
	}
	for _, p := range sc.Perspectives {
		if b, ok := bl.Perspectives[p.Name]; ok {
			transition("perspective", p.Name, p.Name, b.Status, p.Score.Status, b.Score, p.Score.Score)
		}
	}
	for _, o := range sc.Objectives {
		if b, ok := bl.Objectives[o.ID]; ok {
			transition("objective", o.ID, o.Name, b.Status, o.Score.Status, b.Score, o.Score.Score)
		}
	}
	type move struct {
		k *KPI
		d float64
		b Num
	}
	var moves []move
	for _, k := range sc.KPIs {
		b := bl.KPIs[k.ID]
		if b == nil || k.Retired {
			continue
		}
		transition("kpi", k.ID, k.Name, b.Status, k.Current.Status, b.Score, k.Current.Score)
		if b.Score.OK && k.Current.Score.OK && math.Abs(k.Current.Score.V-b.Score.V) >= 0.05 {
			moves = append(moves, move{k, k.Current.Score.V - b.Score.V, b.Score})
		}
	}
	sort.SliceStable(moves, func(i, j int) bool { return moves[i].d > moves[j].d })
	for i := 0; i < len(moves) && i < scoreMoves && moves[i].d > 0; i++ {
		m := moves[i]
		ch.Items = append(ch.Items, Change{Kind: ChangeScoreUp, Scope: "kpi", ID: m.k.ID, Name: m.k.Name, What: "score up", FromValue: m.b, ToValue: m.k.Current.Score, Up: true})
	}
	for i := 0; i < scoreMoves && i < len(moves); i++ {
		m := moves[len(moves)-1-i]
		if m.d >= 0 {
			break
		}
		ch.Items = append(ch.Items, Change{Kind: ChangeScoreDown, Scope: "kpi", ID: m.k.ID, Name: m.k.Name, What: "score down", FromValue: m.b, ToValue: m.k.Current.Score})
	}
	if bl.FromFile {
		changesFromFile(sc, bl, ch, &kpiIdx)
	}
	for _, i := range kpiIdx {
		if _, ok := ch.byKPI[ch.Items[i].ID]; !ok {
			ch.byKPI[ch.Items[i].ID] = &ch.Items[i]
		}
	}
	sc.Changes = ch
}

// changesFromFile adds what only an earlier build can tell: restated
// figures, KPIs added, retired and re-targeted, and initiatives.
func changesFromFile(sc *Scorecard, bl *Baseline, ch *Changes, kpiIdx *[]int) {
	for _, k := range sc.KPIs {
		b := bl.KPIs[k.ID]
		if b == nil {
			continue
		}
		for _, p := range k.Series {
			if p.Period == sc.Period || p.Period == k.Current.Period {
				continue // the report period itself is new, not restated
			}
			bp, ok := b.Series[p.Period.Key()]
			if !ok {
				continue
			}
			label := sc.Calendar.Label(p.Period)
			if differ(bp.Actual, p.Actual) {
				ch.Items = append(ch.Items, Change{Kind: ChangeRestated, Scope: "kpi", ID: k.ID, Name: k.Name, What: "actual", Period: label, FromValue: bp.Actual, ToValue: p.Actual})
			}
			if differ(bp.Target, p.Target) {
				ch.Items = append(ch.Items, Change{Kind: ChangeRestated, Scope: "kpi", ID: k.ID, Name: k.Name, What: "target", Period: label, FromValue: bp.Target, ToValue: p.Target})
			}
		}
	}
	for _, k := range sc.KPIs {
		b := bl.KPIs[k.ID]
		switch {
		case b == nil:
			ch.Items = append(ch.Items, Change{Kind: ChangeAdded, Scope: "kpi", ID: k.ID, Name: k.Name, What: "added", ToValue: k.Current.Score, Up: true})
			*kpiIdx = append(*kpiIdx, len(ch.Items)-1)
		case k.Retired && b.Retired != nil && !*b.Retired:
			ch.Items = append(ch.Items, Change{Kind: ChangeRetired, Scope: "kpi", ID: k.ID, Name: k.Name, What: "retired"})
		case differ(b.Target, k.Target):
			ch.Items = append(ch.Items, Change{Kind: ChangeRetargeted, Scope: "kpi", ID: k.ID, Name: k.Name, What: "re-targeted", FromValue: b.Target, ToValue: k.Target})
		}
	}
	ids := make([]string, 0, len(bl.KPIs))
	now := map[string]bool{}
	for _, k := range sc.KPIs {
		now[k.ID] = true
	}
	for id := range bl.KPIs {
		if !now[id] {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		ch.Items = append(ch.Items, Change{Kind: ChangeRetired, Scope: "kpi", ID: id, Name: bl.KPIs[id].Name, What: "no longer reported"})
	}
	for _, in := range sc.Initiatives {
		b, ok := bl.Initiatives[in.ID]
		if !ok {
			continue
		}
		if in.Overdue && b.Overdue != nil && !*b.Overdue {
			ch.Items = append(ch.Items, Change{Kind: ChangeOverdue, Scope: "initiative", ID: in.ID, Name: in.Name, What: "became overdue"})
		}
		doneNow := initiativeClosed(in.Status) && !strings.Contains(strings.ToLower(in.Status), "cancel") || in.PercentComplete.OK && in.PercentComplete.V >= 100
		var doneThen, known bool
		if b.Status != nil {
			known = true
			doneThen = initiativeClosed(*b.Status)
		}
		if b.PercentComplete.OK {
			known = true
			doneThen = doneThen || b.PercentComplete.V >= 100
		}
		if doneNow && known && !doneThen {
			ch.Items = append(ch.Items, Change{Kind: ChangeCompleted, Scope: "initiative", ID: in.ID, Name: in.Name, What: "completed", Up: true})
		}
	}
}
