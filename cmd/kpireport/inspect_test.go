package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeLong writes a plain long table whose headers are not kpireport's
// own names.
func writeLong(t *testing.T, dir string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"Indicator", "Month", "Result"},
		{"Net revenue", "Jan 2026", 120},
		{"Net revenue", "Feb 2026", 130},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "results.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// The draft inspect writes is a mapping check reads unchanged.
func TestInspectDraftChecks(t *testing.T) {
	dir := t.TempDir()
	book := writeLong(t, dir)
	draft := filepath.Join(dir, "draft.yaml")
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"inspect", book, "--draft", "-o", draft}, &out, &errOut); err != nil {
		t.Fatalf("inspect --draft: %v\n%s", err, errOut.String())
	}
	out.Reset()
	errOut.Reset()
	if err := run(context.Background(), []string{"check", book, "--map", draft}, &out, &errOut); err != nil {
		b, _ := os.ReadFile(draft)
		t.Fatalf("check with the draft: %v\n%s\ndraft:\n%s", err, errOut.String(), b)
	}
	if want := "1 KPIs in "; !strings.Contains(out.String(), want) {
		t.Errorf("check output lacks %q:\n%s", want, out.String())
	}
}

func TestInspectDraftKeepsFile(t *testing.T) {
	dir := t.TempDir()
	book := writeLong(t, dir)
	draft := filepath.Join(dir, "kpireport.yaml")
	if err := os.WriteFile(draft, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"inspect", "--draft", "-o", draft, book}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("inspect --draft -o over a file returned %v", err)
	}
	if b, _ := os.ReadFile(draft); string(b) != "mine\n" {
		t.Errorf("the file was overwritten: %q", b)
	}
}

func TestInspectPrints(t *testing.T) {
	book := writeLong(t, t.TempDir())
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"inspect", book}, &out, &errOut); err != nil {
		t.Fatalf("inspect: %v\n%s", err, errOut.String())
	}
	want := "results.xlsx: sheet \"Sheet1\"\n  header row 1\n  A   \"Indicator\"              text\n  B   \"Month\"                  period\n  C   \"Result\"                 number\n  looks long: a period column and a value column, one row per KPI and period\n"
	if out.String() != want {
		t.Errorf("inspect printed\n%s\nwant\n%s", out.String(), want)
	}
}
