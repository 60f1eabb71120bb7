package main

// This file describes Northvale Water: its perspectives, objectives, KPIs,
// targets and initiatives. The numbers that shape each KPI's history live
// beside its definition, in its series.

// Periods covered: 36 months, October 2023 to September 2026. The fiscal
// year starts in April and is named by the calendar year in which it ends.
const (
	firstYear, firstMonth = 2023, 10
	months                = 36
	fyStartMonth          = 4
	tolerance             = 0.1
)

// perspective is one row of the Perspectives sheet.
type perspective struct {
	Name        string
	Order       int
	Weight      float64
	Description string
}

var perspectives = []perspective{
	{"Financial", 1, 30, "Fund the service customers need at a fair bill, and keep the balance sheet sound."},
	{"Customer", 2, 30, "Keep water flowing, treat customers well and protect the rivers and coast they enjoy."},
	{"Internal Processes", 3, 25, "Run the network, treatment works and billing well, and deliver the capital programme."},
	{"Learning & Growth", 4, 15, "Skilled, safe and engaged people, supported by good data and digital tools."},
}

// objective is one row of the Objectives sheet.
type objective struct {
	ID, Name, Perspective, Description, Owner string
	Weight                                    float64
	Drives                                    string
}

var objectives = []objective{
	{"F1", "Secure sustainable revenue", "Financial", "Bill and collect the revenue allowed by the price determination.", "Chief Financial Officer", 40, ""},
	{"F2", "Control operating costs", "Financial", "Keep operating costs within the regulatory allowance despite energy and chemical inflation.", "Chief Financial Officer", 35, ""},
	{"F3", "Keep the balance sheet sound", "Financial", "Hold gearing and interest cover within the levels our lenders and the regulator expect.", "Group Treasurer", 25, ""},
	{"C1", "Keep customers supplied", "Customer", "Fewer and shorter interruptions to supply.", "Director of Water Services", 40, "F1"},
	{"C2", "Give customers excellent service", "Customer", "Answer quickly, get it right first time, resolve complaints.", "Director of Customer Experience", 35, "F1"},
	{"C3", "Protect the environment", "Customer", "Fewer pollution incidents and storm overflow spills; lower carbon.", "Director of Wastewater Services", 25, "F3"},
	{"P1", "Manage the network and water resources", "Internal Processes", "Reduce leakage and bursts and balance supply with demand through dry summers.", "Head of Network Operations", 30, "C1,F2"},
	{"P2", "Assure drinking water quality", "Internal Processes", "Meet every drinking water standard at every tap.", "Head of Water Quality", 30, "C1,C2"},
	{"P3", "Run efficient operations", "Internal Processes", "Efficient treatment, accurate and timely billing, fewer sewer blockages.", "Chief Operating Officer", 20, "C2,F2"},
	{"P4", "Deliver the capital programme", "Internal Processes", "Deliver the AMP8 investment plan on time and on budget.", "Director of Capital Delivery", 20, "C3,F3"},
	{"L1", "Build a skilled, safe and engaged workforce", "Learning & Growth", "Recruit, train and keep the people we need, and send them home safe.", "Director of People", 60, "P1,P2,P3"},
	{"L2", "Build digital and data capability", "Learning & Growth", "Smart meters, reliable telemetry and online self-service.", "Chief Information Officer", 40, "P1,P3"},
}

// kpi is one row of the KPIs sheet, with the series its history is drawn from.
// Zero numbers are written as blank cells (no KPI here has a real zero).
type kpi struct {
	ID, Name, Objective, Unit, Direction, Frequency, Aggregation string
	Target, RedFlag, TargetMax, Baseline, Weight                 float64
	Owner, Description, DataSource, Format                       string
	Decimals                                                     int
	Review                                                       string // review date as yyyy-mm-dd; "" for none
	Status                                                       string

	Wide   bool // measured in the wide sheet instead of the long one
	Series series
}

var kpis = []kpi{
	// F1 Secure sustainable revenue
	{ID: "FIN-01", Name: "Revenue", Objective: "F1", Unit: "£k", Direction: "higher", Frequency: "monthly", Aggregation: "sum",
		Target: 22000, Baseline: 22100, Weight: 3, Owner: "Head of Revenue",
		Description: "Wholesale and retail revenue billed in the month, water and wastewater. Targets follow the price determination and rise each April (see the Targets sheet).",
		DataSource:  "Finance ledger, monthly close", Format: "currency", Decimals: 0, Review: "2027-03-31", Status: "active",
		Series: series{Start: 22250, End: 22300, Step: 0.075, Season: 250, Peak: 4, Noise: 240}},
	{ID: "FIN-02", Name: "Cash collection rate", Objective: "F1", Unit: "%", Direction: "higher", Frequency: "monthly", Aggregation: "average",
		Target: 97, RedFlag: 95.5, Baseline: 96.9, Weight: 2, Owner: "Head of Revenue",
		Description: "Cash received in the month as a share of amounts falling due in the month.",
		DataSource:  "Billing system, collections report", Format: "percent", Decimals: 1, Review: "2025-11-30", Status: "active",
		Series: series{Start: 97.1, End: 96.0, Season: 0.3, Peak: 5, Noise: 0.25}},

	// F2 Control operating costs
	{ID: "FIN-03", Name: "Operating costs", Objective: "F2", Unit: "£k", Direction: "lower", Frequency: "monthly", Aggregation: "sum",
		Target: 14200, Baseline: 13700, Weight: 3, Owner: "Financial Controller",
		Description: "Operating expenditure before depreciation. March carries year-end accruals and has its own budget.",
		DataSource:  "Finance ledger, monthly close", Format: "currency", Decimals: 0, Review: "2027-03-31", Status: "active",
		Series: series{Start: 13650, End: 14750, Season: 250, Peak: 1, Noise: 220,
			Events: map[string]float64{"2024-03": 2300, "2025-03": 2500, "2026-03": 2400}}},
	{ID: "FIN-04", Name: "Energy costs", Objective: "F2", Unit: "£k", Direction: "lower", Frequency: "monthly", Aggregation: "sum",
		Target: 1750, Baseline: 1690, Weight: 2, Owner: "Energy Manager",
		Description: "Electricity and gas for pumping and treatment, after hedging.",
		DataSource:  "Energy broker invoices", Format: "currency", Decimals: 0, Review: "2026-12-31", Status: "active",
		Series: series{Start: 1680, End: 2080, Season: 90, Peak: 1, Noise: 45}},

	// F3 Keep the balance sheet sound
	{ID: "FIN-05", Name: "Gearing (net debt to RCV)", Objective: "F3", Unit: "%", Direction: "lower", Frequency: "monthly", Aggregation: "last",
		Target: 64, RedFlag: 68, Baseline: 62.8, Weight: 2, Owner: "Group Treasurer",
		Description: "Net debt as a share of the regulatory capital value at the month end.",
		DataSource:  "Treasury management system", Format: "percent", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 62.8, End: 63.6, Noise: 0.2,
			Events: map[string]float64{"2025-03": 1.2, "2025-04": 0.9, "2025-05": 0.4}}},
	{ID: "FIN-06", Name: "Interest cover", Objective: "F3", Unit: "times", Direction: "higher", Frequency: "quarterly", Aggregation: "average",
		Target: 2, RedFlag: 1.6, Baseline: 2.3, Weight: 1, Owner: "Group Treasurer",
		Description: "Operating cash flow over net interest paid, for the quarter.",
		DataSource:  "Treasury management system", Format: "number", Decimals: 2, Review: "2027-03-31", Status: "active",
		Series: series{Start: 2.3, End: 2.15, Noise: 0.06,
			Events: map[string]float64{"FY2025 Q4": -0.45}}},

	// C1 Keep customers supplied
	{ID: "CUS-01", Name: "Supply interruptions (minutes per property)", Objective: "C1", Unit: "minutes", Direction: "lower", Frequency: "monthly", Aggregation: "sum",
		Target: 0.42, RedFlag: 0.55, Baseline: 0.48, Weight: 3, Owner: "Director of Water Services",
		Description: "Average minutes without supply per property served, for interruptions over three hours.",
		DataSource:  "Work management system", Format: "number", Decimals: 2, Review: "2027-03-31", Status: "active",
		Series: series{Start: 0.47, End: 0.35, Season: 0.07, Peak: 1, Noise: 0.04, Min: 0.05,
			Events: map[string]float64{"2024-01": 0.85, "2025-02": 0.35, "2025-12": 0.45}}},
	{ID: "CUS-02", Name: "Longest supply interruption", Objective: "C1", Unit: "hours", Direction: "lower", Frequency: "monthly", Aggregation: "max",
		Target: 12, RedFlag: 24, Baseline: 14, Weight: 1, Owner: "Director of Water Services",
		Description: "The longest time any property was without supply in the period.",
		DataSource:  "Work management system", Format: "number", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 9, End: 7.5, Season: 2.5, Peak: 1, Noise: 1.3, Min: 3,
			Events: map[string]float64{"2024-01": 22, "2025-12": 11}}},

	// C2 Give customers excellent service
	{ID: "CUS-03", Name: "Customer satisfaction", Objective: "C2", Unit: "score", Direction: "higher", Frequency: "quarterly", Aggregation: "average",
		Target: 80, RedFlag: 76, Baseline: 78.4, Weight: 3, Owner: "Director of Customer Experience",
		Description: "Satisfaction score out of 100 from the quarterly survey of customers who contacted us.",
		DataSource:  "Quarterly customer survey (independent agency)", Format: "number", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 78.2, End: 81.6, Noise: 0.5}},
	{ID: "CUS-04", Name: "Written complaints", Objective: "C2", Unit: "per 10,000 properties", Direction: "lower", Frequency: "monthly", Aggregation: "average",
		Target: 2.3, RedFlag: 2.6, Baseline: 2.5, Weight: 2, Owner: "Head of Customer Relations",
		Description: "Written complaints received in the month per 10,000 properties served.",
		DataSource:  "Customer relationship management system", Format: "number", Decimals: 2, Review: "2027-03-31", Status: "active",
		Series: series{Start: 2.45, End: 2.52, Season: 0.12, Peak: 2, Noise: 0.07}},
	{ID: "CUS-05", Name: "Calls answered within 60 seconds", Objective: "C2", Unit: "%", Direction: "higher", Frequency: "monthly", Aggregation: "average",
		Target: 85, RedFlag: 80, Baseline: 81.5, Weight: 2, Owner: "Head of Contact Centre",
		Description: "Calls answered by an adviser within 60 seconds, as a share of calls received (ratio of the two counts).",
		DataSource:  "Contact centre telephony platform", Format: "percent", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 81.5, End: 88, Season: 2, Peak: 6, Noise: 1.2, Max: 99,
			Ratio: &ratio{Scale: 100, Level: 46000, Season: 0.12, Peak: 1, Noise: 0.03}}},
	{ID: "CUS-06", Name: "Customer contacts per 1,000 properties", Objective: "C2", Unit: "per 1,000 properties", Direction: "lower", Frequency: "monthly", Aggregation: "average",
		Target: 8, Baseline: 8.6, Weight: 1, Owner: "Head of Customer Relations",
		Description: "Replaced by written complaints (CUS-04) from April 2025.",
		DataSource:  "Customer relationship management system", Format: "number", Decimals: 1, Status: "retired",
		Series: series{Start: 8.6, End: 8.1, Season: 0.6, Peak: 1, Noise: 0.3, Until: "2025-03"}},

	// C3 Protect the environment
	{ID: "ENV-01", Name: "Pollution incidents", Objective: "C3", Unit: "count", Direction: "lower", Frequency: "monthly", Aggregation: "sum",
		Target: 3, RedFlag: 5, Baseline: 4, Weight: 3, Owner: "Director of Wastewater Services",
		Description: "Category 1 to 3 pollution incidents from our sewers and works.",
		DataSource:  "Environmental incident log", Format: "number", Decimals: 0, Review: "2027-03-31", Status: "active",
		Series: series{Start: 3.8, End: 6.4, Season: 1.2, Peak: 1, Noise: 0.9, Min: 0}},
	{ID: "ENV-02", Name: "Storm overflow spills", Objective: "C3", Unit: "count", Direction: "lower", Frequency: "monthly", Aggregation: "sum",
		Target: 700, RedFlag: 900, Baseline: 1520, Weight: 2, Owner: "Director of Wastewater Services",
		Description: "Spills recorded by event duration monitors across our 420 storm overflows.",
		DataSource:  "Event duration monitoring", Format: "number", Decimals: 0, Review: "2027-03-31", Status: "active",
		Series: series{Start: 1550, End: 1330, Season: 420, Peak: 12, Noise: 110, Min: 760,
			Events: map[string]float64{"2024-01": 450, "2025-12": 520, "2026-08": 300}}},
	{ID: "ENV-03", Name: "Wastewater treatment works compliance", Objective: "C3", Unit: "%", Direction: "higher", Frequency: "monthly", Aggregation: "min",
		Target: 98.5, RedFlag: 97, Baseline: 98.6, Weight: 2, Owner: "Head of Wastewater Treatment",
		Description: "Share of works meeting their discharge permit in the month; a quarter reports its worst month.",
		DataSource:  "Laboratory information system", Format: "percent", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 98.7, End: 99.3, Season: 0.3, Peak: 7, Noise: 0.2, Max: 100}},
	{ID: "ENV-04", Name: "Operational carbon emissions", Objective: "C3", Unit: "ktCO2e", Direction: "lower", Frequency: "annual", Aggregation: "sum",
		Target: 78, Baseline: 84.2, Weight: 1, Owner: "Head of Sustainability",
		Description: "Scope 1 and 2 emissions for the fiscal year, location-based, from the annual carbon return.",
		DataSource:  "Annual carbon accounting workbook", Format: "number", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 84.2, End: 79.6, Noise: 0.4}},

	// P1 Manage the network and water resources
	{ID: "WAT-01", Name: "Leakage", Objective: "P1", Unit: "Ml/d", Direction: "lower", Frequency: "monthly", Aggregation: "average",
		Target: 64, Baseline: 64.5, Weight: 3, Owner: "Head of Network Operations",
		Description: "Water lost from our mains and customers' supply pipes, megalitres a day. Targets step down each year (see the Targets sheet).",
		DataSource:  "District metered area analysis", Format: "number", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 64.5, End: 56.5, Season: 4.5, Peak: 1, Noise: 1.0,
			Events: map[string]float64{"2024-01": 5, "2025-12": 3}}},
	{ID: "WAT-02", Name: "Mains bursts", Objective: "P1", Unit: "count", Direction: "lower", Frequency: "monthly", Aggregation: "sum",
		Target: 95, Baseline: 104, Weight: 2, Owner: "Head of Network Operations",
		Description: "Bursts repaired on our 9,100 km of water mains.",
		DataSource:  "Work management system", Format: "number", Decimals: 0, Review: "2027-03-31", Status: "active",
		Series: series{Start: 102, End: 94, Season: 30, Peak: 1, Noise: 6,
			Events: map[string]float64{"2024-01": 45, "2025-12": 25, "2026-07": 30, "2026-08": 34, "2026-09": 28}}},
	{ID: "WAT-03", Name: "Reservoir storage", Objective: "P1", Unit: "%", Direction: "higher", Frequency: "monthly", Aggregation: "min",
		Target: 70, RedFlag: 55, Baseline: 82, Weight: 2, Owner: "Water Resources Manager",
		Description: "Storage in our four impounding reservoirs as a share of capacity, at the month end; a quarter reports its lowest month.",
		DataSource:  "SCADA telemetry", Format: "percent", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 84, End: 78, Season: 15, Peak: 2, Noise: 2, Max: 100,
			Events: map[string]float64{"2025-08": -4, "2025-09": -5, "2026-07": -6, "2026-08": -9, "2026-09": -10}}},
	{ID: "WAT-05", Name: "Peak daily demand", Objective: "P1", Unit: "Ml/d", Direction: "lower", Frequency: "monthly", Aggregation: "max",
		Target: 360, RedFlag: 385, Baseline: 352, Weight: 1, Owner: "Water Resources Manager",
		Description: "Highest daily distribution input in the period.",
		DataSource:  "SCADA telemetry", Format: "number", Decimals: 0, Review: "2027-03-31", Status: "active",
		Series: series{Start: 338, End: 336, Season: 24, Peak: 7, Noise: 5,
			Events: map[string]float64{"2025-06": 10, "2025-07": 14, "2026-07": 18}}},
	{ID: "WAT-08", Name: "Treated water storage", Objective: "P1", Unit: "hours of demand", Direction: "range", Frequency: "monthly", Aggregation: "last",
		Target: 18, TargetMax: 30, Baseline: 23, Weight: 1, Owner: "Head of Network Operations",
		Description: "Treated water held in service reservoirs at the month end, in hours of average demand. Too little risks supply; too much ages the water.",
		DataSource:  "SCADA telemetry", Format: "number", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 23, End: 22.5, Season: 2.5, Peak: 1, Noise: 1.2,
			Events: map[string]float64{"2025-07": -3.5}}},

	// P2 Assure drinking water quality
	{ID: "WAT-04", Name: "Chlorine residual at customer taps", Objective: "P2", Unit: "mg/l", Direction: "range", Frequency: "monthly", Aggregation: "average",
		Target: 0.2, TargetMax: 0.5, Baseline: 0.34, Weight: 2, Owner: "Head of Water Quality",
		Description: "Mean free chlorine in regulatory samples taken at customer taps; should stay between 0.2 and 0.5 mg/l.",
		DataSource:  "Laboratory information system", Format: "number", Decimals: 2, Review: "2027-03-31", Status: "active",
		Series: series{Start: 0.35, End: 0.33, Season: 0.05, Peak: 1, Noise: 0.02,
			Events: map[string]float64{"2025-07": -0.12}}},
	{ID: "WAT-06", Name: "Drinking water compliance", Objective: "P2", Unit: "%", Direction: "higher", Frequency: "monthly", Aggregation: "min",
		Target: 99.95, RedFlag: 99.9, Baseline: 99.96, Weight: 3, Owner: "Head of Water Quality",
		Description: "Share of regulatory samples meeting every standard; a quarter reports its worst month.",
		DataSource:  "Laboratory information system", Format: "percent", Decimals: 2, Review: "2027-03-31", Status: "active",
		Series: series{Start: 99.965, End: 99.975, Noise: 0.008, Max: 100,
			Events: map[string]float64{"2024-08": -0.05, "2025-07": -0.03}}},
	{ID: "WAT-07", Name: "Discolouration contacts", Objective: "P2", Unit: "count", Direction: "lower", Frequency: "monthly", Aggregation: "sum",
		Target: 120, RedFlag: 150, Baseline: 131, Weight: 1, Owner: "Head of Water Quality",
		Description: "Customer contacts about brown, black or cloudy water.",
		DataSource:  "Customer relationship management system", Format: "number", Decimals: 0, Review: "2027-03-31", Status: "active",
		Series: series{Start: 128, End: 172, Season: 14, Peak: 8, Noise: 9}},

	// P3 Run efficient operations
	{ID: "OPS-01", Name: "Bills issued late", Objective: "P3", Unit: "%", Direction: "lower", Frequency: "monthly", Aggregation: "average",
		Target: 1.5, RedFlag: 2.5, Baseline: 2.1, Weight: 2, Owner: "Head of Billing",
		Description: "Bills issued more than five working days after the scheduled date, as a share of bills issued (ratio of the two counts).",
		DataSource:  "Billing system", Format: "percent", Decimals: 2, Review: "2027-03-31", Status: "active",
		Series: series{Start: 2.1, End: 1.1, Season: 0.25, Peak: 4, Noise: 0.18, Min: 0.2,
			Events: map[string]float64{"2024-04": 1.2, "2025-04": 0.6},
			Ratio:  &ratio{Scale: 100, Level: 96000, Season: 0.15, Peak: 4, Noise: 0.02}}},
	{ID: "OPS-02", Name: "Energy used per megalitre treated", Objective: "P3", Unit: "kWh/Ml", Direction: "lower", Frequency: "monthly", Aggregation: "average",
		Target: 540, Baseline: 566, Weight: 1, Owner: "Energy Manager",
		Description: "Electricity used in abstraction, treatment and pumping per megalitre put into supply.",
		DataSource:  "SCADA telemetry and energy meters", Format: "number", Decimals: 0, Review: "2027-03-31", Status: "active",
		Series: series{Start: 562, End: 560, Season: 25, Peak: 7, Noise: 5}},
	{ID: "OPS-03", Name: "Meter reads obtained", Objective: "P3", Unit: "%", Direction: "higher", Frequency: "monthly", Aggregation: "average",
		Target: 85, Baseline: 95.8, Weight: 1, Owner: "Head of Billing",
		Description: "Scheduled meter reads obtained, as a share of reads due.",
		DataSource:  "Billing system", Format: "percent", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 95.8, End: 96.6, Season: 0.6, Peak: 7, Noise: 0.3, Max: 100}},
	{ID: "OPS-04", Name: "Sewer blockages", Objective: "P3", Unit: "count", Direction: "lower", Frequency: "monthly", Aggregation: "sum",
		Target: 520, RedFlag: 600, Baseline: 505, Weight: 2, Owner: "Head of Wastewater Network",
		Format: "number", Decimals: 0, Status: "active",
		Series: series{Start: 505, End: 650, Season: 35, Peak: 12, Noise: 22}},

	// P4 Deliver the capital programme
	{ID: "CAP-01", Name: "Capital investment", Objective: "P4", Unit: "£k", Direction: "higher", Frequency: "monthly", Aggregation: "sum",
		Target: 9800, Baseline: 8400, Weight: 3, Owner: "Director of Capital Delivery",
		Description: "Capital expenditure incurred in the month, all programmes.",
		DataSource:  "Finance ledger, capital projects", Format: "currency", Decimals: 0, Review: "2027-03-31", Status: "active",
		Series: series{Start: 8400, End: 10700, Season: 500, Peak: 9, Noise: 350,
			Events: map[string]float64{"2024-03": 2100, "2025-03": 2600, "2026-03": 2900}}},
	{ID: "CAP-02", Name: "Capital spend against plan", Objective: "P4", Unit: "%", Direction: "range", Frequency: "monthly", Aggregation: "average",
		Target: 95, TargetMax: 105, Baseline: 91, Weight: 2, Owner: "Director of Capital Delivery",
		Description: "Capital spend in the month as a share of the plan for the month. Under-spend delays outcomes; over-spend signals cost overruns.",
		DataSource:  "Finance ledger, capital projects", Format: "percent", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 91, End: 108.5, Season: 2, Peak: 3, Noise: 1.6}},
	{ID: "CAP-03", Name: "New connections", Objective: "P4", Unit: "count", Direction: "higher", Frequency: "monthly", Aggregation: "sum",
		Target: 420, RedFlag: 350, Baseline: 405, Weight: 1, Owner: "Head of Developer Services",
		Description: "New water and wastewater connections completed for developers and self-lay providers.",
		DataSource:  "Developer services tracker", Format: "number", Decimals: 0, Review: "2027-03-31", Status: "active",
		Series: series{Start: 410, End: 470, Season: 40, Peak: 7, Noise: 18}},
	{ID: "CAP-04", Name: "Mains renewed", Objective: "P4", Unit: "km", Direction: "higher", Frequency: "monthly", Aggregation: "sum",
		Target: 7.5, RedFlag: 6, Baseline: 7.1, Weight: 2, Owner: "Head of Network Investment",
		Description: "Length of water main replaced or relined in the month.",
		DataSource:  "Work management system", Format: "number", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 7.1, End: 8.3, Season: 1.1, Peak: 7, Noise: 0.4}},

	// L1 Build a skilled, safe and engaged workforce
	{ID: "PEO-01", Name: "Employee engagement", Objective: "L1", Unit: "%", Direction: "higher", Frequency: "quarterly", Aggregation: "average",
		Target: 70, RedFlag: 64, Baseline: 66, Weight: 3, Owner: "Director of People",
		Description: "Share of employees answering favourably to the engagement questions in the quarterly pulse survey.",
		DataSource:  "Quarterly pulse survey", Format: "percent", Decimals: 0, Review: "2027-03-31", Status: "active",
		Series: series{Start: 66, End: 72.5, Noise: 0.8}},
	{ID: "PEO-02", Name: "Headcount", Objective: "L1", Unit: "FTE", Direction: "higher", Frequency: "monthly", Aggregation: "last",
		Target: 1480, RedFlag: 1400, Baseline: 1432, Weight: 1, Owner: "Director of People",
		Description: "Full-time equivalent employees in post at the month end, against the funded establishment.",
		DataSource:  "HR system", Format: "number", Decimals: 0, Review: "2027-03-31", Status: "active", Wide: true,
		Series: series{Start: 1432, End: 1494, Noise: 4}},
	{ID: "PEO-03", Name: "Lost-time injury frequency rate", Objective: "L1", Unit: "per 100,000 hours", Direction: "lower", Frequency: "monthly", Aggregation: "average",
		Target: 0.3, RedFlag: 0.45, Baseline: 0.41, Weight: 2, Owner: "Head of Health and Safety",
		Description: "Injuries causing at least one lost shift per 100,000 hours worked, rolling 12 months.",
		DataSource:  "Health and safety incident system", Format: "number", Decimals: 2, Review: "2027-03-31", Status: "active",
		Series: series{Start: 0.43, End: 0.37, Noise: 0.015,
			Events: map[string]float64{"2025-04": -0.05, "2025-05": -0.08, "2025-06": -0.1, "2025-07": -0.11, "2025-08": -0.1, "2025-09": -0.08, "2025-10": -0.05}}},
	{ID: "PEO-04", Name: "Staff turnover", Objective: "L1", Unit: "%", Direction: "lower", Frequency: "monthly", Aggregation: "last",
		Target: 9, RedFlag: 11, Baseline: 8.7, Weight: 2, Owner: "Director of People",
		Description: "Voluntary leavers in the last 12 months as a share of average headcount.",
		DataSource:  "HR system", Format: "percent", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 8.7, End: 12.5, Noise: 0.15}},
	{ID: "PEO-05", Name: "Mandatory training completed", Objective: "L1", Unit: "%", Direction: "higher", Frequency: "monthly", Aggregation: "last",
		Target: 95, RedFlag: 90, Baseline: 91.2, Weight: 1, Owner: "Head of Learning",
		Description: "Employees up to date with their mandatory training at the month end.",
		DataSource:  "Learning management system", Format: "percent", Decimals: 1, Review: "2027-03-31", Status: "active",
		Series: series{Start: 91.2, End: 96.4, Noise: 0.4, Max: 100}},

	// L2 Build digital and data capability
	{ID: "DIG-01", Name: "Smart meter coverage", Objective: "L2", Unit: "%", Direction: "higher", Frequency: "monthly", Aggregation: "last",
		Target: 12, Baseline: 8.5, Weight: 2, Owner: "Smart Metering Programme Director",
		Description: "Properties with a working smart meter as a share of metered properties, at the month end. Targets rise through the rollout (see the Targets sheet).",
		DataSource:  "Meter asset register", Format: "percent", Decimals: 1, Review: "2027-03-31", Status: "active", Wide: true,
		Series: series{Start: 8.5, End: 29.6, Noise: 0.15}},
	{ID: "DIG-02", Name: "Telemetry availability", Objective: "L2", Unit: "%", Direction: "higher", Frequency: "monthly", Aggregation: "average",
		Target: 98, RedFlag: 96, Baseline: 97.1, Weight: 1, Owner: "Head of OT and Telemetry",
		Description: "Share of telemetry outstations reporting in the month.",
		DataSource:  "SCADA telemetry", Format: "percent", Decimals: 1, Review: "2026-12-31", Status: "active",
		Series: series{Start: 97.1, End: 98.4, Noise: 0.3, Max: 100, Until: "2026-04"}},
	{ID: "DIG-03", Name: "Self-service transactions", Objective: "L2", Unit: "%", Direction: "higher", Frequency: "monthly", Aggregation: "average",
		Target: 55, Baseline: 41, Weight: 1,
		Description: "Customer transactions completed online or in the app, as a share of all transactions.",
		DataSource:  "Web analytics and CRM", Format: "percent", Decimals: 1, Review: "2027-03-31", Status: "active", Wide: true,
		Series: series{Start: 41, End: 59, Season: 1.2, Peak: 1, Noise: 0.7}},
}

// target is one row of the Targets sheet. A row applies to each of the KPI's
// own periods inside the period it names: FIN-01's FY2027 row is the
// monthly revenue target for every month of FY2027.
type target struct {
	KPI, Period     string
	Target, RedFlag float64
}

var targets = []target{
	{"FIN-01", "FY2025", 282000, 0},
	{"FIN-01", "FY2026", 303600, 0},
	{"FIN-01", "FY2027", 326400, 0},
	{"WAT-01", "FY2025", 62, 0},
	{"WAT-01", "FY2026", 60, 0},
	{"WAT-01", "FY2027", 57, 62},
	{"DIG-01", "FY2026", 20, 16},
	{"DIG-01", "FY2027 Q1", 28, 24},
	{"DIG-01", "FY2027 Q2", 31, 27},
}

// override is a per-row target in the Measurements sheet, with a comment.
type override struct {
	Target, RedFlag float64
}

// overrides are per-month targets written on Measurements rows: March
// carries year-end accruals and has its own operating cost budget.
var overrides = map[string]map[string]override{
	"FIN-03": {
		"2024-03": {16500, 17800},
		"2025-03": {16800, 18100},
		"2026-03": {17000, 18300},
	},
}

// comments are written on Measurements rows (or, for wide KPIs, nowhere).
var comments = map[string]map[string]string{
	"FIN-03": {"2026-03": "Year-end accruals for the reservoir safety works and the pension deficit contribution."},
	"CUS-01": {
		"2024-01": "Freeze-thaw event 16-19 January: 2,100 properties off supply for more than 12 hours.",
		"2025-12": "Trunk main burst at Eastbrook on 9 December.",
	},
	"ENV-02": {"2025-12": "Wettest December on record in the Vale catchment."},
	"WAT-05": {"2026-07": "Heatwave 14-20 July; hosepipe ban considered but not imposed."},
	"WAT-07": {"2025-08": "Laboratory system migration: the month's contacts could not be reconciled."},
	"CAP-01": {"2026-03": "Year-end delivery push on the Millford treatment works upgrade."},
}

// gaps are months left without data: "row" leaves the row out, "blank"
// writes the row with an empty actual.
var gaps = map[string]map[string]string{
	"CUS-04": {"2025-01": "row"},
	"WAT-07": {"2025-08": "blank"},
	"DIG-03": {"2024-06": "blank"},
}

// initiative is one row of the Initiatives sheet.
type initiative struct {
	ID, Name, Objective, Owner, Start, Due, Status string
	Percent, Budget, Spent                         float64
}

var initiatives = []initiative{
	{"INI-01", "Smart network leakage programme", "P1", "Head of Network Operations", "2024-04-01", "2027-03-31", "on track", 62, 14500, 8900},
	{"INI-02", "Smart meter rollout, phase 2", "L2", "Smart Metering Programme Director", "2025-04-01", "2028-03-31", "at risk", 38, 42000, 17800},
	{"INI-03", "Customer billing system replacement", "P3", "Head of Billing", "2024-01-08", "2026-06-30", "delayed", 84, 11800, 12650},
	{"INI-04", "Storm overflow improvement programme", "C3", "Director of Wastewater Services", "2024-04-01", "2030-03-31", "on track", 21, 96000, 19400},
	{"INI-05", "Treatment works energy efficiency", "F2", "Energy Manager", "2023-09-01", "2025-12-19", "complete", 100, 3200, 3050},
	{"INI-06", "Hollin Reservoir resilience scheme", "P1", "Water Resources Manager", "2026-10-01", "2028-09-30", "not started", 0, 8600, 0},
	{"INI-07", "Contact centre transformation", "C2", "Head of Contact Centre", "2024-06-03", "2026-12-18", "on track", 77, 2400, 1720},
	{"INI-08", "Leadership academy", "L1", "Head of Learning", "2025-01-06", "2026-12-31", "on track", 70, 650, 410},
	{"INI-09", "Mains renewal framework", "P4", "Head of Network Investment", "2025-04-01", "2030-03-31", "at risk", 27, 54000, 16200},
	{"INI-10", "Lead pipe replacement", "P2", "Head of Water Quality", "2024-10-01", "2027-09-30", "on track", 55, 5200, 2700},
	{"INI-11", "Safety culture programme", "L1", "Head of Health and Safety", "2024-02-05", "2025-09-30", "complete", 100, 480, 512},
	{"INI-12", "Debt recovery and affordability support", "F1", "Head of Revenue", "2025-06-02", "2027-03-31", "on track", 45, 900, 380},
	{"INI-13", "Operational data platform", "L2", "Chief Information Officer", "2025-01-13", "2027-06-30", "at risk", 41, 6800, 3900},
}
