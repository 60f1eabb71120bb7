// Package scorecard is the balanced scorecard's model: perspectives,
// objectives, KPIs, their measurements and targets, initiatives and
// commentary. It reads the model from workbook tables (Load), checks it, and
// computes each KPI's status, score and trend and the roll-ups (Compute).
package scorecard

import (
	"encoding/json"
	"math"
	"strconv"
	"time"

	"kpireport/report/period"
	"kpireport/report/workbook"
)

// Num is a number that may be missing. A blank cell is "no data", never zero.
type Num struct {
	V  float64
	OK bool
}

// Some returns a present number.
func Some(v float64) Num { return Num{V: v, OK: true} }

// MarshalJSON writes the number as encoding/json writes a float64, or null
// when it is missing.
func (n Num) MarshalJSON() ([]byte, error) { return n.AppendJSON(make([]byte, 0, 24)) }

// AppendJSON appends what MarshalJSON writes to b.
func (n Num) AppendJSON(b []byte) ([]byte, error) {
	if !n.OK {
		return append(b, "null"...), nil
	}
	v := n.V
	if math.IsNaN(v) || math.IsInf(v, 0) {
		_, err := json.Marshal(v) // encoding/json's error
		return b, err
	}
	// encoding/json's float format: plain decimals unless the number is
	// very small or very large, then an exponent without a leading zero
	// (1e-07 becomes 1e-7).
	format := byte('f')
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	start := len(b)
	b = strconv.AppendFloat(b, v, format, -1, 64)
	if l := len(b); format == 'e' && l-start >= 4 && b[l-4] == 'e' && b[l-3] == '-' && b[l-2] == '0' {
		b[l-2] = b[l-1]
		b = b[:l-1]
	}
	return b, nil
}

// Status is a KPI's (or a roll-up's) standing against its target.
type Status int

const (
	NoData Status = iota
	OffTarget
	AtRisk
	OnTarget
	// Exceeded is the optional fourth band (BRAG), for a score at or above
	// Settings.ExceededThreshold when Settings.ExceededBand is on; roll-up
	// Counts count it as OnTarget.
	Exceeded
)

var statusNames = [...]string{"no data", "off target", "at risk", "on target", "exceeded"}
var statusSlugs = [...]string{"no-data", "off-target", "at-risk", "on-target", "exceeded"}

// String is the status as a reader sees it: "on target".
func (s Status) String() string { return statusNames[s] }

// Slug is the status as a CSS class or JSON value: "on-target".
func (s Status) Slug() string { return statusSlugs[s] }

// MarshalText writes the status's slug.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.Slug()), nil }

// StatusOf gives the status of a 0-10 score: 6.67 and above is on target,
// 3.33 and above at risk, below that off target; no score is no data.
func StatusOf(score Num) Status {
	switch {
	case !score.OK:
		return NoData
	case score.V >= 20.0/3-1e-9:
		return OnTarget
	case score.V >= 10.0/3-1e-9:
		return AtRisk
	}
	return OffTarget
}

// Direction says which way is better for a KPI.
type Direction int

const (
	Higher Direction = iota // higher is better
	Lower                   // lower is better
	Range                   // on target inside [target, target_max]
)

var directionNames = [...]string{"higher", "lower", "range"}

func (d Direction) String() string { return directionNames[d] }

// MarshalText writes "higher", "lower" or "range".
func (d Direction) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Aggregation says how a KPI's monthly values make a quarter or a year.
type Aggregation int

const (
	Sum     Aggregation = iota // flows: revenue, connections
	Average                    // rates and scores
	Last                       // stocks: headcount, reservoir level
	Min
	Max
)

var aggregationNames = [...]string{"sum", "average", "last", "min", "max"}

func (a Aggregation) String() string { return aggregationNames[a] }

// MarshalText writes the aggregation's name.
func (a Aggregation) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// Trend is the recent direction of a KPI, judged by its Direction.
type Trend int

const (
	NoTrend Trend = iota // too little data
	Improving
	Steady
	Worsening
)

var trendNames = [...]string{"no trend", "improving", "steady", "worsening"}

func (t Trend) String() string { return trendNames[t] }

// MarshalText writes the trend's name.
func (t Trend) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Settings are the workbook's Settings sheet.
type Settings struct {
	Title           string
	Organisation    string
	FiscalYearStart int    // 1-12
	ReportPeriod    string // as typed; Scorecard.Period is the period used
	Currency        string
	Locale          string
	Tolerance       float64 // fraction; defaultTolerance when the sheet gives none
	Logo            string  // the file as the Settings name it
	LogoType        string  `json:"-"` // image/png, image/jpeg or image/svg+xml, once read
	LogoData        []byte  `json:"-"` // the logo's bytes, for pages and packs to embed
	ThemeColour     string  // #rrggbb
	// PackCharts is "all" (a full chart for every KPI in the packs),
	// "attention" (full charts only for KPIs that need the board's eye,
	// sparklines for the rest) or "" / "auto": attention above
	// view.CompactAbove KPIs, all below.
	PackCharts string `json:",omitempty"`
	// ExceededBand adds the status Exceeded for a score of at least
	// ExceededThreshold (default 9); off by default.
	ExceededBand      bool    `json:",omitempty"`
	ExceededThreshold float64 `json:",omitempty"`
}

// Scorecard is the whole model, read and computed.
type Scorecard struct {
	Settings     Settings
	Calendar     period.Calendar `json:"-"`
	Period       period.Period   // the report period; PeriodLabel names it
	Perspectives []*Perspective
	Objectives   []*Objective // every objective, in perspective order then sheet order
	KPIs         []*KPI       // every KPI, in objective order then sheet order
	Initiatives  []*Initiative
	Comments     []*Comment      // "overall" commentary
	Score        Rollup          // the organisation's
	Periods      []period.Period `json:"-"`          // every period at the report period's frequency with any data, oldest first
	Units        []*Unit         `json:",omitempty"` // the Units sheet's tree in order (see units.go); nil without one
	Changes      *Changes        `json:",omitempty"` // since the last report, once ComputeChanges has run
}

// PeriodLabel is the report period as a reader sees it ("Q1 2026",
// "FY2026 Q1"); empty when there is no report period.
func (sc *Scorecard) PeriodLabel() string {
	if sc.Period.IsZero() {
		return ""
	}
	return sc.Calendar.Label(sc.Period)
}

// Perspective is one of the scorecard's perspectives.
type Perspective struct {
	Name        string
	Slug        string
	Order       int
	Weight      float64
	Description string
	Objectives  []*Objective `json:"-"`
	Comments    []*Comment
	Score       Rollup
	Pos         workbook.Pos `json:"-"`
}

// Objective is a strategic objective within a perspective.
type Objective struct {
	ID          string
	Name        string
	Slug        string
	Perspective *Perspective `json:"-"`
	Description string
	Owner       string
	Weight      float64
	Drives      []string      // ids of the objectives it contributes to
	KPIs        []*KPI        `json:"-"`
	Initiatives []*Initiative `json:"-"`
	Comments    []*Comment
	Score       Rollup
	Pos         workbook.Pos `json:"-"`
	// Implicit is true for an objective made up to hold KPIs that name a
	// perspective directly instead of an objective.
	Implicit bool
}

// KPI is one key performance indicator with its definition, data and
// computed results.
type KPI struct {
	ID          string
	Name        string
	Slug        string
	Objective   *Objective `json:"-"` // its perspective is the objective's: see InPerspective
	Unit        string
	Direction   Direction
	Frequency   period.Freq `json:"-"`
	Aggregation Aggregation
	// Ratio is true when the KPI is measured as numerator / denominator:
	// quarters and years then divide the summed parts.
	Ratio       bool
	Target      Num // default target, when no period gives its own
	RedFlag     Num // default red flag; when missing, target ± tolerance
	TargetMax   Num // upper end of the on-target band, for Range KPIs
	Tolerance   Num // the KPI's own tolerance (fraction), overriding Settings
	Baseline    Num
	Weight      float64
	Owner       string
	Description string
	DataSource  string
	Format      string // "number", "percent", "currency" or empty
	Decimals    int    // -1: automatic
	ReviewDate  time.Time
	Retired     bool
	// Key marks a KPI for the board's eye (the KPIs column key): at scale
	// a pack draws its full chart even when it is on target.
	Key bool         `json:"key,omitempty"`
	Pos workbook.Pos `json:"-"`
	// BusinessUnit is the id of the one unit the KPI belongs to, if any.
	BusinessUnit string `json:",omitempty"`

	// Measurements are the data read, at the KPI's frequency, oldest first,
	// one per period.
	Measurements []*Measurement `json:"-"`
	// Targets are per-period targets from the Targets sheet, at any frequency.
	Targets  []*TargetRow `json:"-"`
	Comments []*Comment

	// Computed by Compute.
	Series     []Point // at the KPI's frequency, every period from the first with data to the report period
	Quarters   []Point // quarters (monthly KPIs: aggregated); nil for annual KPIs
	Years      []Point // fiscal years
	Current    Point   // at the report period
	Previous   Point   // the period before Current, at Current's frequency
	YearAgo    Point   // the same period a year before Current
	YTD        Point   // fiscal year to date, through the report period
	ChangePrev Num     // Current.Actual - Previous.Actual
	ChangeYear Num     // Current.Actual - YearAgo.Actual
	Trend      Trend

	// Health is the KPI's review as a KPI (SMART checks, evolution
	// signals), set by ReviewHealth; nil until then.
	Health *Health `json:",omitempty"`
}

// InPerspective returns the perspective the KPI sits under, its objective's
// (a KPI that names a perspective in the workbook is given an implicit
// objective in it); nil when it has no objective.
func (k *KPI) InPerspective() *Perspective {
	if k.Objective == nil {
		return nil
	}
	return k.Objective.Perspective
}

// Measurement is one actual of one KPI for one period, as read.
type Measurement struct {
	Period      period.Period
	Actual      Num
	Target      Num // overrides for this period
	RedFlag     Num
	Numerator   Num
	Denominator Num
	Comment     string
	Pos         workbook.Pos // the row
	Unit        *Unit        // the business unit measured; nil for the organisation
	Weight      Num          // the unit's weight in an average across units
	// RolledUp is true for a figure made from the units below (see
	// combineUnits) rather than read from the workbook.
	RolledUp bool
	// Disagrees, on a figure read for a unit (or the organisation) that
	// has units below it, is their roll-up's actual when it differs from
	// the figure read by more than the tolerance (the figure read is
	// used, with a warning); missing otherwise.
	Disagrees Num
}

// TargetRow is one row of the Targets sheet.
type TargetRow struct {
	Period  period.Period
	Target  Num
	RedFlag Num
	Pos     workbook.Pos
	Unit    *Unit // nil for the organisation
}

// Point is a KPI's result for one period: what was measured against what
// was aimed at, and how it scores.
type Point struct {
	Period      period.Period
	Label       string
	Actual      Num
	Target      Num
	RedFlag     Num
	TargetMax   Num
	Numerator   Num `json:",omitempty"`
	Denominator Num `json:",omitempty"`
	Score       Num // 0-10
	Status      Status
	PctOfTarget Num // actual / target * 100
	// Count is how many of the period's months (or quarters) had data, and
	// Of how many it has; they differ for a partial quarter or year.
	Count   int
	Of      int
	Comment string `json:",omitempty"`
}

// Rollup is the weighted score of a group of KPIs (an objective), of
// objectives (a perspective) or of perspectives (the organisation).
type Rollup struct {
	Score  Num
	Status Status
	// Counts holds how many KPIs below are in each status, indexed by Status.
	Counts [4]int
	// Scored is how many KPIs have a score; Counts[NoData] were left out.
	Scored int
	Total  int
}

// Initiative is a project that pursues an objective.
type Initiative struct {
	ID              string
	Name            string
	ObjectiveID     string
	Objective       *Objective `json:"-"`
	Owner           string
	Start           time.Time
	Due             time.Time
	Status          string
	PercentComplete Num // 0-100
	Budget          Num
	Spent           Num
	Overdue         bool         // due before the report period ends and not complete
	Pos             workbook.Pos `json:"-"`
}

// Comment is commentary in Markdown for a scope and period.
type Comment struct {
	Scope    string // "overall", a perspective name, an objective id or a KPI id
	Period   period.Period
	Markdown string
	Pos      workbook.Pos `json:"-"`
}
