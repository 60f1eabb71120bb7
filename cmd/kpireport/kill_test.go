package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKill runs the real command on the sample workbook, rebuilding with
// --force a site that holds a few hundred of the user's files, and sends it
// SIGKILL at seeded random moments around the swap. After each kill the
// output folder must be the complete old site or the complete new one,
// with every user's file the very same file (same inode) and content; a
// normal build afterwards must succeed and leave nothing beside the output.
func TestKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and kills it a dozen times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "kpireport")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Two sites that differ: the latest period and an earlier one.
	variants := [][]string{nil, {"--period", "2025-Q4"}}
	build := func(out string, v int, extra ...string) ([]byte, error) {
		args := append([]string{"build", sample, "--no-packs", "-o", out}, variants[v]...)
		return exec.Command(bin, append(args, extra...)...).CombinedOutput()
	}
	var sites [2]map[string][32]byte
	for v := range variants {
		ref := filepath.Join(dir, fmt.Sprintf("ref%d", v))
		if b, err := build(ref, v); err != nil {
			t.Fatalf("reference build: %v\n%s", err, b)
		}
		sites[v] = relSums(t, ref)
	}

	out := filepath.Join(dir, "site")
	if b, err := build(out, 0); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	// The user's files: beside the pages, in a folder of the site's, a
	// folder of their own holding many (so that keeping them takes a
	// while), and a symbolic link.
	user := map[string]string{"notes.txt": "mine", "kpis/mine.txt": "mine too"}
	for i := range 400 {
		user[fmt.Sprintf("archive/%02d/%03d.txt", i%20, i)] = fmt.Sprintf("file %d", i)
	}
	for p, s := range user {
		full := filepath.Join(out, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("notes.txt", filepath.Join(out, "notes-link")); err != nil {
		t.Fatal(err)
	}
	userInfo := map[string]fs.FileInfo{}
	for p := range user {
		info, err := os.Lstat(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		userInfo[p] = info
	}
	userSums := relSums(t, out)
	for p := range sites[0] {
		delete(userSums, p)
	}
	want := func(v int) map[string][32]byte {
		m := map[string][32]byte{}
		for p, s := range sites[v] {
			m[p] = s
		}
		for p, s := range userSums {
			m[p] = s
		}
		return m
	}

	// How long a --force rebuild takes, to aim the kills at its end.
	start := time.Now()
	if b, err := build(out, 1, "--force"); err != nil {
		t.Fatalf("timed build: %v\n%s", err, b)
	}
	d := time.Since(start)
	t.Logf("a --force rebuild takes %v", d.Round(time.Millisecond))

	rng := rand.New(rand.NewPCG(10, 5))
	current, finished, swapped := 1, 0, 0
	for i := range 12 {
		next := 1 - current
		args := append([]string{"build", sample, "--no-packs", "-o", out, "--force"}, variants[next]...)
		cmd := exec.Command(bin, args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// From half way through a build to half as long again past its end.
		wait := time.Duration(float64(d) * (0.5 + rng.Float64()))
		time.Sleep(wait)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if err == nil {
			finished++
		}
		got := relSums(t, out)
		switch {
		case sameSums(got, want(next)):
			current = next
			swapped++
		case sameSums(got, want(current)):
		default:
			t.Fatalf("kill %d after %v: the output folder is neither the old site nor the new one (%d files)", i, wait, len(got))
		}
		for p, info := range userInfo {
			now, err := os.Lstat(filepath.Join(out, filepath.FromSlash(p)))
			if err != nil || !os.SameFile(info, now) {
				t.Fatalf("kill %d after %v: the user's file %s is not the same file: %v", i, wait, p, err)
			}
		}
	}
	t.Logf("12 kills: %d builds finished before theirs; %d left the new site", finished, swapped)

	b, err := build(out, 0, "--force")
	if err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, b)
	}
	if got := relSums(t, out); !sameSums(got, want(0)) {
		t.Errorf("the site after the kills is not the one built")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".site.kpireport-*"))
	if len(left) > 0 {
		t.Errorf("left beside the site after a normal build: %v; its log:\n%s", left, b)
	}
}

// relSums returns the sha256 of every file under dir (a symbolic link's of
// its target's name), by slash-separated path relative to dir.
func relSums(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	sums := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		var b []byte
		if d.Type()&fs.ModeSymlink != 0 {
			s, err := os.Readlink(p)
			if err != nil {
				return err
			}
			b = []byte("link to " + s)
		} else if b, err = os.ReadFile(p); err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sums[strings.ReplaceAll(rel, string(filepath.Separator), "/")] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}
