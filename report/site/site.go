// Package site renders a computed scorecard as a static HTML site and writes
// it to a folder.
//
// The index shows the overall score, the strategy map (inline SVG laid out
// here, see StrategyMap), the status heatmap of recent periods, the KPIs
// that need attention and the bright spots; initiatives.html lists the
// initiatives and health.html every KPI's health review (above
// view.CompactAbove KPIs its summary, with the review on pages under
// health/, view.HealthParts). The index links
// the data exports (view.Builder.SetDataFiles), which Build writes beside
// the pages.
//
// Render builds every file of the site: for each page it takes the page's
// view-model from the view.Builder it is given, the one the review packs
// are built from too (view.IndexPage, PerspectivePage, KPIPage,
// InitiativesPage, HealthPage), and executes the page's html/template, which escapes everything it
// prints; chart options go into data-option attributes as JSON and site.js
// draws them with the ECharts file the site ships in assets/. Links are
// relative, nothing is fetched from the network, and the same scorecard gives
// byte-identical files.
//
// The files are held in memory (Render), or written as they are made into
// the temporary folder that report/output swaps into place
// (output.NewStaging and RenderTo), so that a site of thousands of pages
// needs little memory.
//
// Adding a kind of page takes a template file (it starts with
// {{template "base" .}} and defines "content"), its name in pageTemplates, a
// view-model that embeds Page, and a call in Render.
package site

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"

	"kpireport/report/output"
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
	// Data, when not nil, is called once every other page is rendered,
	// and the index links the files it returns (see
	// view.Builder.SetDataFiles, which it calls): Build writes the exports
	// beside the pages, and the index, which shows their sizes, waits for
	// them alone. Its error stops the rendering and is returned as it is.
	Data func() ([]view.DataFile, error)
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
	unitPage      = "unit.html"
	unitParts     = "unitparts.html"
)

// pageTemplates are the templates of the kinds of page, each parsed with
// base.html and parts.html.
var pageTemplates = []string{indexPage, perspPage, kpiPage, initPage, healthPage, unitPage}

// assets are copied from the templates to assets/ as they are.
var assets = []string{"site.css", "site.js"}

// Render builds every file of the site in memory from the views v makes of
// its scorecard: the pages, the style sheet and script, and ECharts with
// its licence files.
func Render(v *view.Builder, opts Options) (*output.Files, error) {
	files := &output.Files{}
	if err := RenderTo(context.Background(), files, v, opts); err != nil {
		return nil, err
	}
	return files, nil
}

// RenderTo is Render adding the site's files to files, which may be staged
// on disk (output.NewStaging) so that the site need not fit in memory. It
// stops between pages once ctx is done, returning ctx's error. On an error,
// files may hold some of the pages.
func RenderTo(ctx context.Context, files *output.Files, v *view.Builder, opts Options) error {
	if v == nil || v.Scorecard() == nil {
		return errors.New("site: no scorecard")
	}
	if files == nil {
		return errors.New("site: no files to render to")
	}
	sc := v.Scorecard()
	r := &renderer{ctx: ctx, sc: sc, opts: opts, files: files, v: v}
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
	for _, part := range r.v.HealthParts() {
		if err := r.execute(healthPage, part.Path, part.Page); err != nil {
			return err
		}
	}
	if err := r.kpiPages(); err != nil {
		return err
	}
	if err := r.unitPages(); err != nil {
		return err
	}
	if opts.Data != nil {
		data, err := opts.Data()
		if err != nil {
			return err
		}
		v.SetDataFiles(data)
	}
	index, err := r.v.IndexPage()
	if err != nil {
		return err
	}
	if err := r.execute(indexPage, "index.html", index); err != nil {
		return err
	}
	return r.files.Check()
}

// renderer holds what Render needs while it builds the pages.
type renderer struct {
	ctx   context.Context
	sc    *scorecard.Scorecard
	opts  Options
	files *output.Files
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
	uparts, err := r.read(unitParts)
	if err != nil {
		return err
	}
	r.tmpl = map[string]*template.Template{}
	for _, name := range pageTemplates {
		text, err := r.read(name)
		if err != nil {
			return err
		}
		t := template.New(name).Option("missingkey=error").Funcs(funcs)
		if _, err := t.Parse(string(text)); err != nil {
			return fmt.Errorf("site: %w", err)
		}
		if _, err := t.New(baseTemplate).Parse(string(base)); err != nil {
			return fmt.Errorf("site: %w", err)
		}
		if _, err := t.New(partsTemplate).Parse(string(parts)); err != nil {
			return fmt.Errorf("site: %w", err)
		}
		if _, err := t.New(unitParts).Parse(string(uparts)); err != nil {
			return fmt.Errorf("site: %w", err)
		}
		r.tmpl[name] = t
	}
	return nil
}

// execute renders a page with its view-model and adds it at path, streaming
// it to a staged file as it is made rather than holding it in memory first.
func (r *renderer) execute(tmpl, path string, data any) error {
	t := r.tmpl[tmpl]
	return r.files.AddFunc(path, func(w io.Writer) error {
		if err := t.Execute(w, data); err != nil {
			return fmt.Errorf("site: %s: %w", path, err)
		}
		return nil
	})
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
