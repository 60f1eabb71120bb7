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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "kpireport:", err)
		os.Exit(1)
	}
}
