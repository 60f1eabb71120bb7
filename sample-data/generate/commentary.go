package main

import (
	"os"
	"path/filepath"
)

// note is one row of the Commentary sheet.
type note struct {
	Scope, Period, Text string
}

// sheetCommentary is the commentary kept in the workbook, for the latest
// quarter. The Markdown files below cover other scopes, so no scope has two
// sources.
var sheetCommentary = []note{
	{"overall", "FY2027 Q2", "TODO"},
}

// fileCommentary maps a path under the output directory to its Markdown.
var fileCommentary = []struct{ Path, Text string }{
	{"commentary/2027-Q2/WAT-03.md", "TODO"},
}

func writeCommentaryFiles(dir string) error {
	for _, c := range fileCommentary {
		p := filepath.Join(dir, filepath.FromSlash(c.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(c.Text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
