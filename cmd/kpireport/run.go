package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"kpireport/report"
	"kpireport/report/period"
)

// errUsage means the command line was wrong; the usage has been printed.
var errUsage = errors.New("usage")

const usage = `kpireport turns balanced-scorecard workbooks into a static site.

Usage:
  kpireport build WORKBOOK... [-o DIR] [--period P] [--force] [--templates DIR]
                              [--pdf] [--chrome PATH] [--no-packs] [--map FILE]
  kpireport check WORKBOOK... [--period P] [--map FILE] [--format json]
  kpireport serve WORKBOOK... [--addr 127.0.0.1:8080] [--templates DIR]
  kpireport inspect WORKBOOK... [--draft [-o FILE]]
  kpireport init DIR
  kpireport help [COMMAND]
  kpireport version

WORKBOOK is an .xlsx file, or a .csv file named after the sheet it holds
(kpis.csv, measurements.csv, ...). Several may be given. A workbook of
another layout is read through a mapping: --map FILE, or kpireport.yaml
beside the first workbook. inspect shows what each sheet holds (header
row, kind of each column, layout); with --draft it writes a mapping to
start from. init writes a starter workbook, with a note on each column
and drop-downs, into DIR. "kpireport help COMMAND" or "kpireport
COMMAND -h" says more about one, with examples.

Examples:
  kpireport init board-2026
  kpireport check board-2026/scorecard.xlsx
  kpireport build board-2026/scorecard.xlsx -o site
`

// run runs one command line and returns its error; main maps it to an exit
// status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cmd, args := args[0], args[1:]
	fs := flag.NewFlagSet("kpireport "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, helpText(cmd), "\nFlags:\n")
		fs.PrintDefaults()
	}
	var opts report.Options
	format, addr := "text", ""
	fs.StringVar(&opts.Period, "period", "", "report `period` such as 2026-Q3 or Sep 2026 (default: the latest with data)")
	mapFlag(fs, &opts)
	switch cmd {
	case "build":
		fs.StringVar(&opts.Out, "o", "site", "output `folder`")
		fs.BoolVar(&opts.Force, "force", false, "write into a folder holding files kpireport did not write (they are kept)")
		fs.StringVar(&opts.Templates, "templates", "", "a `folder` of templates to use instead of the built-in ones")
		fs.BoolVar(&opts.NoPacks, "no-packs", false, "leave out the review packs (they add about a quarter to a big build's time)")
		fs.BoolVar(&opts.UnitPacks, "unit-packs", false, "also make a board pack for each top-level business unit (packs/units/)")
		fs.StringVar(&opts.Unit, "unit", "", "build the site and packs of one business unit's subtree, by its `id` in the Units sheet")
		fs.BoolVar(&opts.PDF, "pdf", false, "also print each review pack to PDF with headless Chromium")
		fs.StringVar(&opts.Chrome, "chrome", "", "the Chromium or Chrome `program` --pdf prints with (default: found on the PATH)")
		fs.BoolVar(&opts.NoCache, "no-cache", false, "draw every pack chart, reading none from the chart cache (~/.cache/kpireport/charts)")
		fs.StringVar(&opts.Compare, "compare", "", "an earlier build's data/scorecard.json `file`: report the changes since it (default: since the previous period)")
		fs.BoolVar(&opts.Quiet, "q", false, "quiet: print nothing but the problems that stop the build")
		brandFlags(fs, &opts)
	case "serve":
		serveFlags(fs, &opts, &addr)
		brandFlags(fs, &opts)
	case "check":
		brandFlags(fs, &opts)
		fs.StringVar(&format, "format", "text", "how to write the problems: `text` (grouped by sheet) or json (an array of {file, sheet, cell, severity, code, message})")
	case "inspect":
		return inspect(args, stdout, stderr)
	case "init":
		return initCmd(args, stdout, stderr)
	case "help":
		return help(args, stdout, stderr)
	case "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return nil
	case "version", "--version", "-version":
		return version(stdout)
	default:
		fmt.Fprintf(stderr, "kpireport: unknown command %q%s\n\n%s", cmd, didYouMean(cmd, commands(), ""), usage)
		return errUsage
	}
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		suggestFlag(fs, err, stderr)
		return errUsage
	}
	if len(inputs) == 0 {
		fmt.Fprintf(stderr, "kpireport %s: no workbook given\n\n%s", cmd, usage)
		return errUsage
	}
	if opts.Period != "" {
		// Its form is checked now; which fiscal quarter it means is known
		// once the workbook's Settings are read.
		if _, err := (period.Calendar{}).Parse(opts.Period); err != nil {
			fmt.Fprintf(stderr, "kpireport %s: --period: %v\n", cmd, err)
			return errUsage
		}
	}
	if err := checkBrand(cmd, &opts, stderr); err != nil {
		return err
	}
	if opts.PDF && opts.NoPacks {
		fmt.Fprintf(stderr, "kpireport %s: --pdf prints the review packs and --no-packs leaves them out: give one or the other\n", cmd)
		return errUsage
	}
	if format != "text" && format != "json" {
		fmt.Fprintf(stderr, "kpireport %s: --format %q: give text or json\n", cmd, format)
		return errUsage
	}
	opts.Inputs = inputs
	opts.Log = stderr
	opts.Progress = isTerminal(stderr)
	if cmd == "check" {
		return check(ctx, opts, format, stdout)
	}
	if cmd == "serve" {
		return serve(ctx, opts, addr, stdout, stderr, nil)
	}
	return report.Build(ctx, opts)
}

// parseInterspersed parses flags given before, between or after the
// workbooks, as users type them: "build kpis.xlsx -o site". Everything
// after "--" is a workbook, even if it starts with a dash.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(rest, tail...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// mapFlag adds --map, the mapping file that build and check read the
// workbooks through.
func mapFlag(fs *flag.FlagSet, opts *report.Options) {
	fs.StringVar(&opts.Map, "map", "", "a mapping `file` saying how the workbook's own sheets become kpireport's tables (default: kpireport.yaml beside the first workbook, if there is one)")
}

// isTerminal reports whether w is a terminal, where a progress line may be
// rewritten in place; a pipe or a log file gets none.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
