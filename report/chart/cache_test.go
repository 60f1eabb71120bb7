package chart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Past its cap the cache removes its least recently used entries, down to
// three quarters of the cap; an entry read is used again.
func TestCacheTrim(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	k, err := OpenCache(10 << 10)
	if err != nil {
		t.Fatal(err)
	}
	svg := "<svg>" + strings.Repeat("x", 1<<10) + "</svg>"
	var charts []Chart
	for i := range 12 {
		c := Chart{ID: "c" + string(rune('a'+i)), Option: []byte(`{}`), Width: 10, Height: 10}
		charts = append(charts, c)
		k.put(c, svg)
		old := time.Now().Add(time.Duration(i-20) * time.Minute)
		os.Chtimes(k.path(c), old, old)
	}
	if _, ok := k.get(charts[0]); !ok { // the oldest, now the latest used
		t.Fatal("entry 0 not found")
	}
	k.trim()
	files, _ := filepath.Glob(filepath.Join(k.dir, "*.svg"))
	if len(files) > 7 || len(files) < 5 {
		t.Errorf("%d entries after trimming, want about three quarters of a 10-entry cap", len(files))
	}
	if _, ok := k.get(charts[0]); !ok {
		t.Error("the entry just used was removed")
	}
	if _, ok := k.get(charts[1]); ok {
		t.Error("the least recently used entry was kept")
	}
	if key(charts[2]) == key(Chart{ID: charts[2].ID, Option: []byte(`{}`), Width: 10, Height: 11}) {
		t.Error("the key does not depend on the size")
	}
}

// Through the cache, the charts that go to ECharts (here sparklines) are
// stored once drawn and read on the next call, the same bytes; the charts
// drawn in Go (a History chart) are drawn each time and never stored; a
// damaged entry is drawn again.
func TestRenderCached(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	k, err := OpenCache(1 << 20)
	if err != nil {
		t.Fatal(err)
	}
	v := func(f float64) *float64 { return &f }
	history, err := History(HistoryInput{ID: "h", Title: "Revenue", Labels: []string{"Jan", "Feb", "Mar"},
		Actual: []*float64{v(1), v(2), v(3)}, Target: []*float64{v(2), v(2), v(2)}})
	if err != nil {
		t.Fatal(err)
	}
	spark1, err := Sparkline("s1", []*float64{v(1), v(3), v(2)})
	if err != nil {
		t.Fatal(err)
	}
	spark2, err := Sparkline("s2", []*float64{v(5), nil, v(4)})
	if err != nil {
		t.Fatal(err)
	}
	charts := []Chart{spark1, history, spark2}
	want, err := RenderAll(t.Context(), charts, 2)
	if err != nil {
		t.Fatal(err)
	}
	for round, wantCached := range []int{0, 2} {
		got, cached, err := RenderCached(t.Context(), charts, 2, k, nil)
		if err != nil {
			t.Fatal(err)
		}
		if cached != wantCached {
			t.Errorf("round %d: %d charts from the cache, want %d", round, cached, wantCached)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("round %d: chart %s differs from RenderAll's", round, charts[i].ID)
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(k.dir, "*.svg"))
	if len(files) != 2 {
		t.Fatalf("%d cache entries, want the 2 sparklines'", len(files))
	}
	if err := os.WriteFile(k.path(spark1), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	fresh, err := OpenCache(1 << 20) // no memory of the last calls
	if err != nil {
		t.Fatal(err)
	}
	got, cached, err := RenderCached(t.Context(), charts, 1, fresh, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cached != 1 || got[0] != want[0] {
		t.Errorf("a damaged entry: %d from the cache (want 1), redrawn the same: %v", cached, got[0] == want[0])
	}
}
