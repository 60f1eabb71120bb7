package view

import (
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// newMarkdown is the site's Markdown: goldmark's defaults (raw HTML dropped,
// unsafe link schemes removed) with images written as text, their alt text
// and address, so that opening a page fetches nothing from anywhere
// (`![chart](http://host/beacon.gif)` would otherwise be a live request).
// Links stay links.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithRendererOptions(
		renderer.WithNodeRenderers(util.Prioritized(imagesAsText{}, 100)),
	))
}

// imagesAsText renders images as text.
type imagesAsText struct{}

// RegisterFuncs takes over the image node.
func (imagesAsText) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindImage, RenderImageText)
}

// RenderImageText writes an image as "[image: alt] (address)", the alt
// text's plain text, emphasis and all; the address is shown, not fetched.
func RenderImageText(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	w.WriteString(`<span class="image-text">[image: `)
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			w.WriteString(html.EscapeString(string(t.Value(source))))
		}
		return ast.WalkContinue, nil
	})
	w.WriteString("]")
	if dest := string(n.(*ast.Image).Destination); dest != "" {
		w.WriteString(` <span class="link-url">(` + html.EscapeString(dest) + `)</span>`)
	}
	w.WriteString("</span>")
	return ast.WalkSkipChildren, nil
}
