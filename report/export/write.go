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
// business units, unit_measurements.csv after measurements.csv): it is
// Start, then Wait.
func Write(ctx context.Context, out *output.Files, sc *scorecard.Scorecard) ([]File, error) {
	return Start(ctx, out, sc).Wait()
}

// Writing is the exports being written by Start.
type Writing struct {
	ctx      context.Context
	out      *output.Files
	files    []exportFile // what is written, in order
	errs     []error
	finished chan struct{}
}

// Start begins streaming the exports of sc, which must have been computed,
// into out, side by side, and returns at once: Build writes the site's pages
// meanwhile. sc must not change until Wait has returned. A staged out stops
// the exports once ctx is done (see output.NewStaging).
func Start(ctx context.Context, out *output.Files, sc *scorecard.Scorecard) *Writing {
	files := exportsOf(sc)
	w := &Writing{ctx: ctx, out: out, files: files, errs: make([]error, len(files)), finished: make(chan struct{})}
	if ctx.Err() != nil {
		close(w.finished)
		return w
	}
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() {
			w.errs[i] = out.AddFunc(f.Path, func(w io.Writer) error { return f.write(w, sc) })
		})
	}
	go func() { wg.Wait(); close(w.finished) }()
	return w
}

// Wait waits for the exports and returns them with their sizes, in a fixed
// order, or the first one's error. Once ctx is done it returns ctx's error,
// at once: the workbook export is made in memory and written only at its
// end, so it is left to finish in the background, its file failing once
// out is closed.
func (w *Writing) Wait() ([]File, error) {
	select {
	case <-w.finished:
	case <-w.ctx.Done():
	}
	if err := w.ctx.Err(); err != nil {
		return nil, err
	}
	written := make([]File, len(w.files))
	for i, f := range w.files {
		if w.errs[i] != nil {
			return nil, fmt.Errorf("export: %s: %w", f.Path, w.errs[i])
		}
		written[i] = f.File
		written[i].Size, _ = w.out.SizeOf(f.Path)
	}
	return written, nil
}
