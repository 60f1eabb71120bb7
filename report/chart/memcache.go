package chart

import "sync"

// memory is the in-memory layer of a Cache: the SVGs drawn or read in this
// process, by the same key as the files on disk.
type memory struct {
	mu   sync.Mutex
	svgs map[string]string
}

// InMemory returns a cache that keeps every SVG it is given in memory, for
// a process that rebuilds again and again (kpireport serve): a chart that did
// not change since the last build costs a map look-up. Behind it is disk, the
// on-disk cache, read when memory misses and written as before; a nil disk
// keeps the charts in memory only.
func InMemory(disk *Cache) *Cache {
	k := &Cache{mem: &memory{svgs: map[string]string{}}}
	if disk != nil {
		k.dir, k.max = disk.dir, disk.max
	}
	return k
}

// memGet returns c's SVG from memory.
func (k *Cache) memGet(id string) (string, bool) {
	if k.mem == nil {
		return "", false
	}
	k.mem.mu.Lock()
	defer k.mem.mu.Unlock()
	svg, ok := k.mem.svgs[id]
	return svg, ok
}

// memPut keeps c's SVG in memory.
func (k *Cache) memPut(id, svg string) {
	if k.mem == nil {
		return
	}
	k.mem.mu.Lock()
	defer k.mem.mu.Unlock()
	k.mem.svgs[id] = svg
}
