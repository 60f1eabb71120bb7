package browsertest

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"kpireport/report/internal/browser"
)

// PNGDirEnv names a folder where the tests that compare two drawings of a
// chart save each comparison as a PNG (see SavePNG).
const PNGDirEnv = "KPIREPORT_CHART_PNGS"

// ShowSVG shows svg alone on a white page, written into dir, and returns
// what Chromium draws of it.
func ShowSVG(t testing.TB, tab *browser.Tab, dir string, svg string) image.Image {
	t.Helper()
	page := filepath.Join(dir, "chart.html")
	html := `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}svg{display:block}</style></head><body>` + svg + `</body></html>`
	if err := os.WriteFile(page, []byte(html), 0o600); err != nil {
		t.Fatal(err)
	}
	u, err := browser.FileURL(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := tab.Open(u); err != nil {
		t.Fatal(err)
	}
	buf, err := chromedp.Run(tab.Ctx, chromedp.Screenshot(chromedp.CSS("svg")))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// PixelDiff returns the share of pixels of a and b that differ visibly (by
// more than 24 of 255 in a channel: enough to see a band shaded at 15%
// opacity, which differs from white by about 38), and an image of a, pale,
// with them in red.
func PixelDiff(a, b image.Image) (float64, image.Image) {
	r := a.Bounds()
	out := image.NewRGBA(r)
	differ := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ca := color.RGBAModel.Convert(a.At(x, y)).(color.RGBA)
			cb := color.RGBAModel.Convert(b.At(x, y)).(color.RGBA)
			if far(ca.R, cb.R) || far(ca.G, cb.G) || far(ca.B, cb.B) {
				differ++
				out.Set(x, y, color.RGBA{220, 0, 0, 255})
				continue
			}
			g := uint8((int(ca.R)+int(ca.G)+int(ca.B))/6 + 128)
			out.Set(x, y, color.RGBA{g, g, g, 255})
		}
	}
	return float64(differ) / float64(r.Dx()*r.Dy()), out
}

func far(a, b uint8) bool { return int(a) > int(b)+24 || int(b) > int(a)+24 }

// SavePNG writes images of one size side by side as a PNG at path.
func SavePNG(t testing.TB, path string, imgs ...image.Image) {
	t.Helper()
	r := imgs[0].Bounds()
	all := image.NewRGBA(image.Rect(0, 0, len(imgs)*(r.Dx()+8), r.Dy()))
	draw.Draw(all, all.Bounds(), image.NewUniform(color.RGBA{90, 90, 90, 255}), image.Point{}, draw.Src)
	for i, img := range imgs {
		draw.Draw(all, r.Add(image.Pt(i*(r.Dx()+8), 0)), img, r.Min, draw.Src)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, all); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatalf("saving the comparison: %v", err)
	}
}
