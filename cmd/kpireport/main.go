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
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sigs
		cancel() // the first signal stops the build cleanly
		<-sigs
		fmt.Fprintln(os.Stderr, "kpireport: stopped at once; a temporary folder may be left beside the site")
		os.Exit(130)
	}()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		os.Exit(2)
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(os.Stderr, "kpireport:", err)
		os.Exit(130)
	default:
		fmt.Fprintln(os.Stderr, "kpireport:", err)
		os.Exit(1)
	}
}
