package chart

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"kpireport/templates"
)

// cacheFormat changes whenever what RenderAll makes of an option changes
// other than through the option, the size, the id, ECharts itself or the
// render script (all in the key): the Go renderer's drawing (see
// gosvg.go), or the Go post-processing of the SVG, so that old entries are
// not used.
const cacheFormat = "kpireport-svg-3"

// Cache keeps rendered SVG on disk, one file per chart named by a hash of
// everything the SVG depends on: the chart's id, option, size and text
// alternative, the ECharts file and the renderer's format. A rebuild in
// which a chart did not change reads it instead of drawing it. Entries are
// written whole (a temporary file renamed), and the oldest are removed once
// the cache passes its size cap.
type Cache struct {
	dir string
	max int64
	mu  sync.Mutex
	mem *memory // nil but for InMemory; dir is "" for memory only
}

// DefaultCacheBytes caps the cache: some thousands of packs' charts.
const DefaultCacheBytes = 256 << 20

// OpenCache opens the chart cache in kpireport's folder of the user's cache
// (os.UserCacheDir: ~/.cache/kpireport/charts on Linux), making it if need be.
func OpenCache(max int64) (*Cache, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(base, "kpireport", "charts")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	return &Cache{dir: dir, max: max}, nil
}

var (
	enginesum     string
	enginesumOnce sync.Once
)

// key is the hash that names c's entry.
func key(c Chart) string {
	enginesumOnce.Do(func() {
		s := sha256.Sum256(append(append([]byte(nil), templates.ECharts...), renderJS...))
		enginesum = hex.EncodeToString(s[:])
	})
	h := sha256.New()
	var n [8]byte
	for _, part := range [][]byte{[]byte(cacheFormat), []byte(enginesum), []byte(c.ID), c.Option, []byte(c.Alt)} {
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		h.Write(n[:])
		h.Write(part)
	}
	binary.BigEndian.PutUint64(n[:], uint64(c.Width)<<32|uint64(uint32(c.Height)))
	h.Write(n[:])
	return hex.EncodeToString(h.Sum(nil))
}

func (k *Cache) path(c Chart) string { return filepath.Join(k.dir, key(c)+".svg") }

// get returns c's SVG if the cache holds it, and marks it as used.
func (k *Cache) get(c Chart) (string, bool) {
	if svg, ok := k.memGet(key(c)); ok {
		return svg, true
	}
	if k.dir == "" {
		return "", false
	}
	p := k.path(c)
	data, err := os.ReadFile(p)
	if err != nil || !strings.HasPrefix(string(data), "<svg") || !strings.HasSuffix(string(data), "</svg>") {
		return "", false
	}
	now := time.Now()
	os.Chtimes(p, now, now) // most recently used; a failure only ages it
	k.memPut(key(c), string(data))
	return string(data), true
}

// put stores c's SVG; a failure to write only costs a later redraw.
func (k *Cache) put(c Chart, svg string) {
	k.memPut(key(c), svg)
	if k.dir == "" {
		return
	}
	tmp, err := os.CreateTemp(k.dir, ".new-*")
	if err != nil {
		return
	}
	_, werr := tmp.WriteString(svg)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), k.path(c)) != nil {
		os.Remove(tmp.Name())
	}
}

// trim removes the least recently used entries once the cache holds more
// than its cap, down to three quarters of it.
func (k *Cache) trim() {
	if k.dir == "" {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	type entry struct {
		path string
		size int64
		used time.Time
	}
	var all []entry
	var total int64
	filepath.WalkDir(k.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			all = append(all, entry{p, fi.Size(), fi.ModTime()})
			total += fi.Size()
		}
		return nil
	})
	if total <= k.max {
		return
	}
	sort.Slice(all, func(i, j int) bool { return all[i].used.Before(all[j].used) })
	for _, e := range all {
		if total <= k.max/4*3 {
			break
		}
		if os.Remove(e.path) == nil {
			total -= e.size
		}
	}
}

// RenderCached is RenderAll through the cache for the charts that go to
// ECharts: those it holds are read, the others drawn and stored. The charts
// the Go renderer draws skip the cache, as drawing one (well under a
// millisecond) costs less than reading its file. It returns the SVGs, the
// same as RenderAll's, and how many came from the cache. A nil cache draws
// every chart.
func RenderCached(ctx context.Context, charts []Chart, workers int, k *Cache, progress func(done, total int)) ([]string, int, error) {
	var report func(int)
	if progress != nil {
		report = func(done int) { progress(done, len(charts)) }
	}
	if k == nil {
		svgs, err := RenderProgress(ctx, charts, workers, report)
		return svgs, 0, err
	}
	var cached atomic.Int64
	svgs, err := render(ctx, charts, workers, report, func(w *echartsWorker, c Chart) (string, error) {
		if svg, ok := k.get(c); ok {
			cached.Add(1)
			return svg, nil
		}
		svg, err := w.svg(ctx, c)
		if err == nil {
			k.put(c, svg)
		}
		return svg, err
	})
	if err != nil {
		return nil, 0, err
	}
	k.trim()
	return svgs, int(cached.Load()), nil
}
