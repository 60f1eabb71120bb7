package main

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/xuri/excelize/v2"

	"kpireport/report"
	"kpireport/report/pack"
)

// TestServe drives serve on a free loopback port through an edit, a bad
// edit and its fix, as someone correcting a workbook in board week does.
func TestServe(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	book := filepath.Join(dir, "northvale-water.xlsx")
	data, err := os.ReadFile("../../sample-data/northvale-water.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(book, data, 0o644); err != nil {
		t.Fatal(err)
	}
	oldActual := cellValue(t, book, "Measurements", "C2")
	if _, err := strconv.ParseFloat(oldActual, 64); err != nil {
		t.Fatalf("Measurements!C2 is %q, not a number", oldActual)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type started struct{ url, dir string }
	ready := make(chan started, 1)
	stopped := make(chan error, 1)
	opts := report.Options{Inputs: []string{book}, NoPacks: true}
	go func() {
		stopped <- serve(ctx, opts, "127.0.0.1:0", io.Discard, io.Discard, func(url, dir string) { ready <- started{url, dir} })
	}()
	var s started
	select {
	case s = <-ready:
	case err := <-stopped:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("no first build in two minutes")
	}
	if !strings.HasPrefix(s.url, "http://127.0.0.1:") || strings.HasSuffix(s.url, ":0/") {
		t.Fatalf("serving at %s, want a real loopback port", s.url)
	}

	// The events: each build done is a "reload".
	reloads := make(chan string, 16)
	resp, err := http.Get(s.url + strings.TrimPrefix(eventsPath, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events are %q", ct)
	}
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				reloads <- sc.Text()
			}
		}
	}()

	page := get(t, s.url)
	if !strings.Contains(page, `<script src="`+reloadPath+`"></script>`) {
		t.Fatal("the served page has no reload script")
	}
	if strings.Contains(page, "kpireport-serve-errors") {
		t.Fatal("the first page shows errors")
	}
	js := get(t, s.url+strings.TrimPrefix(reloadPath, "/"))
	if !strings.Contains(js, "EventSource") {
		t.Fatalf("the reload script is %q", js)
	}

	// An edit: the page shows it.
	setCell(t, book, "KPIs", "B4", "Zebra Quokka Level")
	waitReload(t, reloads)
	waitPage(t, s.url, func(p string) bool { return strings.Contains(p, "Zebra Quokka Level") })

	// A bad edit: the page lists the error with its cell, over the last good site.
	setCell(t, book, "Measurements", "C2", "lots")
	page = waitPage(t, s.url, func(p string) bool { return strings.Contains(p, "kpireport-serve-errors") })
	if !strings.Contains(page, "northvale-water.xlsx:Measurements!C2") || !strings.Contains(page, "is not a number") {
		t.Fatalf("the error page does not name the cell:\n%s", page)
	}
	if !strings.Contains(page, "Zebra Quokka Level") || !strings.Contains(page, reloadPath) {
		t.Fatal("the last good site is not served beneath the errors, with the reload script")
	}

	// Fixed: the page is back.
	f, err := strconv.ParseFloat(oldActual, 64)
	if err != nil {
		t.Fatal(err)
	}
	setCell(t, book, "Measurements", "C2", f)
	waitPage(t, s.url, func(p string) bool {
		return !strings.Contains(p, "kpireport-serve-errors") && strings.Contains(p, "Zebra Quokka Level")
	})

	// The built site on disk carries no trace of serve, and nothing was
	// written beside the workbook.
	n := 0
	err = filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".html") {
			n++
		}
		if strings.Contains(string(b), "__kpireport") {
			t.Errorf("%s, built, holds serve's script", p)
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("walking the built site: %v (%d pages)", err, n)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the workbook's folder holds %d entries, want the workbook alone", len(entries))
	}

	cancel()
	select {
	case err := <-stopped:
		if err != nil {
			t.Fatalf("serve stopped with %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not stop")
	}
	if _, err := os.Stat(s.dir); !os.IsNotExist(err) {
		t.Errorf("serve left its build folder %s behind", s.dir)
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	return string(b)
}

// waitReload waits for a "reload" event.
func waitReload(t *testing.T, reloads <-chan string) {
	t.Helper()
	select {
	case <-reloads:
	case <-time.After(2 * time.Minute):
		t.Fatal("no reload event in two minutes")
	}
}

// waitPage polls url until ok holds of its page, and returns the page.
func waitPage(t *testing.T, url string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		p := get(t, url)
		if ok(p) {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page never changed as expected; last:\n%.2000s", p)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func cellValue(t *testing.T, path, sheet, cell string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func setCell(t *testing.T, path, sheet, cell string, v any) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestServeWatchList checks which changes call for a rebuild.
func TestServeWatchList(t *testing.T) {
	dir := t.TempDir()
	w := newWatchList(report.Options{Inputs: []string{filepath.Join(dir, "kpis.xlsx")}, Templates: filepath.Join(dir, "tpl")})
	for name, want := range map[string]bool{
		"kpis.xlsx":                  true,
		"kpireport.yaml":             true,
		"commentary/2026-Q4/WAT.md":  true,
		"tpl/kpi.html":               true,
		"other.xlsx":                 false,
		"~$kpis.xlsx":                false,
		".~lock.kpis.xlsx#":          false,
		"commentary/2026-Q4/x.md~":   false,
		"commentary/2026-Q4/abc.tmp": false,
	} {
		ev := fsnotify.Event{Name: filepath.Join(dir, filepath.FromSlash(name)), Op: fsnotify.Write}
		if got := w.relevant(ev); got != want {
			t.Errorf("%s: relevant %v, want %v", name, got, want)
		}
	}
	if w.relevant(fsnotify.Event{Name: filepath.Join(dir, "kpis.xlsx"), Op: fsnotify.Chmod}) {
		t.Error("a chmod calls for a rebuild")
	}
}

// TestAmendCSP checks that serve lets a pack's and a page's policy load its
// script, and keeps the rest.
func TestAmendCSP(t *testing.T) {
	page := `<meta http-equiv="Content-Security-Policy" content="` + pack.CSP + `">`
	got := amendCSP(page)
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "connect-src 'self'", "img-src data:"} {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %s", got, want)
		}
	}
	site := `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'">`
	if got := amendCSP(site); strings.Count(got, "script-src") != 1 || !strings.Contains(got, "connect-src 'self'") {
		t.Errorf("site policy became %s", got)
	}
}
