package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"kpireport/report/mapping"
)

// inspect prints what each sheet of the workbooks looks like and, with
// --draft, a mapping to start from.
func inspect(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("kpireport inspect", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, helpText("inspect"), "\nFlags:\n")
		fs.PrintDefaults()
	}
	draft := fs.Bool("draft", false, "write a mapping (kpireport.yaml) to start from instead of the report")
	out := fs.String("o", "", "with --draft, the `file` to write the mapping to (default: standard output); an existing file is not overwritten")
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		suggestFlag(fs, err, stderr)
		return errUsage
	}
	if len(inputs) == 0 {
		fmt.Fprintf(stderr, "kpireport inspect: no workbook given\n\n%s", usage)
		return errUsage
	}
	if *out != "" && !*draft {
		fmt.Fprintln(stderr, "kpireport inspect: -o names the file --draft writes; give --draft too")
		return errUsage
	}
	var reports []mapping.SheetReport
	for _, in := range inputs {
		rs, err := mapping.Inspect(in)
		if err != nil {
			return err
		}
		reports = append(reports, rs...)
	}
	if !*draft {
		mapping.Write(stdout, reports)
		return nil
	}
	text := mapping.Draft(reports)
	if *out == "" {
		_, err := io.WriteString(stdout, text)
		return err
	}
	return writeNew(*out, text)
}

// writeNew writes a file that must not exist yet.
func writeNew(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; kpireport inspect does not overwrite it (remove it or give another -o)", path)
	}
	if err != nil {
		return err
	}
	if _, err := io.WriteString(f, text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
