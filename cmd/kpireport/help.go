package main

import (
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"sort"
	"strings"
)

// commandHelp is each command's help, with examples: "kpireport help CMD"
// and "kpireport CMD -h" print it (the latter followed by the flags).
var commandHelp = map[string]string{
	"build": `Usage: kpireport build WORKBOOK... [-o DIR] [flags]

build reads the workbooks, scores the scorecard and writes the site (and
the review packs) into DIR, default site. It writes nothing when the
workbooks have errors, and never deletes a file it did not write.

Examples:
  kpireport build scorecard.xlsx -o site
  kpireport build scorecard.xlsx targets.csv --period 2026-Q3 --pdf
  kpireport build ours.xlsx --map kpireport.yaml --no-packs
`,
	"check": `Usage: kpireport check WORKBOOK... [--period P] [--map FILE] [--format json]

check reads the workbooks as build does and prints every problem, grouped
by sheet and sorted by cell, then a summary such as "3 errors, 12 warnings
in 2 sheets". It exits 0 with no errors, 1 with errors, 2 for a wrong
command line. --format json writes an array of {file, sheet, cell,
severity, code, message} instead.

Examples:
  kpireport check scorecard.xlsx
  kpireport check scorecard.xlsx --format json > problems.json
`,
	"serve": `Usage: kpireport serve WORKBOOK... [--addr 127.0.0.1:8080] [flags]

serve builds the site and serves it on this computer only (another
address only when given with --addr), then rebuilds it whenever a
workbook, the mapping, the commentary folder or --templates changes,
and reloads the page open in the browser. While the workbooks have
errors, each page lists them with their cells over the last good build.
It never writes into the workbook's folder. Ctrl-C stops it.

Examples:
  kpireport serve scorecard.xlsx
  kpireport serve scorecard.xlsx --addr 127.0.0.1:9000 --no-packs
`,
	"inspect": `Usage: kpireport inspect WORKBOOK... [--draft [-o FILE]]

inspect shows what each sheet of a workbook of another layout holds: its
header row, the kind of each column, its layout. With --draft it writes a
mapping to start from.

Examples:
  kpireport inspect ours.xlsx
  kpireport inspect ours.xlsx --draft -o kpireport.yaml
`,
	"init": `Usage: kpireport init DIR

init writes a starter workbook, DIR/scorecard.xlsx, with every sheet
kpireport reads: a note on each header cell saying what the column takes,
drop-downs, number formats and a few example KPIs with a year of months;
and an example commentary file, DIR/commentary/2026-Q4/overall.md. It
never overwrites a file: if DIR holds either, it writes nothing.

Examples:
  kpireport init board-2026
  kpireport check board-2026/scorecard.xlsx
`,
	"help": `Usage: kpireport help [COMMAND]

help lists the commands, or says what one does, with examples.

Examples:
  kpireport help
  kpireport help build
`,
	"version": `Usage: kpireport version

version prints kpireport's module version and the revision it was built
from, as Go recorded them in the program.

Example:
  kpireport version
`,
}

// helpText returns the help of one command, or the usage of them all.
func helpText(cmd string) string {
	if h, ok := commandHelp[cmd]; ok {
		return h
	}
	return usage
}

// commands lists the command names, sorted.
func commands() []string {
	var cs []string
	for c := range commandHelp {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	return cs
}

// help runs "kpireport help [COMMAND]".
func help(args []string, stdout, stderr io.Writer) error {
	switch {
	case len(args) == 0:
		fmt.Fprint(stdout, usage)
		return nil
	case len(args) > 1:
		fmt.Fprint(stderr, "kpireport help: give one command\n\n", commandHelp["help"])
		return errUsage
	}
	if h, ok := commandHelp[args[0]]; ok {
		fmt.Fprint(stdout, h)
		return nil
	}
	fmt.Fprintf(stderr, "kpireport help: unknown command %q%s\n", args[0], didYouMean(args[0], commands(), ""))
	return errUsage
}

// version runs "kpireport version": the module's version and the VCS
// revision from the build information.
func version(stdout io.Writer) error {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintln(stdout, "kpireport (no build information)")
		return nil
	}
	fmt.Fprint(stdout, versionText(info))
	return nil
}

// versionText is what version prints for the build information:
// "kpireport v1.2.0 (revision 1a2b3c4d5e6f, modified) go1.26.8".
func versionText(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	out := "kpireport " + v
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		out += " (revision " + rev + modified + ")"
	}
	return out + " " + info.GoVersion + "\n"
}

// didYouMean returns " (did you mean build?)" naming the closest of names
// to got, prefix written before it, or "" when none is close.
func didYouMean(got string, names []string, prefix string) string {
	best, bestD := "", 0
	for _, n := range names {
		d := distance(strings.ToLower(got), strings.ToLower(n))
		if best == "" || d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" || bestD > max(1, min(len(best), len(got))/2) {
		return ""
	}
	return "; did you mean " + prefix + best + "?"
}

// distance is the edit distance between a and b (insertions, deletions,
// substitutions and swaps of two neighbours each cost one).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// suggestFlag says which flag of fs is closest to the one a parse error
// names ("flag provided but not defined: -fromat"), if any is close.
func suggestFlag(fs *flag.FlagSet, err error, stderr io.Writer) {
	const undefined = "flag provided but not defined: "
	msg := err.Error()
	if !strings.HasPrefix(msg, undefined) {
		return
	}
	got := strings.TrimLeft(strings.TrimPrefix(msg, undefined), "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	prefix := "--"
	if s := didYouMean(got, names, ""); s != "" {
		best := strings.TrimSuffix(strings.TrimPrefix(s, "; did you mean "), "?")
		if len(best) == 1 {
			prefix = "-"
		}
		fmt.Fprintf(stderr, "kpireport %s: unknown flag -%s%s\n", strings.TrimPrefix(fs.Name(), "kpireport "), got, didYouMean(got, names, prefix))
	}
}
