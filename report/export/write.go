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

// files are the exports, each with the function that streams it.
var files = []struct {
	File
	write func(io.Writer, *scorecard.Scorecard) error
}{
	{File{Path: "data/scorecard.json", Name: "The scorecard", Format: "JSON"}, WriteJSON},
	{File{Path: "data/measurements.csv", Name: "Every measurement", Format: "CSV"}, WriteMeasurementsCSV},
	{File{Path: "data/changes.csv", Name: "Changes since the last report", Format: "CSV"}, WriteChangesCSV},
	{File{Path: "data/scorecard.xlsx", Name: "The scorecard as a workbook", Format: "Excel"}, WriteXLSX},
}

// Write streams the exports of sc, which must have been computed, into out,
// side by side, and returns them with their sizes, in a fixed order. A
// staged out stops them once ctx is done; Write returns ctx's error then,
// at once: the workbook export is made in memory and written only at its
// end, so it is left to finish in the background, its file failing once
// out is closed.
func Write(ctx context.Context, out *output.Files, sc *scorecard.Scorecard) ([]File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
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
