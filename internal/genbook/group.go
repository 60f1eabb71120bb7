package genbook

// The group workbook: the Harbour Group sample (sample-data/harbour-group)
// and, with more units and KPIs, the workbooks of the business units' scale
// tests. sample-data/generate-group and cmd/genbook -units both write it.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"kpireport/report/export"
)

type unit struct {
	id, name, parent, owner string
	size                    float64 // scales flows and stocks
	skill                   float64 // -1..1: how well it does, steady over time
}

var groupUnits = []unit{
	{"NOR", "North Region", "", "Regional Director North", 0, 0},
	{"SOU", "South Region", "", "Regional Director South", 0, 0},
	{"WES", "West Region", "", "Regional Director West", 0, 0},
	{"ABD", "Aberdeen Terminal", "NOR", "Terminal Manager", 1.1, 0.7},
	{"TYN", "Tyne Quay", "NOR", "Terminal Manager", 0.8, 0.1},
	{"HUL", "Hull Container Port", "NOR", "Port Manager", 1.4, -0.4},
	{"SOT", "Southampton Docks", "SOU", "Port Manager", 1.6, 0.4},
	{"DOV", "Dover Ro-Ro", "SOU", "Terminal Manager", 1.0, -0.6},
	{"PLY", "Plymouth Ferry Port", "SOU", "Port Manager", 0.6, 0.2},
	{"BRS", "Bristol Logistics Park", "WES", "Park Manager", 0.9, -0.1},
	{"CDF", "Cardiff Bulk Terminal", "WES", "Terminal Manager", 0.7, 0.5},
}

// kind is how a KPI's value is made and rolls up across units.
type kind int

const (
	flow  kind = iota // summed over months and units
	rate              // averaged, weighted by the unit's weight column
	ratio             // numerator / denominator
	stock             // last of the period; units add
)

type kpi struct {
	id, name, persp, unit, dir string
	k                          kind
	base                       float64 // per unit of size (flows, stocks) or the level (rates, ratios)
	target                     float64 // target factor (flows, stocks) or level (rates, ratios)
	spread                     float64 // how far units' skill moves the value
	format                     string
}

var groupKPIs = []kpi{
	{"FIN-01", "Revenue", "Financial", "£k", "higher", flow, 2400, 1.0, 0.08, "currency"},
	{"FIN-02", "Operating costs", "Financial", "£k", "lower", flow, 1700, 1.0, 0.06, "currency"},
	{"FIN-03", "EBITDA margin", "Financial", "%", "higher", ratio, 28, 30, 6, "percent"},
	{"FIN-04", "Debtor days", "Financial", "days", "lower", rate, 42, 40, 8, "number"},
	{"FIN-05", "Capital spend", "Financial", "£k", "lower", flow, 310, 1.0, 0.1, "currency"},
	{"FIN-06", "Revenue per employee", "Financial", "£k", "higher", rate, 11.5, 12, 1.5, "number"},
	{"FIN-07", "Cost per tonne handled", "Financial", "£", "lower", rate, 4.2, 4.0, 0.5, "number"},
	{"CUS-01", "Customer satisfaction", "Customer", "%", "higher", rate, 78, 80, 7, "percent"},
	{"CUS-02", "Berth on-time departures", "Customer", "%", "higher", ratio, 88, 90, 5, "percent"},
	{"CUS-03", "Complaints", "Customer", "count", "lower", flow, 14, 1.0, 0.25, "number"},
	{"CUS-04", "Net promoter score", "Customer", "", "higher", rate, 31, 35, 12, "number"},
	{"CUS-05", "Truck turnaround time", "Customer", "min", "lower", rate, 46, 45, 7, "number"},
	{"CUS-06", "Contract renewals", "Customer", "%", "higher", ratio, 84, 85, 6, "percent"},
	{"CUS-07", "New customers", "Customer", "count", "higher", flow, 3, 1.0, 0.3, "number"},
	{"OPS-01", "Tonnes handled", "Internal Processes", "kt", "higher", flow, 520, 1.0, 0.07, "number"},
	{"OPS-02", "Crane productivity", "Internal Processes", "moves/h", "higher", rate, 27, 28, 3, "number"},
	{"OPS-03", "Equipment availability", "Internal Processes", "%", "higher", ratio, 93, 95, 3, "percent"},
	{"OPS-04", "Lost-time injuries", "Internal Processes", "count", "lower", flow, 1.2, 1.0, 0.5, "number"},
	{"OPS-05", "Energy per tonne", "Internal Processes", "kWh", "lower", rate, 3.1, 3.0, 0.4, "number"},
	{"OPS-06", "Vessel waiting time", "Internal Processes", "h", "lower", rate, 5.5, 5, 1.6, "number"},
	{"OPS-07", "Planned maintenance done", "Internal Processes", "%", "higher", ratio, 86, 90, 6, "percent"},
	{"OPS-08", "Yard utilisation", "Internal Processes", "%", "higher", rate, 74, 75, 6, "percent"},
	{"OPS-09", "Recycled waste", "Internal Processes", "%", "higher", ratio, 58, 60, 9, "percent"},
	{"LRN-01", "Headcount", "Learning & Growth", "people", "higher", stock, 210, 1.0, 0.03, "number"},
	{"LRN-02", "Staff turnover", "Learning & Growth", "%", "lower", rate, 11, 10, 3, "percent"},
	{"LRN-03", "Training hours per employee", "Learning & Growth", "h", "higher", rate, 2.6, 3, 0.8, "number"},
	{"LRN-04", "Engagement score", "Learning & Growth", "%", "higher", rate, 67, 70, 6, "percent"},
	{"LRN-05", "Absence rate", "Learning & Growth", "%", "lower", rate, 4.1, 4, 1, "percent"},
	{"LRN-06", "Certified crane operators", "Learning & Growth", "people", "higher", stock, 24, 1.0, 0.1, "number"},
	{"LRN-07", "Ideas implemented", "Learning & Growth", "count", "higher", flow, 4, 1.0, 0.35, "number"},
}

// firstYear is the year of the group workbook's first month, January.
const firstYear = 2025

// Group says what group workbook to write: the Harbour Group sample's
// units and KPIs, or more of them for scale tests.
type Group struct {
	// Units is how many operating units, spread over the three regions;
	// 0 is the sample's eight.
	Units int
	// KPIs is how many KPIs, the sample's 30 repeated under new ids; 0 is
	// the 30.
	KPIs int
	// Months is how many months of data from January 2025; 0 is 24.
	Months int
	// Seed varies the values; the sample is seed 0.
	Seed uint64
}

// group is a Group made concrete: its units, KPIs and months.
type group struct {
	units  []unit
	kpis   []kpi
	months int
	seed   uint64
}

// WriteGroup writes the group workbook of g to path: a Settings sheet, a
// Units sheet (three regions, the operating units below them), the KPIs
// and a row per KPI, operating unit and month, the regions and the group
// rolled up by kpireport. The same Group gives the same bytes; Group{} is
// sample-data/harbour-group/harbour-group.xlsx.
func WriteGroup(path string, g Group) error {
	if g.Units < 0 || g.KPIs < 0 || g.Months < 0 {
		return fmt.Errorf("genbook: %d units × %d KPIs × %d months: none may be negative", g.Units, g.KPIs, g.Months)
	}
	gr := newGroup(g)
	if err := gr.write(path); err != nil {
		return fmt.Errorf("genbook: %w", err)
	}
	return nil
}

// SampleGroup reports how many operating units, regions and KPIs Group{}
// has: the sample's.
func SampleGroup() (units, regions, kpis int) {
	gr := newGroup(Group{})
	for _, u := range gr.units {
		if u.size > 0 {
			units++
		} else {
			regions++
		}
	}
	return units, regions, len(gr.kpis)
}

func newGroup(g Group) *group {
	gr := &group{units: groupUnits, kpis: groupKPIs, months: g.Months, seed: g.Seed}
	if gr.months == 0 {
		gr.months = 24
	}
	gr.scaleUp(g.Units, g.KPIs)
	return gr
}

func (gr *group) write(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	// excelize writes streamed sheets in a map's order; sorting the
	// entries keeps the committed workbook the same on every run.
	stamp, _ := time.Parse(time.RFC3339, excelizeDate)
	f.SetZipWriter(export.SortedZip(stamp))
	sheets := []struct {
		name string
		rows [][]any
	}{
		{"Settings", groupSettings()},
		{"Units", gr.unitRows()},
		{"KPIs", gr.kpiRows()},
		{"Measurements", gr.measurementRows()},
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(s.name)
		if err != nil {
			return err
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(cell, row); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	when := excelizeDate
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:       "Harbour Group — Balanced Scorecard",
		Creator:     "Harbour Group Performance Office",
		Description: "Fictional sample data for kpireport, written by sample-data/generate-group.",
		Created:     when,
		Modified:    when,
	}); err != nil {
		return err
	}
	return f.SaveAs(path)
}

const excelizeDate = "2027-01-08T09:00:00Z"

func groupSettings() [][]any {
	return [][]any{
		{"key", "value"},
		{"title", "Harbour Group — Balanced Scorecard"},
		{"organisation", "Harbour Group"},
		{"fiscal_year_start", "January"},
		{"currency", "GBP"},
		{"locale", "en-GB"},
		{"tolerance", 0.1},
	}
}

func (gr *group) unitRows() [][]any {
	rows := [][]any{{"id", "name", "parent", "owner", "order"}}
	for i, u := range gr.units {
		rows = append(rows, []any{u.id, u.name, u.parent, u.owner, i + 1})
	}
	return rows
}

func (gr *group) kpiRows() [][]any {
	rows := [][]any{{"id", "name", "perspective", "unit", "direction", "frequency", "aggregation", "target", "format", "owner"}}
	for _, k := range gr.kpis {
		agg := map[kind]string{flow: "sum", rate: "average", ratio: "average", stock: "last"}[k.k]
		var target any
		if k.k == rate || k.k == ratio {
			target = k.base // the average unit is near its target
		}
		rows = append(rows, []any{k.id, k.name, k.persp, k.unit, k.dir, "monthly", agg, target, k.format, "Group " + k.persp + " lead"})
	}
	return rows
}

func roundTo(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// measurementRows are one row per KPI, operating unit and month. A unit's
// skill moves it towards (or away from) the better side of the target,
// steadily, so that the same units lead month after month.
func (gr *group) measurementRows() [][]any {
	rng := rand.New(rand.NewPCG(2027+gr.seed, 13))
	rows := [][]any{{"kpi", "period", "unit", "actual", "target", "numerator", "denominator", "weight", "comment"}}
	for _, k := range gr.kpis {
		better := 1.0
		if k.dir == "lower" {
			better = -1
		}
		for _, u := range gr.units {
			if u.size == 0 {
				continue
			}
			// Each unit's skill differs a little by KPI.
			skill := 0.6*u.skill + 1.1*(rng.Float64()-0.5)
			for m := 0; m < gr.months; m++ {
				y, mon := firstYear+m/12, m%12+1
				p := fmt.Sprintf("%d-%02d", y, mon)
				season := 1 + 0.06*math.Sin(2*math.Pi*float64(mon-3)/12)
				growth := 1 + 0.002*float64(m)
				noise := 1 + 0.03*(rng.Float64()-0.5)*2
				row := []any{k.id, p, u.id, nil, nil, nil, nil, nil, nil}
				switch k.k {
				case flow, stock:
					base := k.base * u.size * growth
					if k.k == flow {
						base *= season
					}
					target := roundTo(base*k.target, 1)
					actual := base * (1 + better*k.spread*skill) * noise
					if k.k == stock {
						actual = math.Round(actual)
						target = math.Round(target)
					} else {
						actual = roundTo(actual, 1)
					}
					row[3], row[4] = actual, target
				case rate:
					v := k.base + better*k.spread*skill + k.spread*0.3*(rng.Float64()-0.5)
					row[3] = roundTo(v, 2)
					row[7] = roundTo(u.size*100, 0)
				case ratio:
					den := math.Round(400 * u.size * growth)
					pct := math.Min(99.5, k.base+better*k.spread*skill+k.spread*0.3*(rng.Float64()-0.5))
					row[5], row[6] = math.Round(den*pct/100), den
				}
				if m == gr.months-1 && skill > 0.55 {
					row[8] = leaderNote(k, u)
				}
				rows = append(rows, row)
			}
		}
	}
	return rows
}

// leaderNote is a unit's commentary on a KPI it does well on.
func leaderNote(k kpi, u unit) string {
	how := map[string]string{
		"Financial":          "every cost centre owner signs off a one-page forecast each week",
		"Customer":           "the account team calls each key customer after every vessel call",
		"Internal Processes": "the shift teams review it every morning at the stand-up",
		"Learning & Growth":  "each supervisor holds a monthly one-to-one with every member of the team",
	}[k.persp]
	return fmt.Sprintf("**%s** stays ahead at %s because %s; the %s is happy to share how.", k.name, u.name, how, strings.ToLower(u.owner))
}

// scaleUp replaces the group's units and KPIs with n operating units spread over
// the three regions and m KPIs (the 30 repeated under new ids), for scale
// tests; zero leaves them as they are.
func (gr *group) scaleUp(n, m int) {
	if n > 0 {
		regions := gr.units[:3]
		out := append([]unit(nil), regions...)
		for i := range n {
			r := regions[i%3]
			out = append(out, unit{fmt.Sprintf("OU%03d", i+1), fmt.Sprintf("Operating unit %d", i+1), r.id, "Unit Manager",
				0.5 + float64(i%7)*0.15, float64(i%11)/5 - 1})
		}
		gr.units = out
	}
	if m > 0 {
		base := gr.kpis
		var out []kpi
		for i := range m {
			k := base[i%len(base)]
			if i >= len(base) {
				k.id = fmt.Sprintf("%s-%d", k.id, i/len(base)+1)
				k.name = fmt.Sprintf("%s (%d)", k.name, i/len(base)+1)
			}
			out = append(out, k)
		}
		gr.kpis = out
	}
}
