package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterrupt runs the real command on a workbook of a few hundred KPIs,
// with packs, and sends it SIGINT at several moments of the build. Each
// time the process must exit within 2 seconds with status 130, say that the
// site was left as it was, leave the site of an earlier build byte for byte
// as it was, and leave no staging folder behind. A second SIGINT must end
// the process at once.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and a 300-KPI site")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "kpireport")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	kpis, measurements := writeCSVBook(t, dir, 300, 24)
	out := filepath.Join(dir, "site")
	args := []string{"build", kpis, measurements, "-o", out, "--no-cache"}
	if b, err := exec.Command(bin, append(args, "--no-packs")...).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	before := treeSums(t, out)

	moments := []struct {
		name string
		// after is a line of the build's log, or "" to interrupt at once.
		after string
		wait  time.Duration
	}{
		{"while reading", "", 150 * time.Millisecond},
		{"after reading", "read 300 KPIs", 0},
		// The charts are drawn in Go now, some hundreds in a fraction of
		// a second: interrupt as they start.
		{"while drawing the pack charts", "drawing ", 0},
	}
	for _, m := range moments {
		t.Run(m.name, func(t *testing.T) {
			cmd, lines := start(t, bin, args)
			if m.after != "" {
				waitFor(t, lines, m.after)
			}
			time.Sleep(m.wait)
			sent := time.Now()
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			log, code := finish(t, cmd, lines, sent)
			if code != 130 {
				t.Errorf("exit status %d, want 130; log:\n%s", code, log)
			}
			if !strings.Contains(log, "was left as it was") {
				t.Errorf("the log does not say the site was left as it was:\n%s", log)
			}
			checkUnchanged(t, out, before)
		})
	}

	t.Run("while printing PDFs", func(t *testing.T) {
		if _, err := exec.LookPath("chromium"); err != nil {
			t.Skip("no chromium to print with")
		}
		sample := filepath.Join("..", "..", "sample-data", "northvale-water.xlsx")
		pdfOut := filepath.Join(dir, "pdf-site")
		if b, err := exec.Command(bin, "build", sample, "-o", pdfOut, "--no-packs").CombinedOutput(); err != nil {
			t.Fatalf("first build: %v\n%s", err, b)
		}
		old := treeSums(t, pdfOut)
		cmd, lines := start(t, bin, []string{"build", sample, "-o", pdfOut, "--pdf"})
		waitFor(t, lines, "to PDF")
		time.Sleep(300 * time.Millisecond)
		sent := time.Now()
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		log, code := finish(t, cmd, lines, sent)
		if code != 130 || !strings.Contains(log, "was left as it was") {
			t.Errorf("exit status %d, want 130 and the site left as it was; log:\n%s", code, log)
		}
		checkUnchanged(t, pdfOut, old)
	})

	t.Run("twice", func(t *testing.T) {
		cmd, lines := start(t, bin, args)
		waitFor(t, lines, "drawing ")
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
		sent := time.Now()
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		log, code := finish(t, cmd, lines, sent)
		if code != 130 {
			t.Errorf("exit status %d, want 130; log:\n%s", code, log)
		}
		if d := time.Since(sent); d > 2*time.Second {
			t.Errorf("the second interrupt took %v to end the process", d)
		}
		// Whatever a forced quit left, the published site is as it was.
		if got := treeSums(t, out); !sameSums(got, before) {
			t.Errorf("the site changed after a forced quit")
		}
		leftovers, _ := filepath.Glob(filepath.Join(dir, ".site.kpireport-*"))
		for _, l := range leftovers {
			os.RemoveAll(l) // the next build warns of these; not this test's subject
		}
	})
}

// start runs bin with args and returns it with a channel of its log lines,
// closed when its stderr ends.
func start(t *testing.T, bin string, args []string) (*exec.Cmd, chan string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		s := bufio.NewScanner(stderr)
		for s.Scan() {
			lines <- s.Text()
		}
	}()
	return cmd, lines
}

// waitFor reads log lines until one contains s.
func waitFor(t *testing.T, lines chan string, s string) {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("the build ended before logging %q", s)
			}
			if strings.Contains(l, s) {
				return
			}
		case <-timeout:
			t.Fatalf("no %q in the log after a minute", s)
		}
	}
}

// finish waits for cmd to end, at most 2 seconds after sent, and returns
// the rest of its log and its exit status.
func finish(t *testing.T, cmd *exec.Cmd, lines chan string, sent time.Time) (string, int) {
	t.Helper()
	// The log is read to its end before Wait, which closes the pipe and
	// would lose what the process wrote last.
	var log strings.Builder
	deadline := time.After(2 * time.Second)
	for open := true; open; {
		select {
		case l, ok := <-lines:
			if !ok {
				open = false
				continue
			}
			log.WriteString(l + "\n")
		case <-deadline:
			cmd.Process.Kill()
			t.Errorf("still running 2s after the interrupt")
			deadline = nil
		}
	}
	cmd.Wait()
	t.Logf("exited %v after the signal", time.Since(sent).Round(time.Millisecond))
	return log.String(), cmd.ProcessState.ExitCode()
}

// checkUnchanged fails unless out holds the files of before, byte for byte,
// and nothing was staged beside it.
func checkUnchanged(t *testing.T, out string, before map[string][32]byte) {
	t.Helper()
	if got := treeSums(t, out); !sameSums(got, before) {
		t.Errorf("the site in %s changed", out)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".kpireport-*"))
	if len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
	for _, l := range left {
		os.RemoveAll(l) // so that the next moment is judged on its own
	}
}

func treeSums(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	sums := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sums[p] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

func sameSums(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// writeCSVBook writes kpis.csv and measurements.csv: n KPIs in the four
// classic perspectives, with months months of data each.
func writeCSVBook(t *testing.T, dir string, n, months int) (string, string) {
	t.Helper()
	persp := []string{"Financial", "Customer", "Internal Processes", "Learning & Growth"}
	var k, m bytes.Buffer
	k.WriteString("id,name,perspective,unit,direction,target,owner\n")
	m.WriteString("kpi,period,actual\n")
	for i := range n {
		dir := "higher"
		if i%3 == 1 {
			dir = "lower"
		}
		fmt.Fprintf(&k, "K%03d,Indicator %d,%s,units,%s,100,Owner %d\n", i, i, persp[i%4], dir, i%7)
		for mo := range months {
			v := 100 + 15*math.Sin(float64(i+mo)/5)
			fmt.Fprintf(&m, "K%03d,%d-%02d,%.1f\n", i, 2025+mo/12, mo%12+1, v)
		}
	}
	kp, mp := filepath.Join(dir, "kpis.csv"), filepath.Join(dir, "measurements.csv")
	for _, f := range []struct {
		path string
		data io.Reader
	}{{kp, &k}, {mp, &m}} {
		b, _ := io.ReadAll(f.data)
		if err := os.WriteFile(f.path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return kp, mp
}
