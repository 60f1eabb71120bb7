package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func siteFiles(pages ...string) *Files {
	f := &Files{}
	for _, p := range pages {
		f.Add(p, []byte("content of "+p))
	}
	return f
}

// tree lists every file under dir with its contents, as "path=contents".
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == manifestName {
			data = []byte(strings.Join(manifestPaths(string(data)), ","))
		}
		out = append(out, filepath.ToSlash(rel)+"="+string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func manifestPaths(s string) []string {
	var ps []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			ps = append(ps, l)
		}
	}
	return ps
}

// leftovers lists the temporary folders Write left beside dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".kpireport-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func equal(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestWriteFresh(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out", "site")
	if err := Write(ctx, dir, siteFiles("index.html", "kpis/a.html"), false); err != nil {
		t.Fatal(err)
	}
	equal(t, tree(t, dir), []string{
		".kpireport-manifest=index.html,kpis/a.html",
		"index.html=content of index.html",
		"kpis/a.html=content of kpis/a.html",
	})
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("site folder: %v %v", info.Mode(), err)
	}
	equal(t, leftovers(t, dir), nil)
}

func TestWriteEmptyFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	os.Mkdir(dir, 0o755)
	if err := Write(ctx, dir, siteFiles("index.html"), false); err != nil {
		t.Fatal(err)
	}
	equal(t, tree(t, dir), []string{".kpireport-manifest=index.html", "index.html=content of index.html"})
}

func TestWriteReplacesOwnBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(ctx, dir, siteFiles("index.html", "kpis/old.html", "gone/x.html"), false); err != nil {
		t.Fatal(err)
	}
	files := siteFiles("index.html", "kpis/new.html")
	files.Add("index.html", []byte("new index"))
	if err := Write(ctx, dir, files, false); err != nil {
		t.Fatal(err)
	}
	equal(t, tree(t, dir), []string{
		".kpireport-manifest=index.html,kpis/new.html",
		"index.html=new index",
		"kpis/new.html=content of kpis/new.html",
	})
	equal(t, leftovers(t, dir), nil)
}

// TestWriteKeepsFolderMode checks that a rebuilt site keeps the
// permissions the user gave its folder: a private folder stays private.
func TestWriteKeepsFolderMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(ctx, dir, siteFiles("index.html"), false); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := Write(ctx, dir, siteFiles("index.html"), false); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o700 {
		t.Errorf("rebuilt folder has mode %o, want 700", got)
	}
}

func TestWriteRefusesForeignFiles(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(dir string)
		wantErr string
	}{
		{
			name: "no manifest",
			setup: func(dir string) {
				os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
			},
			wantErr: `holds files kpireport did not write ("notes.txt"); use --force to build there and keep them, or choose another folder`,
		},
		{
			name: "beside a build",
			setup: func(dir string) {
				os.WriteFile(filepath.Join(dir, manifestName), []byte("index.html\n"), 0o644)
				os.WriteFile(filepath.Join(dir, "index.html"), []byte("old"), 0o644)
				os.MkdirAll(filepath.Join(dir, "mine", "deep"), 0o755)
				os.WriteFile(filepath.Join(dir, "mine", "deep", "a.txt"), []byte("mine"), 0o644)
				os.WriteFile(filepath.Join(dir, "z.txt"), []byte("mine"), 0o644)
			},
			wantErr: `holds files kpireport did not write ("mine" and 1 more); use --force to build there and keep them, or choose another folder`,
		},
		{
			name: "an empty folder of the user's",
			setup: func(dir string) {
				os.Mkdir(filepath.Join(dir, "empty"), 0o755)
			},
			wantErr: `holds files kpireport did not write ("empty")`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			os.Mkdir(dir, 0o755)
			tt.setup(dir)
			before := tree(t, dir)
			err := Write(ctx, dir, siteFiles("index.html"), false)
			if err == nil || !strings.HasPrefix(err.Error(), in(dir, "it ")) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want one with %q", err, tt.wantErr)
			}
			equal(t, tree(t, dir), before)
			if _, err := os.Stat(filepath.Join(dir, "empty")); tt.name == "an empty folder of the user's" && err != nil {
				t.Error("empty folder removed")
			}
			equal(t, leftovers(t, dir), nil)
		})
	}
}

func TestWriteForceKeepsForeignFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(ctx, dir, siteFiles("index.html", "kpis/a.html", "old.html"), false); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(dir, "kpis", "mine.txt"), []byte("mine too"), 0o644)
	os.MkdirAll(filepath.Join(dir, "extra", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "extra", "sub", "x.txt"), []byte("x"), 0o644)

	if err := Write(ctx, dir, siteFiles("index.html", "kpis/b.html"), true); err != nil {
		t.Fatal(err)
	}
	equal(t, tree(t, dir), []string{
		".kpireport-manifest=index.html,kpis/b.html",
		"extra/sub/x.txt=x",
		"index.html=content of index.html",
		"kpis/b.html=content of kpis/b.html",
		"kpis/mine.txt=mine too",
		"notes.txt=mine",
	})
	equal(t, leftovers(t, dir), nil)

	// The user's files are still not kpireport's: without force, it refuses.
	err := Write(ctx, dir, siteFiles("index.html"), false)
	if err == nil || !strings.Contains(err.Error(), `("extra" and 2 more)`) {
		t.Errorf("second build without force: %v", err)
	}
}

func TestWriteForeignFileInTheWay(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(ctx, dir, siteFiles("index.html"), false); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "health.html"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(dir, "kpis"), []byte("mine"), 0o644)
	before := tree(t, dir)
	err := Write(ctx, dir, siteFiles("index.html", "health.html"), true)
	want := in(dir, `"health.html" is not kpireport's, but the new site needs that name; move or rename it`)
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	err = Write(ctx, dir, siteFiles("index.html", "kpis/a.html"), true)
	if err == nil || !strings.Contains(err.Error(), `"health.html" is not kpireport's`) && !strings.Contains(err.Error(), `"kpis" is not kpireport's`) {
		t.Errorf("err = %v", err)
	}
	equal(t, tree(t, dir), before)
}

// TestWriteStagedForeignFileInTheWay is the same check for a staged set,
// the kind Build writes: a user's file where the new site puts a page
// stops the build; it never takes the page's place.
func TestWriteStagedForeignFileInTheWay(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(ctx, dir, siteFiles("index.html"), false); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "health.html"), []byte("mine"), 0o644)
	before := tree(t, dir)
	staged, err := NewStaging(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"index.html", "health.html"} {
		if err := staged.Add(p, []byte("new "+p)); err != nil {
			t.Fatal(err)
		}
	}
	err = Write(ctx, dir, staged, true)
	want := in(dir, `"health.html" is not kpireport's, but the new site needs that name; move or rename it`)
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	equal(t, tree(t, dir), before)
	equal(t, leftovers(t, dir), nil)
}

func TestWriteNotAFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "site")
	os.WriteFile(file, []byte("x"), 0o644)
	err := Write(ctx, file, siteFiles("index.html"), true)
	if err == nil || err.Error() != in(file, "it is a file, not a folder") {
		t.Errorf("err = %v", err)
	}
}

func TestWriteBadPaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	for _, tt := range []struct {
		paths []string
		want  string
	}{
		{[]string{"../escape.html"}, `"../escape.html" is not a valid file path (slash-separated, relative, no . or .. parts)`},
		{[]string{"/abs.html"}, `"/abs.html" is not a valid file path (slash-separated, relative, no . or .. parts)`},
		{[]string{".kpireport-manifest"}, `".kpireport-manifest" is kpireport's manifest and cannot be a page`},
		{[]string{".kpireport-staging"}, `".kpireport-staging" is kpireport's mark of a staging folder and cannot be a page`},
		{[]string{"a", "a/b.html"}, `"a" is both a file and the folder of "a/b.html"`},
	} {
		err := Write(ctx, dir, siteFiles(tt.paths...), false)
		tt.want = in(dir, tt.want)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%v: err = %v, want %s", tt.paths, err, tt.want)
		}
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("folder made despite bad paths: %v", err)
	}
}

// failAfter makes writeFile fail on its nth call.
func failAfter(t *testing.T, n int) {
	calls := 0
	writeFile = func(name string, data []byte, perm os.FileMode) error {
		calls++
		if calls >= n {
			return &fs.PathError{Op: "write", Path: name, Err: errors.New("disk full")}
		}
		return os.WriteFile(name, data, perm)
	}
	t.Cleanup(func() { writeFile = os.WriteFile })
}

func TestWriteFailureLeavesOldSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(ctx, dir, siteFiles("index.html", "kpis/a.html"), false); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	before := tree(t, dir)

	failAfter(t, 2)
	err := Write(ctx, dir, siteFiles("index.html", "kpis/b.html", "kpis/c.html"), true)
	if err == nil || !strings.HasPrefix(err.Error(), in(dir, "kpis/b.html: write ")) || !strings.HasSuffix(err.Error(), ": disk full") {
		t.Fatalf("err = %v", err)
	}
	equal(t, tree(t, dir), before)
	equal(t, leftovers(t, dir), nil)
}

func TestWriteFailureFresh(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	failAfter(t, 1)
	if err := Write(ctx, dir, siteFiles("index.html"), false); err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("site folder exists after a failed write: %v", err)
	}
	equal(t, leftovers(t, dir), nil)
}

// noExchange makes Write swap with two renames, as it does where folders
// cannot be exchanged in one step.
func noExchange(t *testing.T) {
	exchange = func(a, b string) error { return errNoExchange }
	t.Cleanup(func() { exchange = exchangeFolders })
}

// TestWriteSwapFailure fails each step of the swap, with and without
// exchange, and checks that every file is where it was.
func TestWriteSwapFailure(t *testing.T) {
	for _, failing := range []string{"exchange", "old site aside", "new site in"} {
		t.Run(failing, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			if err := Write(ctx, dir, siteFiles("index.html", "kpis/a.html"), false); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "a-notes.txt"), []byte("mine"), 0o644)
			os.WriteFile(filepath.Join(dir, "kpis", "b-notes.txt"), []byte("mine too"), 0o644)
			before := tree(t, dir)

			injected := errors.New("injected")
			if failing == "exchange" {
				exchange = func(a, b string) error { return &os.LinkError{Op: "exchange", Old: a, New: b, Err: injected} }
				t.Cleanup(func() { exchange = exchangeFolders })
			} else {
				noExchange(t)
			}
			failed := false
			rename = func(from, to string) error {
				fail := failing == "old site aside" && from == dir || failing == "new site in" && to == dir
				if fail && !failed {
					failed = true
					return &os.LinkError{Op: "rename", Old: from, New: to, Err: injected}
				}
				return os.Rename(from, to)
			}
			t.Cleanup(func() { rename = os.Rename })

			err := Write(ctx, dir, siteFiles("index.html", "kpis/new.html"), true)
			if err == nil || !strings.HasSuffix(err.Error(), ": injected") {
				t.Fatalf("err = %v", err)
			}
			equal(t, tree(t, dir), before)
			equal(t, leftovers(t, dir), nil)
		})
	}
}

// TestWriteSwapDoubleFailure fails both the second rename of the swap and
// putting the old site back: the error says where everything is, and no
// file is deleted; the user's file is in both sites.
func TestWriteSwapDoubleFailure(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(ctx, dir, siteFiles("index.html"), false); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	noExchange(t)
	rename = func(from, to string) error {
		if to == dir {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("injected")}
		}
		return os.Rename(from, to)
	}
	t.Cleanup(func() { rename = os.Rename })
	err := Write(ctx, dir, siteFiles("index.html"), true)
	if err == nil || !strings.Contains(err.Error(), "; and could not put the old site back from ") {
		t.Fatalf("err = %v", err)
	}
	var found []string
	filepath.WalkDir(filepath.Dir(dir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(filepath.Dir(dir), p)
			if strings.Contains(rel, "kpireport-tmp-") {
				rel = "TMP" + rel[strings.Index(rel, string(filepath.Separator)):]
			} else {
				rel = "OLD" + rel[strings.Index(rel, string(filepath.Separator)):]
			}
			found = append(found, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(found)
	equal(t, found, []string{"OLD/.kpireport-manifest", "OLD/index.html", "OLD/notes.txt", "TMP/.kpireport-manifest", "TMP/index.html", "TMP/notes.txt"})
}

func TestWriteThroughSymlink(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "real")
	link := filepath.Join(root, "link")
	os.Mkdir(real, 0o755)
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	if err := Write(ctx, link, siteFiles("index.html"), false); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link replaced: %v", err)
	}
	equal(t, tree(t, real), []string{".kpireport-manifest=index.html", "index.html=content of index.html"})
}
