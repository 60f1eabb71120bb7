// Package bench times a kpireport build stage by stage and measures the
// memory each stage reaches, at the sizes the speed issue names: the
// sample, 1,000 KPIs × 36 months and 5,000 × 60 (workbooks written by
// genbook). cmd/kpibench prints its results as a Markdown table.
package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"kpireport/internal/genbook"
	"kpireport/report"
)

// Size is one workbook to build.
type Size struct {
	Name   string
	KPIs   int // 0: the sample workbook
	Months int
}

// Sizes are the three sizes of the issue, by name.
var Sizes = map[string]Size{
	"small":  {Name: "small"},
	"medium": {Name: "medium", KPIs: 1000, Months: 36},
	"large":  {Name: "large", KPIs: 5000, Months: 60},
}

// Label says what the size is, for the table.
func (s Size) Label() string {
	if s.KPIs == 0 {
		return "sample"
	}
	return fmt.Sprintf("%s × %d", commas(s.KPIs), s.Months)
}

// Stage is one stage's figures.
type Stage struct {
	Name string
	Time time.Duration
	Peak int64 // the most memory the process held during the stage (RSS where the system says, else the Go runtime's total)
}

// Result is one build's figures.
type Result struct {
	Size    Size
	Packs   bool
	Stages  []Stage
	Wall    time.Duration
	PeakRSS int64 // the process's high-water mark (VmHWM) at the end, 0 if unknown
	Log     string
	// RawRead is how long excelize takes to stream every row of every
	// sheet of the same workbook, read after the build in its process: the
	// yardstick of the budget for the large build (1.5 times it).
	RawRead time.Duration
}

// Options say how to build.
type Options struct {
	Sample string // the sample workbook's path
	Dir    string // where to write the workbook and the site
	Packs  bool   // build the review packs too
	Cache  bool   // use the chart cache (a warm build once it is filled); default: draw every chart
}

// Run writes the size's workbook (unless it is the sample) and builds it,
// stage by stage.
func Run(ctx context.Context, s Size, o Options) (*Result, error) {
	book := o.Sample
	if s.KPIs > 0 {
		book = filepath.Join(o.Dir, fmt.Sprintf("book-%dx%d.xlsx", s.KPIs, s.Months))
		if _, err := os.Stat(book); err != nil {
			if err := genbook.Write(book, genbook.Spec{KPIs: s.KPIs, Months: s.Months, Seed: 1}); err != nil {
				return nil, err
			}
		}
	}
	// The build writes a new site, as a first build does. The last run's
	// site is moved aside and removed only after the raw read: removed just
	// before, ext4 made the build 3 to 5 s slower at 5,000 KPIs, searching
	// past the thousands of inodes just freed for each file it created; and
	// left for the build to replace, the build spends 2 s removing it.
	out := filepath.Join(o.Dir, "site-"+s.Name)
	if _, err := os.Stat(out); err == nil {
		old := out + ".old"
		os.RemoveAll(old)
		if err := os.Rename(out, old); err != nil {
			return nil, err
		}
		defer os.RemoveAll(old)
	}
	r := &Result{Size: s, Packs: o.Packs}
	var mu sync.Mutex
	var cur *Stage
	var began time.Time
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() { // the peak of each stage, sampled every 5 ms
		defer close(sampled)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				m := memNow()
				mu.Lock()
				if cur != nil && m > cur.Peak {
					cur.Peak = m
				}
				mu.Unlock()
			}
		}
	}()
	hook := func(name string) {
		now, m := time.Now(), memNow()
		mu.Lock()
		defer mu.Unlock()
		if cur != nil {
			cur.Time = now.Sub(began)
			cur.Peak = max(cur.Peak, m)
			r.Stages = append(r.Stages, *cur)
			cur = nil
		}
		if name != "" {
			cur, began = &Stage{Name: name, Peak: m}, now
		}
	}
	var log bytes.Buffer
	start := time.Now()
	err := report.Build(ctx, report.Options{Inputs: []string{book}, Out: out, NoPacks: !o.Packs, NoCache: !o.Cache, Log: &log, Stage: hook})
	r.Wall = time.Since(start)
	close(stop)
	<-sampled
	r.Log = log.String()
	if err != nil {
		return r, fmt.Errorf("%s: %w\n%s", s.Label(), err, r.Log)
	}
	r.PeakRSS = procStatus("VmHWM")
	// After the build, so that its memory is not the build's peak.
	if r.RawRead, err = RawRead(book); err != nil {
		return r, err
	}
	return r, nil
}

// RawRead streams every row of every sheet of the workbook at path with
// excelize, converting nothing, and returns how long it took.
func RawRead(path string) (time.Duration, error) {
	start := time.Now()
	f, err := excelize.OpenFile(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			if _, err := rows.Columns(); err != nil {
				rows.Close()
				return 0, err
			}
		}
		if err := rows.Close(); err != nil {
			return 0, err
		}
	}
	return time.Since(start), nil
}

// memNow is the process's resident memory, or failing that the Go
// runtime's total.
func memNow() int64 {
	if b, err := os.ReadFile("/proc/self/statm"); err == nil {
		f := strings.Fields(string(b))
		if len(f) > 1 {
			if pages, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				return pages * int64(os.Getpagesize())
			}
		}
	}
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

// procStatus reads a size in kB from /proc/self/status, in bytes; 0 if
// unknown.
func procStatus(field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// Table writes the results as a Markdown table: a row per stage, then the
// whole build.
func Table(w io.Writer, rs []*Result) {
	fmt.Fprintln(w, "| size | packs | stage | time | peak memory |")
	fmt.Fprintln(w, "|---|---|---|---:|---:|")
	for _, r := range rs {
		packs := "no"
		if r.Packs {
			packs = "yes"
		}
		for _, s := range r.Stages {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", r.Size.Label(), packs, s.Name, secs(s.Time), mib(s.Peak))
		}
		fmt.Fprintf(w, "| %s | %s | **whole build** | **%s** | **%s** |\n", r.Size.Label(), packs, secs(r.Wall), mib(r.PeakRSS))
		if r.RawRead > 0 {
			fmt.Fprintf(w, "| %s | %s | excelize's raw read, for reference | %s (build %.1f×) | |\n", r.Size.Label(), packs, secs(r.RawRead), r.Wall.Seconds()/r.RawRead.Seconds())
		}
	}
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func mib(n int64) string {
	if n == 0 {
		return "?"
	}
	return fmt.Sprintf("%d MiB", (n+1<<19)>>20)
}

func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
