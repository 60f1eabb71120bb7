package browser_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kpireport/report/internal/browser"
	"kpireport/report/internal/browser/browsertest"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "fake-chrome")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}

	t.Run("env names the browser", func(t *testing.T) {
		t.Setenv(browser.EnvPath, fake)
		got, err := browser.Find()
		if err != nil || got != fake {
			t.Errorf("Find() = %q, %v; want %q, nil", got, err, fake)
		}
	})
	t.Run("env names a missing program", func(t *testing.T) {
		missing := filepath.Join(dir, "no-such-chrome")
		t.Setenv(browser.EnvPath, missing)
		_, err := browser.Find()
		if err == nil || !strings.HasPrefix(err.Error(), browser.EnvPath+"="+missing+": ") {
			t.Errorf("Find() error = %v; want one naming %s=%s", err, browser.EnvPath, missing)
		}
	})
	t.Run("found on the PATH", func(t *testing.T) {
		bin := t.TempDir()
		want := filepath.Join(bin, "chromium-browser")
		if err := os.WriteFile(want, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv(browser.EnvPath, "")
		t.Setenv("PATH", bin)
		got, err := browser.Find()
		if err != nil || got != want {
			t.Errorf("Find() = %q, %v; want %q, nil", got, err, want)
		}
	})
	t.Run("none", func(t *testing.T) {
		t.Setenv(browser.EnvPath, "")
		t.Setenv("PATH", t.TempDir())
		_, err := browser.Find()
		if !errors.Is(err, browser.ErrNotFound) {
			t.Errorf("Find() error = %v; want ErrNotFound", err)
		}
	})
}

func TestFileURL(t *testing.T) {
	got, err := browser.FileURL("/tmp/site dir/index.html")
	if want := "file:///tmp/site%20dir/index.html"; err != nil || got != want {
		t.Errorf("FileURL = %q, %v; want %q", got, err, want)
	}
}

// TestTabRecords opens a page that does everything a Tab records and checks
// that each thing is there.
func TestTabRecords(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	bctx := browsertest.Start(ctx, t)

	dir := t.TempDir()
	page := filepath.Join(dir, "page.html")
	const html = `<!doctype html><title>t</title>
<img src="https://example.com/x.png">
<img src="missing.png">
<script>console.error("bad", 42); console.log("fine"); console.warn("fine too");</script>
<script>throw new Error("boom")</script>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	u, err := browser.FileURL(page)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := browser.NewTab(bctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if err := tab.Open(u); err != nil {
		t.Fatal(err)
	}

	problems := tab.Problems()
	for _, want := range []string{
		"console.error: bad 42 (" + u + ":4)",
		"uncaught exception: Error: boom (" + u + ":5)",
	} {
		if !slices.Contains(problems, want) {
			t.Errorf("problems lack %q; got:\n%s", want, strings.Join(problems, "\n"))
		}
	}
	missing := false
	for _, p := range problems {
		if strings.HasPrefix(p, "error log: ") && strings.Contains(p, "missing.png") {
			missing = true
		}
		if strings.Contains(p, "fine") {
			t.Errorf("a console.log or console.warn was recorded: %q", p)
		}
	}
	if !missing {
		t.Errorf("problems lack the failed load of missing.png; got:\n%s", strings.Join(problems, "\n"))
	}

	requests := tab.Requests()
	dirURL, _ := browser.FileURL(dir)
	for _, want := range []string{u, "https://example.com/x.png", dirURL + "/missing.png"} {
		if !slices.Contains(requests, want) {
			t.Errorf("requests lack %q; got:\n%s", want, strings.Join(requests, "\n"))
		}
	}
}

// TestTabOpenForgets checks that Open starts a fresh record for each page,
// and that Wait sees a condition come true, time out, or throw.
func TestTabOpenForgets(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	bctx := browsertest.Start(ctx, t)

	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.html")
	good := filepath.Join(dir, "good.html")
	if err := os.WriteFile(bad, []byte(`<script>console.error("bad")</script>`), 0o644); err != nil {
		t.Fatal(err)
	}
	const later = `<body><script>setTimeout(() => document.body.dataset.ready = "yes", 100)</script>`
	if err := os.WriteFile(good, []byte(later), 0o644); err != nil {
		t.Fatal(err)
	}
	badURL, _ := browser.FileURL(bad)
	goodURL, _ := browser.FileURL(good)

	tab, err := browser.NewTab(bctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if err := tab.Open(badURL); err != nil {
		t.Fatal(err)
	}
	if got := tab.Problems(); len(got) != 1 {
		t.Errorf("Problems after bad.html = %q; want one console.error", got)
	}
	if err := tab.Open(goodURL); err != nil {
		t.Fatal(err)
	}
	if got := tab.Problems(); len(got) != 0 {
		t.Errorf("Problems after good.html = %q; want none", got)
	}
	if got, want := tab.Requests(), []string{goodURL}; !slices.Equal(got, want) {
		t.Errorf("Requests after good.html = %q; want %q", got, want)
	}

	if ok, err := tab.Wait(`document.body.dataset.ready === "yes"`, 10*time.Second); !ok || err != nil {
		t.Errorf("Wait for the timer = %v, %v; want true, nil", ok, err)
	}
	if ok, err := tab.Wait(`document.title === "never"`, 100*time.Millisecond); ok || err != nil {
		t.Errorf("Wait for a false condition = %v, %v; want false, nil", ok, err)
	}
	if _, err := tab.Wait(`null.x`, time.Second); err == nil || !strings.Contains(err.Error(), "TypeError") {
		t.Errorf("Wait for a throwing condition: error = %v; want a TypeError", err)
	}
	if got := tab.Problems(); len(got) != 0 {
		t.Errorf("Wait left problems: %q", got)
	}
}

// TestNewSwitches checks the command line the browser runs with. Linux
// distributions wrap Chromium in scripts that add switches of their own, so
// it checks that each of ours is there rather than that nothing else is.
func TestNewSwitches(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	bctx := browsertest.Start(ctx, t)

	pid := chromedp.FromContext(bctx).Browser.Process().Pid
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Split(strings.TrimSuffix(string(cmdline), "\x00"), "\x00")
	for _, want := range []string{
		"--no-sandbox",
		"--headless",
		"--disable-gpu",
		"--no-first-run",
		"--disable-background-networking",
		"--disable-component-update",
		"--disable-sync",
	} {
		if !slices.Contains(args, want) {
			t.Errorf("the browser runs without %s: %q", want, args)
		}
	}
	if !slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "--user-data-dir="+os.TempDir()) }) {
		t.Errorf("the browser runs without a --user-data-dir in %s: %q", os.TempDir(), args)
	}
	for _, unwanted := range []string{"--enable-automation", "--enable-unsafe-swiftshader", "--disable-extensions"} {
		if slices.Contains(args, unwanted) {
			t.Errorf("the browser runs with %s, which New does not ask for: %q", unwanted, args)
		}
	}
}
