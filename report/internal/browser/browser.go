// Package browser starts a headless Chromium and opens pages in it. The
// browser tests use it to check the generated site, and a PDF output can use
// it to print review packs.
//
// A session goes: Find the browser, start it with New, open a Tab, Open a
// page in it, then read what the page reported with Problems and Requests;
// Open the next page in the same tab.
package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// EnvPath is the environment variable that names the browser to use,
// overriding the search of Find.
const EnvPath = "KPIREPORT_CHROME"

// ErrNotFound is returned by Find when no browser is installed.
var ErrNotFound = errors.New("no Chromium found: install chromium, or set " + EnvPath + " to a Chrome or Chromium program")

// names are the programs Find looks for on the PATH, in order.
var names = []string{"chromium", "chromium-browser", "google-chrome"}

// flags are the command-line switches New starts the browser with, besides
// --user-data-dir and the pipe chromedp talks through.
var flags = []string{
	"no-sandbox",
	"headless",
	"disable-gpu",
	"no-first-run",
	"disable-background-networking",
	"disable-component-update",
	"disable-sync",
}

// Find returns the path of the browser: the program EnvPath names when it is
// set, otherwise the first of chromium, chromium-browser and google-chrome
// found on the PATH. It returns an error wrapping ErrNotFound when there is
// none.
func Find() (string, error) {
	if p := os.Getenv(EnvPath); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvPath, p, err)
		}
		return path, nil
	}
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", ErrNotFound
}

// Option changes how New starts the browser.
type Option func(*config)

type config struct {
	dataDir string
}

// closeTimeout is how long the cancel func of New waits for the browser to
// close before it kills it.
const closeTimeout = 10 * time.Second

// DataDir makes the browser keep its profile in dir, which the caller
// creates and removes. Without it, New uses a fresh temporary folder and
// removes it when the browser stops.
func DataDir(dir string) Option {
	return func(c *config) { c.dataDir = dir }
}

// New starts the browser at path with exactly these switches: --no-sandbox
// --headless --disable-gpu --no-first-run --disable-background-networking
// --disable-component-update --disable-sync, and a --user-data-dir (see
// DataDir); chromedp adds the pipe it talks through. The returned context
// holds the browser: pass it to NewTab. The browser stops when ctx ends or
// when cancel is called; cancel closes it and waits for it to exit.
func New(ctx context.Context, path string, opts ...Option) (context.Context, context.CancelFunc, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	allocOpts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path)}
	for _, f := range flags {
		allocOpts = append(allocOpts, chromedp.Flag(f, true))
	}
	if c.dataDir != "" {
		allocOpts = append(allocOpts, chromedp.UserDataDir(c.dataDir))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, allocOpts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	cancel := func() {
		// Close the browser gracefully, so that it ends its helper
		// processes before a caller removes its profile folder; then free
		// the contexts, which kills a browser that did not close.
		closeCtx, stop := context.WithTimeout(browserCtx, closeTimeout)
		chromedp.Cancel(closeCtx)
		stop()
		cancelBrowser()
		cancelAlloc()
	}
	// The first run starts the browser and binds it to browserCtx.
	if err := chromedp.Do(browserCtx); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return browserCtx, cancel, nil
}

// Tab is one browser tab that records, from its first event, what its pages
// report: console errors, uncaught exceptions, error log entries (such as a
// file that failed to load) and the URL of every request. Requests to
// http, https, ws and wss addresses are blocked, so a page never reaches the
// network, but they are still recorded.
type Tab struct {
	// Ctx runs chromedp actions in this tab.
	Ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	problems []string
	requests []string
}

// blocked are the URL patterns a Tab refuses to load.
var blocked = []string{"http://*:*/*", "https://*:*/*", "ws://*:*/*", "wss://*:*/*"}

// NewTab opens a blank tab in the browser that New started. Requests to
// the origins in allow (such as a test's loopback server,
// "http://127.0.0.1:4321") are let through; every other network request is
// blocked.
func NewTab(browserCtx context.Context, allow ...string) (*Tab, error) {
	t := new(Tab)
	t.Ctx, t.cancel = chromedp.NewContext(browserCtx, chromedp.WithListener(t.record))
	var patterns []*network.BlockPattern
	for _, origin := range allow {
		// The first pattern a URL matches decides.
		patterns = append(patterns, &network.BlockPattern{URLPattern: origin + "/*", Block: false})
	}
	for _, p := range blocked {
		patterns = append(patterns, &network.BlockPattern{URLPattern: p, Block: true})
	}
	err := chromedp.Do(t.Ctx, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: patterns})
		return err
	}))
	if err != nil {
		t.cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	return t, nil
}

// Open loads the URL u in the tab and waits for its load event. It first
// leaves the page before for about:blank and forgets what that page
// reported, so that Problems and Requests then tell of u alone.
func (t *Tab) Open(u string) error {
	if err := chromedp.Do(t.Ctx, chromedp.Navigate("about:blank")); err != nil {
		return err
	}
	t.mu.Lock()
	t.problems, t.requests = nil, nil
	t.mu.Unlock()
	return chromedp.Do(t.Ctx, chromedp.Navigate(u))
}

// Wait evaluates the JavaScript expression cond in the page of the tab
// every pollInterval until it is truthy or timeout has passed, and reports
// whether it became truthy. It returns an error when cond throws or the page
// goes away.
func (t *Tab) Wait(cond string, timeout time.Duration) (bool, error) {
	ms := timeout.Milliseconds()
	js := fmt.Sprintf(`new Promise((resolve, reject) => {
	const end = performance.now() + %d;
	const check = () => {
		try {
			if (%s) resolve(true);
			else if (performance.now() >= end) resolve(false);
			else setTimeout(check, %d);
		} catch (e) {
			reject(e);
		}
	};
	check();
})`, ms, cond, pollInterval.Milliseconds())
	// The page ends the wait; the context only guards against a page that
	// stops running.
	ctx, cancel := context.WithTimeout(t.Ctx, timeout+10*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise))
}

// pollInterval is how often Wait evaluates its condition.
const pollInterval = 50 * time.Millisecond

// Close closes the tab.
func (t *Tab) Close() {
	t.cancel()
}

// Problems returns what the pages of the tab reported so far, one line each,
// in the order they came: "console.error: ...", "uncaught exception: ..." and
// "error log: ...".
func (t *Tab) Problems() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.problems)
}

// Requests returns the URL of every request the pages of the tab made so
// far, in order, including the pages themselves.
func (t *Tab) Requests() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.requests)
}

// record is called by chromedp with each event of the tab, on the goroutine
// that reads the tab's messages, so it only appends under the lock.
func (t *Tab) record(ev any) {
	var problem, request string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			problem = "console.error: " + argsString(ev.Args) + stackPlace(ev.StackTrace)
		}
	case *runtime.EventExceptionThrown:
		problem = "uncaught exception: " + exceptionString(ev.ExceptionDetails)
	case *cdplog.EventEntryAdded:
		if e := ev.Entry; e != nil && e.Level == cdplog.EntryLevelError {
			problem = "error log: " + e.Text
			if e.URL != "" {
				problem += " (" + e.URL + ")"
			}
		}
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			request = ev.Request.URL
		}
	default:
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if problem != "" {
		t.problems = append(t.problems, problem)
	}
	if request != "" {
		t.requests = append(t.requests, request)
	}
}

// argsString writes the arguments of a console call as the console shows
// them: strings bare, other values by their description, space-separated.
func argsString(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		parts = append(parts, remoteString(a))
	}
	return strings.Join(parts, " ")
}

func remoteString(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if len(o.Value) > 0 {
		var s string
		if json.Unmarshal(o.Value, &s) == nil {
			return s
		}
		return string(o.Value)
	}
	if o.UnserializableValue != "" {
		return string(o.UnserializableValue)
	}
	if o.Description != "" {
		return o.Description
	}
	return string(o.Type)
}

// exceptionString describes an uncaught exception by its message and place.
func exceptionString(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	msg := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		// The description holds the message and the stack; keep the
		// message line.
		msg, _, _ = strings.Cut(d.Exception.Description, "\n")
	}
	if d.URL != "" {
		msg += fmt.Sprintf(" (%s:%d)", d.URL, d.LineNumber+1)
	} else {
		msg += stackPlace(d.StackTrace)
	}
	return msg
}

// stackPlace returns " (url:line)" for the top frame of s, or "".
func stackPlace(s *runtime.StackTrace) string {
	if s == nil || len(s.CallFrames) == 0 {
		return ""
	}
	f := s.CallFrames[0]
	return fmt.Sprintf(" (%s:%d)", f.URL, f.LineNumber+1)
}

// FileURL returns the file:// URL of the file at path, made absolute.
func FileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: p}).String(), nil
}
