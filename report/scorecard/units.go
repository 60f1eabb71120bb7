package scorecard

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"kpireport/report/period"
	"kpireport/report/workbook"
)

// Unit is a business unit of the organisation (a region, subsidiary or
// department) from the optional Units sheet. Units form a tree of any depth;
// the organisation itself sits above the units that name no parent.
type Unit struct {
	ID       string
	Name     string
	Slug     string
	ParentID string `json:",omitempty"`
	Owner    string `json:",omitempty"`
	Order    int
	Depth    int          // 0 for a top-level unit
	Parent   *Unit        `json:"-"`
	Children []*Unit      `json:"-"`
	Pos      workbook.Pos `json:"-"`

	// KPIs are the unit's results, in the order of Scorecard.KPIs: a copy of
	// each KPI definition measured in the unit's subtree (or belonging to a
	// unit in it), carrying the unit's own or rolled-up series.
	KPIs []*KPI `json:"-"`
	// Score is the unit's scorecard rolled up as the organisation's is;
	// Perspectives holds its perspective scores by the index of
	// Scorecard.Perspectives, Objectives its objective scores.
	Score        Rollup
	Perspectives []Rollup              `json:"-"`
	Objectives   map[*Objective]Rollup `json:"-"`

	byDef map[*KPI]*KPI
	// own holds the measurements read for the unit, by KPI definition;
	// targets its own Targets rows.
	own     map[*KPI][]*Measurement
	targets map[*KPI][]*TargetRow
	seq     int // sheet order
}

// Result returns the unit's copy of the KPI definition k, nil when the unit
// does not report it.
func (u *Unit) Result(k *KPI) *KPI { return u.byDef[k] }

// Leaf reports whether the unit has no children.
func (u *Unit) Leaf() bool { return len(u.Children) == 0 }

// Path is the unit's ancestors and itself, from the top.
func (u *Unit) Path() []*Unit {
	var p []*Unit
	for x := u; x != nil; x = x.Parent {
		p = append([]*Unit{x}, p...)
	}
	return p
}

// Subtree is the unit and every unit below it, in tree order.
func (u *Unit) Subtree() []*Unit {
	out := []*Unit{u}
	for _, c := range u.Children {
		out = append(out, c.Subtree()...)
	}
	return out
}

// UnitByID finds a unit by its id (in any case); nil when there is none.
func (sc *Scorecard) UnitByID(id string) *Unit {
	for _, u := range sc.Units {
		if norm(u.ID) == norm(id) {
			return u
		}
	}
	return nil
}

// TopUnits are the units with no parent, in order.
func (sc *Scorecard) TopUnits() []*Unit {
	var out []*Unit
	for _, u := range sc.Units {
		if u.Parent == nil {
			out = append(out, u)
		}
	}
	return out
}

var unitColumns = []column{
	{name: "id", aliases: []string{"unit id", "code"}, required: true},
	{name: "name", aliases: []string{"unit", "unit name"}, required: true},
	{name: "parent", aliases: []string{"parent id", "parent unit", "reports to"}},
	{name: "owner", aliases: []string{"manager", "head"}},
	{name: "order", aliases: []string{"position", "rank"}},
}

// readUnits reads the Units sheet, if there is one, and links the tree.
// An unknown parent or a cycle is an error at the parent cell; the unit is
// then treated as a top-level one.
func (l *loader) readUnits() {
	if len(l.tables[sheetUnits]) == 0 {
		return
	}
	l.units = map[string]*Unit{}
	var all []*Unit
	parentCell := map[*Unit]workbook.Cell{}
	l.each(sheetUnits, func(h header, r workbook.Row) {
		id, name := h.text(r, "id"), h.text(r, "name")
		if id == "" {
			if name != "" || !rowBlankExcept(h, r) {
				l.ps.ErrorCode(h.cell(r, "id").Pos, "missing-unit-id", "unit %q has no id", name)
			}
			return
		}
		if prev := l.units[norm(id)]; prev != nil {
			l.ps.ErrorCode(h.cell(r, "id").Pos, "duplicate-unit", "unit id %q is used twice (first at %s)", id, prev.Pos)
			return
		}
		if name == "" {
			name = id
		}
		u := &Unit{ID: id, Name: name, ParentID: h.text(r, "parent"), Owner: h.text(r, "owner"), Pos: rowPos(h, r), seq: len(all)}
		if oc := h.cell(r, "order"); oc.Kind != workbook.Blank {
			n := l.number(oc, "order", false)
			if n.OK {
				u.Order = int(n.V)
			}
		} else {
			u.Order = len(all) + 1
		}
		l.units[norm(id)] = u
		parentCell[u] = h.cell(r, "parent")
		all = append(all, u)
	})
	for _, u := range all {
		if u.ParentID == "" {
			continue
		}
		p := l.units[norm(u.ParentID)]
		if p == nil {
			l.ps.ErrorCode(parentCell[u].Pos, "unknown-parent", "unit %s: parent %q is not in the Units sheet", u.ID, u.ParentID)
			continue
		}
		u.Parent = p
	}
	// Cycles: walk up from each unit; a walk that comes back to the unit
	// breaks at the unit's parent cell.
	for _, u := range all {
		seen := map[*Unit]bool{u: true}
		for x := u.Parent; x != nil; x = x.Parent {
			if seen[x] {
				if x == u {
					l.ps.ErrorCode(parentCell[u].Pos, "unit-cycle", "unit %s: parent %q makes a cycle (a unit cannot be below itself)", u.ID, u.ParentID)
					u.Parent = nil
				}
				break
			}
			seen[x] = true
		}
	}
	for _, u := range all {
		if u.Parent != nil {
			u.Parent.Children = append(u.Parent.Children, u)
		}
	}
	byOrder := func(us []*Unit) {
		sort.SliceStable(us, func(i, j int) bool {
			if us[i].Order != us[j].Order {
				return us[i].Order < us[j].Order
			}
			return us[i].seq < us[j].seq
		})
	}
	var roots []*Unit
	for _, u := range all {
		byOrder(u.Children)
		if u.Parent == nil {
			roots = append(roots, u)
		}
	}
	byOrder(roots)
	var walk func(u *Unit, depth int)
	walk = func(u *Unit, depth int) {
		u.Depth = depth
		l.sc.Units = append(l.sc.Units, u)
		for _, c := range u.Children {
			walk(c, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	slugs := map[string]bool{}
	for _, u := range l.sc.Units {
		s := Slugify(u.ID)
		if s == "" {
			s = "unit"
		}
		base := s
		for i := 2; slugs[s]; i++ {
			s = base + "-" + strconv.Itoa(i)
		}
		slugs[s] = true
		u.Slug = s
	}
}

// unitCell reads a unit id from a Measurements or Targets cell; nil for a
// blank cell (the organisation's own figure) or an unknown unit, which is an
// error at the cell.
func (l *loader) unitCell(c workbook.Cell) *Unit {
	id := strings.TrimSpace(c.Text)
	if c.Kind == workbook.Blank || id == "" {
		return nil
	}
	if l.units == nil {
		l.ps.ErrorCode(c.Pos, "no-units-sheet", "unit %q is given but the workbook has no Units sheet; add one listing the units", id)
		return nil
	}
	u := l.units[norm(id)]
	if u == nil {
		l.ps.ErrorCode(c.Pos, "unknown-unit", "unit %q is not in the Units sheet", id)
	}
	return u
}

// readKPIUnit reads the KPIs sheet's business_unit: the one unit a KPI
// belongs to.
func (l *loader) readKPIUnit(k *KPI, c workbook.Cell) {
	if u := l.unitCell(c); u != nil {
		k.BusinessUnit = u.ID
	}
}

// finishUnits files each unit's measurements and targets, rolls them up the
// tree and gives the organisation the roll-up of the top-level units where
// it has no figure of its own.
func (l *loader) finishUnits(only string) {
	sc := l.sc
	if sc.Units == nil {
		if only != "" {
			l.ps.ErrorCode(workbook.Pos{}, "no-units-sheet", "--unit %s: the workbook has no Units sheet", only)
		}
		return
	}
	for _, k := range sc.KPIs {
		var owner *Unit
		if k.BusinessUnit != "" {
			owner = l.units[norm(k.BusinessUnit)]
		}
		var orgOwn []*Measurement
		for _, m := range k.Measurements {
			u := m.Unit
			if u == nil {
				u = owner
			} else if owner != nil && u != owner {
				l.ps.ErrorCode(m.Pos, "kpi-unit", "KPI %s belongs to unit %s only, but this row measures it for %s", k.ID, owner.ID, u.ID)
				continue
			}
			if u == nil {
				orgOwn = append(orgOwn, m)
				continue
			}
			if u.own == nil {
				u.own = map[*KPI][]*Measurement{}
			}
			u.own[k] = append(u.own[k], m)
		}
		var orgTargets []*TargetRow
		for _, t := range k.Targets {
			if t.Unit == nil {
				orgTargets = append(orgTargets, t)
				continue
			}
			if t.Unit.targets == nil {
				t.Unit.targets = map[*KPI][]*TargetRow{}
			}
			t.Unit.targets[k] = append(t.Unit.targets[k], t)
		}
		k.Targets = orgTargets
		k.Measurements = orgOwn
	}
	for _, k := range sc.KPIs {
		scale := ratioScale(k)
		for _, u := range sc.Units {
			if len(u.own[k]) > 0 {
				scale = ratioScaleOf(k, u.own[k], scale)
			}
		}
		tol := toleranceFor(k, sc.Settings)
		var rollKids func(kids []*Unit) []*Measurement
		unitSeries := func(u *Unit) []*Measurement {
			kids := rollKids(u.Children)
			ms := l.mergeOwn(k, u.ID, u.own[k], kids, tol, len(u.targets[k]) > 0)
			if len(ms) == 0 && k.BusinessUnit != u.ID {
				return nil
			}
			res := unitCopy(k, u)
			res.Measurements = ms
			if u.byDef == nil {
				u.byDef = map[*KPI]*KPI{}
			}
			u.byDef[k] = res
			return ms
		}
		rollKids = func(kids []*Unit) []*Measurement {
			var parts [][]*Measurement
			for _, c := range kids {
				if ms := unitSeries(c); len(ms) > 0 {
					parts = append(parts, ms)
				}
			}
			return combineSeries(k, scale, parts, sc.Calendar)
		}
		roll := rollKids(sc.TopUnits())
		hasTargets := k.Target.OK || len(k.Targets) > 0
		if len(roll) > 0 {
			k.Measurements = l.mergeOwn(k, "the organisation", k.Measurements, roll, tol, hasTargets)
		}
	}
	for _, u := range sc.Units {
		for _, k := range sc.KPIs {
			if r := u.byDef[k]; r != nil {
				u.KPIs = append(u.KPIs, r)
			}
		}
	}
	if only != "" {
		l.keepSubtree(only)
	}
}

// keepSubtree makes the unit's subtree the whole scorecard: the unit's
// series become the KPIs' own, KPIs it does not report are dropped, and its
// children become the top-level units.
func (l *loader) keepSubtree(id string) {
	sc := l.sc
	u := l.units[norm(id)]
	if u == nil {
		l.ps.ErrorCode(workbook.Pos{}, "unknown-unit", "--unit %s is not in the Units sheet", id)
		return
	}
	keep := func(k *KPI) bool { return u.byDef[k] != nil }
	var ks []*KPI
	for _, k := range sc.KPIs {
		if r := u.byDef[k]; r != nil {
			k.Measurements, k.Targets, k.Target, k.RedFlag = r.Measurements, r.Targets, r.Target, r.RedFlag
			ks = append(ks, k)
		}
	}
	sc.KPIs = ks
	for _, o := range sc.Objectives {
		var oks []*KPI
		for _, k := range o.KPIs {
			if keep(k) {
				oks = append(oks, k)
			}
		}
		o.KPIs = oks
	}
	var units []*Unit
	for _, x := range u.Subtree()[1:] {
		x.Depth -= u.Depth + 1
		units = append(units, x)
	}
	for _, c := range u.Children {
		c.Parent = nil
	}
	sc.Units = units
	if len(units) == 0 {
		sc.Units = []*Unit{} // still a unit build: not nil
	}
	sc.Settings.Organisation = u.Name
	sc.Settings.Title = u.Name + " — " + sc.Settings.Title
}

// unitCopy is the unit's copy of the KPI definition, with the unit's own
// targets. A KPI that sums (or is a stock) is scale-dependent, so a unit
// without targets of its own does not take the organisation's.
func unitCopy(k *KPI, u *Unit) *KPI {
	r := *k
	r.Measurements, r.Comments, r.Health = nil, nil, nil
	r.Targets = u.targets[k]
	if r.Targets == nil && !additive(k) {
		r.Targets = k.Targets
	}
	if additive(k) {
		r.Target, r.RedFlag = Num{}, Num{}
	}
	return &r
}

// additive reports whether the KPI's values for units add up to the
// parent's: flows that sum and stocks.
func additive(k *KPI) bool {
	return !k.Ratio && (k.Aggregation == Sum || k.Aggregation == Last)
}

// ratioScaleOf is ratioScale over a unit's measurements, def when they do
// not tell.
func ratioScaleOf(k *KPI, ms []*Measurement, def float64) float64 {
	t := *k
	t.Measurements = ms
	hasBoth := false
	for _, m := range ms {
		if m.Actual.OK && m.Numerator.OK && m.Denominator.OK {
			hasBoth = true
			break
		}
	}
	if !hasBoth {
		return def
	}
	return ratioScale(&t)
}

// mergeOwn puts a unit's own measurements over its children's roll-up: its
// own figure wins, and is reported when it differs from the roll-up by more
// than the tolerance. When the unit has targets of its own, the roll-up's
// targets are dropped so that its Targets rows apply.
func (l *loader) mergeOwn(k *KPI, who string, own, kids []*Measurement, tol float64, ownTargets bool) []*Measurement {
	if len(kids) == 0 {
		return own
	}
	byP := make(map[period.Period]*Measurement, len(own))
	for _, m := range own {
		byP[m.Period] = m
	}
	out := append([]*Measurement(nil), own...)
	for _, m := range kids {
		if o := byP[m.Period]; o != nil {
			if o.Actual.OK && m.Actual.OK && disagrees(o.Actual.V, m.Actual.V, tol) {
				o.Disagrees = m.Actual
				l.ps.WarnCode(o.Pos, "unit-rollup-differs", "KPI %s for %s, %s: the figure given, %s, differs from its units' roll-up, %s, by more than the tolerance; the figure given is used",
					k.ID, who, l.calendar().Label(m.Period), fmtNum(o.Actual.V), fmtNum(roundTo(m.Actual.V, 6)))
			}
			continue
		}
		if ownTargets {
			m.Target, m.RedFlag = Num{}, Num{}
		}
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool { return l.calendar().Before(out[i].Period, out[j].Period) })
	return out
}

func disagrees(own, kids, tol float64) bool {
	d := math.Abs(own - kids)
	base := math.Abs(kids)
	if base == 0 {
		return d > 1e-9
	}
	return d/base > tol+1e-12
}

func roundTo(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// combineSeries rolls the children's series into the parent's, period by
// period (see combineUnits). A period is rolled from the children that have
// an actual for it.
func combineSeries(k *KPI, scale float64, parts [][]*Measurement, cal period.Calendar) []*Measurement {
	if len(parts) == 0 {
		return nil
	}
	byP := map[period.Period][]*Measurement{}
	var order []period.Period
	for _, ms := range parts {
		for _, m := range ms {
			if _, ok := byP[m.Period]; !ok {
				order = append(order, m.Period)
			}
			byP[m.Period] = append(byP[m.Period], m)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return cal.Before(order[i], order[j]) })
	var out []*Measurement
	for _, p := range order {
		if m := combineUnits(k, scale, byP[p]); m != nil {
			out = append(out, m)
		}
	}
	return out
}

// combineUnits is one period's figure for a parent from its children's:
// sums and stocks add; a ratio KPI divides the summed numerators by the
// summed denominators (an average weighted by the denominators); another
// average is weighted by the measurements' weight column (equal weights when
// some child has none); min and max take the least and greatest. Targets
// combine the same way when every child has one.
func combineUnits(k *KPI, scale float64, ms []*Measurement) *Measurement {
	var vals, tgts, reds, ws []float64
	var num, den float64
	var dens []float64
	ratio := true
	allT, allR := true, true
	var weight float64
	allW := true
	for _, m := range ms {
		a := m.Actual
		if !a.OK && m.Numerator.OK && m.Denominator.OK && m.Denominator.V != 0 {
			a = Some(scale * m.Numerator.V / m.Denominator.V)
		}
		if !a.OK {
			continue
		}
		vals = append(vals, a.V)
		if m.Numerator.OK && m.Denominator.OK {
			num += m.Numerator.V
			den += m.Denominator.V
			dens = append(dens, m.Denominator.V)
		} else {
			ratio = false
		}
		if m.Weight.OK && m.Weight.V > 0 {
			ws = append(ws, m.Weight.V)
			weight += m.Weight.V
		} else {
			allW = false
			ws = append(ws, 1)
		}
		if m.Target.OK {
			tgts = append(tgts, m.Target.V)
		} else {
			allT = false
		}
		if m.RedFlag.OK {
			reds = append(reds, m.RedFlag.V)
		} else {
			allR = false
		}
	}
	if len(vals) == 0 {
		return nil
	}
	out := &Measurement{Period: ms[0].Period, Pos: ms[0].Pos, RolledUp: true}
	if allW {
		out.Weight = Some(weight)
	}
	if !allW {
		for i := range ws {
			ws[i] = 1
		}
	}
	agg := k.Aggregation
	switch {
	case k.Ratio && ratio && den != 0:
		// Weighted by the denominators: the summed ratio.
		out.Numerator, out.Denominator = Some(num), Some(den)
		out.Actual = Some(weightedMean(vals, dens))
		if allT {
			out.Target = Some(weightedMean(tgts, dens))
		}
		if allR {
			out.RedFlag = Some(weightedMean(reds, dens))
		}
		return out
	case additive(k):
		agg = Sum
	case k.Ratio || agg == Average || agg == Sum:
		agg = Average
	}
	out.Actual = Some(combineValues(agg, vals, ws))
	if allT {
		out.Target = Some(combineValues(agg, tgts, ws))
	}
	if allR {
		out.RedFlag = Some(combineValues(agg, reds, ws))
	}
	return out
}

func combineValues(a Aggregation, vals, ws []float64) float64 {
	switch a {
	case Sum:
		s := 0.0
		for _, v := range vals {
			s += v
		}
		return s
	case Min, Max:
		return aggValues(a, vals)
	}
	return weightedMean(vals, ws)
}

func weightedMean(vals, ws []float64) float64 {
	var s, w float64
	for i, v := range vals {
		s += v * ws[i]
		w += ws[i]
	}
	if w == 0 {
		return 0
	}
	return s / w
}

// computeUnits computes every unit's KPI results and rolls each unit's
// scorecard up as the organisation's is: objectives from KPIs, perspectives
// from objectives, the unit from perspectives.
func computeUnits(sc *Scorecard, labels map[period.Period]string) {
	for _, u := range sc.Units {
		for _, k := range u.KPIs {
			newKPICalc(k, sc.Calendar, sc.Settings, labels).compute(sc.Period)
		}
		u.Objectives = map[*Objective]Rollup{}
		u.Perspectives = make([]Rollup, len(sc.Perspectives))
		kpis := func(o *Objective) []*KPI {
			out := make([]*KPI, len(o.KPIs))
			for i, def := range o.KPIs {
				out[i] = u.byDef[def]
			}
			return out
		}
		u.Score = rollUpTree(sc.Perspectives, kpis,
			func(o *Objective, r Rollup) {
				// An objective with none of its KPIs in the unit is not on
				// the unit's scorecard; it adds nothing to the mean either.
				if r.Total > 0 {
					u.Objectives[o] = r
				}
			},
			func(i int, r Rollup) { u.Perspectives[i] = r })
	}
}
