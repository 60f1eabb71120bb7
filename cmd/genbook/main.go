// Command genbook writes a large workbook in kpireport's documented layout,
// the same for the same flags, for benchmarks and scale tests:
//
//	go run ./cmd/genbook -kpis 5000 -months 60 -seed 1 -o /tmp/large.xlsx
//	go run ./cmd/genbook -units 50 -kpis 100 -months 36 -o /tmp/group.xlsx
//
// With -units it writes a group's workbook with business units, as
// sample-data/generate-group does (the same code): the units in three
// regions, each reporting every KPI.
package main

import (
	"flag"
	"fmt"
	"os"

	"kpireport/internal/genbook"
)

func main() {
	var s genbook.Spec
	flag.IntVar(&s.KPIs, "kpis", 1000, "how many KPIs")
	flag.IntVar(&s.Months, "months", 36, "months of data per KPI, from January 2021 (with -units, January 2025)")
	flag.Uint64Var(&s.Seed, "seed", 1, "varies the values; the same seed gives the same workbook")
	flag.IntVar(&s.Units, "units", 0, "a group's workbook: this many operating units in three regions, each reporting every KPI")
	out := flag.String("o", "large.xlsx", "the workbook to write")
	flag.Parse()
	if err := genbook.Write(*out, s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
