package scorecard

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"kpireport/report/locale"
	"kpireport/report/period"
	"kpireport/report/workbook"
)

// classicPerspectives are used when the workbook has no Perspectives sheet.
var classicPerspectives = []string{"Financial", "Customer", "Internal Processes", "Learning & Growth"}

func (l *loader) readSettings() {
	s := &l.sc.Settings
	s.FiscalYearStart = 1
	s.Tolerance = defaultTolerance
	splitStart := false
	var logoPos workbook.Pos
	l.each(sheetSettings, func(h header, r workbook.Row) {
		key := h.text(r, "key")
		vc := h.cell(r, "value")
		val := h.text(r, "value")
		if key == "" {
			return
		}
		switch workbook.Normalize(key) {
		case "title":
			s.Title = val
		case "organisation", "organization", "org":
			s.Organisation = val
		case "fiscalyearstart", "financialyearstart", "fiscalstart":
			if val == "" {
				return
			}
			m, err := period.ParseMonth(val)
			if err != nil {
				l.ps.ErrorCode(vc.Pos, "bad-month", "fiscal_year_start: %v", err)
				return
			}
			s.FiscalYearStart = m
		case "reportperiod", "period":
			if vc.Kind == workbook.Number {
				// A date cell: keep it as a month key; parsed once the calendar is known.
				p, err := period.FromSerial(vc.Num, h.t.Date1904)
				if err != nil {
					l.ps.ErrorCode(vc.Pos, "bad-period", "report_period: %v", err)
					return
				}
				val = p.Key()
			}
			s.ReportPeriod = val
			l.periodPos = vc.Pos
		case "splityear", "splityears", "twoyearlabels":
			switch norm(val) {
			case "start", "starts", "first":
				splitStart = true
			case "end", "ends", "last", "":
				splitStart = false
			default:
				l.ps.ErrorCode(vc.Pos, "bad-split-year", "split_year %q is not start or end (does a label such as 2026/27 name the year it starts or ends in?)", val)
			}
		case "currency":
			if _, err := locale.Currency(val); val != "" && err != nil {
				l.ps.ErrorCode(vc.Pos, "bad-currency", "currency %q %v", val, err)
				return
			}
			s.Currency = val
		case "locale":
			if _, err := locale.Tag(val); val != "" && err != nil {
				l.ps.ErrorCode(vc.Pos, "bad-locale", "locale %q %v", val, err)
				return
			}
			s.Locale = val
		case "tolerance":
			n := l.number(vc, "tolerance", false)
			if !n.OK {
				return
			}
			v, err := tolerance(n.V)
			if err != nil {
				l.ps.ErrorCode(vc.Pos, "bad-tolerance", "tolerance %q %v", vc.Text, err)
				return
			}
			s.Tolerance = v
		case "logo":
			s.Logo = val
			logoPos = vc.Pos
		case "themecolour", "themecolor", "colour", "color":
			c, err := parseColour(val)
			if err != nil {
				l.ps.ErrorCode(vc.Pos, "bad-colour", "theme_colour %q %v", val, err)
				return
			}
			s.ThemeColour = c
			if ratio := contrastWithWhite(c); ratio < 4.5 {
				l.ps.WarnCode(vc.Pos, "low-contrast", "theme_colour %s on white, and white on it, has a contrast of %.1f:1, under the 4.5:1 that text needs to be read easily; choose a darker colour", c, ratio)
			}
		case "packcharts":
			switch norm(val) {
			case "all", "attention", "auto", "":
				s.PackCharts = norm(val)
			case "exceededband", "exceeded", "brag":
				l.exceededBand(vc, val, s)
			case "exceededthreshold":
				l.exceededThreshold(vc, s)
			default:
				l.ps.ErrorCode(vc.Pos, "bad-pack-charts", "pack_charts %q is not all, attention or auto", val)
			}
		default:
			l.ps.WarnCode(h.cell(r, "key").Pos, "unknown-setting", "setting %q is not one kpireport reads; ignored (the settings are title, organisation, fiscal_year_start, report_period, split_year, currency, locale, tolerance, logo, theme_colour, pack_charts, exceeded_band and exceeded_threshold)", key)
		}
	})
	if s.Logo != "" {
		l.readLogo(logoPos)
	}
	l.sc.Calendar = period.Calendar{Start: s.FiscalYearStart, SplitStart: splitStart}
	if s.Title == "" {
		s.Title = "Balanced Scorecard"
		if s.Organisation != "" {
			s.Title = s.Organisation + " — Balanced Scorecard"
		}
	}
}

// tolerance reads a tolerance: "10%" is 0.1, and so is a plain 10 (values
// above 1 are taken as percentages).
func tolerance(v float64) (float64, error) {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return 0, fmt.Errorf("is not a number")
	case v < 0:
		return 0, fmt.Errorf("is negative; a tolerance is a fraction or percentage such as 0.1 or 10%%")
	case v > 100:
		return 0, fmt.Errorf("is over 100%%")
	case v > 1:
		return v / 100, nil
	}
	return v, nil
}

func (l *loader) addPerspective(name, desc string, order int, weight float64, pos workbook.Pos) *Perspective {
	p := &Perspective{Name: name, Description: desc, Order: order, Weight: weight, Pos: pos}
	l.perspectives[norm(name)] = p
	l.sc.Perspectives = append(l.sc.Perspectives, p)
	return p
}

func (l *loader) readPerspectives() {
	l.hadPerSheet = len(l.tables[sheetPerspectives]) > 0
	n := 0
	l.each(sheetPerspectives, func(h header, r workbook.Row) {
		name := h.text(r, "name")
		if name == "" {
			l.ps.ErrorCode(h.cell(r, "name").Pos, "missing-name", "perspective has no name")
			return
		}
		if prev := l.perspectives[norm(name)]; prev != nil {
			l.ps.ErrorCode(h.cell(r, "name").Pos, "duplicate-perspective", "perspective %q is listed twice (first at %s)", name, prev.Pos)
			return
		}
		n++
		order := n
		if c := h.cell(r, "order"); c.Kind != workbook.Blank {
			if v := l.number(c, "order", false); v.OK {
				order = int(v.V)
			}
		}
		w := l.weight(h.cell(r, "weight"))
		l.addPerspective(name, h.text(r, "description"), order, w, rowPos(h, r))
	})
	if !l.hadPerSheet {
		for i, name := range classicPerspectives {
			l.addPerspective(name, "", i+1, 1, workbook.Pos{})
		}
	}
}

// weight reads a weight cell: blank is 1; negative is an error.
func (l *loader) weight(c workbook.Cell) float64 {
	v := l.number(c, "weight", false)
	if !v.OK {
		return 1
	}
	if v.V < 0 || math.IsNaN(v.V) || math.IsInf(v.V, 0) {
		l.ps.ErrorCode(c.Pos, "negative-weight", "weight %s is negative", c.Text)
		return 1
	}
	return v.V
}

// perspective finds a perspective by name (or slug). Without a Perspectives
// sheet, a new name is added after the classic four, with a warning.
func (l *loader) perspective(c workbook.Cell) *Perspective {
	name := strings.TrimSpace(c.Text)
	if p := l.perspectives[norm(name)]; p != nil {
		return p
	}
	for _, p := range l.sc.Perspectives {
		if Slugify(p.Name) == Slugify(name) {
			return p
		}
	}
	if !l.hadPerSheet {
		l.ps.WarnCode(c.Pos, "extra-perspective", "perspective %q is not one of the four classic perspectives; added after them (list it in a Perspectives sheet to set its order)", name)
		return l.addPerspective(name, "", len(l.sc.Perspectives)+1, 1, c.Pos)
	}
	l.ps.ErrorCode(c.Pos, "unknown-perspective", "perspective %q is not in the Perspectives sheet", name)
	return nil
}

func (l *loader) readObjectives() {
	l.hadObjSheet = len(l.tables[sheetObjectives]) > 0
	drivesCells := map[*Objective]workbook.Cell{}
	l.each(sheetObjectives, func(h header, r workbook.Row) {
		id, name := h.text(r, "id"), h.text(r, "name")
		if id == "" {
			l.ps.ErrorCode(h.cell(r, "id").Pos, "missing-id", "objective %q has no id", name)
			return
		}
		if prev := l.objectives[norm(id)]; prev != nil {
			l.ps.ErrorCode(h.cell(r, "id").Pos, "duplicate-id", "objective id %q is used twice (first at %s)", id, prev.Pos)
			return
		}
		if name == "" {
			l.ps.ErrorCode(h.cell(r, "name").Pos, "missing-name", "objective %s has no name", id)
			name = id
		}
		pc := h.cell(r, "perspective")
		if pc.Kind == workbook.Blank {
			l.ps.ErrorCode(pc.Pos, "missing-perspective", "objective %s has no perspective", id)
			return
		}
		p := l.perspective(pc)
		if p == nil {
			return
		}
		o := &Objective{
			ID: id, Name: name, Perspective: p,
			Description: h.text(r, "description"),
			Owner:       h.text(r, "owner"),
			Weight:      l.weight(h.cell(r, "weight")),
			Pos:         rowPos(h, r),
		}
		for _, d := range strings.FieldsFunc(h.text(r, "drives"), func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
			if d = strings.TrimSpace(d); d != "" {
				o.Drives = append(o.Drives, d)
			}
		}
		drivesCells[o] = h.cell(r, "drives")
		p.Objectives = append(p.Objectives, o)
		l.objectives[norm(id)] = o
		if _, taken := l.objByName[norm(name)]; !taken {
			l.objByName[norm(name)] = o
		}
	})
	// Drives name ids; accept names too, and report the rest where they are.
	for o, c := range drivesCells {
		for i, d := range o.Drives {
			t := l.objectives[norm(d)]
			if t == nil {
				t = l.objByName[norm(d)]
			}
			switch {
			case t == nil:
				l.ps.ErrorCode(c.Pos, "unknown-objective", "objective %s drives %q, which is not an objective id", o.ID, d)
			case t == o:
				l.ps.ErrorCode(c.Pos, "drives-itself", "objective %s drives itself", o.ID)
			default:
				o.Drives[i] = t.ID
			}
		}
	}
}

// implicitObjective returns the objective that holds a perspective's KPIs
// that name no objective, making it on first use.
func (l *loader) implicitObjective(p *Perspective, name string) *Objective {
	if name == "" {
		name = p.Name
	}
	key := "\x00" + norm(p.Name) + "\x00" + norm(name)
	if o := l.objectives[key]; o != nil {
		return o
	}
	o := &Objective{ID: name, Name: name, Perspective: p, Weight: 1, Implicit: true}
	l.objectives[key] = o
	p.Objectives = append(p.Objectives, o)
	return o
}

func (l *loader) readKPIs() {
	l.each(sheetKPIs, func(h header, r workbook.Row) {
		k, keep := l.newKPI(h, r)
		if k == nil {
			return
		}
		l.placeKPI(k, keep, h, r)
		pu := l.readKPIKind(k, h, r)
		l.readKPITargets(k, pu, h, r)
		l.readKPIDetails(k, h, r)
		l.readKPIUnit(k, h.cell(r, "business_unit"))
	})
}

// newKPI starts a KPI from its row's id and name, or returns nil for a
// blank row. A row with no id, or a repeated one, is not kept, but its
// other cells are still checked so that every problem shows at once.
func (l *loader) newKPI(h header, r workbook.Row) (k *KPI, keep bool) {
	idc := h.cell(r, "id")
	id, name := h.text(r, "id"), h.text(r, "name")
	keep = true
	if id == "" {
		if name == "" && rowBlankExcept(h, r) {
			return nil, false
		}
		l.ps.ErrorCode(idc.Pos, "missing-id", "KPI %q has no id", name)
		keep, id = false, "(no id)"
	} else if prev := l.kpis[norm(id)]; prev != nil {
		l.ps.ErrorCode(idc.Pos, "duplicate-id", "KPI id %q is used twice (first at %s)", id, prev.Pos)
		keep = false
	}
	if name == "" {
		l.ps.ErrorCode(h.cell(r, "name").Pos, "missing-name", "KPI %s has no name", id)
		name = id
	}
	k = &KPI{ID: id, Name: name, Pos: rowPos(h, r), Decimals: -1, Frequency: period.Month}
	if keep {
		l.kpis[norm(id)] = k
	}
	return k, keep
}

// placeKPI puts the KPI under its objective, or under an objective of its
// perspective named after the perspective.
func (l *loader) placeKPI(k *KPI, keep bool, h header, r workbook.Row) {
	oc, pc := h.cell(r, "objective"), h.cell(r, "perspective")
	var o *Objective
	switch {
	case oc.Kind != workbook.Blank && l.hadObjSheet:
		o = l.objectives[norm(oc.Text)]
		if o == nil {
			o = l.objByName[norm(oc.Text)]
		}
		if o == nil {
			l.ps.ErrorCode(oc.Pos, "unknown-objective", "KPI %s: objective %q is not in the Objectives sheet", k.ID, strings.TrimSpace(oc.Text))
		}
	case pc.Kind != workbook.Blank:
		if p := l.perspective(pc); p != nil {
			o = l.implicitObjective(p, strings.TrimSpace(oc.Text))
		}
	case oc.Kind != workbook.Blank:
		l.ps.ErrorCode(oc.Pos, "no-objectives-sheet", "KPI %s names objective %q but there is no Objectives sheet; add one, or give the KPI a perspective", k.ID, strings.TrimSpace(oc.Text))
	default:
		l.ps.ErrorCode(k.Pos, "no-objective-or-perspective", "KPI %s has neither an objective nor a perspective", k.ID)
	}
	if o != nil && keep {
		k.Objective = o
		o.KPIs = append(o.KPIs, k)
	}
}

// readKPIKind reads what kind of figure the KPI is: unit, format,
// direction, frequency and aggregation. It reports whether the unit is %.
func (l *loader) readKPIKind(k *KPI, h header, r workbook.Row) (percentUnit bool) {
	k.Unit = h.text(r, "unit")
	k.Format = strings.ToLower(h.text(r, "format"))
	switch k.Format {
	case "", "number", "percent", "currency":
	case "%", "percentage":
		k.Format = "percent"
	default:
		l.ps.WarnCode(h.cell(r, "format").Pos, "bad-format", "format %q is not number, percent or currency; shown as a number", h.text(r, "format"))
		k.Format = "number"
	}
	pu := k.percentUnit()
	if c := h.cell(r, "direction"); c.Kind != workbook.Blank {
		switch norm(c.Text) {
		case "higher", "higher is better", "up", "increase", "maximise", "maximize":
			k.Direction = Higher
		case "lower", "lower is better", "down", "decrease", "minimise", "minimize":
			k.Direction = Lower
		case "range", "band", "within range", "target range":
			k.Direction = Range
		default:
			l.ps.ErrorCode(c.Pos, "bad-direction", "direction %q is not higher, lower or range", strings.TrimSpace(c.Text))
		}
	}
	if c := h.cell(r, "frequency"); c.Kind != workbook.Blank {
		f, err := period.ParseFreq(c.Text)
		if err != nil {
			l.ps.ErrorCode(c.Pos, "bad-frequency", "frequency: %v", err)
		} else {
			k.Frequency = f
		}
	}
	if c := h.cell(r, "aggregation"); c.Kind != workbook.Blank {
		switch norm(c.Text) {
		case "sum", "total":
			k.Aggregation = Sum
		case "average", "avg", "mean":
			k.Aggregation = Average
		case "last", "latest", "closing":
			k.Aggregation = Last
		case "min", "minimum", "lowest":
			k.Aggregation = Min
		case "max", "maximum", "highest":
			k.Aggregation = Max
		case "ratio":
			k.Aggregation, k.Ratio = Sum, true
		default:
			l.ps.ErrorCode(c.Pos, "bad-aggregation", "aggregation %q is not sum, average, last, min, max or ratio", strings.TrimSpace(c.Text))
		}
	} else {
		l.aggDefault[k] = true
		if k.Direction == Range || pu {
			k.Aggregation = Average
		}
	}
	return pu
}

// readKPITargets reads the target, red flag, band, baseline and tolerance,
// and checks them against each other and the direction.
func (l *loader) readKPITargets(k *KPI, pu bool, h header, r workbook.Row) {
	k.Target = l.number(h.cell(r, "target"), "target", pu)
	k.RedFlag = l.number(h.cell(r, "red_flag"), "red_flag", pu)
	k.TargetMax = l.number(h.cell(r, "target_max"), "target_max", pu)
	k.Baseline = l.number(h.cell(r, "baseline"), "baseline", pu)
	for _, col := range []string{"target", "red_flag", "target_max", "baseline"} {
		l.percentByFormat(k, h.cell(r, col))
	}
	if tc := h.cell(r, "tolerance"); tc.Kind != workbook.Blank {
		if n := l.number(tc, "tolerance", false); n.OK {
			if v, err := tolerance(n.V); err != nil {
				l.ps.ErrorCode(tc.Pos, "bad-tolerance", "tolerance %q %v", tc.Text, err)
			} else {
				k.Tolerance = Some(v)
				if v == 0 && k.Target.OK && !k.RedFlag.OK {
					l.ps.ErrorCode(tc.Pos, "zero-tolerance", "KPI %s: a tolerance of 0 puts the red flag on the target, which leaves no scale to score on; give a tolerance or a red_flag", k.ID)
				}
			}
		}
	}
	if k.Direction == Range {
		if !k.TargetMax.OK && k.Target.OK {
			l.ps.ErrorCode(h.cell(r, "target_max").Pos, "missing-target-max", "KPI %s has direction range but no target_max", k.ID)
		} else if k.TargetMax.OK && k.Target.OK && k.TargetMax.V < k.Target.V {
			l.ps.ErrorCode(h.cell(r, "target_max").Pos, "target-max-below-target", "KPI %s: target_max %s is below target %s", k.ID, fmtNum(k.TargetMax.V), fmtNum(k.Target.V))
		}
	} else if k.TargetMax.OK {
		l.ps.WarnCode(h.cell(r, "target_max").Pos, "target-max-ignored", "KPI %s has a target_max but its direction is %s, not range; target_max ignored", k.ID, k.Direction)
	}
	l.checkRedFlag(k, k.Target, k.RedFlag, h.cell(r, "target"), h.cell(r, "red_flag"))
}

// readKPIDetails reads the weight, owner, description, source, decimals,
// review date and status.
func (l *loader) readKPIDetails(k *KPI, h header, r workbook.Row) {
	k.Weight = l.weight(h.cell(r, "weight"))
	k.Owner = h.text(r, "owner")
	k.Description = h.text(r, "description")
	k.DataSource = h.text(r, "data_source")
	k.Key = l.keyFlag(h.cell(r, "key"))
	if c := h.cell(r, "decimals"); c.Kind != workbook.Blank {
		if v := l.number(c, "decimals", false); v.OK {
			if v.V < 0 || v.V > 10 || v.V != math.Trunc(v.V) {
				l.ps.ErrorCode(c.Pos, "bad-decimals", "decimals %s is not a whole number from 0 to 10", c.Text)
			} else {
				k.Decimals = int(v.V)
			}
		}
	}
	if c := h.cell(r, "review_date"); c.Kind != workbook.Blank {
		if d, err := dateOf(c, h.t.Date1904); err != nil {
			l.ps.ErrorCode(c.Pos, "bad-date", "review_date %v", err)
		} else {
			k.ReviewDate = d
		}
	}
	if c := h.cell(r, "status"); c.Kind != workbook.Blank {
		switch norm(c.Text) {
		case "active", "":
		case "retired", "inactive", "archived":
			k.Retired = true
		default:
			l.ps.ErrorCode(c.Pos, "bad-status", "status %q is not active or retired", strings.TrimSpace(c.Text))
		}
	}
}

// checkRedFlag reports a red flag on the wrong side of its target for the
// KPI's direction (for a range KPI, a lower red flag above the target), and
// a target and red flag that leave no scale to score on: a red flag equal
// to its target, or a target of 0 with none (the tolerance is a share of
// the target, so the red flag would be 0 too). tc and rc are the target's
// and the red flag's cells.
func (l *loader) checkRedFlag(k *KPI, target, red Num, tc, rc workbook.Cell) {
	if !target.OK {
		return
	}
	if !red.OK {
		if target.V == 0 {
			l.ps.ErrorCode(tc.Pos, "zero-target", "KPI %s: a target of 0 needs a red_flag (a tolerance is a percentage of the target, which leaves no room between target and red flag)", k.ID)
		}
		return
	}
	switch {
	case red.V == target.V:
		l.ps.ErrorCode(rc.Pos, "red-flag-equals-target", "KPI %s: red_flag %s equals the target, which leaves no scale to score on; give the value at which the KPI turns red", k.ID, fmtNum(red.V))
	case k.Direction == Lower && red.V < target.V:
		l.ps.ErrorCode(rc.Pos, "red-flag-wrong-side", "KPI %s: lower is better but red_flag %s is below target %s", k.ID, fmtNum(red.V), fmtNum(target.V))
	case k.Direction != Lower && red.V > target.V:
		l.ps.ErrorCode(rc.Pos, "red-flag-wrong-side", "KPI %s: %s is better but red_flag %s is above target %s", k.ID, map[Direction]string{Higher: "higher", Range: "a range"}[k.Direction], fmtNum(red.V), fmtNum(target.V))
	}
}

// percentByFormat makes k a percentage KPI (format percent: fractions
// shown as percentages) when c is a percent-formatted number and k has no
// unit or format of its own. Its aggregation, if no cell gave one, becomes
// the average, as for any rate.
func (l *loader) percentByFormat(k *KPI, c workbook.Cell) {
	if !percentFormatted(c) || k.Format != "" || strings.TrimSpace(k.Unit) != "" {
		return
	}
	k.Format = "percent"
	if l.aggDefault[k] {
		k.Aggregation = Average
	}
}

// percentUnit reports whether the KPI's numbers are percentages written as
// 95.2 (unit "%"), rather than fractions (0.952) that format "percent" shows
// as percentages.
func (k *KPI) percentUnit() bool {
	return strings.TrimSpace(k.Unit) == "%"
}

// dateOf reads a date cell, or text in ISO or day/month/year form.
func dateOf(c workbook.Cell, date1904 bool) (time.Time, error) {
	if c.Kind == workbook.Number {
		return period.DateFromSerial(c.Num, date1904)
	}
	s := strings.TrimSpace(c.Text)
	for _, layout := range []string{"2006-01-02", "2/1/2006", "02/01/2006", "2 Jan 2006", "2 January 2006", "Jan 2, 2006", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (use a date cell or 2026-03-31)", s)
}

// fmtNum writes a number briefly for messages.
func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// kpiFor finds the KPI a data row names, reporting an unknown one.
func (l *loader) kpiFor(c workbook.Cell) *KPI {
	id := strings.TrimSpace(c.Text)
	if c.Kind == workbook.Number {
		id = strings.TrimSpace(c.Text)
	}
	k := l.kpis[norm(id)]
	if k == nil {
		l.ps.ErrorCode(c.Pos, "unknown-kpi", "KPI %q is not in the KPIs sheet; correct the id, or add the KPI there", id)
	}
	return k
}

// kpiPeriod fits a period read from a cell to the KPI's frequency: a date
// (month) given for a quarterly KPI means the quarter holding it. A period
// coarser than the KPI's frequency is an error.
func (l *loader) kpiPeriod(k *KPI, c workbook.Cell, p period.Period) (period.Period, bool) {
	if p.Year < 1900 || p.Year > 2200 {
		l.ps.ErrorCode(c.Pos, "period-out-of-range", "period %s is not between 1900 and 2200", l.calendar().Label(p))
		return p, false
	}
	if p.Freq > k.Frequency {
		l.ps.ErrorCode(c.Pos, "period-frequency", "KPI %s is %s but period %s is a %s", k.ID, k.Frequency, l.calendar().Label(p), p.Freq.Noun())
		return p, false
	}
	return l.calendar().In(p, k.Frequency), true
}

func (l *loader) readTargets() {
	l.each(sheetTargets, func(h header, r workbook.Row) {
		kc := h.cell(r, "kpi")
		if kc.Kind == workbook.Blank {
			return
		}
		k := l.kpiFor(kc)
		if k == nil {
			return
		}
		pc := h.cell(r, "period")
		p, err := l.periodOf(pc, h.t.Date1904)
		if err != nil {
			l.ps.ErrorCode(pc.Pos, "bad-period", "period %v", err)
			return
		}
		if p.Freq < k.Frequency {
			l.ps.ErrorCode(pc.Pos, "period-frequency", "KPI %s is %s but target period %s is a %s; give a target for a %s or longer",
				k.ID, k.Frequency, l.calendar().Label(p), p.Freq.Noun(), k.Frequency.Noun())
			return
		}
		if p.Year < 1900 || p.Year > 2200 {
			l.ps.ErrorCode(pc.Pos, "period-out-of-range", "period %s is not between 1900 and 2200", l.calendar().Label(p))
			return
		}
		pu := k.percentUnit()
		l.percentByFormat(k, h.cell(r, "target"))
		t := &TargetRow{Period: p, Target: l.number(h.cell(r, "target"), "target", pu), RedFlag: l.number(h.cell(r, "red_flag"), "red_flag", pu), Pos: rowPos(h, r)}
		l.checkRedFlag(k, t.Target, t.RedFlag, h.cell(r, "target"), h.cell(r, "red_flag"))
		t.Unit = l.unitCell(h.cell(r, "unit"))
		for _, prev := range k.Targets {
			if prev.Period == p && prev.Unit == t.Unit {
				l.ps.ErrorCode(pc.Pos, "duplicate-target", "KPI %s has a second target for %s (first at %s)", k.ID, l.calendar().Label(p), prev.Pos)
				return
			}
		}
		k.Targets = append(k.Targets, t)
	})
}

// measurementKey finds duplicates: one actual per KPI and period.
type measurementKey struct {
	k *KPI
	p period.Period
	u *Unit
}

func (l *loader) readMeasurements() {
	seen := map[measurementKey]*Measurement{}
	var finer fineRows
	add := func(k *KPI, m *Measurement, at workbook.Cell) {
		key := measurementKey{k, m.Period, m.Unit}
		if prev := seen[key]; prev != nil {
			l.ps.ErrorCode(at.Pos, "duplicate-actual", "KPI %s has a second actual for %s (first at %s)", k.ID, l.calendar().Label(m.Period), prev.Pos)
			return
		}
		seen[key] = m
		k.Measurements = append(k.Measurements, m)
	}
	for _, t := range l.tables[sheetMeasurements] {
		if l.isWide(t) {
			l.readWide(t, add)
			continue
		}
		cols := sheetColumns[sheetMeasurements]
		h, _ := mapHeader(t, cols, l.ps, false)
		if m := h.missing(cols); len(m) > 0 {
			l.reportMissing(t, m)
			continue
		}
		for _, r := range t.Rows {
			kc := h.cell(r, "kpi")
			if kc.Kind == workbook.Blank {
				if !rowBlankExcept(h, r) {
					l.ps.ErrorCode(kc.Pos, "missing-kpi", "row has data but no KPI id")
				}
				continue
			}
			k := l.kpiFor(kc)
			if k == nil {
				continue
			}
			pc := h.cell(r, "period")
			p, err := l.periodOf(pc, t.Date1904)
			if err != nil {
				if pc.Kind == workbook.Blank {
					l.ps.ErrorCode(pc.Pos, "missing-period", "KPI %s: period is blank", k.ID)
				} else {
					l.ps.ErrorCode(pc.Pos, "bad-period", "period %v", err)
				}
				continue
			}
			p, ok := l.kpiPeriod(k, pc, p)
			if !ok {
				continue
			}
			pu := k.percentUnit()
			for _, col := range []string{"actual", "target", "red_flag"} {
				l.percentByFormat(k, h.cell(r, col))
			}
			m := &Measurement{
				Period:      p,
				Actual:      l.number(h.cell(r, "actual"), "actual", pu),
				Target:      l.number(h.cell(r, "target"), "target", pu),
				RedFlag:     l.number(h.cell(r, "red_flag"), "red_flag", pu),
				Numerator:   l.number(h.cell(r, "numerator"), "numerator", false),
				Denominator: l.number(h.cell(r, "denominator"), "denominator", false),
				Comment:     h.text(r, "comment"),
				Pos:         rowPos(h, r),
				Unit:        l.unitCell(h.cell(r, "unit")),
				Weight:      l.number(h.cell(r, "weight"), "weight", false),
			}
			l.checkRedFlag(k, m.Target, m.RedFlag, h.cell(r, "target"), h.cell(r, "red_flag"))
			if m.Numerator.OK && m.Denominator.OK {
				k.Ratio = true
				if m.Denominator.V == 0 {
					l.ps.ErrorCode(h.cell(r, "denominator").Pos, "zero-denominator", "KPI %s: denominator is zero", k.ID)
					continue
				}
			} else if m.Numerator.OK != m.Denominator.OK {
				l.ps.WarnCode(m.Pos, "ratio-half", "KPI %s: numerator and denominator go together; the one given is ignored", k.ID)
				m.Numerator, m.Denominator = Num{}, Num{}
			}
			if t.Aggregate {
				finer.add(k, m, pc)
				continue
			}
			add(k, m, pc)
		}
	}
	for _, g := range finer.groups {
		add(g.k, g.combine(), g.at)
	}
}

// fineRows gathers the rows of a table marked Aggregate by KPI and period,
// in the order first seen, to be combined into one measurement each.
type fineRows struct {
	groups []*fineGroup
	index  map[measurementKey]*fineGroup
}

// fineGroup is the rows that fall in one period of one KPI; order is each
// row's date serial, or its place in the table when its period is text.
type fineGroup struct {
	k     *KPI
	at    workbook.Cell
	parts []*Measurement
	order []float64
}

func (f *fineRows) add(k *KPI, m *Measurement, at workbook.Cell) {
	if f.index == nil {
		f.index = map[measurementKey]*fineGroup{}
	}
	key := measurementKey{k, m.Period, m.Unit}
	g := f.index[key]
	if g == nil {
		g = &fineGroup{k: k, at: at}
		f.index[key] = g
		f.groups = append(f.groups, g)
	}
	order := float64(len(g.parts))
	if at.Kind == workbook.Number && at.Format == workbook.Date {
		order = at.Num
	}
	g.parts = append(g.parts, m)
	g.order = append(g.order, order)
}

// combine makes one measurement of the group's rows, oldest first: actuals,
// targets and red flags by the KPI's aggregation, numerators and
// denominators summed, the latest comment kept.
func (g *fineGroup) combine() *Measurement {
	idx := make([]int, len(g.parts))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return g.order[idx[a]] < g.order[idx[b]] })
	out := *g.parts[idx[0]]
	pick := func(get func(*Measurement) Num, agg Aggregation) Num {
		var vals []float64
		for _, i := range idx {
			if n := get(g.parts[i]); n.OK {
				vals = append(vals, n.V)
			}
		}
		if len(vals) == 0 {
			return Num{}
		}
		return Some(aggValues(agg, vals))
	}
	agg := g.k.Aggregation
	if g.k.Ratio && agg == Sum {
		agg = Average // the actuals of a ratio KPI are rates
	}
	out.Actual = pick(func(m *Measurement) Num { return m.Actual }, agg)
	out.Target = pick(func(m *Measurement) Num { return m.Target }, agg)
	out.RedFlag = pick(func(m *Measurement) Num { return m.RedFlag }, agg)
	out.Numerator = pick(func(m *Measurement) Num { return m.Numerator }, Sum)
	out.Denominator = pick(func(m *Measurement) Num { return m.Denominator }, Sum)
	for _, i := range idx {
		if c := g.parts[i].Comment; c != "" {
			out.Comment = c
		}
	}
	return &out
}

// rowBlankExcept reports whether every mapped cell of the row is blank.
func rowBlankExcept(h header, r workbook.Row) bool {
	for _, i := range h.idx {
		if i < len(r.Cells) && r.Cells[i].Kind != workbook.Blank {
			return false
		}
	}
	return true
}

// isWide tells a wide measurements sheet (a KPI column, then one column per
// period) from a long one (kpi, period, actual).
func (l *loader) isWide(t *workbook.Table) bool {
	var hasPeriodCol, hasActual bool
	periods := 0
	for _, c := range t.Header {
		switch workbook.Normalize(c.Text) {
		case "period", "month", "date", "quarter":
			hasPeriodCol = true
		case "actual", "value", "actuals", "result":
			hasActual = true
		}
		if c.Kind == workbook.Number {
			periods++
		} else if c.Kind == workbook.Text {
			if _, err := l.calendar().Parse(c.Text); err == nil {
				periods++
			}
		}
	}
	return !(hasPeriodCol && hasActual) && periods > 0
}

// readWide reads a wide measurements sheet: each header cell after the KPI
// column is a period; each cell below it an actual.
func (l *loader) readWide(t *workbook.Table, add func(*KPI, *Measurement, workbook.Cell)) {
	h, rest := mapHeader(t, wideColumns, l.ps, true)
	if m := h.missing(wideColumns); len(m) > 0 {
		l.reportMissing(t, m)
		return
	}
	type periodCol struct {
		i int
		p period.Period
	}
	var pcols []periodCol
	for _, i := range rest {
		c := t.Header[i]
		p, err := l.periodOf(c, t.Date1904)
		if err != nil {
			l.ps.WarnCode(c.Pos, "unknown-column", "column %q is neither a period nor a column kpireport reads; ignored", c.Text)
			continue
		}
		pcols = append(pcols, periodCol{i, p})
	}
	for _, r := range t.Rows {
		kc := h.cell(r, "kpi")
		if kc.Kind == workbook.Blank {
			continue
		}
		k := l.kpiFor(kc)
		if k == nil {
			continue
		}
		pu := k.percentUnit()
		for _, pc := range pcols {
			if pc.i >= len(r.Cells) {
				continue
			}
			c := r.Cells[pc.i]
			if c.Kind == workbook.Blank {
				continue
			}
			p, ok := l.kpiPeriod(k, c, pc.p)
			if !ok {
				continue
			}
			l.percentByFormat(k, c)
			add(k, &Measurement{Period: p, Actual: l.number(c, "actual", pu), Pos: c.Pos}, c)
		}
	}
}

func (l *loader) readInitiatives() {
	seen := map[string]*Initiative{}
	l.each(sheetInitiatives, func(h header, r workbook.Row) {
		id, name := h.text(r, "id"), h.text(r, "name")
		if id == "" && name == "" {
			return
		}
		if id == "" {
			l.ps.ErrorCode(h.cell(r, "id").Pos, "missing-id", "initiative %q has no id", name)
			return
		}
		if prev := seen[norm(id)]; prev != nil {
			l.ps.ErrorCode(h.cell(r, "id").Pos, "duplicate-id", "initiative id %q is used twice (first at %s)", id, prev.Pos)
			return
		}
		in := &Initiative{
			ID: id, Name: name,
			Owner:           h.text(r, "owner"),
			Status:          strings.ToLower(h.text(r, "status")),
			PercentComplete: l.number(h.cell(r, "percent_complete"), "percent_complete", true),
			Budget:          l.number(h.cell(r, "budget"), "budget", false),
			Spent:           l.number(h.cell(r, "spent"), "spent", false),
			Pos:             rowPos(h, r),
		}
		if pc, c := in.PercentComplete, h.cell(r, "percent_complete"); pc.OK && pc.V <= 1 && pc.V > 0 && c.Kind == workbook.Number && !percentFormatted(c) {
			// A plain 0.45 is taken as a fraction too (a percent-formatted
			// cell was read as one above).
			in.PercentComplete.V = pc.V * 100
		}
		if pc := in.PercentComplete; pc.OK && (pc.V < 0 || pc.V > 100) {
			l.ps.ErrorCode(h.cell(r, "percent_complete").Pos, "out-of-range", "initiative %s: percent_complete %s is not between 0 and 100", id, strconv.FormatFloat(pc.V, 'g', -1, 64))
			in.PercentComplete = Num{}
		}
		if in.Name == "" {
			in.Name = id
		}
		seen[norm(id)] = in
		for _, f := range []struct {
			col string
			dst *time.Time
		}{{"start", &in.Start}, {"due", &in.Due}} {
			if c := h.cell(r, f.col); c.Kind != workbook.Blank {
				d, err := dateOf(c, h.t.Date1904)
				switch {
				case err != nil:
					l.ps.ErrorCode(c.Pos, "bad-value", "%s %v", f.col, err)
				case d.Year() < 1900 || d.Year() > 2200:
					l.ps.ErrorCode(c.Pos, "out-of-range", "%s %s is not between 1900 and 2200", f.col, d.Format("2006-01-02"))
				default:
					*f.dst = d
				}
			}
		}
		if !in.Start.IsZero() && !in.Due.IsZero() && in.Due.Before(in.Start) {
			l.ps.WarnCode(h.cell(r, "due").Pos, "due-before-start", "initiative %s is due before it starts", id)
		}
		if oc := h.cell(r, "objective"); oc.Kind != workbook.Blank {
			in.ObjectiveID = strings.TrimSpace(oc.Text)
			o := l.objectives[norm(in.ObjectiveID)]
			if o == nil {
				o = l.objByName[norm(in.ObjectiveID)]
			}
			if o == nil {
				l.ps.ErrorCode(oc.Pos, "unknown-objective", "initiative %s: objective %q is not in the Objectives sheet", id, in.ObjectiveID)
			} else {
				in.Objective = o
				in.ObjectiveID = o.ID
				o.Initiatives = append(o.Initiatives, in)
			}
		}
		l.sc.Initiatives = append(l.sc.Initiatives, in)
	})
}

func (l *loader) readCommentary() {
	l.each(sheetCommentary, func(h header, r workbook.Row) {
		scope, text := h.text(r, "scope"), h.text(r, "text")
		if scope == "" && text == "" {
			return
		}
		if scope == "" {
			l.ps.ErrorCode(h.cell(r, "scope").Pos, "missing-scope", "commentary has no scope (use overall, a perspective, an objective id or a KPI id)")
			return
		}
		c := &Comment{Scope: scope, Markdown: text, Pos: rowPos(h, r)}
		if pc := h.cell(r, "period"); pc.Kind != workbook.Blank {
			p, err := l.periodOf(pc, h.t.Date1904)
			if err != nil {
				l.ps.ErrorCode(pc.Pos, "bad-period", "period %v", err)
				return
			}
			c.Period = p
		}
		c.Pos = h.cell(r, "scope").Pos
		l.addComment(c)
	})
}

// parseColour reads a colour written as hex, #0b4f8a or #08a (with or
// without the #), and returns it as #rrggbb; nothing else is a colour here,
// so nothing else reaches a style sheet.
func parseColour(s string) (string, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return "", fmt.Errorf("is not a colour: write it in hex, such as #0b4f8a")
	}
	if _, err := strconv.ParseUint(h, 16, 32); err != nil {
		return "", fmt.Errorf("is not a colour: write it in hex, such as #0b4f8a")
	}
	return "#" + strings.ToLower(h), nil
}

// contrastWithWhite is the WCAG 2 contrast ratio of a #rrggbb colour and
// white, from 1 (white itself) to 21 (black).
func contrastWithWhite(c string) float64 {
	v, _ := strconv.ParseUint(c[1:], 16, 32)
	lin := func(b uint64) float64 {
		x := float64(b) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(v>>16&0xff) + 0.7152*lin(v>>8&0xff) + 0.0722*lin(v&0xff)
	return 1.05 / (l + 0.05)
}

// maxLogoBytes bounds a logo, which is embedded in every page and pack.
const maxLogoBytes = 1 << 20

// readLogo reads the logo the Settings name: a PNG, JPEG or SVG file in the
// first workbook's folder (or below it), a plain file of at most 1 MB.
// Anything else is an error at the setting's cell. An SVG is embedded as an
// image, where it can run no script.
func (l *loader) readLogo(pos workbook.Pos) {
	s := &l.sc.Settings
	name := filepath.FromSlash(strings.TrimSpace(s.Logo))
	if !filepath.IsLocal(name) || len(l.dirs) == 0 {
		l.ps.ErrorCode(pos, "bad-logo", "logo %q must be a file in the workbook's folder, named from there (logo.png, images/logo.svg)", s.Logo)
		return
	}
	data, err := readSmallFile(filepath.Join(l.dirs[0], name), maxLogoBytes)
	if err != nil {
		l.ps.ErrorCode(pos, "bad-logo", "logo %q: %v", s.Logo, err)
		return
	}
	if s.LogoType = logoType(data); s.LogoType == "" {
		l.ps.ErrorCode(pos, "bad-logo", "logo %q is not a PNG, JPEG or SVG image", s.Logo)
		return
	}
	s.LogoData = data
}
