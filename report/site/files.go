package site

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// Files is a site in memory: a set of files, each a slash-separated path
// relative to the site's folder and its contents.
type Files struct {
	data map[string][]byte
}

// Add sets the contents of the file at path, replacing any earlier file
// there. Write checks that paths are valid (see io/fs.ValidPath).
func (f *Files) Add(path string, data []byte) {
	if f.data == nil {
		f.data = map[string][]byte{}
	}
	f.data[path] = data
}

// Get returns the contents of the file at path, and whether there is one.
func (f *Files) Get(path string) ([]byte, bool) {
	d, ok := f.data[path]
	return d, ok
}

// Len returns the number of files.
func (f *Files) Len() int { return len(f.data) }

// Paths returns every file's path, sorted.
func (f *Files) Paths() []string {
	ps := make([]string, 0, len(f.data))
	for p := range f.data {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// check reports the first path that cannot be written as a file of a site:
// one that is not a clean relative path, is the manifest's, or is both a
// file and a folder ("a" and "a/b").
func (f *Files) check() error {
	for _, p := range f.Paths() {
		if !fs.ValidPath(p) || p == "." {
			return fmt.Errorf("site: %q is not a valid file path (slash-separated, relative, no . or .. parts)", p)
		}
		if p == manifestName {
			return fmt.Errorf("site: %q is kpireport's manifest and cannot be a page", p)
		}
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			if _, ok := f.data[dir]; ok {
				return fmt.Errorf("site: %q is both a file and the folder of %q", dir, p)
			}
		}
	}
	return nil
}

// Size is the total size of the files, in bytes.
func (f *Files) Size() int64 {
	var n int64
	for _, d := range f.data {
		n += int64(len(d))
	}
	return n
}
