package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteForceKeepsTheSameFiles checks that the user's files in a rebuilt
// site are the very files they were (hard links, not copies), and copies
// of the same mode when links fail.
func TestWriteForceKeepsTheSameFiles(t *testing.T) {
	for _, links := range []bool{true, false} {
		dir := filepath.Join(t.TempDir(), "site")
		if err := Write(ctx, dir, siteFiles("index.html"), false); err != nil {
			t.Fatal(err)
		}
		notes := filepath.Join(dir, "mine", "notes.txt")
		os.MkdirAll(filepath.Dir(notes), 0o755)
		os.WriteFile(notes, []byte("mine"), 0o600)
		os.Chmod(filepath.Dir(notes), 0o750)
		before, _ := os.Lstat(notes)
		if !links {
			link = func(a, b string) error { return &os.LinkError{Op: "link", Old: a, New: b, Err: os.ErrPermission} }
		}
		err := Write(ctx, dir, siteFiles("index.html"), true)
		link = os.Link
		if err != nil {
			t.Fatal(err)
		}
		after, err := os.Lstat(notes)
		if err != nil {
			t.Fatal(err)
		}
		if os.SameFile(before, after) != links || after.Mode().Perm() != 0o600 {
			t.Errorf("links %v: same file %v, mode %v", links, os.SameFile(before, after), after.Mode())
		}
		if info, _ := os.Stat(filepath.Dir(notes)); info.Mode().Perm() != 0o750 {
			t.Errorf("links %v: the user's folder has mode %v", links, info.Mode())
		}
		equal(t, leftovers(t, dir), nil)
	}
}

// TestRecover sets up what killed builds leave and checks what Recover
// puts back, removes and keeps.
func TestRecover(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	mk := func(p, s string) {
		full := filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Killed between the two renames: no site, the old one aside.
	mk(".site.kpireport-old-1/.kpireport-manifest", "index.html\n")
	mk(".site.kpireport-old-1/index.html", "old")
	mk(".site.kpireport-old-1/notes.txt", "mine")
	// The new site, with another name for the user's file.
	mk(".site.kpireport-tmp-2/.kpireport-manifest", "index.html\n")
	mk(".site.kpireport-tmp-2/index.html", "new")
	os.Link(filepath.Join(root, ".site.kpireport-old-1/notes.txt"), filepath.Join(root, ".site.kpireport-tmp-2/notes.txt"))
	// A staging folder still marked as kpireport's.
	mk(".site.kpireport-tmp-3/.kpireport-staging", markerText)
	mk(".site.kpireport-tmp-3/kpis/a.html", "a")
	// A user's file moved out by an earlier kpireport.
	mk(".site.kpireport-tmp-4/.kpireport-manifest", "index.html\n")
	mk(".site.kpireport-tmp-4/report.docx", "mine, only here")

	notes, err := Recover(dir)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, notes, []string{
		"put back " + dir + " from " + filepath.Join(root, ".site.kpireport-old-1") + ", where an interrupted build had moved it",
		"removed " + filepath.Join(root, ".site.kpireport-tmp-2") + ", left from an interrupted build",
		"removed " + filepath.Join(root, ".site.kpireport-tmp-3") + ", left from an interrupted build",
		"warning: " + filepath.Join(root, ".site.kpireport-tmp-4") + ` is left from an interrupted build and holds "report.docx", which is not in ` + dir + "; look inside, then delete it",
	})
	equal(t, tree(t, dir), []string{".kpireport-manifest=index.html", "index.html=old", "notes.txt=mine"})
	equal(t, leftovers(t, dir), []string{".site.kpireport-tmp-4"})
}

// TestRecoverTwoOldSites refuses to choose between two old sites.
func TestRecoverTwoOldSites(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, ".site.kpireport-old-1"), 0o755)
	os.Mkdir(filepath.Join(root, ".site.kpireport-old-2"), 0o755)
	_, err := Recover(filepath.Join(root, "site"))
	if err == nil || !strings.Contains(err.Error(), "interrupted builds left 2 old sites beside it") {
		t.Errorf("err = %v", err)
	}
}

// TestWriteRepairs checks that Write alone puts back an old site cut from
// its place, so that the user's file in it is kept.
func TestWriteRepairs(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	old := filepath.Join(root, ".site.kpireport-old-1")
	os.Mkdir(old, 0o755)
	os.WriteFile(filepath.Join(old, manifestName), []byte("index.html\n"), 0o644)
	os.WriteFile(filepath.Join(old, "notes.txt"), []byte("mine"), 0o644)
	if err := Write(ctx, dir, siteFiles("index.html"), true); err != nil {
		t.Fatal(err)
	}
	equal(t, tree(t, dir), []string{".kpireport-manifest=index.html", "index.html=content of index.html", "notes.txt=mine"})
	equal(t, leftovers(t, dir), nil)
}
