// Command generate-group writes the Harbour Group sample workbook
// (harbour-group.xlsx): a fictional ports and logistics group with three
// regions (the top-level units; the group is the organisation above them)
// and eight operating units that share 30 KPIs, for the business
// unit features (the Units sheet, a unit column in Measurements, roll-ups up
// the tree, comparisons across units). Every number is invented; the output
// is the same on every run. The workbook is made by internal/genbook's
// WriteGroup, which cmd/genbook -units uses too.
//
//	go run ./sample-data/generate-group            # writes sample-data/harbour-group/harbour-group.xlsx
//	go run ./sample-data/generate-group -o DIR     # writes DIR/harbour-group.xlsx
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"kpireport/internal/genbook"
)

func main() {
	out := flag.String("o", "sample-data/harbour-group", "directory to write harbour-group.xlsx into")
	var g genbook.Group
	flag.IntVar(&g.Units, "units", 0, "for scale tests: this many operating units (in the three regions) instead of the eight")
	flag.IntVar(&g.KPIs, "kpis", 0, "for scale tests: this many KPIs, the 30 repeated, instead of the 30")
	flag.IntVar(&g.Months, "months", 24, "months of data from January 2025")
	flag.Parse()
	if err := genbook.WriteGroup(filepath.Join(*out, "harbour-group.xlsx"), g); err != nil {
		fmt.Fprintln(os.Stderr, "generate-group:", err)
		os.Exit(1)
	}
}
