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
