package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kpireport/report"
)

const sample = "../../sample-data/northvale-water.xlsx"

func TestCheckSample(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"check", sample}, &out, &errOut); err != nil {
		t.Fatalf("check on the sample: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "0 errors, 24 warnings in 1 sheet\n") || !strings.Contains(out.String(), "report period FY2027 Q2") {
		t.Errorf("check output lacks the summary:\n%s", out.String())
	}
}

// badBook writes a workbook whose Measurements!C3 is not a number.
func badBook(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "KPIs")
	f.SetSheetRow("KPIs", "A1", &[]any{"id", "name", "perspective", "target"})
	f.SetSheetRow("KPIs", "A2", &[]any{"REV", "Revenue", "Financial", 100})
	f.NewSheet("Measurements")
	f.SetSheetRow("Measurements", "A1", &[]any{"kpi", "period", "actual"})
	f.SetSheetRow("Measurements", "A2", &[]any{"REV", "2026-01", 90})
	f.SetSheetRow("Measurements", "A3", &[]any{"REV", "2026-02", "twelve"})
	path := filepath.Join(t.TempDir(), "bad.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckBadCell(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"check", badBook(t)}, &out, &errOut)
	if !errors.Is(err, report.ErrInvalid) {
		t.Fatalf("check returned %v, want ErrInvalid (exit 1)", err)
	}
	if want := "bad.xlsx: Measurements\n  C3: error: actual \"twelve\" is not a number\n\n1 error, 0 warnings in 1 sheet\n"; out.String() != want {
		t.Errorf("check output:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestCheckJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"check", "--format", "json", badBook(t)}, &out, &errOut)
	if !errors.Is(err, report.ErrInvalid) {
		t.Fatalf("check --format json returned %v, want ErrInvalid (exit 1)", err)
	}
	want := `[
  {"file":"bad.xlsx","sheet":"Measurements","cell":"C3","severity":"error","code":"not-a-number","message":"actual \"twelve\" is not a number"}
]
`
	if out.String() != want {
		t.Errorf("check --format json wrote:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestBuildBadInputWritesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"build", badBook(t), "-o", out}, &stdout, &stderr)
	if !errors.Is(err, report.ErrInvalid) || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("build returned %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("build with errors left %s behind", out)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"frobnicate"}, {"build"}, {"check", "--nope", "x.xlsx"},
		{"check", "x.xlsx", "--period", "2026-Q9"}, {"build", "x.xlsx", "--pdf", "--no-packs"},
		{"check", "x.xlsx", "--format", "xml"}} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), args, &out, &errOut); !errors.Is(err, errUsage) {
			t.Errorf("run(%q) = %v, want a usage error", args, err)
		}
		if errOut.Len() == 0 {
			t.Errorf("run(%q) printed no usage:\n%s", args, errOut.String())
		}
	}
}

func TestMissingFile(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"check", "no-such.xlsx"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "no-such.xlsx") {
		t.Errorf("check of a missing file: %v", err)
	}
}

func TestDoubleDash(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	out := fs.String("o", "site", "")
	got, err := parseInterspersed(fs, []string{"a.xlsx", "-o", "x", "--", "-odd.xlsx", "-o"})
	if err != nil {
		t.Fatal(err)
	}
	if *out != "x" || strings.Join(got, " ") != "a.xlsx -odd.xlsx -o" {
		t.Errorf("-o %q, inputs %q", *out, got)
	}
}

func TestBuildRefusesItsOwnFolder(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "kpis.xlsx")
	data, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(book, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{".", dir, filepath.Dir(dir)} {
		var stdout, stderr bytes.Buffer
		t.Chdir(dir)
		err := run(context.Background(), []string{"build", book, "-o", out, "--force", "--no-packs"}, &stdout, &stderr)
		if err == nil || !strings.Contains(err.Error(), "needs a folder of its own") {
			t.Errorf("build -o %s: %v", out, err)
		}
	}
	if _, err := os.Stat(book); err != nil {
		t.Errorf("the workbook is gone: %v", err)
	}
}

// TestBuildTidiesLeftovers checks that a build removes what a killed build
// left beside the output, unless it holds a file the site does not.
func TestBuildTidiesLeftovers(t *testing.T) {
	dir := t.TempDir()
	left := filepath.Join(dir, ".site.kpireport-tmp-123")
	kept := filepath.Join(dir, ".site.kpireport-tmp-456")
	if err := os.Mkdir(left, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(kept, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(kept, "mine.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"build", sample, "-o", filepath.Join(dir, "site"), "--no-packs"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"removed " + left + ", left from an interrupted build",
		"warning: " + kept + ` is left from an interrupted build and holds "mine.txt"`,
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("no %q in:\n%s", want, stderr.String())
		}
	}
	if _, err := os.Stat(left); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the empty leftover folder is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(kept, "mine.txt")); err != nil {
		t.Errorf("the user's file in a leftover folder was removed: %v", err)
	}
}

// A build ends with one summary line; with -q it prints nothing at all, and
// still says what stops a build.
func TestBuildSummaryAndQuiet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"build", sample, "-o", out, "--no-packs"}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	last := lines[len(lines)-1]
	if !regexp.MustCompile(`^built \d+ pages and 0 packs from 40 KPIs in \d+\.\d s → .*site/ \(\d+ files, [\d.]+ [kM]B\)$`).MatchString(last) {
		t.Errorf("last line %q is not the summary", last)
	}
	stderr.Reset()
	if err := run(context.Background(), []string{"build", "-q", sample, "-o", out, "--no-packs"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if stderr.Len() > 0 || stdout.Len() > 0 {
		t.Errorf("-q printed %q %q", stdout.String(), stderr.String())
	}
	err := run(context.Background(), []string{"build", "-q", badBook(t), "-o", filepath.Join(t.TempDir(), "s")}, &stdout, &stderr)
	if err == nil || !strings.Contains(stderr.String(), "is not a number") {
		t.Errorf("-q on a bad workbook: %v, printed %q; want its errors", err, stderr.String())
	}
}

// A log file or a pipe is no terminal: no progress line is rewritten there.
func TestIsTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) || isTerminal(&bytes.Buffer{}) {
		t.Error("a file or a buffer taken for a terminal")
	}
}
