package scratch

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"kpireport/templates"
)

type Options struct {
	Inputs []string
	Out    string
	Log    io.Writer
}

func Build(ctx context.Context, o Options) error {
	js, _ := templates.Site.ReadFile("site/site.js")
	css, _ := templates.Site.ReadFile("site/site.css")
	files := map[string][]byte{
		"assets/echarts.min.js": templates.ECharts,
		"assets/site.js":        js,
		"assets/site.css":       css,
	}
	const opt = `{&#34;xAxis&#34;:{&#34;type&#34;:&#34;category&#34;,&#34;data&#34;:[&#34;Jan&#34;,&#34;Feb&#34;,&#34;Mar&#34;]},&#34;yAxis&#34;:{},&#34;series&#34;:[{&#34;type&#34;:&#34;line&#34;,&#34;data&#34;:[1,3,2]}]}`
	page := func(prefix string) []byte {
		return []byte(fmt.Sprintf(`<!doctype html><html><head><link rel="stylesheet" href="%[1]sassets/site.css"></head><body><h1>Page</h1>
<div class="chart" data-height="300" data-option="%[2]s"></div><div class="chart" data-height="200" data-option="%[2]s"></div>
<script src="%[1]sassets/echarts.min.js"></script><script src="%[1]sassets/site.js"></script></body></html>`, prefix, opt))
	}
	files["index.html"] = page("")
	for i := range 4 {
		files[fmt.Sprintf("perspectives/p%d.html", i)] = page("../")
	}
	for i := range 40 {
		files[fmt.Sprintf("kpis/k%02d.html", i)] = page("../")
	}
	for name, b := range files {
		p := filepath.Join(o.Out, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
