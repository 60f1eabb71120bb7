// Package templates holds the files that kpireport embeds in its binary: the
// page templates, the style sheets and the vendored JavaScript. Its only Go
// code is the embeds; go:embed cannot reach outside a package's folder, so the
// files live here and other packages read them through these variables.
package templates

import "embed"

// ECharts is Apache ECharts 5.6.0's minified browser build
// (third_party/echarts/echarts.min.js). The site serves it to draw charts and
// report/chart runs it in goja to render charts to SVG.
//
//go:embed third_party/echarts/echarts.min.js
var ECharts []byte

// EChartsLicense is ECharts' LICENSE file (Apache License 2.0), to be shipped
// beside echarts.min.js.
//
//go:embed third_party/echarts/LICENSE
var EChartsLicense []byte

// EChartsNotice is ECharts' NOTICE file, to be shipped beside echarts.min.js.
//
//go:embed third_party/echarts/NOTICE
var EChartsNotice []byte

// EChartsLicenseD3 is the BSD 3-Clause licence of the d3.js code that
// echarts.min.js includes; ECharts' LICENSE refers to it, so it ships beside
// the file too.
//
//go:embed third_party/echarts/LICENSE-d3
var EChartsLicenseD3 []byte

// Site holds the static site's templates and assets (site/): the page
// templates (base.html, parts.html and one file per page kind), site.css and
// site.js. report/site reads them through fs.Sub(Site, "site").
//
//go:embed site
var Site embed.FS

// Packs holds the review packs' templates (packs/): pack.html, the zip's
// index.html and pack.css, which every pack inlines. report/pack reads them
// with the shared parts of site/parts.html.
//
//go:embed packs
var Packs embed.FS
