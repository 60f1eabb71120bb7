package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"kpireport/report"
	"kpireport/report/chart"
	"kpireport/report/workbook"
)

// eventsPath is where serve's pages listen for "reload"; reloadPath is the
// script that listens, which serve adds to every HTML page it sends.
const (
	eventsPath = "/__kpireport/events"
	reloadPath = "/__kpireport/reload.js"
)

// reloadJS reloads the page when serve says a rebuild is done.
const reloadJS = `(function () {
  var es = new EventSource("` + eventsPath + `");
  es.addEventListener("reload", function () { location.reload(); });
})();
`

// debounce is how long serve waits after the last change before it
// rebuilds: an editor's save is several events.
const debounce = 300 * time.Millisecond

// liveSite is the state serve shares between its builder, its watcher and
// its HTTP handler.
type liveSite struct {
	dir string // the built site's folder, in a temporary folder of serve's

	mu       sync.Mutex
	built    bool     // a build has succeeded at least once
	problems []string // the last build's errors, or nil when it succeeded
	gen      int      // counts the builds done, good or bad
	clients  map[chan int]bool
}

// serve runs "kpireport serve": it builds the site into a temporary folder,
// serves it on addr, and rebuilds when a watched file changes until ctx is
// done. ready, when not nil, is called with the server's address once it
// has built the site once, and with the folder it builds into.
func serve(ctx context.Context, opts report.Options, addr string, stdout, stderr io.Writer, ready func(url, dir string)) error {
	tmp, err := os.MkdirTemp("", "kpireport-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	disk, err := chart.OpenCache(chart.DefaultCacheBytes)
	if err != nil || opts.NoCache {
		disk = nil
	}
	opts.Charts = chart.InMemory(disk)
	opts.Out = filepath.Join(tmp, "site")
	opts.Quiet, opts.Progress, opts.Force = true, false, false
	ls := &liveSite{dir: opts.Out, clients: map[chan int]bool{}}

	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching the workbooks: %w", err)
	}
	defer watcher.Close()
	w := newWatchList(opts)
	if err := w.add(watcher); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: ls, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(stdout, "serving %s (Ctrl-C to stop)\n", url)

	builds := make(chan struct{}, 1)
	builds <- struct{}{}
	var (
		cancelMu sync.Mutex
		cancel   context.CancelFunc = func() {}
	)
	builderDone := make(chan struct{})
	go func() {
		defer close(builderDone)
		first := true
		for {
			select {
			case <-ctx.Done():
				return
			case <-builds:
			}
			bctx, c := context.WithCancel(ctx)
			cancelMu.Lock()
			cancel = c
			cancelMu.Unlock()
			ls.rebuild(bctx, opts, stderr, first)
			c()
			if first {
				first = false
				if ready != nil {
					ready(url, opts.Out)
				}
			}
		}
	}()

	var timer *time.Timer
	fire := make(chan struct{}, 1)
	for {
		select {
		case <-ctx.Done():
			shut, c := context.WithTimeout(context.Background(), 2*time.Second)
			ls.closeClients()
			srv.Shutdown(shut)
			c()
			<-builderDone
			fmt.Fprintln(stderr, "kpireport serve: stopped")
			return nil
		case err := <-served:
			return err
		case ev, ok := <-watcher.Events:
			if !ok {
				return errors.New("the file watcher stopped")
			}
			if ev.Op&fsnotify.Create != 0 {
				w.addNew(watcher, ev.Name)
			}
			if !w.relevant(ev) {
				continue
			}
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(debounce, func() {
				select {
				case fire <- struct{}{}:
				default:
				}
			})
		case err, ok := <-watcher.Errors:
			if ok {
				fmt.Fprintf(stderr, "warning: watching the workbooks: %v\n", err)
			}
		case <-fire:
			cancelMu.Lock()
			cancel() // a build of the old files is no longer wanted
			cancelMu.Unlock()
			select {
			case builds <- struct{}{}:
			default:
			}
		}
	}
}

// rebuild builds the site once, records what came of it and tells the open
// pages to reload. A build stopped for a newer one leaves everything as it
// was.
func (ls *liveSite) rebuild(ctx context.Context, opts report.Options, stderr io.Writer, first bool) {
	start := time.Now()
	var log bytes.Buffer
	opts.Log = &log
	err := report.Build(ctx, opts)
	if ctx.Err() != nil {
		return
	}
	took := time.Since(start).Seconds()
	var problems []string
	if err != nil {
		problems = buildProblems(ctx, opts, err)
	}
	ls.mu.Lock()
	ls.problems = problems
	if err == nil {
		ls.built = true
	}
	ls.gen++
	gen := ls.gen
	for c := range ls.clients {
		select {
		case c <- gen:
		default:
		}
	}
	ls.mu.Unlock()
	verb := "rebuilt"
	if first {
		verb = "built"
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s with errors in %.1f s (the page shows them; the last good site is still served):\n", verb, took)
		for _, p := range problems {
			fmt.Fprintln(stderr, "  "+workbook.SafeText(p))
		}
		return
	}
	fmt.Fprintf(stderr, "%s in %.1f s\n", verb, took)
}

// buildProblems lists what stopped a build: the workbooks' errors, each
// with its file, sheet and cell as check prints them, or the build's error.
func buildProblems(ctx context.Context, opts report.Options, err error) []string {
	var out []string
	if errors.Is(err, report.ErrInvalid) {
		if d, derr := report.Diagnose(ctx, opts); derr == nil {
			for _, p := range d.Problems.List {
				if p.Severity == workbook.Error {
					out = append(out, p.String())
				}
			}
		}
	}
	if len(out) == 0 {
		out = append(out, err.Error())
	}
	return out
}

func (ls *liveSite) closeClients() {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	for c := range ls.clients {
		close(c)
		delete(ls.clients, c)
	}
}

// ServeHTTP serves the last good site, the reload script and the events,
// and adds the script (and, while the workbooks have errors, a panel
// listing them) to each HTML page as it goes out.
func (ls *liveSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case eventsPath:
		ls.events(w, r)
		return
	case reloadPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, reloadJS)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	ls.mu.Lock()
	built, problems := ls.built, ls.problems
	ls.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	if !built {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, errorPage(problems))
		return
	}
	name := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	if strings.HasSuffix(name, ".html") {
		data, err := os.ReadFile(filepath.Join(ls.dir, filepath.FromSlash(name)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(injectLive(data, problems))
		return
	}
	http.FileServer(http.Dir(ls.dir)).ServeHTTP(w, r)
}

// events streams "reload" to a page each time a build is done.
func (ls *liveSite) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan int, 1)
	ls.mu.Lock()
	ls.clients[c] = true
	gen := ls.gen
	ls.mu.Unlock()
	defer func() {
		ls.mu.Lock()
		delete(ls.clients, c)
		ls.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "event: hello\ndata: %d\n\n", gen)
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case g, ok := <-c:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: reload\ndata: %d\n\n", g)
			flusher.Flush()
		}
	}
}

// injectLive adds the reload script to a page, and the panel of errors
// when there are any; it lets the page's Content-Security-Policy load the
// script and open the events.
func injectLive(page []byte, problems []string) []byte {
	s := amendCSP(string(page))
	add := `<script src="` + reloadPath + `"></script>`
	if len(problems) > 0 {
		add = problemPanel(problems) + add
	}
	if i := strings.LastIndex(s, "</body>"); i >= 0 {
		return []byte(s[:i] + add + s[i:])
	}
	return []byte(s + add)
}

// amendCSP lets the page's Content-Security-Policy meta tag, if it has one,
// load scripts from and connect to serve itself, which the reload script
// needs; the rest of the policy stays.
func amendCSP(s string) string {
	const meta = `http-equiv="Content-Security-Policy" content="`
	i := strings.Index(s, meta)
	if i < 0 {
		return s
	}
	start := i + len(meta)
	end := strings.IndexByte(s[start:], '"')
	if end < 0 {
		return s
	}
	policy := html.UnescapeString(s[start : start+end])
	var parts []string
	seen := map[string]bool{}
	for _, d := range strings.Split(policy, ";") {
		d = strings.TrimSpace(d)
		if d == "" {
			continue
		}
		name := strings.ToLower(strings.Fields(d)[0])
		if (name == "script-src" || name == "connect-src") && !strings.Contains(d, "'self'") {
			d = strings.Replace(d, "'none'", "", 1) + " 'self'"
		}
		seen[name] = true
		parts = append(parts, d)
	}
	for _, name := range []string{"script-src", "connect-src"} {
		if !seen[name] {
			parts = append(parts, name+" 'self'")
		}
	}
	attr := strings.NewReplacer("&", "&amp;", `"`, "&quot;").Replace(strings.Join(parts, "; "))
	return s[:start] + attr + s[start+end:]
}

// problemPanel is the panel over a page listing the errors that stop the
// build; the page beneath is the last good build.
func problemPanel(problems []string) string {
	var b strings.Builder
	b.WriteString(`<div id="kpireport-serve-errors" role="alert" style="position:fixed;inset:0 0 auto 0;z-index:99999;max-height:70vh;overflow:auto;background:#fff4f4;color:#5a0000;border-bottom:3px solid #b00020;padding:1rem 1.5rem;font:15px/1.4 system-ui,sans-serif;box-shadow:0 2px 12px rgba(0,0,0,.3)">`)
	b.WriteString(problemList(problems))
	b.WriteString(`<p style="margin:.5rem 0 0">Below is the last good build. The page reloads when the workbook is saved again.</p></div>`)
	return b.String()
}

func problemList(problems []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<h2 style="margin:0 0 .5rem;font-size:1.1rem">The workbooks have %d %s; the site was not rebuilt</h2><ul style="margin:0;padding-left:1.2rem">`,
		len(problems), plural(len(problems), "error", "errors"))
	for _, p := range problems {
		b.WriteString(`<li><code>` + html.EscapeString(p) + `</code></li>`)
	}
	b.WriteString(`</ul>`)
	return b.String()
}

// errorPage is what serve sends before any build has succeeded.
func errorPage(problems []string) string {
	body := "<p>Building the site…</p>"
	if len(problems) > 0 {
		body = problemList(problems) + `<p>The page reloads when the workbook is saved again.</p>`
	}
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kpireport serve: errors</title></head>
<body style="font:15px/1.4 system-ui,sans-serif;margin:2rem;color:#5a0000">` + body +
		`<script src="` + reloadPath + `"></script></body></html>
`
}

// watchList is what serve watches: the folders of the workbooks and of the
// mapping file, for those files only, and the commentary folders and
// --templates, whole. Folders rather than files are watched, so that an
// editor's save by writing a new file and renaming it over the old one is
// seen.
type watchList struct {
	files map[string]bool // the workbooks and the mapping, absolute
	trees []string        // the commentary folders and --templates
}

func newWatchList(opts report.Options) *watchList {
	w := &watchList{files: map[string]bool{}}
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return filepath.Clean(p)
	}
	for _, in := range opts.Inputs {
		w.files[abs(in)] = true
		w.trees = append(w.trees, filepath.Join(filepath.Dir(abs(in)), "commentary"))
	}
	if opts.Map != "" {
		w.files[abs(opts.Map)] = true
	} else if len(opts.Inputs) > 0 {
		w.files[filepath.Join(filepath.Dir(abs(opts.Inputs[0])), "kpireport.yaml")] = true
	}
	if opts.Templates != "" {
		w.trees = append(w.trees, abs(opts.Templates))
	}
	return w
}

// add watches the folders; a commentary folder that is not there yet is
// seen when it is made, as its parent is watched.
func (w *watchList) add(watcher *fsnotify.Watcher) error {
	done := map[string]bool{}
	for f := range w.files {
		dir := filepath.Dir(f)
		if done[dir] {
			continue
		}
		done[dir] = true
		if err := watcher.Add(dir); err != nil {
			return fmt.Errorf("watching %s: %w", dir, err)
		}
	}
	for _, t := range w.trees {
		w.addTree(watcher, t)
	}
	return nil
}

// addTree watches root and every folder in it.
func (w *watchList) addTree(watcher *fsnotify.Watcher, root string) {
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			watcher.Add(p)
		}
		return nil
	})
}

// addNew watches a folder made inside a watched tree (or a tree itself).
func (w *watchList) addNew(watcher *fsnotify.Watcher, name string) {
	if fi, err := os.Stat(name); err != nil || !fi.IsDir() {
		return
	}
	for _, t := range w.trees {
		if name == t || strings.HasPrefix(name, t+string(filepath.Separator)) {
			w.addTree(watcher, name)
			return
		}
	}
}

// relevant says whether an event calls for a rebuild: a change to a watched
// file or within a watched tree, other than to a lock or temporary file.
func (w *watchList) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod || scratchFile(filepath.Base(ev.Name)) {
		return false
	}
	if w.files[ev.Name] {
		return true
	}
	for _, t := range w.trees {
		if ev.Name == t || strings.HasPrefix(ev.Name, t+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// scratchFile reports whether name is an office suite's lock file or an
// editor's temporary file, whose comings and goings are not edits.
func scratchFile(name string) bool {
	return strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".~lock") ||
		strings.HasSuffix(name, ".tmp") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasPrefix(name, ".#")
}

// serveFlags adds serve's flags.
func serveFlags(fs *flag.FlagSet, opts *report.Options, addr *string) {
	fs.StringVar(addr, "addr", "127.0.0.1:8080", "the `address` to serve on; the default is reachable from this computer only")
	fs.StringVar(&opts.Templates, "templates", "", "a `folder` of templates to use instead of the built-in ones (watched too)")
	fs.BoolVar(&opts.NoPacks, "no-packs", false, "leave out the review packs")
	fs.BoolVar(&opts.NoCache, "no-cache", false, "keep drawn charts in memory only, reading none from the chart cache on disk")
}
