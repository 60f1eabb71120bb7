package scorecard

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Commentary files must be plain files inside commentary/: a link out of
// the folder, a link to a device, a pipe, a linked period folder and a file
// over the size limit are each skipped with a warning naming them, and the
// plain file beside them is read. Nothing hangs on the pipe.
func TestCommentaryFilesNotFollowed(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("kpis.csv", "id,name,perspective,target\nK1,Orders,Customer,10\n")
	write("measurements.csv", "kpi,period,actual\nK1,2026-01,9\nK1,2026-02,11\nK1,2026-03,12\n")
	write("commentary/2026-03/overall.md", "The quarter went well.")
	secret := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(secret, []byte("not for the board"), 0o644); err != nil {
		t.Fatal(err)
	}
	period := filepath.Join(dir, "commentary", "2026-03")
	for name, target := range map[string]string{"K1.md": secret, "Customer.md": "/dev/zero"} {
		if err := os.Symlink(target, filepath.Join(period, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(period, "Financial.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	write("commentary/2026-03/Internal Processes.md", strings.Repeat("x", maxCommentBytes+1))
	if err := os.Symlink(filepath.Dir(secret), filepath.Join(dir, "commentary", "2026-02")); err != nil {
		t.Fatal(err)
	}

	done := make(chan struct{})
	var sc *Scorecard
	var warnings []string
	go func() {
		defer close(done)
		s, ps, err := Load([]string{filepath.Join(dir, "kpis.csv"), filepath.Join(dir, "measurements.csv")}, LoadOptions{})
		if err != nil {
			t.Error(err)
			return
		}
		sc = s
		for _, p := range ps.List {
			warnings = append(warnings, p.String())
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Load hangs on the commentary folder")
	}
	if sc == nil {
		return
	}
	all := strings.Join(warnings, "\n")
	for _, want := range []string{
		"commentary/2026-03/K1.md: is not a plain file",
		"commentary/2026-03/Customer.md: is not a plain file",
		"commentary/2026-03/Financial.md: is not a plain file",
		"commentary/2026-03/Internal Processes.md: is 1.0 MB, over the 1 MB",
		"commentary/2026-02: is a link",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning %q in:\n%s", want, all)
		}
	}
	var texts []string
	for _, c := range sc.Comments {
		texts = append(texts, c.Markdown)
	}
	for _, k := range sc.KPIs {
		for _, c := range k.Comments {
			texts = append(texts, c.Markdown)
		}
	}
	got := strings.Join(texts, "|")
	if !strings.Contains(got, "The quarter went well.") || strings.Contains(got, "not for the board") {
		t.Errorf("comments read: %q; want the plain file's and not the linked one's", got)
	}
}

// Excel's lock file, picked up by a wildcard beside the workbook, is
// skipped with a note, and the build goes on.
func TestLockFileSkipped(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"kpis.csv":         "id,name,perspective,target\nK1,Orders,Customer,10\n",
		"measurements.csv": "kpi,period,actual\nK1,2026-01,9\n",
		"~$book.xlsx":      "\x00owner\x00",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var paths []string
	for _, n := range []string{"kpis.csv", "measurements.csv", "~$book.xlsx"} {
		paths = append(paths, filepath.Join(dir, n))
	}
	sc, ps, err := Load(paths, LoadOptions{})
	if err != nil || ps.Errors() > 0 || len(sc.KPIs) != 1 {
		t.Fatalf("Load: %v, %d errors; want the lock file skipped", err, ps.Errors())
	}
	if len(ps.List) == 0 || ps.List[0].String() != "~$book.xlsx: is the lock file Excel keeps while book.xlsx is open; skipped" {
		t.Errorf("problems %v; want the lock file's note first", ps.List)
	}
}

// What would fail the build later is an error at its cell when read, so
// that check agrees with build: a number near a float's limit, a percentage
// complete out of range, a date before 1900.
func TestOutOfRangeAtCells(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"kpis.csv":         "id,name,perspective,target,weight\nK1,Orders,Customer,10,1e308\nK2,Costs,Financial,1e300,1\n",
		"measurements.csv": "kpi,period,actual\nK1,2026-01,9\nK1,2026-02,-1.7e308\nK2,2026-01,5\n",
		"initiatives.csv":  "id,name,percent_complete,start\nI1,Plan,150,0001-01-01\nI2,Build,-50,2026-01-01\n",
	}
	var paths []string
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	_, ps, err := Load(paths, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps.List {
		if p.Severity == 0 {
			got = append(got, p.String())
		}
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"kpis.csv:E2: weight 1e+308 is beyond ±10^15",
		"kpis.csv:D3: target 1e+300 is beyond ±10^15",
		"measurements.csv:C3: actual -1.7e+308 is beyond ±10^15",
		"initiatives.csv:C2: initiative I1: percent_complete 150 is not between 0 and 100",
		"initiatives.csv:D2: start 0001-01-01 is not between 1900 and 2200",
		"initiatives.csv:C3: initiative I2: percent_complete -50 is not between 0 and 100",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no error %q in:\n%s", want, all)
		}
	}
}
