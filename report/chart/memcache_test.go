package chart

import (
	"os"
	"testing"
)

// The in-memory layer answers from memory what it was given or read from
// disk, and writes through to disk; memory only touches no disk.
func TestInMemory(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	disk, err := OpenCache(1 << 20)
	if err != nil {
		t.Fatal(err)
	}
	a := Chart{ID: "a", Option: []byte(`{"a":1}`), Width: 10, Height: 10}
	b := Chart{ID: "b", Option: []byte(`{"b":1}`), Width: 10, Height: 10}
	disk.put(a, "<svg>a</svg>")

	k := InMemory(disk)
	if svg, ok := k.get(a); !ok || svg != "<svg>a</svg>" {
		t.Fatalf("a from disk: %q %v", svg, ok)
	}
	os.Remove(disk.path(a))
	if _, ok := k.get(a); !ok {
		t.Error("a, read once, is not kept in memory")
	}
	k.put(b, "<svg>b</svg>")
	if _, err := os.Stat(disk.path(b)); err != nil {
		t.Errorf("b not written through to disk: %v", err)
	}
	if _, ok := k.get(Chart{ID: "b", Option: []byte(`{"b":2}`), Width: 10, Height: 10}); ok {
		t.Error("a changed option is found")
	}

	m := InMemory(nil)
	m.put(a, "<svg>m</svg>")
	if svg, ok := m.get(a); !ok || svg != "<svg>m</svg>" {
		t.Errorf("memory only: %q %v", svg, ok)
	}
	m.trim() // no folder: nothing to do, and no panic
}
