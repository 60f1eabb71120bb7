package output

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"sync"
)

// Files is a site: a set of files, each a slash-separated path relative to
// the site's folder, and its contents. A Files made with new(Files) or
// &Files{} holds its contents in memory. One made by NewStaging writes each
// file to disk as it is added, into the temporary folder that Write then
// swaps into place, so that a site of any size needs little memory. The
// methods may be called from several goroutines at once.
type Files struct {
	mu    sync.Mutex
	files map[string]entry

	// For a staged set only: the build's context, which stops every write
	// once it is done; the folder holding the files (the staging
	// folder, then the site once Write has swapped it in), the site folder
	// it is staged for, the folders made in it so far, and err, the first
	// error of an Add, or why the set can take no more files. Write reports
	// err.
	staged bool
	ctx    context.Context
	name   string // the site folder as given, for messages
	folder string
	target string
	dirs   map[string]bool
	err    error
	// writing counts the files being written, which Close waits for
	// before it removes the folder, so that no write recreates it.
	writing sync.WaitGroup
}

// entry is one file: its contents when held in memory, its size always.
type entry struct {
	data []byte
	size int64
}

// NewStaging returns an empty Files whose files are written straight to a
// new temporary folder beside dir (".<dir>.kpireport-tmp-*"), the folder
// Write(ctx, dir, ...) finishes and swaps into place. Write takes the
// staging folder over whether it succeeds or fails; Close removes it when
// the site is not written after all. Once ctx is done, every Add and AddFunc
// fails with ctx's error, a file being streamed included, so that a build
// being stopped writes nothing more.
func NewStaging(ctx context.Context, dir string) (_ *Files, err error) {
	defer func() { err = inFolder(dir, err) }()
	abs, err := siteFolder(dir)
	if err != nil {
		return nil, err
	}
	tmp, err := makeStaging(abs)
	if err != nil {
		return nil, err
	}
	return &Files{staged: true, ctx: ctx, name: dir, folder: tmp, target: abs, dirs: map[string]bool{}}, nil
}

// Close removes a staged set's temporary folder, unless Write has taken it
// over, and empties the set. It does nothing to a set held in memory, and
// nothing the second time.
func (f *Files) Close() error {
	f.mu.Lock()
	if !f.staged || f.folder == "" || f.folder == f.target {
		f.mu.Unlock()
		return nil // in memory, closed already, or written: the folder is the site now
	}
	tmp := f.folder
	f.folder, f.files, f.dirs = "", nil, nil
	if f.err == nil {
		f.err = errors.New("the staged files were closed")
	}
	f.mu.Unlock()
	// No write starts now. One under way (an export abandoned at Ctrl-C)
	// may create its file as the folder is removed; then the removal is
	// done again once it has ended. A write that starts its file after the
	// folder is gone fails, as its folder is gone too.
	err := os.RemoveAll(tmp)
	if _, statErr := os.Lstat(tmp); err != nil || statErr == nil {
		f.writing.Wait()
		err = os.RemoveAll(tmp)
	}
	if err != nil {
		return inFolder(f.name, err)
	}
	return nil
}

// take hands a staged set's folder over to Write, which is writing the site
// at abs: from now on Write removes it or makes it the site (see written).
// It returns "" for a set in memory.
func (f *Files) take(abs string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.staged {
		return "", nil
	}
	if f.err != nil {
		return "", f.err
	}
	if abs != f.target {
		return "", fmt.Errorf("the files were staged for %s, not %s", f.target, abs)
	}
	tmp := f.folder
	f.folder = ""
	f.err = errors.New("the staged files were written already")
	return tmp, nil
}

// written records that a staged set's files are now the site at abs, where
// Get reads them.
func (f *Files) written(abs string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.staged {
		f.folder = abs
	}
}

// Add sets the contents of the file at path, replacing any earlier file
// there. A set in memory keeps data (which must not change afterwards) and
// leaves the checks of the path to Write (see io/fs.ValidPath); a staged
// set checks the path and writes the file at once.
func (f *Files) Add(path string, data []byte) error {
	if !f.isStaged() {
		f.put(path, entry{data: data, size: int64(len(data))})
		return nil
	}
	return f.addStaged(path, data, nil)
}

// AddFunc sets the contents of the file at path to what write writes,
// replacing any earlier file there. A staged set streams them to disk,
// buffered, so that a large file need never be whole in memory. An error of
// write is returned as it is; AddFunc's own errors name the file.
func (f *Files) AddFunc(path string, write func(w io.Writer) error) error {
	if !f.isStaged() {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		f.put(path, entry{data: b.Bytes(), size: int64(b.Len())})
		return nil
	}
	return f.addStaged(path, nil, write)
}

// addStaged writes a file of a staged set: data, or what write writes when
// write is not nil.
func (f *Files) addStaged(path string, data []byte, write func(io.Writer) error) error {
	if err := f.ctx.Err(); err != nil {
		f.fail(err)
		return err
	}
	full, err := f.prepare(path)
	if err != nil {
		return f.fail(inFolder(f.name, err))
	}
	defer f.writing.Done()
	file, err := createFile(full)
	if err != nil {
		return f.fail(inFolder(f.name, fmt.Errorf("%s: %w", path, err)))
	}
	// writeErr is write's own error; ioErr the file's.
	var writeErr, ioErr error
	var size int64
	if write == nil {
		n, err := file.Write(data)
		size, ioErr = int64(n), err
	} else {
		cw := &countWriter{w: ctxWriter{f.ctx, file}}
		bw := buffers.Get().(*bufio.Writer)
		bw.Reset(cw)
		if writeErr = write(bw); writeErr == nil {
			ioErr = bw.Flush()
		}
		bw.Reset(nil)
		buffers.Put(bw)
		size = cw.n
	}
	if err := file.Close(); err != nil && ioErr == nil {
		ioErr = err
	}
	switch {
	case writeErr != nil:
		f.fail(inFolder(f.name, fmt.Errorf("%s: %w", path, writeErr)))
		return writeErr
	case ioErr != nil:
		return f.fail(inFolder(f.name, fmt.Errorf("%s: %w", path, ioErr)))
	}
	f.put(path, entry{size: size})
	return nil
}

// buffers are the write buffers of staged files, kept for the next file:
// a site of 5,000 pages would otherwise make 5,000 of them.
var buffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ctxWriter fails every write once its context is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

func (f *Files) isStaged() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.staged
}

// put records a file.
func (f *Files) put(path string, e entry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.files == nil {
		f.files = map[string]entry{}
	}
	f.files[path] = e
}

// fail records the first error of a staged set and returns err.
func (f *Files) fail(err error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err == nil {
		f.err = err
	}
	return err
}

// prepare checks a new path of a staged set against the files it holds and
// makes its folder; it returns the file's name on disk.
func (f *Files) prepare(p string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return "", f.err
	}
	if err := checkPath(p); err != nil {
		return "", err
	}
	if f.dirs[p] {
		var under string
		for q := range f.files {
			if len(q) > len(p) && q[:len(p)+1] == p+"/" && (under == "" || q < under) {
				under = q
			}
		}
		return "", fmt.Errorf("%q is both a file and the folder of %q", p, under)
	}
	dir := path.Dir(p)
	for d := dir; d != "."; d = path.Dir(d) {
		if _, ok := f.files[d]; ok {
			return "", fmt.Errorf("%q is both a file and the folder of %q", d, p)
		}
	}
	if dir != "." && !f.dirs[dir] {
		if err := os.MkdirAll(filepath.Join(f.folder, filepath.FromSlash(dir)), 0o755); err != nil {
			return "", err
		}
		for d := dir; d != "." && !f.dirs[d]; d = path.Dir(d) {
			f.dirs[d] = true
		}
	}
	f.writing.Add(1) // done by addStaged once the file is written
	return filepath.Join(f.folder, filepath.FromSlash(p)), nil
}

// Get returns the contents of the file at path, and whether there is one.
// A staged file is read back from disk (from the site, once written); if
// that fails, or the staged files are gone, Get reports none.
func (f *Files) Get(path string) ([]byte, bool) {
	f.mu.Lock()
	e, ok := f.files[path]
	staged, folder := f.staged, f.folder
	f.mu.Unlock()
	if !ok || !staged {
		return e.data, ok
	}
	if folder == "" {
		return nil, false
	}
	data, err := os.ReadFile(filepath.Join(folder, filepath.FromSlash(path)))
	if err != nil {
		return nil, false
	}
	return data, true
}

// Len returns the number of files.
func (f *Files) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.files)
}

// Paths returns every file's path, sorted.
func (f *Files) Paths() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.pathsLocked()
}

func (f *Files) pathsLocked() []string {
	ps := make([]string, 0, len(f.files))
	for p := range f.files {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// checkPath reports a path that cannot be a file of a site: one that is not
// a clean relative path, or is the manifest's.
func checkPath(p string) error {
	if !fs.ValidPath(p) || p == "." {
		return fmt.Errorf("%q is not a valid file path (slash-separated, relative, no . or .. parts)", p)
	}
	if p == manifestName {
		return fmt.Errorf("%q is kpireport's manifest and cannot be a page", p)
	}
	if p == stagingMarker {
		return fmt.Errorf("%q is kpireport's mark of a staging folder and cannot be a page", p)
	}
	return nil
}

// Check reports the first path that cannot be written as a file of a site:
// one that checkPath refuses, or that is both a file and a folder ("a" and
// "a/b"). A staged set's paths were checked as they came.
func (f *Files) Check() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.pathsLocked() {
		if err := checkPath(p); err != nil {
			return err
		}
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			if _, ok := f.files[dir]; ok {
				return fmt.Errorf("%q is both a file and the folder of %q", dir, p)
			}
		}
	}
	return nil
}

// Size is the total size of the files, in bytes.
func (f *Files) Size() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	var n int64
	for _, e := range f.files {
		n += e.size
	}
	return n
}

// SizeOf returns the size of the file at path, in bytes, and whether there
// is one; unlike Get, it reads nothing back from disk.
func (f *Files) SizeOf(path string) (int64, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	e, ok := f.files[path]
	return e.size, ok
}
