// Command kpibench builds workbooks of three sizes and prints, as a
// Markdown table, the time and peak memory of each stage of the build:
//
//	go run ./cmd/kpibench -sizes small,medium,large
//
// small is the sample workbook, medium 1,000 KPIs × 36 months, large
// 5,000 × 60 (written by genbook into -dir). Each size is built in a child
// process of its own, so that its peak memory is its own. -packs names the
// sizes built with their review packs (default small,medium: the packs of
// the large size take minutes); the chart cache is not used unless -cache.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"kpireport/internal/bench"
)

func main() {
	sizes := flag.String("sizes", "small,medium,large", "sizes to build: small, medium, large")
	packs := flag.String("packs", "small,medium", "sizes to build with review packs")
	cache := flag.Bool("cache", false, "use the chart cache (default: draw every chart)")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "kpibench"), "folder for the workbooks and sites")
	sample := flag.String("sample", filepath.Join("sample-data", "northvale-water.xlsx"), "the sample workbook")
	child := flag.String("child", "", "(internal) build this one size and print its figures as JSON")
	flag.Parse()
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fail(err)
	}
	opts := bench.Options{Sample: *sample, Dir: *dir, Cache: *cache}
	withPacks := strings.Split(*packs, ",")
	if *child != "" {
		s := bench.Sizes[*child]
		opts.Packs = slices.Contains(withPacks, *child)
		r, err := bench.Run(context.Background(), s, opts)
		if err != nil {
			fail(err)
		}
		if err := json.NewEncoder(os.Stdout).Encode(r); err != nil {
			fail(err)
		}
		return
	}
	var results []*bench.Result
	for _, name := range strings.Split(*sizes, ",") {
		if _, ok := bench.Sizes[name]; !ok {
			fail(fmt.Errorf("-sizes: %q: give small, medium or large", name))
		}
		fmt.Fprintf(os.Stderr, "building %s…\n", name)
		cmd := exec.Command(os.Args[0], append(os.Args[1:], "-child", name)...)
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			fail(fmt.Errorf("%s: %w", name, err))
		}
		var r bench.Result
		if err := json.Unmarshal(out, &r); err != nil {
			fail(fmt.Errorf("%s: %w", name, err))
		}
		results = append(results, &r)
	}
	bench.Table(os.Stdout, results)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "kpibench:", err)
	os.Exit(1)
}
