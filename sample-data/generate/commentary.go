package main

import (
	"os"
	"path/filepath"
)

// note is one row of the Commentary sheet.
type note struct {
	Scope, Period, Text string
}

// sheetCommentary is the commentary kept in the workbook, for the latest
// quarter. The Markdown files below cover other scopes, so no scope has two
// sources.
var sheetCommentary = []note{
	{"overall", "FY2027 Q2", `A **mixed quarter**. The hot, dry summer lifted demand and drew the reservoirs down, and the
wastewater network had a difficult three months; the water network, customer service and the
capital programme did well.

- Revenue is slightly ahead of the FY2027 profile after the April tariff rise.
- Leakage is below target for the fifth month running.
- Pollution incidents, storm overflow spills and sewer blockages are all off target: the
  wastewater recovery plan goes to the November board.

The board is asked to note the drought position and the wastewater recovery plan.`},
	{"Financial", "FY2027 Q2", `Revenue is **on target**; costs are not. Energy costs are 13% over budget because the
hedge for winter 2025/26 rolled off in April at higher prices, and operating costs carry the
extra pumping of the dry summer.

1. Cash collection has eased to 96.4% as customers feel the bill rise.
2. Gearing is steady at 63.5%, inside the 64% target.

See the [Ofwat price review determinations](https://www.ofwat.gov.uk/regulated-companies/price-review/) for the allowance behind the revenue targets.`},
	{"Customer", "FY2027 Q2", `Customers were **kept supplied** through the heatwave: interruptions totalled 0.88 minutes per
property in the quarter, and no property was without water for more than 4.2 hours.

- Calls answered within 60 seconds reached 90.4%, the best quarter since the contact centre
  transformation began.
- Satisfaction held at 81.9, its highest level.
- The environment is the weak spot: 16 pollution incidents against a target of 9.`},
	{"Internal Processes", "FY2027 Q2", `Leakage at **53.4 Ml/d** is the lowest on record, but the dry ground raised mains bursts to 304
in the quarter and reservoir storage fell to 57% by September.

- Discolouration contacts remain high after the summer flow reversals.
- Sewer blockages have been off target for more than a year; a fats, oils and grease
  campaign starts in October.
- Capital spend ran 5% ahead of plan as the Millford upgrade accelerated.`},
	{"Learning & Growth", "FY2027 Q2", `Engagement rose to **73%** in the September pulse survey and mandatory training is at 96%.

- Voluntary turnover is 12.6% and rising, mostly among field technicians leaving for
  contractors; a pay and career review reports in December.
- Telemetry availability has not been reported since April because of the data platform
  migration (see initiative INI-13).`},
	{"P1", "FY2027 Q2", `A **mixed quarter** for the network and water resources:

- leakage is well ahead of its target;
- bursts and peak demand are above target because of the heat;
- reservoir storage is the main concern (see the WAT-03 commentary).`},
	{"ENV-02", "FY2027 Q2", `Spills fell to **961** in July, but intense thunderstorms on baked ground in August took the
quarter to 3,739, nearly twice the target of 2,100. The [storm overflows discharge reduction plan](https://www.gov.uk/government/publications/storm-overflows-discharge-reduction-plan)
sets the national trajectory we are measured against; our own programme is initiative INI-04.`},
}

// fileCommentary maps a path under the output directory to its Markdown.
var fileCommentary = []struct{ Path, Text string }{
	{"commentary/2027-Q2/WAT-03.md", `## Reservoir storage: drought watch

Storage in the four impounding reservoirs fell to **57.3%** at the end of September, below the
70% target but above the 55% drought trigger in our drought plan.

### What we are doing

- Moving water from the Eastbrook boreholes into the Hollin zone, up to 12 Ml/d.
- Asking customers to save water: radio, social media and the
  [Waterwise tips](https://www.waterwise.org.uk/save-water/).
- Bringing forward the Hollin Reservoir resilience scheme (INI-06) to start in October.

### Outlook

With average autumn rainfall, storage should be back above 70% by December. A dry autumn would
mean applying for a drought permit in November.
`},
	{"commentary/2027-Q2/FIN-04.md", `## Energy costs: over budget

Energy cost **£5.9m** in the quarter against a budget of £5.25m.

1. The fixed-price hedge for 2025/26 ended in March; the new contract is 11% dearer.
2. Extra pumping from the Eastbrook boreholes during the dry summer added about £0.2m.
3. Treatment works efficiency savings (INI-05) are holding, at about £0.1m a quarter.

### Next steps

- Review the hedging policy with the Treasury Committee in October.
- Extend the solar array at Millford; see the
  [Ofgem guidance on energy](https://www.ofgem.gov.uk/energy-policy-and-regulation) for the network charges we pay.
`},
}

func writeCommentaryFiles(dir string) error {
	for _, c := range fileCommentary {
		p := filepath.Join(dir, filepath.FromSlash(c.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(c.Text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
