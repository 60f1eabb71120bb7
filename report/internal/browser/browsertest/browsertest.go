// Package browsertest starts the headless browser for tests: it skips a test
// where no browser is installed, except in CI, where that is a failure.
package browsertest

import (
	"context"
	"errors"
	"os"
	"testing"

	"kpireport/report/internal/browser"
)

// Start starts the browser for t and returns the context that holds it, for
// browser.NewTab. The browser keeps its profile in a folder of t.TempDir()
// and stops when ctx ends or the test ends.
//
// When no browser is found, Start skips t, unless the environment variable
// CI is set: CI installs Chromium, so there a missing browser fails t.
func Start(ctx context.Context, t testing.TB) context.Context {
	t.Helper()
	path, err := browser.Find()
	if errors.Is(err, browser.ErrNotFound) && os.Getenv("CI") == "" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	// TempDir before New: cleanups run last first, so the browser stops
	// before its profile folder is removed.
	dir := t.TempDir()
	bctx, cancel, err := browser.New(ctx, path, browser.DataDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	return bctx
}

// Tab starts the browser for t, as Start does, and opens a tab in it that
// closes when the test ends.
func Tab(ctx context.Context, t testing.TB) *browser.Tab {
	t.Helper()
	tab, err := browser.NewTab(Start(ctx, t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tab.Close)
	return tab
}
