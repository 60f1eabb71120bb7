// Package pack renders the review packs: one self-contained HTML file per
// perspective and a board pack with all of them, bundled in a zip for email,
// and optionally printed to PDF by headless Chromium.
//
// A pack is a single file that asks for nothing: its style sheet is inline,
// its charts are SVG rendered at build time from the very ECharts options
// the site draws (report/chart runs ECharts in goja), and a
// Content-Security-Policy meta tag forbids every request and every script.
// It reads as a board document (cover, contents, executive summary,
// scorecard table, then a section per objective with its KPIs and
// initiatives) and prints on A4 with nothing split across pages.
//
// Render builds the files in memory; the same scorecard gives the same
// bytes, zip included.
package pack

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"runtime"
	"time"

	"kpireport/report/chart"
	"kpireport/report/scorecard"
	"kpireport/report/site"
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
	// Generator names the program in each pack's generator meta tag; empty
	// means "kpireport".
	Generator string
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

// Render builds the review packs of sc, which must have been computed:
// packs/<perspective-slug>.html for each perspective, packs/board-pack.html
// and packs/review-packs.zip, in that order.
func Render(sc *scorecard.Scorecard, opts Options) ([]File, error) {
	if sc == nil {
		return nil, errors.New("pack: no scorecard")
	}
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	b, err := newBuilder(sc, opts.Generator)
	if err != nil {
		return nil, err
	}
	if err := b.collectCharts(); err != nil {
		return nil, err
	}
	start := time.Now()
	if len(b.charts) >= 200 {
		// Long work: say so before it starts, and how to skip it.
		fmt.Fprintf(log, "drawing %d charts for the review packs on %d cores; this takes a while (--no-packs skips the packs)\n", len(b.charts), workers)
	}
	svgs, err := chart.RenderAll(b.charts, workers)
	if err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	for i, c := range b.charts {
		b.svg[c.ID] = template.HTML(svgs[i]) // ECharts' own SVG output, with the label escaped by chart
	}
	fmt.Fprintf(log, "rendered %d charts for the packs in %.1fs\n", len(b.charts), time.Since(start).Seconds())

	var files []File
	var entries []indexEntry
	for _, p := range sc.Perspectives {
		doc, err := b.document([]*scorecard.Perspective{p}, false)
		if err != nil {
			return nil, err
		}
		name := b.views.PerspectiveSlug(p) + ".html"
		data, err := b.execute(name, doc)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: Dir + name, Data: data})
		entries = append(entries, indexEntry{Name: p.Name + " review pack", File: name, Size: site.SizeText(int64(len(data)))})
	}
	doc, err := b.document(sc.Perspectives, true)
	if err != nil {
		return nil, err
	}
	data, err := b.execute(BoardName+".html", doc)
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: Dir + BoardName + ".html", Data: data})
	entries = append([]indexEntry{{Name: "Board pack (all perspectives)", File: BoardName + ".html", Size: site.SizeText(int64(len(data)))}}, entries...)

	index, err := b.index(entries)
	if err != nil {
		return nil, err
	}
	zipped, err := zipFiles(index, files)
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: Dir + ZipName, Data: zipped})
	return files, nil
}

// builder holds what Render needs while it builds the packs.
type builder struct {
	sc     *scorecard.Scorecard
	views  *site.Views
	tmpl   *template.Template
	css    template.CSS
	charts []chart.Chart
	svg    map[string]template.HTML // by chart id
}

func newBuilder(sc *scorecard.Scorecard, generator string) (*builder, error) {
	b := &builder{sc: sc, views: site.NewViews(sc, generator), svg: map[string]template.HTML{}}
	b.views.SetMarkdown(newMarkdown())
	parts, err := fs.ReadFile(templates.Site, "site/parts.html")
	if err != nil {
		return nil, fmt.Errorf("pack: built-in templates: %w", err)
	}
	page, err := fs.ReadFile(templates.Packs, "packs/pack.html")
	if err != nil {
		return nil, fmt.Errorf("pack: built-in templates: %w", err)
	}
	index, err := fs.ReadFile(templates.Packs, "packs/index.html")
	if err != nil {
		return nil, fmt.Errorf("pack: built-in templates: %w", err)
	}
	css, err := fs.ReadFile(templates.Packs, "packs/pack.css")
	if err != nil {
		return nil, fmt.Errorf("pack: built-in templates: %w", err)
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

// execute renders a pack.
func (b *builder) execute(name string, doc *Document) ([]byte, error) {
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, "pack.html", doc); err != nil {
		return nil, fmt.Errorf("pack: %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// index renders the zip's index.html.
func (b *builder) index(entries []indexEntry) ([]byte, error) {
	v := struct {
		site.Page
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
