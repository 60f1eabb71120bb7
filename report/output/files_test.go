package output

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// staged returns files staged for dir holding pages, as siteFiles does in
// memory.
func staged(t *testing.T, dir string, pages ...string) *Files {
	t.Helper()
	f, err := NewStaging(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	for _, p := range pages {
		if err := f.Add(p, []byte("content of "+p)); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func TestStagedWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out", "site")
	files := staged(t, dir, "index.html", "kpis/a.html", "kpis/b.html")
	if err := files.Add("kpis/b.html", []byte("replaced")); err != nil {
		t.Fatal(err)
	}
	if got := leftovers(t, dir); len(got) != 1 || !strings.HasPrefix(got[0], ".site.kpireport-tmp-") {
		t.Errorf("staging folder: %v", got)
	}
	if data, ok := files.Get("kpis/a.html"); !ok || string(data) != "content of kpis/a.html" {
		t.Errorf("Get before Write = %q, %v", data, ok)
	}
	if n, ok := files.SizeOf("kpis/b.html"); !ok || n != int64(len("replaced")) {
		t.Errorf("SizeOf = %d, %v", n, ok)
	}
	if files.Len() != 3 || files.Size() != int64(len("content of index.html")+len("content of kpis/a.html")+len("replaced")) {
		t.Errorf("Len, Size = %d, %d", files.Len(), files.Size())
	}
	if err := Write(ctx, dir, files, false); err != nil {
		t.Fatal(err)
	}
	equal(t, tree(t, dir), []string{
		".kpireport-manifest=index.html,kpis/a.html,kpis/b.html",
		"index.html=content of index.html",
		"kpis/a.html=content of kpis/a.html",
		"kpis/b.html=replaced",
	})
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("site folder: %v %v", info.Mode(), err)
	}
	equal(t, leftovers(t, dir), nil)
	if data, ok := files.Get("index.html"); !ok || string(data) != "content of index.html" {
		t.Errorf("Get after Write = %q, %v", data, ok)
	}
	if err := files.Close(); err != nil {
		t.Errorf("Close after Write: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		t.Errorf("Close removed the site: %v", err)
	}
	if err := Write(ctx, dir, files, false); err == nil || err.Error() != in(dir, "the staged files were written already") {
		t.Errorf("second Write: %v", err)
	}
	if err := files.Add("late.html", nil); err == nil || err.Error() != in(dir, "the staged files were written already") {
		t.Errorf("Add after Write: %v", err)
	}
}

// TestStagedReplacesOwnBuild checks the swap over an earlier build with a
// user's file kept (force), as TestWriteForceKeepsForeignFiles does in
// memory.
func TestStagedReplacesOwnBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(ctx, dir, siteFiles("index.html", "kpis/old.html"), false); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "kpis", "notes.txt"), []byte("mine"), 0o644)
	before := tree(t, dir)
	if err := Write(ctx, dir, staged(t, dir, "index.html"), false); err == nil || !strings.Contains(err.Error(), `holds files kpireport did not write ("kpis/notes.txt")`) {
		t.Fatalf("without force: %v", err)
	}
	equal(t, tree(t, dir), before)
	equal(t, leftovers(t, dir), nil)
	if err := Write(ctx, dir, staged(t, dir, "index.html", "kpis/new.html"), true); err != nil {
		t.Fatal(err)
	}
	equal(t, tree(t, dir), []string{
		".kpireport-manifest=index.html,kpis/new.html",
		"index.html=content of index.html",
		"kpis/new.html=content of kpis/new.html",
		"kpis/notes.txt=mine",
	})
	equal(t, leftovers(t, dir), nil)
}

func TestStagedBadPaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	for _, tt := range []struct {
		paths []string
		want  string
	}{
		{[]string{"../escape.html"}, `"../escape.html" is not a valid file path (slash-separated, relative, no . or .. parts)`},
		{[]string{"/abs.html"}, `"/abs.html" is not a valid file path (slash-separated, relative, no . or .. parts)`},
		{[]string{"."}, `"." is not a valid file path (slash-separated, relative, no . or .. parts)`},
		{[]string{".kpireport-manifest"}, `".kpireport-manifest" is kpireport's manifest and cannot be a page`},
		{[]string{"a", "a/b.html"}, `"a" is both a file and the folder of "a/b.html"`},
		{[]string{"a/b/c.html", "a/b/d.html", "a/b"}, `"a/b" is both a file and the folder of "a/b/c.html"`},
	} {
		files, err := NewStaging(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		var addErr error
		for _, p := range tt.paths {
			if addErr = files.Add(p, []byte("x")); addErr != nil {
				break
			}
		}
		tt.want = in(dir, tt.want)
		if addErr == nil || addErr.Error() != tt.want {
			t.Errorf("%v: Add: %v, want %s", tt.paths, addErr, tt.want)
		}
		// Write reports the same error, and cleans up.
		if err := Write(ctx, dir, files, false); err == nil || err.Error() != tt.want {
			t.Errorf("%v: Write: %v, want %s", tt.paths, err, tt.want)
		}
		equal(t, leftovers(t, dir), nil)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("folder made despite bad paths: %v", err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.html")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file escaped the staging folder: %v", err)
	}
}

func TestStagedClose(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	files := staged(t, dir, "index.html")
	if err := files.Close(); err != nil {
		t.Fatal(err)
	}
	equal(t, leftovers(t, dir), nil)
	if err := files.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, ok := files.Get("index.html"); ok {
		t.Error("Get after Close found the file")
	}
	if err := files.Add("x.html", nil); err == nil || err.Error() != in(dir, "the staged files were closed") {
		t.Errorf("Add after Close: %v", err)
	}
	if err := Write(ctx, dir, files, false); err == nil || err.Error() != in(dir, "the staged files were closed") {
		t.Errorf("Write after Close: %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("site written after Close: %v", err)
	}
}

func TestStagedElsewhere(t *testing.T) {
	root := t.TempDir()
	files := staged(t, filepath.Join(root, "a"), "index.html")
	err := Write(ctx, filepath.Join(root, "b"), files, false)
	want := in(filepath.Join(root, "b"), "the files were staged for "+filepath.Join(root, "a")+", not "+filepath.Join(root, "b"))
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	equal(t, leftovers(t, filepath.Join(root, "a")), nil)
}

func TestStagedAddFunc(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	files := staged(t, dir)
	err := files.AddFunc("data/big.json", func(w io.Writer) error {
		for range 1000 {
			if _, err := io.WriteString(w, "0123456789"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := files.SizeOf("data/big.json"); n != 10000 {
		t.Errorf("size %d, want 10000", n)
	}
	// An error of the writing function comes back as it is, and the set
	// takes no more files: Write would leave one out.
	boom := errors.New("boom")
	if err := files.AddFunc("data/bad.csv", func(w io.Writer) error { return boom }); err != boom {
		t.Errorf("AddFunc: %v, want boom", err)
	}
	if err := Write(ctx, dir, files, false); err == nil || err.Error() != in(dir, "data/bad.csv: boom") {
		t.Errorf("Write: %v", err)
	}
	equal(t, leftovers(t, dir), nil)
}

func TestStagedDiskFull(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	files := staged(t, dir)
	createFile = func(name string) (*os.File, error) {
		return nil, &os.PathError{Op: "open", Path: name, Err: errors.New("disk full")}
	}
	t.Cleanup(func() {
		createFile = func(name string) (*os.File, error) {
			return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		}
	})
	err := files.Add("index.html", []byte("x"))
	if err == nil || !strings.HasPrefix(err.Error(), in(dir, "index.html: open ")) || !strings.HasSuffix(err.Error(), ": disk full") {
		t.Errorf("err = %v", err)
	}
}

// ctx is the context of the tests that do not stop.
var ctx = context.Background()

// in is msg as an error writing the site folder dir gives it.
func in(dir, msg string) string {
	return "writing " + filepath.Clean(dir) + string(filepath.Separator) + ": " + msg
}
