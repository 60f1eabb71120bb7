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

	"kpireport/report/chart"
	"kpireport/report/export"
	"kpireport/report/format"
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
	Quiet     bool     // print nothing but the problems that stop the build
	NoCache   bool     // draw every pack chart, reading none from the chart cache
	// Progress shows a line that counts the pack charts as they are drawn,
	// rewritten in place: for a terminal, not for a log file.
	Progress bool
	PDF      bool            // also print each review pack to PDF with headless Chromium
	Chrome   string          // the browser --pdf prints with; empty: found on the PATH
	Map      string          // a mapping file (kpireport.yaml) for a workbook of another layout; empty: kpireport.yaml beside the first input, if any
	Brand    scorecard.Brand // --logo, --theme-colour, --locale, --currency: each set wins over the Settings
	Compare  string          // an earlier build's data/scorecard.json to report the changes against; empty: the previous period
	Log      io.Writer
	// UnitPacks also writes packs/units/<slug>.html, a board pack per
	// top-level business unit; Unit builds the scorecard of one unit's
	// subtree only (see scorecard.LoadOptions.Unit).
	UnitPacks bool
	Unit      string
	// Charts, when set, is the chart cache the packs use instead of the one
	// on disk (kpireport serve keeps one in memory across rebuilds).
	Charts *chart.Cache
	// Stage, when not nil, is called as each stage of the build starts
	// (StageRead, StageCompute…) and with "" when Build returns, from the
	// goroutine that runs the stage: for benchmarks and progress displays.
	Stage func(name string)
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
	st := newStages(opts, log)
	defer st.end()
	defer tighterGC()()
	var loadLog bytes.Buffer
	sc, err := load(ctx, opts, &loadLog, st)
	st.clear()
	if opts.Quiet {
		log = io.Discard // -q: the problems only when they stop the build
		if errors.Is(err, ErrInvalid) {
			logger(opts.Log).Write(loadLog.Bytes())
		}
	} else {
		log.Write(loadLog.Bytes())
	}
	if errors.Is(err, ErrInvalid) {
		return fmt.Errorf("%w; nothing was written", err)
	} else if err != nil {
		return err
	}
	if err := computeChanges(sc, opts.Compare); err != nil {
		return err
	}
	warnLeftovers(log, opts.Out)
	// work stops the exports, which run beside the pages, when the build
	// fails before they are done.
	work, cancel := context.WithCancel(ctx)
	files, err := output.NewStaging(work, opts.Out)
	if err != nil {
		cancel()
		return err
	}
	defer files.Close() // removes the staging folder unless it was written
	defer cancel()      // first, so that Close need not wait for the exports
	st.begin(StageView)
	views := newViews(sc)
	// The exports are written beside the pages (StagePages); the index,
	// which shows their sizes, waits for them (StageExports) and comes last
	// (StageIndex).
	st.begin(StagePages)
	exports := export.Start(work, files, sc)
	data := func() ([]view.DataFile, error) {
		st.begin(StageExports)
		written, err := exports.Wait()
		st.begin(StageIndex)
		return dataLinks(written), err
	}
	if err := site.RenderTo(work, files, views, site.Options{Templates: plan.templates, Data: data}); err != nil {
		return err
	}
	packs, err := renderPacks(ctx, files, views, plan, log, st)
	if err != nil {
		return err
	}
	if opts.UnitPacks && plan.packs {
		more, err := renderUnitPacks(ctx, files, sc, opts, plan, log, st)
		if err != nil {
			return err
		}
		packs = append(packs, more...)
	}
	if err := printPDFs(ctx, files, packs, plan, log, st); err != nil {
		return err
	}
	st.begin(StageWrite)
	if err := output.Write(ctx, opts.Out, files, opts.Force); err != nil {
		return err
	}
	st.end()
	fmt.Fprintf(log, "built %s and %s from %s in %.1f s → %s (%s, %s)\n",
		format.Count(pageCount(files.Paths()), "page"), format.Count(len(packs), "pack"), format.Count(len(sc.KPIs), "KPI"),
		time.Since(start).Seconds(), filepath.Clean(opts.Out)+string(filepath.Separator), format.Count(files.Len(), "file"), view.SizeText(files.Size()))
	return nil
}

// progressLine returns a progress func that rewrites one line of w with
// the count of charts drawn, at most ten times a second and at the end,
// which then ends the line.
func progressLine(w io.Writer) func(done, total int) {
	var last time.Time
	return func(done, total int) {
		if done < total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		fmt.Fprintf(w, "\rdrawing pack charts %s/%s", format.Number(float64(done), 0), format.Number(float64(total), 0))
		if done == total {
			fmt.Fprintln(w)
		}
	}
}

// pageCount counts the site's pages: its HTML files outside the packs.
func pageCount(paths []string) int {
	n := 0
	for _, p := range paths {
		if strings.HasSuffix(p, ".html") && !strings.HasPrefix(p, pack.Dir) {
			n++
		}
	}
	return n
}

// plan is what Build settled before reading the workbook.
type plan struct {
	templates fs.FS  // the user's templates, or nil
	packs     bool   // render the review packs
	chrome    string // the browser to print them with; "" for no PDFs
	noCache   bool   // draw every chart
	progress  bool   // count the charts in a line rewritten in place

	// charts is the cache given in Options, or nil.
	charts *chart.Cache
}

// prepare checks the options that can be checked before any work (the
// output folder, --templates, the browser of --pdf), so that a mistake costs
// nothing.
func prepare(opts Options) (plan, error) {
	p := plan{packs: !opts.NoPacks, noCache: opts.NoCache, progress: opts.Progress && !opts.Quiet, charts: opts.Charts}
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

// newViews makes the one view model the site and the packs are rendered
// from.
func newViews(sc *scorecard.Scorecard) *view.Builder {
	return view.New(sc, "kpireport")
}

// dataLinks are the index's links to the exports written.
func dataLinks(data []export.File) []view.DataFile {
	var links []view.DataFile
	for _, d := range data {
		links = append(links, view.DataFile{Name: d.Name, Href: d.Path, Format: d.Format, Size: view.SizeText(d.Size)})
	}
	return links
}

// renderPacks renders the review packs into files, each going to disk as it
// is made, and returns their paths; none without packs.
func renderPacks(ctx context.Context, files pack.Sink, v *view.Builder, p plan, log io.Writer, st *stages) ([]string, error) {
	if !p.packs {
		return nil, nil
	}
	st.begin(StageCharts)
	cache := p.charts
	if cache == nil && !p.noCache {
		var err error
		if cache, err = chart.OpenCache(chart.DefaultCacheBytes); err != nil {
			fmt.Fprintf(log, "no chart cache (%v); drawing every chart\n", err)
		}
	}
	var progress func(done, total int)
	if p.progress && log != io.Discard {
		progress = progressLine(log)
	}
	progress = st.chartsDrawn(progress)
	return pack.Render(ctx, v, files, pack.Options{Log: log, Templates: p.templates, Cache: cache, Progress: progress})
}

// printPDFs prints the packs to PDF beside them, with --pdf.
func printPDFs(ctx context.Context, files *output.Files, packs []string, p plan, log io.Writer, st *stages) error {
	if p.chrome == "" {
		return nil
	}
	st.begin(StagePDF)
	start := time.Now()
	fmt.Fprintf(log, "printing %s to PDF\n", format.Count(len(packs), "pack"))
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

// Diagnosis is what Diagnose found in the inputs.
type Diagnosis struct {
	// Problems are every problem of the read and, when it has no errors,
	// the KPI health review's warnings, sorted by file, sheet and cell.
	Problems workbook.Problems
	// Scorecard is the scorecard read, computed and reviewed; nil when the
	// inputs have errors.
	Scorecard *scorecard.Scorecard
}

// Diagnose reads the inputs and computes the scorecard, and returns the
// problems, for `kpireport check` to show as it is asked. Its error is for what stops a read (a missing file,
// a bad mapping file, ctx done), not for problems in the data.
func Diagnose(ctx context.Context, opts Options) (*Diagnosis, error) {
	done := make(chan struct{})
	var d *Diagnosis
	var err error
	go func() {
		defer close(done)
		d, err = diagnoseNow(opts, logger(opts.Log))
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-done:
		return d, err
	}
}

// diagnoseNow is Diagnose, not to be stopped.
func diagnoseNow(opts Options, log io.Writer) (*Diagnosis, error) {
	sc, ps, err := loadMapped(opts, log)
	if err != nil {
		return nil, err
	}
	d := &Diagnosis{Problems: *ps}
	if ps.Errors() == 0 {
		scorecard.Compute(sc)
		scorecard.ReviewHealth(sc)
		d.Scorecard = sc
		d.Problems.List = append(d.Problems.List, scorecard.HealthWarnings(sc)...)
		if len(sc.KPIs) > 0 && !anyCurrent(sc) {
			d.Problems.WarnCode(workbook.Pos{}, "no-current-data", "no KPI has data for the report period %s", sc.PeriodLabel())
		}
	}
	d.Problems.Sort()
	return d, nil
}

// anyCurrent reports whether any KPI has an actual for the report period.
func anyCurrent(sc *scorecard.Scorecard) bool {
	for _, k := range sc.KPIs {
		if k.Current.Actual.OK {
			return true
		}
	}
	return false
}

// load runs the read, model and compute steps, printing the problems found.
// When the inputs have errors it returns ErrInvalid. Once ctx is done it
// returns ctx's error at once, leaving the reading to finish unseen: it
// writes nothing but to memory, and its problems are not printed.
func load(ctx context.Context, opts Options, log io.Writer, st *stages) (*scorecard.Scorecard, error) {
	type result struct {
		sc  *scorecard.Scorecard
		err error
	}
	var printed bytes.Buffer
	done := make(chan result, 1)
	go func() {
		sc, err := loadNow(opts, &printed, st)
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
func loadNow(opts Options, log io.Writer, st *stages) (*scorecard.Scorecard, error) {
	start := time.Now()
	st.begin(StageRead)
	sc, ps, err := loadMapped(opts, log)
	if err != nil {
		return nil, err
	}
	ps.Sort()
	printProblems(log, ps)
	if ps.Errors() > 0 {
		return nil, fmt.Errorf("%w (%s)", ErrInvalid, countString(ps))
	}
	if err := opts.Brand.Apply(&sc.Settings); err != nil {
		return nil, err
	}
	st.begin(StageCompute)
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
	return format.Count(ps.Errors(), "error") + ", " + format.Count(ps.Warnings(), "warning")
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
