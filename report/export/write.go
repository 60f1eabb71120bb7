package export

import (
	"context"
	"fmt"
	"io"
	"sync"

	"kpireport/report/output"
	"kpireport/report/scorecard"
)

// A File is one of the exports as the site links it: its path in the site,
// what it holds, its format, and its size once written.
type File struct {
	Path, Name, Format string
	Size               int64
}

// exportFile is one of the exports, with the function that streams it.
type exportFile struct {
	File
	write func(io.Writer, *scorecard.Scorecard) error
}

// files are the exports of every scorecard.
var files = []exportFile{
	{File{Path: "data/scorecard.json", Name: "The scorecard", Format: "JSON"}, WriteJSON},
	{File{Path: "data/measurements.csv", Name: "Every measurement", Format: "CSV"}, WriteMeasurementsCSV},
	{File{Path: "data/changes.csv", Name: "Changes since the last report", Format: "CSV"}, WriteChangesCSV},
	{File{Path: "data/scorecard.xlsx", Name: "The scorecard as a workbook", Format: "Excel"}, WriteXLSX},
}

// unitFile is the export of a scorecard with business units, after the
// measurements.
var unitFile = exportFile{File{Path: UnitMeasurementsPath, Name: "Every measurement of each business unit", Format: "CSV"}, WriteUnitMeasurementsCSV}

// exportsOf are the exports of sc, in order.
func exportsOf(sc *scorecard.Scorecard) []exportFile {
	if sc == nil || len(sc.Units) == 0 {
		return files
	}
	return append(append(append([]exportFile(nil), files[:2]...), unitFile), files[2:]...)
}

// Write streams the exports of sc, which must have been computed, into out,
// side by side, and returns them with their sizes, in a fixed order (with
// business units, unit_measurements.csv after measurements.csv). A
// staged out stops them once ctx is done; Write returns ctx's error then,
// at once: the workbook export is made in memory and written only at its
// end, so it is left to finish in the background, its file failing once
// out is closed.
func Write(ctx context.Context, out *output.Files, sc *scorecard.Scorecard) ([]File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	files := exportsOf(sc)
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() {
			errs[i] = out.AddFunc(f.Path, func(w io.Writer) error { return f.write(w, sc) })
		})
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	written := make([]File, len(files))
	for i, f := range files {
		if errs[i] != nil {
			return nil, fmt.Errorf("export: %s: %w", f.Path, errs[i])
		}
		written[i] = f.File
		written[i].Size, _ = out.SizeOf(f.Path)
	}
	return written, nil
}
