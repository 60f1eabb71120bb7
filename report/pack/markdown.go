package pack

import (
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"kpireport/report/view"
)

// newMarkdown is the site's Markdown (goldmark's defaults, raw HTML
// dropped) with links and images written as text: a pack refers to nothing
// outside itself, and on paper a link is only useful with its address
// showing. "[the plan](https://x.org/p)" becomes "the plan (https://x.org/p)";
// an image becomes its alt text in brackets and its address.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithRendererOptions(
		renderer.WithNodeRenderers(util.Prioritized(textLinks{}, 100)),
	))
}

// textLinks renders links, autolinks and images as text.
type textLinks struct{}

// RegisterFuncs takes over the link, autolink and image nodes.
func (textLinks) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindLink, renderLink)
	r.Register(ast.KindAutoLink, renderAutoLink)
	r.Register(ast.KindImage, view.RenderImageText)
}

func renderLink(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		return ast.WalkContinue, nil
	}
	dest := string(n.(*ast.Link).Destination)
	if dest != "" && dest[0] != '#' {
		w.WriteString(` <span class="link-url">(` + html.EscapeString(dest) + `)</span>`)
	}
	return ast.WalkContinue, nil
}

func renderAutoLink(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<span class="link-url">` + html.EscapeString(string(n.(*ast.AutoLink).Label(source))) + `</span>`)
	}
	return ast.WalkSkipChildren, nil
}
