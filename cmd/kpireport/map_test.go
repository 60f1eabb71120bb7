package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kpireport/report"
)

const layout = "../../sample-data/layouts/wide-by-month"

// copyFerries copies the Harbour Ferries workbook, without its mapping,
// into a folder of its own.
func copyFerries(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(layout, "harbour-ferries.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ferries.xlsx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckWithMap(t *testing.T) {
	var out, errOut bytes.Buffer
	args := []string{"check", copyFerries(t), "--map", filepath.Join(layout, "kpireport.yaml")}
	if err := run(context.Background(), args, &out, &errOut); err != nil {
		t.Fatalf("check --map: %v\n%s", err, errOut.String())
	}
	if want := "3 KPIs in 3 objectives"; !strings.Contains(out.String(), want) {
		t.Errorf("check output lacks %q:\n%s", want, out.String())
	}
	if strings.Contains(errOut.String(), "using mapping") {
		t.Errorf("check says it found a mapping it was given:\n%s", errOut.String())
	}
}

// Without the mapping the workbook is not one kpireport reads; with a wrong
// one, its mistakes are listed at their lines and check exits 1.
func TestCheckWithBadMap(t *testing.T) {
	book := copyFerries(t)
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	mapping := "sources:\n  - table: KPIs\n    sheet: Measures\n    columns: {id: Code, name: Measure, perspective: Perspective}\n  - table: Measurements\n    sheet: Monthly report\n    header: 3\n    columns: {kpi: Measure, kind: Row}\n    unpivot: {key: period}\n    roles: {field: kind}\n"
	if err := os.WriteFile(bad, []byte(mapping), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"check", book, "--map", bad}, &out, &errOut)
	if !errors.Is(err, report.ErrInvalid) {
		t.Fatalf("check returned %v, want ErrInvalid\n%s", err, errOut.String())
	}
	for _, want := range []string{
		"bad.yaml\n",
		`  line 4: error: column "Code" not found in the header row ferries.xlsx:Measures!1; found: Measure, Perspective, Unit, Better, Owner`,
		`  line 8: error: field "kind" is not a Measurements column, and no template, role or where uses it`,
		`  line 10: error: unknown key "roles"`,
		"3 errors, 0 warnings in 1 sheet",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("check output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestCheckMapNotFound(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"check", copyFerries(t), "--map", "no-such.yaml"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "no-such.yaml") {
		t.Errorf("check --map no-such.yaml returned %v", err)
	}
}
