package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"kpireport/report/internal/fixture"
	"kpireport/report/output"
	"kpireport/report/view"
)

// TestWriteRendered writes a rendered site, then writes it again over its
// own build.
func TestWriteRendered(t *testing.T) {
	files := render(t, fixture.Scorecard(fixture.Options{KPIs: 5}), Options{})
	dir := filepath.Join(t.TempDir(), "site")
	if err := output.Write(context.Background(), dir, files, false); err != nil {
		t.Fatal(err)
	}
	for _, p := range files.Paths() {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		want, _ := files.Get(p)
		if err != nil || string(data) != string(want) {
			t.Errorf("%s: %v", p, err)
		}
	}
	if err := output.Write(context.Background(), dir, files, false); err != nil {
		t.Errorf("rebuild: %v", err)
	}
}

// TestRenderToStaged checks that a site rendered straight to disk is the
// one rendered in memory, byte for byte.
func TestRenderToStaged(t *testing.T) {
	sc := fixture.Scorecard(fixture.Options{KPIs: 12})
	mem, err := Render(view.New(sc, ""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	files, err := output.NewStaging(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer files.Close()
	if err := RenderTo(context.Background(), files, view.New(sc, ""), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := output.Write(context.Background(), dir, files, false); err != nil {
		t.Fatal(err)
	}
	got := files.Paths()
	if !slices.Equal(got, mem.Paths()) {
		t.Errorf("staged paths %v, in memory %v", got, mem.Paths())
	}
	for _, p := range got {
		want, _ := mem.Get(p)
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil || !bytes.Equal(data, want) {
			t.Errorf("%s differs from the site in memory (%v)", p, err)
		}
		if n, _ := files.SizeOf(p); n != int64(len(want)) {
			t.Errorf("%s: SizeOf %d, want %d", p, n, len(want))
		}
	}
}
