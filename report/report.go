package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kpireport/report/export"
	"kpireport/report/output"
	"kpireport/report/pack"
	"kpireport/report/scorecard"
	"kpireport/report/site"
	"kpireport/report/view"
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

// Build reads the inputs, computes the scorecard and writes the site. Each
// step is one package's (see the package doc). Once ctx is done, Build stops
// at the next file, page or chart, removes its temporary folder, leaves the
// site as it was, and returns an error that says so and wraps ctx's.
func Build(ctx context.Context, opts Options) (err error) {
	start, log := time.Now(), logger(opts.Log)
	defer func() { err = interrupted(ctx, err, opts.Out) }()
	plan, err := prepare(opts)
	if err != nil {
		return err
	}
	sc, err := load(ctx, opts, log)
	if errors.Is(err, ErrInvalid) {
		return fmt.Errorf("%w; nothing was written", err)
	} else if err != nil {
		return err
	}
	// view: the view model of the pages and the packs is built here.
	warnLeftovers(log, opts.Out)
	files, err := output.NewStaging(ctx, opts.Out)
	if err != nil {
		return err
	}
	defer files.Close() // removes the staging folder unless it was written
	data, err := export.Write(ctx, files, sc)
	if err != nil {
		return err
	}
	if err := site.RenderTo(ctx, files, sc, plan.site(data)); err != nil {
		return err
	}
	packs, err := renderPacks(ctx, files, sc, plan, log)
	if err != nil {
		return err
	}
	if err := printPDFs(ctx, files, packs, plan, log); err != nil {
		return err
	}
	if err := output.Write(ctx, opts.Out, files, opts.Force); err != nil {
		return err
	}
	fmt.Fprintf(log, "wrote %d files (%s) to %s in %.1fs\n", files.Len(), view.SizeText(files.Size()), opts.Out, time.Since(start).Seconds())
	return nil
}

// plan is what Build settled before reading the workbook.
type plan struct {
	templates fs.FS  // the user's templates, or nil
	packs     bool   // render the review packs
	chrome    string // the browser to print them with; "" for no PDFs
}

// prepare checks the options that can be checked before any work (the
// output folder, --templates, the browser of --pdf), so that a mistake costs
// nothing.
func prepare(opts Options) (plan, error) {
	p := plan{packs: !opts.NoPacks}
	if opts.PDF && opts.NoPacks {
		return p, errors.New("--pdf prints the review packs, and --no-packs leaves them out: give one or the other")
	}
	if err := checkOut(opts.Out, opts.Inputs); err != nil {
		return p, err
	}
	if opts.Templates != "" {
		if fi, err := os.Stat(opts.Templates); err != nil || !fi.IsDir() {
			return p, fmt.Errorf("--templates %s: not a folder", opts.Templates)
		}
		p.templates = os.DirFS(opts.Templates)
	}
	if opts.PDF {
		var err error
		if p.chrome, err = pack.FindChrome(opts.Chrome); err != nil {
			return p, err
		}
	}
	return p, nil
}

// site returns the site's options, linking the exports written.
func (p plan) site(data []export.File) site.Options {
	opts := site.Options{Generator: "kpireport", Templates: p.templates}
	for _, d := range data {
		opts.Data = append(opts.Data, view.DataFile{Name: d.Name, Href: d.Path, Format: d.Format, Size: view.SizeText(d.Size)})
	}
	return opts
}

// renderPacks renders the review packs into files, each going to disk as it
// is made, and returns their paths; none without packs.
func renderPacks(ctx context.Context, files *output.Files, sc *scorecard.Scorecard, p plan, log io.Writer) ([]string, error) {
	if !p.packs {
		return nil, nil
	}
	return pack.Render(ctx, sc, files, pack.Options{Log: log, Generator: "kpireport"})
}

// printPDFs prints the packs to PDF beside them, with --pdf.
func printPDFs(ctx context.Context, files *output.Files, packs []string, p plan, log io.Writer) error {
	if p.chrome == "" {
		return nil
	}
	start := time.Now()
	pdfs, err := pack.PrintPDFs(ctx, p.chrome, packs, files.Get, files)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "printed %d PDFs in %.1fs\n", len(pdfs), time.Since(start).Seconds())
	return nil
}

// interrupted turns the error of a build that ctx stopped into one that
// says what became of the site; other errors pass as they are.
func interrupted(ctx context.Context, err error, out string) error {
	if err == nil || ctx.Err() == nil || !errors.Is(err, ctx.Err()) {
		return err
	}
	folder := filepath.Clean(out) + string(filepath.Separator)
	if _, statErr := os.Stat(out); statErr != nil {
		return fmt.Errorf("interrupted; nothing was written to %s: %w", folder, err)
	}
	return fmt.Errorf("interrupted; the site in %s was left as it was: %w", folder, err)
}

// Check reads the inputs, computes the scorecard and prints every problem.
// It returns ErrInvalid when there are errors.
func Check(ctx context.Context, opts Options) error {
	log := logger(opts.Log)
	sc, err := load(ctx, opts, log)
	if err != nil {
		return err
	}
	health := &workbook.Problems{List: scorecard.HealthWarnings(sc)}
	if len(health.List) > 0 {
		fmt.Fprintln(log, "KPI health review:")
		printProblems(log, health)
	}
	fmt.Fprintf(log, "%d KPIs in %d objectives and %d perspectives; report period %s\n",
		len(sc.KPIs), len(sc.Objectives), len(sc.Perspectives), sc.PeriodLabel())
	return nil
}

// load runs the read, model and compute steps, printing the problems found.
// When the inputs have errors it returns ErrInvalid. Once ctx is done it
// returns ctx's error at once, leaving the reading to finish unseen: it
// writes nothing but to memory, and its problems are not printed.
func load(ctx context.Context, opts Options, log io.Writer) (*scorecard.Scorecard, error) {
	type result struct {
		sc  *scorecard.Scorecard
		err error
	}
	var printed bytes.Buffer
	done := make(chan result, 1)
	go func() {
		sc, err := loadNow(opts, &printed)
		done <- result{sc, err}
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-done:
		log.Write(printed.Bytes())
		return r.sc, r.err
	}
}

// loadNow is load, not to be stopped.
func loadNow(opts Options, log io.Writer) (*scorecard.Scorecard, error) {
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
		fmt.Fprintf(log, "warning: no KPI has data for the report period %s\n", sc.PeriodLabel())
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

// warnLeftovers tidies up after builds that were stopped by force (killed,
// or the machine going down), as output.Recover does, and logs what it did
// and what it left.
func warnLeftovers(log io.Writer, out string) {
	notes, err := output.Recover(out)
	for _, n := range notes {
		fmt.Fprintln(log, n)
	}
	if err != nil {
		fmt.Fprintf(log, "warning: %v\n", err)
	}
}
