package chart

import (
	"context"
	"fmt"
	"html"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"

	"kpireport/templates"
)

// The ECharts file is compiled once per process; a compiled program can be
// run by any number of runtimes, so a new Renderer only has to run it.
var (
	compileOnce sync.Once
	compiled    *goja.Program
	compileErr  error
)

func echartsProgram() (*goja.Program, error) {
	compileOnce.Do(func() {
		compiled, compileErr = goja.Compile("echarts.min.js", string(templates.ECharts), false)
		if compileErr != nil {
			compileErr = fmt.Errorf("chart: compiling echarts.min.js: %w", compileErr)
		}
	})
	return compiled, compileErr
}

// renderJS defines the function that renders one chart. It asks ECharts'
// SVG painter for its string directly rather than through
// renderToSVGString, to leave out the hover and animation CSS (a printed
// pack has no use for them) and to name the painter after the chart:
// ECharts numbers its painters "zr0", "zr1"… per runtime and prefixes every
// id and class in the SVG with that name, which would make the output depend
// on how many charts a runtime drew before and let two charts in one page
// share ids.
const renderJS = `(function (option, width, height, id) {
	// axisFormatter writes a value axis's numbers with the separators of
	// nf, an option's "numberFormat": 18000.5 as 18.000,5 for de-DE.
	function axisFormatter(nf) {
		return function (v) {
			var parts = String(v).split('.');
			parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, nf.group);
			return parts.join(nf.decimal) + nf.suffix;
		};
	}
	function applyNumberFormat(option) {
		if (!option.numberFormat) {
			return;
		}
		[].concat(option.yAxis || []).forEach(function (a) {
			if (a && a.type === 'value') {
				a.axisLabel = a.axisLabel || {};
				a.axisLabel.formatter = axisFormatter(option.numberFormat);
			}
		});
		delete option.numberFormat;
	}
	var chart = echarts.init(null, null, {renderer: 'svg', ssr: true, width: width, height: height});
	try {
		var o = JSON.parse(option);
		applyNumberFormat(o);
		chart.setOption(o);
		var painter = chart.getZr().painter;
		painter._id = id;
		return painter.renderToString({cssAnimation: false, cssEmphasis: false, useViewBox: true});
	} finally {
		chart.dispose();
	}
})`

// Renderer renders charts to SVG with ECharts' own server-side renderer,
// running in an embedded JavaScript runtime (goja). Loading ECharts takes a
// while (see BenchmarkNewRenderer), so make one Renderer and reuse it. A
// Renderer is not safe for concurrent use; RenderAll renders on several.
type Renderer struct {
	vm     *goja.Runtime
	render goja.Callable
}

// NewRenderer starts a JavaScript runtime and loads ECharts into it.
func NewRenderer() (*Renderer, error) {
	prg, err := echartsProgram()
	if err != nil {
		return nil, err
	}
	vm := goja.New()
	// Fixed randomness and clock: nothing in the output may depend on them.
	vm.SetRandSource(func() float64 { return 0.5 })
	vm.SetTimeSource(func() time.Time { return time.Unix(0, 0) })
	// ECharts looks for timers and a console when it loads. Timers never
	// fire here: with animation off and ssr on, drawing is synchronous.
	noop := func(goja.FunctionCall) goja.Value { return goja.Undefined() }
	console := vm.NewObject()
	for _, name := range []string{"log", "info", "warn", "error", "debug"} {
		if err := console.Set(name, noop); err != nil {
			return nil, fmt.Errorf("chart: preparing the JavaScript runtime: %w", err)
		}
	}
	globals := []struct {
		name  string
		value any
	}{
		{"setTimeout", noop}, {"clearTimeout", noop},
		{"setInterval", noop}, {"clearInterval", noop},
		{"console", console},
	}
	for _, g := range globals {
		if err := vm.Set(g.name, g.value); err != nil {
			return nil, fmt.Errorf("chart: preparing the JavaScript runtime: %w", err)
		}
	}
	if _, err := vm.RunProgram(prg); err != nil {
		return nil, fmt.Errorf("chart: loading echarts.min.js: %w", err)
	}
	fn, err := vm.RunString(renderJS)
	if err != nil {
		return nil, fmt.Errorf("chart: defining the SVG renderer: %w", err)
	}
	render, ok := goja.AssertFunction(fn)
	if !ok {
		return nil, fmt.Errorf("chart: the SVG renderer is not a function")
	}
	return &Renderer{vm: vm, render: render}, nil
}

// SVG renders c as an SVG document of c.Width by c.Height pixels, to be
// inlined in HTML. Every id in it starts with c.ID, and the root <svg> has
// role="img" and c.Alt as its aria-label. The same chart always gives the
// same bytes, whatever was rendered before.
func (r *Renderer) SVG(c Chart) (string, error) {
	if err := checkID(c.ID); err != nil {
		return "", err
	}
	if c.Width <= 0 || c.Height <= 0 {
		return "", fmt.Errorf("chart %q: size %dx%d is not positive", c.ID, c.Width, c.Height)
	}
	v, err := r.render(goja.Undefined(),
		r.vm.ToValue(string(c.Option)), r.vm.ToValue(c.Width), r.vm.ToValue(c.Height), r.vm.ToValue(c.ID))
	if err != nil {
		return "", fmt.Errorf("chart %q: rendering SVG: %w", c.ID, err)
	}
	svg := v.String()
	if !strings.HasPrefix(svg, "<svg ") {
		return "", fmt.Errorf("chart %q: rendering SVG: ECharts returned no <svg> element", c.ID)
	}
	return addLabel(svg, c.Alt), nil
}

// addLabel gives the root <svg> element the role of an image with alt as
// its accessible name.
func addLabel(svg, alt string) string {
	attrs := `<svg role="img"`
	if alt != "" {
		attrs += ` aria-label="` + html.EscapeString(alt) + `"`
	}
	return attrs + strings.TrimPrefix(svg, "<svg")
}

// renderers keeps loaded Renderers between calls to RenderAll.
var renderers sync.Pool

// RenderAll renders charts to SVG on up to workers goroutines and returns
// the SVGs in the order of charts. The charts the Go renderer knows (a
// History chart, a Scores chart) are drawn in Go; any other goes to ECharts,
// whose runtime a worker loads only when it meets such a chart. The output
// does not depend on the number of workers. On failure it returns the
// error of the first chart, in input order, that failed. Once ctx is done
// it starts no more charts, interrupts the ones being drawn, and returns
// ctx's error.
func RenderAll(ctx context.Context, charts []Chart, workers int) ([]string, error) {
	return RenderProgress(ctx, charts, workers, nil)
}

// RenderProgress is RenderAll, calling progress (when not nil) with the
// number of charts drawn so far after each one; the calls may come from
// several goroutines, one at a time.
func RenderProgress(ctx context.Context, charts []Chart, workers int, progress func(done int)) ([]string, error) {
	return render(ctx, charts, workers, progress, func(w *echartsWorker, c Chart) (string, error) { return w.svg(ctx, c) })
}

// render is RenderProgress with viaECharts drawing the charts the Go
// renderer does not know, on the worker's ECharts runtime (which it loads
// only when it uses it). viaECharts may be called from several goroutines
// at once, each with its own worker.
func render(ctx context.Context, charts []Chart, workers int, progress func(done int), viaECharts func(w *echartsWorker, c Chart) (string, error)) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	workers = min(max(workers, 1), len(charts))
	out := make([]string, len(charts))
	errs := make([]error, len(charts))
	next := make(chan int)
	var wg sync.WaitGroup
	var doneMu sync.Mutex
	done := 0
	for range workers {
		wg.Go(func() {
			var w echartsWorker
			defer w.release()
			for i := range next {
				svg, ok, err := goSVG(charts[i])
				if !ok {
					svg, err = viaECharts(&w, charts[i])
				}
				out[i], errs[i] = svg, err
				if progress != nil {
					doneMu.Lock()
					done++
					progress(done)
					doneMu.Unlock()
				}
			}
		})
	}
feed:
	for i := range charts {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// echartsWorker is the ECharts runtime of one worker of RenderProgress,
// loaded on its first chart that needs it.
type echartsWorker struct {
	r    *Renderer
	stop func() bool
	err  error
}

// svg renders c with ECharts, loading it first if need be.
func (w *echartsWorker) svg(ctx context.Context, c Chart) (string, error) {
	if w.r == nil && w.err == nil {
		w.r, w.err = getRenderer()
		if w.err == nil {
			w.stop = w.r.interruptOn(ctx)
		}
	}
	if w.err != nil {
		return "", w.err
	}
	return w.r.SVG(c)
}

// release gives the runtime back to the pool, unless ctx stopped it half
// way through a chart: ECharts' state in it is then not to be trusted and
// it is left for the garbage collector.
func (w *echartsWorker) release() {
	if w.r != nil && w.stop() {
		renderers.Put(w.r)
	}
}

// interruptOn stops the JavaScript r is running, now or later, once ctx is
// done. Calling stop before then cancels that and returns true; after, it
// returns false and r must not be used again.
func (r *Renderer) interruptOn(ctx context.Context) (stop func() bool) {
	return context.AfterFunc(ctx, func() { r.vm.Interrupt(ctx.Err()) })
}

// getRenderer returns a Renderer from the pool, or a new one.
func getRenderer() (*Renderer, error) {
	if r, ok := renderers.Get().(*Renderer); ok {
		return r, nil
	}
	return NewRenderer()
}
