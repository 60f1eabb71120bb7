package browsertest

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"kpireport/report/internal/browser"
)

// fakeTB records how Start ends a test instead of ending the real one.
type fakeTB struct {
	testing.TB
	ended string // "skip: ..." or "fatal: ..."
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Skip(args ...any) {
	f.ended = "skip: " + fmt.Sprint(args...)
	runtime.Goexit()
}

func (f *fakeTB) Fatal(args ...any) {
	f.ended = "fatal: " + fmt.Sprint(args...)
	runtime.Goexit()
}

// start runs Start with f on its own goroutine, as the testing package runs
// a test, so that Skip and Fatal can end it.
func start(f *fakeTB) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		Start(context.Background(), f)
	}()
	<-done
}

func TestStartWithoutBrowser(t *testing.T) {
	t.Setenv(browser.EnvPath, "")
	t.Setenv("PATH", t.TempDir())
	for _, tc := range []struct {
		ci   string
		want string
	}{
		{"", "skip: " + browser.ErrNotFound.Error()},
		{"true", "fatal: " + browser.ErrNotFound.Error()},
	} {
		t.Setenv("CI", tc.ci)
		f := &fakeTB{TB: t}
		start(f)
		if f.ended != tc.want {
			t.Errorf("CI=%q: Start ended the test with %q; want %q", tc.ci, f.ended, tc.want)
		}
	}
}
