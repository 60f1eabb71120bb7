// Command generate writes the Northvale Water sample workbook
// (northvale-water.xlsx), its Markdown commentary files, and the example
// workbooks and CSV files in users' own layouts under layouts/.
//
// Northvale Water is a fictional regional water and wastewater utility. The
// data are made up but shaped like a real utility's: seasonal demand, winter
// bursts, a tariff rise every April, noise from a seeded generator. The output
// is byte-for-byte the same on every run, so it can be committed and checked.
//
// Run it from the repository root:
//
//	go run ./sample-data/generate            # writes into sample-data/
//	go run ./sample-data/generate -o DIR     # writes into DIR
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	out := flag.String("o", "sample-data", "directory to write the workbook and commentary into")
	flag.Parse()
	if err := generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}
