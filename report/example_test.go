package report_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"kpireport/report"
)

// Example builds the sample workbook's site, as the README's first command
// does, and lists what it wrote, folder by folder.
func Example() {
	dir, err := os.MkdirTemp("", "kpireport-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "site")
	err = report.Build(context.Background(), report.Options{
		Inputs: []string{filepath.Join("..", "sample-data", "northvale-water.xlsx")},
		Out:    out,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	count := map[string]int{}
	filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, path)
			count[filepath.Dir(rel)]++
		}
		return err
	})
	var dirs []string
	for d := range count {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		fmt.Printf("%s: %d files\n", d, count[d])
	}
	// Output:
	// .: 4 files
	// assets: 6 files
	// data: 4 files
	// kpis: 40 files
	// packs: 6 files
	// perspectives: 4 files
}
