package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kpireport/report/scorecard"
)

// TestInitCheckBuild writes the starter into a folder, then checks and
// builds it through the commands a user runs, and refuses a second init.
func TestInitCheckBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "board")
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"init", dir}, &out, &errOut); err != nil {
		t.Fatalf("init: %v\n%s", err, errOut.String())
	}
	book := filepath.Join(dir, "scorecard.xlsx")
	for _, want := range []string{"kpireport check " + book, "kpireport build " + book + " -o " + filepath.Join(dir, "site")} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("init does not say to run %q:\n%s", want, out.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "commentary", "2026-Q4", "overall.md")); err != nil {
		t.Errorf("no example commentary: %v", err)
	}

	out.Reset()
	if err := run(context.Background(), []string{"check", book}, &out, &errOut); err != nil {
		t.Fatalf("check on the starter: %v\n%s", err, out.String())
	}
	if !strings.HasPrefix(out.String(), "0 errors, 0 warnings\n") {
		t.Errorf("check on the starter is not clean:\n%s", out.String())
	}

	site := filepath.Join(dir, "site")
	errOut.Reset()
	if err := run(context.Background(), []string{"build", book, "-o", site, "--no-packs"}, &out, &errOut); err != nil {
		t.Fatalf("build of the starter: %v\n%s", err, errOut.String())
	}
	page, err := os.ReadFile(filepath.Join(site, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "a strong finish") {
		t.Errorf("the site's index lacks the example commentary")
	}

	before, err := os.ReadFile(book)
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	err = run(context.Background(), []string{"init", dir}, &out, &errOut)
	if err == nil || errors.Is(err, errUsage) {
		t.Fatalf("a second init returned %v, want an error (exit 1)", err)
	}
	for _, name := range []string{book, filepath.Join(dir, "commentary", "2026-Q4", "overall.md")} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("the refusal does not name %s: %v", name, err)
		}
	}
	after, _ := os.ReadFile(book)
	if !bytes.Equal(before, after) {
		t.Errorf("a second init changed the workbook")
	}
}

// TestInitRefusesOneFile refuses a folder holding only the commentary file,
// and names that file alone.
func TestInitRefusesOneFile(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "commentary", "2026-Q4", "overall.md")
	if err := os.MkdirAll(filepath.Dir(md), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(md, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"init", dir}, &out, &errOut)
	want := "init: " + md + " already exists; nothing was written"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("init = %v, want %q...", err, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "scorecard.xlsx")); !os.IsNotExist(err) {
		t.Errorf("init wrote the workbook beside a file it refused")
	}
	if data, _ := os.ReadFile(md); string(data) != "mine" {
		t.Errorf("init overwrote %s", md)
	}
}

func TestInitUsage(t *testing.T) {
	for _, args := range [][]string{{"init"}, {"init", "a", "b"}, {"init", "--nope", "a"}} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), args, &out, &errOut); !errors.Is(err, errUsage) {
			t.Errorf("run(%q) = %v, want a usage error", args, err)
		}
	}
}

// TestStarterWorkbook reads the starter back: every sheet of the format, a
// note on each header cell, the drop-downs, frozen headers, and the same
// bytes each time.
func TestStarterWorkbook(t *testing.T) {
	data, err := starterWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	again, err := starterWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Errorf("two starter workbooks differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Settings", "Perspectives", "Objectives", "KPIs", "Measurements", "Targets", "Initiatives", "Commentary"}
	if got := f.GetSheetList(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sheets %q, want %q", got, want)
	}
	lists := map[string]bool{}
	for _, sheet := range want {
		header, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		// Every column the format reads is in the header, in its order.
		var cols []string
		for _, c := range scorecard.Columns(sheet) {
			cols = append(cols, c[0])
		}
		if got := strings.Join(header[0], " "); got != strings.Join(cols, " ") {
			t.Errorf("%s header %q, want %q", sheet, got, strings.Join(cols, " "))
		}
		comments, err := f.GetComments(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(comments) != len(cols) {
			t.Errorf("%s has %d notes for %d columns", sheet, len(comments), len(cols))
		}
		for _, c := range comments {
			if !strings.HasSuffix(c.Cell, "1") || len(c.Paragraph) == 0 || c.Paragraph[0].Text == "" {
				t.Errorf("%s: note %+v is not on the header or is empty", sheet, c)
			}
		}
		dvs, err := f.GetDataValidations(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, dv := range dvs {
			col := strings.TrimRight(strings.SplitN(dv.Sqref, ":", 2)[0], "0123456789")
			n, _ := excelize.ColumnNameToNumber(col)
			lists[sheet+"."+cols[n-1]] = true
		}
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v", sheet, panes)
		}
	}
	for _, l := range []string{"Objectives.perspective", "KPIs.perspective", "KPIs.objective", "KPIs.direction",
		"KPIs.frequency", "KPIs.aggregation", "KPIs.format", "KPIs.status", "Initiatives.status"} {
		if !lists[l] {
			t.Errorf("no drop-down for %s", l)
		}
	}
	if n, err := f.GetCellStyle("Measurements", "C2"); err != nil || n == 0 {
		t.Errorf("Measurements!C2 has no number format (style %d, %v)", n, err)
	}
}
