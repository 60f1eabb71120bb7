package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kpireport/report/pack"
	"kpireport/report/scorecard"
	"kpireport/report/site"
	"kpireport/report/workbook"
)

// Options say what to build and where.
type Options struct {
	Inputs    []string // workbooks and CSV files
	Out       string   // the site's folder
	Period    string   // report period, overriding Settings; empty: latest with data
	Force     bool     // write into a folder that holds files kpireport did not write
	Templates string   // a folder of templates replacing the built-in ones
	NoPacks   bool     // leave out the review packs (their charts take a while at scale)
	PDF       bool     // also print each review pack to PDF with headless Chromium
	Chrome    string   // the browser --pdf prints with; empty: found on the PATH
	Map       string   // a mapping file (kpireport.yaml) for a workbook of another layout; empty: kpireport.yaml beside the first input, if any
	Log       io.Writer
}

// ErrInvalid is returned when the input has errors; they have been printed.
var ErrInvalid = errors.New("the workbook has errors")

// Build reads the inputs, computes the scorecard and writes the site.
func Build(ctx context.Context, opts Options) error {
	log := logger(opts.Log)
	start := time.Now()
	if opts.PDF && opts.NoPacks {
		return errors.New("--pdf prints the review packs, and --no-packs leaves them out: give one or the other")
	}
	if err := checkOut(opts.Out, opts.Inputs); err != nil {
		return err
	}
	chrome := ""
	if opts.PDF {
		// Before any work, so that a missing browser costs nothing.
		var err error
		if chrome, err = pack.FindChrome(opts.Chrome); err != nil {
			return err
		}
	}
	sc, err := load(opts, log)
	if errors.Is(err, ErrInvalid) {
		return fmt.Errorf("%w; nothing was written", err)
	}
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	siteOpts := site.Options{Generator: "kpireport"}
	if opts.Templates != "" {
		if fi, err := os.Stat(opts.Templates); err != nil || !fi.IsDir() {
			return fmt.Errorf("--templates %s: not a folder", opts.Templates)
		}
		siteOpts.Templates = os.DirFS(opts.Templates)
	}
	warnLeftovers(log, opts.Out)
	// The files go to disk as they are made, into the folder that Write
	// swaps into place; Close removes it if the build stops first.
	files, err := site.NewStaging(opts.Out)
	if err != nil {
		return err
	}
	defer files.Close()
	if err := site.RenderTo(files, sc, siteOpts); err != nil {
		return err
	}
	var packs []string
	if !opts.NoPacks {
		// Each pack goes to disk as it is made.
		packs, err = pack.Render(sc, files, pack.Options{Log: log, Generator: "kpireport"})
		if err != nil {
			return err
		}
	}
	if opts.PDF {
		pdfStart := time.Now()
		pdfs, err := pack.PrintPDFs(ctx, chrome, packs, files.Get, files)
		if err != nil {
			return err
		}
		fmt.Fprintf(log, "printed %d PDFs in %.1fs\n", len(pdfs), time.Since(pdfStart).Seconds())
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := site.Write(opts.Out, files, opts.Force); err != nil {
		return err
	}
	fmt.Fprintf(log, "wrote %d files (%s) to %s in %.1fs\n", files.Len(), site.SizeText(files.Size()), opts.Out, time.Since(start).Seconds())
	return nil
}

// Check reads the inputs, computes the scorecard and prints every problem.
// It returns ErrInvalid when there are errors.
func Check(ctx context.Context, opts Options) error {
	log := logger(opts.Log)
	sc, err := load(opts, log)
	if err != nil {
		return err
	}
	health := &workbook.Problems{List: scorecard.HealthWarnings(sc)}
	if len(health.List) > 0 {
		fmt.Fprintln(log, "KPI health review:")
		printProblems(log, health)
	}
	fmt.Fprintf(log, "%d KPIs in %d objectives and %d perspectives; report period %s\n",
		len(sc.KPIs), len(sc.Objectives), len(sc.Perspectives), sc.PeriodLabel)
	return nil
}

// load runs the read, model and compute steps, printing the problems found.
func load(opts Options, log io.Writer) (*scorecard.Scorecard, error) {
	start := time.Now()
	sc, ps, err := loadMapped(opts, log)
	if err != nil {
		return nil, err
	}
	ps.Sort()
	printProblems(log, ps)
	if ps.Errors() > 0 {
		return nil, fmt.Errorf("%w (%s)", ErrInvalid, countString(ps))
	}
	scorecard.Compute(sc)
	scorecard.ReviewHealth(sc)
	n, current := 0, 0
	for _, k := range sc.KPIs {
		n += len(k.Measurements)
		if k.Current.Actual.OK {
			current++
		}
	}
	if current == 0 && len(sc.KPIs) > 0 {
		fmt.Fprintf(log, "warning: no KPI has data for the report period %s\n", sc.PeriodLabel)
	}
	names := make([]string, len(opts.Inputs))
	for i, in := range opts.Inputs {
		names[i] = filepath.Base(in)
	}
	fmt.Fprintf(log, "read %d KPIs and %d measurements from %v in %.1fs\n", len(sc.KPIs), n, names, time.Since(start).Seconds())
	return sc, nil
}

// printProblems writes one line a problem: "file:Sheet!C14: message", with
// "warning: " before the message of a warning.
func printProblems(w io.Writer, ps *workbook.Problems) {
	for _, p := range ps.List {
		if p.Severity == workbook.Warning {
			if p.Pos.File == "" {
				fmt.Fprintf(w, "warning: %s\n", p.Msg)
			} else {
				fmt.Fprintf(w, "%s: warning: %s\n", p.Pos, p.Msg)
			}
			continue
		}
		fmt.Fprintln(w, p.String())
	}
	if len(ps.List) > 0 {
		fmt.Fprintln(w, countString(ps))
	}
}

func countString(ps *workbook.Problems) string {
	return plural(ps.Errors(), "error") + ", " + plural(ps.Warnings(), "warning")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func logger(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

// checkOut refuses an output folder that the site's swap into place would
// pull out from under the user: the current folder or one above it, or a
// folder holding an input workbook.
func checkOut(out string, inputs []string) error {
	if out == "" {
		return errors.New("no output folder given (-o)")
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if wd, err := os.Getwd(); err == nil && within(wd, abs) {
		return fmt.Errorf("-o %s is the current folder or holds it; the site needs a folder of its own, such as -o site", out)
	}
	for _, in := range inputs {
		if a, err := filepath.Abs(in); err == nil && within(a, abs) {
			return fmt.Errorf("-o %s holds the workbook %s; the site needs a folder of its own, such as -o site", out, in)
		}
	}
	return nil
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// warnLeftovers names the temporary folders that a build stopped by force
// (killed, or the machine going down) left beside the output. They are not
// removed: one may hold a user's file that was being moved.
func warnLeftovers(log io.Writer, out string) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return
	}
	base := "." + filepath.Base(abs) + ".kpireport-"
	for _, kind := range []string{"tmp-*", "old-*"} {
		found, _ := filepath.Glob(filepath.Join(filepath.Dir(abs), base+kind))
		for _, f := range found {
			fmt.Fprintf(log, "warning: %s is left from an interrupted build; look inside, then delete it\n", f)
		}
	}
}
