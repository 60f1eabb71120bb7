// Command kpireport turns balanced-scorecard workbooks into a static site
// and review packs.
//
//	kpireport build WORKBOOK... -o site   the scorecard site
//	kpireport check WORKBOOK...           validate; exit 1 on errors
//
// Run "kpireport help" for the flags.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"kpireport/report/workbook"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := interruptible(os.Stderr, func() { os.Exit(130) })
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		os.Exit(2)
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(os.Stderr, "kpireport:", workbook.SafeText(err.Error()))
		os.Exit(130)
	default:
		fmt.Fprintln(os.Stderr, "kpireport:", workbook.SafeText(err.Error()))
		os.Exit(1)
	}
}

// interruptible returns a context that the first Ctrl-C (or SIGTERM)
// cancels, so that the build stops at its next step and cleans up; a second
// one calls quit, which ends the process at once. stop releases the signals.
func interruptible(log io.Writer, quit func()) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
		case <-done:
			return
		}
		fmt.Fprintln(log, "kpireport: interrupted; stopping (interrupt again to quit at once)")
		cancel()
		select {
		case <-sigs:
			fmt.Fprintln(log, "kpireport: interrupted again; quitting")
			quit()
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel()
	}
}
