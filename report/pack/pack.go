// Package pack renders the review packs: one self-contained HTML file per
// perspective and a board pack with all of them, bundled in a zip for email,
// and optionally printed to PDF by headless Chromium.
//
// A pack is a single file that asks for nothing: its style sheet is inline,
// its charts are SVG rendered at build time from the very ECharts options
// the site draws (report/chart draws them in Go by ECharts' layout rules,
// and runs ECharts in goja for any chart it does not know), and a
// Content-Security-Policy meta tag forbids every request and every script.
// It reads as a board document (cover, contents, executive summary,
// scorecard table, then a section per objective with its KPIs and
// initiatives) and prints on A4 with nothing split across pages.
//
// The packs' view-models (view.Pack, its sections and KPI cards) and their
// charts come from report/view, from the one view.Builder the site is built
// from; this package draws the charts, executes the templates and zips.
//
// Render hands each file to a Sink (the site's staged files) as soon as it
// is made, so that the packs go to disk and need not stay in memory; the
// same scorecard gives the same bytes, zip included.
package pack

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"runtime"
	"time"

	"kpireport/report/chart"
	"kpireport/report/output"
	"kpireport/report/view"
	"kpireport/templates"
)

// Options tune Render.
type Options struct {
	// Log receives a progress line ("rendered 45 charts in 1.2s"); nil
	// discards it.
	Log io.Writer
	// Workers is how many JavaScript runtimes render charts at once; 0
	// means one per CPU.
	Workers int
	// Templates holds the user's copies of templates, laid out as the
	// built-in ones: packs/pack.html, packs/index.html and packs/pack.css
	// for the packs, and parts.html, the parts they share with the site.
	// A file it lacks is the built-in one; nil is all built in.
	Templates fs.FS
	// Cache holds charts drawn before, read instead of drawn again; nil
	// draws them all.
	Cache *chart.Cache
	// Progress, when not nil, is told of each chart drawn (done of total).
	Progress func(done, total int)
}

// File is one output file: a slash-separated path relative to the site's
// folder, and its contents.
type File struct {
	Path string
	Data []byte
}

// Paths of the packs in the site's folder.
const (
	Dir       = "packs/"
	BoardName = "board-pack"
	ZipName   = "review-packs.zip"
)

// CSP is the Content-Security-Policy of every pack: no request of any kind,
// no script; inline styles and data: images and fonts only.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"

// Sink takes each file Render makes as soon as it is made: AddFunc sets the
// file at path to what write writes. *output.Files is one, and writes the file
// straight to disk when staged, so that no pack need stay in memory.
type Sink interface {
	AddFunc(path string, write func(w io.Writer) error) error
}

// Render builds the review packs from the views v makes of its scorecard
// (the views the site is built from), and hands each to out as soon as it is made: packs/<perspective-slug>.html for
// each perspective, packs/board-pack.html and packs/review-packs.zip, in
// that order; it stops with ctx's error when ctx is done. It returns their paths, in the same order. The zip is written
// from each pack's compressed bytes, kept as the pack went out, so that out
// need not hand the packs back. Once ctx is done it stops, between charts
// or packs, and returns ctx's error.
func Render(ctx context.Context, v *view.Builder, out Sink, opts Options) ([]string, error) {
	sc := v.Scorecard()
	if sc == nil {
		return nil, errors.New("pack: no scorecard")
	}
	if out == nil {
		return nil, errors.New("pack: nowhere to write the packs")
	}
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	b, err := newBuilder(v, opts.Templates)
	if err != nil {
		return nil, err
	}
	if b.charts, err = b.views.PackCharts(ctx); err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, fmt.Errorf("pack: %w", err)
	}
	start := time.Now()
	if len(b.charts) >= 200 {
		// Say so before the work starts, and how to skip it.
		fmt.Fprintf(log, "drawing %d charts for the review packs on %d cores (--no-packs skips the packs)\n", len(b.charts), workers)
	}
	svgs, cached, err := chart.RenderCached(ctx, b.charts, workers, opts.Cache, opts.Progress)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	for i, c := range b.charts {
		b.svg[c.ID] = template.HTML(svgs[i]) // ECharts' own SVG output, with the label escaped by chart
	}
	svgs, b.charts = nil, nil // b.svg holds the charts from now on
	if cached > 0 {
		fmt.Fprintf(log, "rendered %d charts for the packs in %.1fs (%d of them from the chart cache)\n", len(b.svg), time.Since(start).Seconds(), cached)
	} else {
		fmt.Fprintf(log, "rendered %d charts for the packs in %.1fs\n", len(b.svg), time.Since(start).Seconds())
	}

	var paths []string
	var packs []*output.ZipEntry
	var entries []indexEntry
	for _, p := range sc.Perspectives {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pv, err := b.views.PerspectivePack(p, b.svg)
		if err != nil {
			return nil, fmt.Errorf("pack: %w", err)
		}
		doc := b.document(pv)
		name := b.views.PerspectiveSlug(p) + ".html"
		z, err := b.write(out, name, doc)
		if err != nil {
			return nil, err
		}
		paths = append(paths, Dir+name)
		packs = append(packs, z)
		entries = append(entries, indexEntry{Name: p.Name + " review pack", File: name, Size: view.SizeText(z.Size())})
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	bv, err := b.views.BoardPack(BoardName+".html", b.svg)
	if err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	doc := b.document(bv)
	z, err := b.write(out, BoardName+".html", doc)
	if err != nil {
		return nil, err
	}
	doc, b.svg = nil, nil // the charts are all written
	paths = append(paths, Dir+BoardName+".html")
	packs = append(packs, z)
	entries = append([]indexEntry{{Name: "Board pack (all perspectives)", File: BoardName + ".html", Size: view.SizeText(z.Size())}}, entries...)

	index, err := b.index(entries)
	if err != nil {
		return nil, err
	}
	if err := out.AddFunc(Dir+ZipName, func(w io.Writer) error { return zipFiles(w, index, packs) }); err != nil {
		return nil, err
	}
	return append(paths, Dir+ZipName), nil
}

// Document is what pack.html renders: a pack's view-model with the
// pack's Content-Security-Policy and inline style sheet.
type Document struct {
	*view.Pack
	CSP string
	CSS template.CSS
}

// document is the Document of the pack p.
func (b *builder) document(p *view.Pack) *Document {
	return &Document{Pack: p, CSP: CSP, CSS: b.css}
}

// builder holds what Render needs while it builds the packs.
type builder struct {
	views  *view.Builder
	tmpl   *template.Template
	css    template.CSS
	charts []chart.Chart
	svg    map[string]template.HTML // by chart id
}

// newBuilder prepares the packs' templates, with a copy of v that prints
// links in commentary as text.
func newBuilder(v *view.Builder, user fs.FS) (*builder, error) {
	b := &builder{views: v.Clone(), svg: map[string]template.HTML{}}
	b.views.SetMarkdown(newMarkdown())
	parts, err := readTemplate(user, "parts.html", templates.Site, "site/parts.html")
	if err != nil {
		return nil, err
	}
	page, err := readTemplate(user, "packs/pack.html", templates.Packs, "packs/pack.html")
	if err != nil {
		return nil, err
	}
	index, err := readTemplate(user, "packs/index.html", templates.Packs, "packs/index.html")
	if err != nil {
		return nil, err
	}
	css, err := readTemplate(user, "packs/pack.css", templates.Packs, "packs/pack.css")
	if err != nil {
		return nil, err
	}
	// The style sheet is kpireport's own file, inlined as is.
	b.css = template.CSS(css)
	t := template.New("packs").Option("missingkey=error")
	for _, f := range []struct{ name, text string }{
		{"pack.html", string(page)}, {"parts.html", string(parts)}, {"index.html", string(index)},
	} {
		if _, err := t.New(f.name).Parse(f.text); err != nil {
			return nil, fmt.Errorf("pack: %w", err)
		}
	}
	b.tmpl = t
	return b, nil
}

// readTemplate reads the user's copy of a template, or else the built-in
// one.
func readTemplate(user fs.FS, name string, builtin fs.FS, builtinName string) ([]byte, error) {
	if user != nil {
		data, err := fs.ReadFile(user, name)
		if err == nil {
			return data, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("--templates: %w", err)
		}
	}
	data, err := fs.ReadFile(builtin, builtinName)
	if err != nil {
		return nil, fmt.Errorf("pack: built-in templates: %w", err)
	}
	return data, nil
}

// write renders the pack doc to out as packs/<name>, compressing it for the
// zip as it goes.
func (b *builder) write(out Sink, name string, doc *Document) (*output.ZipEntry, error) {
	var z *output.ZipEntry
	err := out.AddFunc(Dir+name, func(w io.Writer) error {
		// A fresh entry each call, should out call write more than once.
		var err error
		if z, err = output.NewZipEntry(name, zipLevel); err != nil {
			return err
		}
		// The template writes in small pieces: gather them before they are
		// counted, checksummed and compressed.
		bw := bufio.NewWriterSize(io.MultiWriter(w, z), 64<<10)
		if err := b.tmpl.ExecuteTemplate(bw, "pack.html", doc); err != nil {
			return fmt.Errorf("pack: %s: %w", name, err)
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		return z.Close()
	})
	if err != nil {
		return nil, err
	}
	return z, nil
}

// index renders the zip's index.html.
func (b *builder) index(entries []indexEntry) ([]byte, error) {
	v := struct {
		view.Page
		CSP     string
		Entries []indexEntry
	}{Page: b.views.Page("Review packs"), CSP: CSP, Entries: entries}
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, "index.html", v); err != nil {
		return nil, fmt.Errorf("pack: index.html: %w", err)
	}
	return buf.Bytes(), nil
}

// indexEntry is a pack in the zip's index.html.
type indexEntry struct{ Name, File, Size string }
