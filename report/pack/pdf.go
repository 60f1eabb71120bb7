package pack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"kpireport/report/internal/browser"
)

// ErrNoChrome is returned by FindChrome when no browser is installed.
var ErrNoChrome = errors.New("--pdf: no Chromium or Chrome found on PATH; install chromium or pass --chrome PATH")

// FindChrome returns the browser to print with: chrome when it is given
// (a path, or a program on the PATH), otherwise the browser that
// browser.Find finds. Without one it returns ErrNoChrome.
func FindChrome(chrome string) (string, error) {
	if chrome != "" {
		p, err := exec.LookPath(chrome)
		if err != nil {
			return "", fmt.Errorf("--chrome %s: %w", chrome, err)
		}
		return p, nil
	}
	p, err := browser.Find()
	if errors.Is(err, browser.ErrNotFound) {
		return "", ErrNoChrome
	}
	return p, err
}

// A4 in inches, as PrintToPDF wants it.
const a4Width, a4Height = 8.27, 11.69

// PrintPDFs prints each HTML pack of paths, whose contents read returns,
// to PDF with the browser at chromePath, and adds each PDF to out beside
// its pack (packs/<slug>.pdf), in the order of paths; it returns the PDFs'
// paths. Paths that are not HTML are skipped. Each pack is loaded from a
// temporary file with JavaScript disabled and printed on A4 as its CSS lays
// it out: margins, page breaks and the page header and footer (perspective,
// period, page X of Y) come from its @page rules. One pack at a time is in
// memory.
//
// Chromium writes a creation date into each PDF, so unlike the HTML packs
// the PDFs differ from build to build.
func PrintPDFs(ctx context.Context, chromePath string, paths []string, read func(path string) ([]byte, bool), out Sink) ([]string, error) {
	dir, err := os.MkdirTemp("", "kpireport-pdf-")
	if err != nil {
		return nil, fmt.Errorf("--pdf: %w", err)
	}
	defer os.RemoveAll(dir)
	profile := filepath.Join(dir, "profile")
	if err := os.Mkdir(profile, 0o700); err != nil {
		return nil, fmt.Errorf("--pdf: %w", err)
	}
	bctx, cancel, err := browser.New(ctx, chromePath, browser.DataDir(profile))
	if err != nil {
		return nil, fmt.Errorf("--pdf: %w", err)
	}
	defer cancel()
	tab, err := browser.NewTab(bctx)
	if err != nil {
		return nil, fmt.Errorf("--pdf: %w", err)
	}
	defer tab.Close()
	if err := DisableScripts(tab.Ctx); err != nil {
		return nil, fmt.Errorf("--pdf: disabling JavaScript: %w", err)
	}
	var pdfs []string
	for _, p := range paths {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, ok := read(p)
		if !ok {
			return nil, fmt.Errorf("--pdf: %s: the pack is missing", p)
		}
		file := filepath.Join(dir, path.Base(p))
		if err := os.WriteFile(file, data, 0o600); err != nil {
			return nil, fmt.Errorf("--pdf: %w", err)
		}
		u, err := browser.FileURL(file)
		if err != nil {
			return nil, fmt.Errorf("--pdf: %w", err)
		}
		if err := tab.Open(u); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("--pdf: opening %s: %w", p, err)
		}
		yes, no := true, false
		res, err := chromedp.Run(tab.Ctx, func(ctx context.Context, target *chromedp.Target) (page.PrintToPDFResult, error) {
			return cdp.Call(ctx, target, page.PrintToPDF, page.PrintToPDFParams{
				PaperWidth:          a4Width,
				PaperHeight:         a4Height,
				PreferCSSPageSize:   &yes,
				PrintBackground:     &yes,
				DisplayHeaderFooter: &no,
			})
		})
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("--pdf: printing %s: %w", p, err)
		}
		pdf := strings.TrimSuffix(p, ".html") + ".pdf"
		if err := out.AddFunc(pdf, func(w io.Writer) error {
			_, err := w.Write(res.Data)
			return err
		}); err != nil {
			return nil, err
		}
		pdfs = append(pdfs, pdf)
	}
	return pdfs, nil
}

// DisableScripts turns JavaScript off in the tab of ctx (a chromedp tab
// context), as a mail preview would. The DevTools protocol can still read
// the page.
func DisableScripts(ctx context.Context) error {
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
}
