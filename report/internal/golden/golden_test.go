package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	a := "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n"
	b := "one\ntwo\nthree\nfour\nFIVE\nsix\nseven\neight\nnine\n"
	want := `--- testdata/x.golden
+++ got
@@ -2,7 +2,8 @@
 two
 three
 four
-five
+FIVE
 six
 seven
 eight
+nine
`
	if got := Diff("testdata/x.golden", a, "got", b); got != want {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
	if got := Diff("a", a, "b", a); got != "" {
		t.Errorf("Diff of equal texts = %q, want empty", got)
	}
}

// recorder is a testing.TB that keeps what Check reports.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
	runtime.Goexit()
}

// check runs Check as a test would, in its own goroutine so that Fatalf can
// end it, and returns what it reported.
func check(t *testing.T, name, got string) []string {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Check(r, name, []byte(got))
	}()
	<-done
	return r.errors
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "a.txt"), []byte("x 1\ny 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	if errs := check(t, "a.txt", "x 1\ny 2\n"); len(errs) != 0 {
		t.Errorf("same text: %q", errs)
	}
	const head = "testdata/a.txt differs (go test -update rewrites it, if the change is meant):\n" +
		"--- testdata/a.txt\n+++ got\n"
	want := head + "@@ -1,2 +1,2 @@\n x 1\n-y 2\n+y 3\n"
	if errs := check(t, "a.txt", "x 1\ny 3\n"); len(errs) != 1 || errs[0] != want {
		t.Errorf("changed line: %q\nwant %q", errs, want)
	}
	want = head + "@@ -1,2 +1,3 @@\n x 1\n y 2\n+\\ No newline at end of file\n"
	if errs := check(t, "a.txt", "x 1\ny 2"); len(errs) != 1 || errs[0] != want {
		t.Errorf("missing final newline: %q\nwant %q", errs, want)
	}
	errs := check(t, "none.txt", "x\n")
	if len(errs) != 1 || !strings.HasSuffix(errs[0], "(run go test -update to write it)") {
		t.Errorf("missing golden: %q", errs)
	}
}
