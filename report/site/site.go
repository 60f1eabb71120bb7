// Package site renders a computed scorecard as a static HTML site and writes
// it to a folder.
//
// The index shows the overall score, the strategy map (inline SVG laid out
// here, see StrategyMap), the status heatmap of recent periods, the KPIs
// that need attention and the bright spots; initiatives.html lists the
// initiatives and health.html every KPI's health review. The exports of
// report/export go into data/.
//
// Render builds every file of the site: for each page it fills a
// view-model (one struct per kind of page: IndexPage, PerspectivePage,
// KPIPage, InitiativesPage, HealthPage) and executes the page's html/template, which escapes everything it
// prints; chart options go into data-option attributes as JSON and site.js
// draws them with the ECharts file the site ships in assets/. Links are
// relative, nothing is fetched from the network, and the same scorecard gives
// byte-identical files.
//
// The files are held in memory (Render), or written as they are made into
// the temporary folder that Write will swap into place (NewStaging and
// RenderTo), so that a site of thousands of pages needs little memory.
// Write puts the files in a folder atomically, keeping a manifest of what it
// wrote so that a later build replaces only kpireport's own files.
//
// Adding a kind of page takes a template file (it starts with
// {{template "base" .}} and defines "content"), its name in pageTemplates, a
// view-model that embeds Page, and a call in Render.
package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"

	"kpireport/report/export"
	"kpireport/report/scorecard"
	"kpireport/report/view"
	"kpireport/templates"
)

// Options tunes Render.
type Options struct {
	// Templates holds page templates and assets laid out as templates/site
	// is: base.html, parts.html, index.html, perspective.html, kpi.html,
	// initiatives.html, health.html, site.css and site.js at its root. A file it lacks is taken from the
	// built-in set, so a restyle can be a single site.css. nil means the
	// built-in set (templates.Site); the --templates flag sets it to
	// os.DirFS(DIR).
	Templates fs.FS
	// Generator names the program in each page's footer and generator
	// meta tag; empty means "kpireport".
	Generator string
}

// Template and asset file names, as in templates/site.
const (
	baseTemplate  = "base.html"
	partsTemplate = "parts.html"
	indexPage     = "index.html"
	perspPage     = "perspective.html"
	kpiPage       = "kpi.html"
	initPage      = "initiatives.html"
	healthPage    = "health.html"
)

// pageTemplates are the templates of the kinds of page, each parsed with
// base.html and parts.html.
var pageTemplates = []string{indexPage, perspPage, kpiPage, initPage, healthPage}

// assets are copied from the templates to assets/ as they are.
var assets = []string{"site.css", "site.js"}

// Render builds every file of the site for sc in memory: the pages, the
// style sheet and script, ECharts with its licence files, and the exports.
// sc must have been computed (scorecard.Compute).
func Render(sc *scorecard.Scorecard, opts Options) (*Files, error) {
	files := &Files{}
	if err := RenderTo(context.Background(), files, sc, opts); err != nil {
		return nil, err
	}
	return files, nil
}

// RenderTo is Render adding the site's files to files, which may be staged
// on disk (NewStaging) so that the site need not fit in memory. On an
// error, files may hold some of them. When ctx is done it stops between
// pages, or in the middle of an export, and returns ctx's error.
func RenderTo(ctx context.Context, files *Files, sc *scorecard.Scorecard, opts Options) error {
	if sc == nil {
		return errors.New("site: no scorecard")
	}
	if files == nil {
		return errors.New("site: no files to render to")
	}
	r := &renderer{ctx: ctx, sc: sc, opts: opts, files: files, v: view.New(sc, opts.Generator)}
	if err := r.loadTemplates(); err != nil {
		return err
	}
	for _, k := range sc.KPIs {
		if p := k.InPerspective(); p != nil {
			if r.v.PerspectiveSlug(p) == "" {
				return fmt.Errorf("site: KPI %q: its perspective %q is not among the scorecard's perspectives", k.ID, p.Name)
			}
		}
	}

	for _, a := range []struct {
		path string
		data []byte
	}{
		{"assets/echarts.min.js", templates.ECharts},
		{"assets/echarts-LICENSE.txt", templates.EChartsLicense},
		{"assets/echarts-NOTICE.txt", templates.EChartsNotice},
		{"assets/echarts-LICENSE-d3.txt", templates.EChartsLicenseD3},
	} {
		if err := r.files.Add(a.path, a.data); err != nil {
			return err
		}
	}
	for _, name := range assets {
		data, err := r.read(name)
		if err != nil {
			return err
		}
		if err := r.files.Add("assets/"+name, data); err != nil {
			return err
		}
	}

	for _, p := range sc.Perspectives {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := r.v.PerspectivePage(p)
		if err != nil {
			return err
		}
		if err := r.execute(perspPage, r.v.PerspectivePath(p), page); err != nil {
			return err
		}
	}
	if err := r.execute(initPage, view.InitiativesPath, r.v.InitiativesPage()); err != nil {
		return err
	}
	if err := r.execute(healthPage, view.HealthPath, r.v.HealthPage()); err != nil {
		return err
	}
	if err := r.kpiPages(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := r.writeExports(); err != nil {
		return err
	}
	// The index gives the exports' sizes, so it comes last.
	r.v.SetDataFiles(r.dataFiles())
	index, err := r.v.IndexPage()
	if err != nil {
		return err
	}
	if err := r.execute(indexPage, "index.html", index); err != nil {
		return err
	}
	return r.files.check()
}

// exports are the data files of the site, made by report/export.
var exports = []struct {
	path, name, format string
	write              func(io.Writer, *scorecard.Scorecard) error
}{
	{"data/scorecard.json", "The scorecard", "JSON", export.WriteJSON},
	{"data/measurements.csv", "Every measurement", "CSV", export.WriteMeasurementsCSV},
	{"data/scorecard.xlsx", "The scorecard as a workbook", "Excel", export.WriteXLSX},
}

// writeExports streams the exports into their files, side by side. It runs
// once the pages are done, so that the exports' working memory (the
// workbook's above all) does not come on top of the pages'.
func (r *renderer) writeExports() error {
	errs := make([]error, len(exports))
	var wg sync.WaitGroup
	for i, e := range exports {
		wg.Go(func() {
			errs[i] = r.files.AddFunc(e.path, func(w io.Writer) error { return e.write(ctxWriter{r.ctx, w}, r.sc) })
		})
	}
	wg.Wait()
	if err := r.ctx.Err(); err != nil {
		return err
	}
	for i, e := range exports {
		if errs[i] != nil {
			return fmt.Errorf("site: %s: %w", e.path, errs[i])
		}
	}
	return nil
}

// renderer holds what Render needs while it builds the pages.
type renderer struct {
	ctx   context.Context
	sc    *scorecard.Scorecard
	opts  Options
	files *Files
	v     *view.Builder
	tmpl  map[string]*template.Template
}

// read returns a template or asset file: the user's, or the built-in one.
func (r *renderer) read(name string) ([]byte, error) {
	if r.opts.Templates != nil {
		data, err := fs.ReadFile(r.opts.Templates, name)
		if err == nil {
			return data, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("site: reading templates: %w", err)
		}
	}
	builtin, err := fs.Sub(templates.Site, "site")
	if err != nil {
		return nil, fmt.Errorf("site: built-in templates: %w", err)
	}
	data, err := fs.ReadFile(builtin, name)
	if err != nil {
		return nil, fmt.Errorf("site: built-in templates: %w", err)
	}
	return data, nil
}

// loadTemplates parses each page template together with the layout and the
// shared parts.
func (r *renderer) loadTemplates() error {
	base, err := r.read(baseTemplate)
	if err != nil {
		return err
	}
	parts, err := r.read(partsTemplate)
	if err != nil {
		return err
	}
	r.tmpl = map[string]*template.Template{}
	for _, name := range pageTemplates {
		text, err := r.read(name)
		if err != nil {
			return err
		}
		t := template.New(name).Option("missingkey=error")
		if _, err := t.Parse(string(text)); err != nil {
			return fmt.Errorf("site: %w", err)
		}
		if _, err := t.New(baseTemplate).Parse(string(base)); err != nil {
			return fmt.Errorf("site: %w", err)
		}
		if _, err := t.New(partsTemplate).Parse(string(parts)); err != nil {
			return fmt.Errorf("site: %w", err)
		}
		r.tmpl[name] = t
	}
	return nil
}

// execute renders a page with its view-model and adds it at path.
func (r *renderer) execute(tmpl, path string, data any) error {
	b, err := r.render(tmpl, path, data)
	if err != nil {
		return err
	}
	return r.files.Add(path, b)
}

// render renders a page with its view-model.
func (r *renderer) render(tmpl, path string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := r.tmpl[tmpl].Execute(&b, data); err != nil {
		return nil, fmt.Errorf("site: %s: %w", path, err)
	}
	return b.Bytes(), nil
}

// kpiPages renders every KPI's page, on as many goroutines as there are
// CPUs, each page added to the files as soon as it is made. On errors, it
// returns the first KPI's, so the result is the same however the work was
// shared.
func (r *renderer) kpiPages() error {
	ks := r.sc.KPIs
	errs := make([]error, len(ks))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ks)) {
		// Each worker has its own Markdown converter; the templates and
		// the slug maps are only read.
		w := *r
		w.v = r.v.Clone()
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(ks) {
					return
				}
				if err := w.ctx.Err(); err != nil {
					errs[i] = err
					return
				}
				page, err := w.v.KPIPage(ks[i])
				if err == nil {
					err = w.execute(kpiPage, w.v.KPIPath(ks[i]), page)
				}
				errs[i] = err
			}
		})
	}
	wg.Wait()
	for i := range ks {
		if errs[i] != nil {
			return errs[i]
		}
	}
	return nil
}

// dataFiles are the exports as the index page links them, with their
// sizes.
func (r *renderer) dataFiles() []view.DataFile {
	var out []view.DataFile
	for _, e := range exports {
		df := view.DataFile{Name: e.name, Href: e.path, Format: e.format}
		if n, ok := r.files.SizeOf(e.path); ok {
			df.Size = view.SizeText(n)
		}
		out = append(out, df)
	}
	return out
}

// ctxWriter fails its writes once ctx is done, so that a long export stops
// soon after an interrupt.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
