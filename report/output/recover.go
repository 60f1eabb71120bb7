package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Recover tidies up after builds of the site at dir that were stopped by
// force (killed, or the machine going down), and returns a line for the log
// for each thing it did or left.
//
// First it repairs a swap cut in half (see repair): when the site's folder
// is missing and an old site was renamed aside, it puts the old site back.
// Then it removes each temporary folder left beside dir that holds nothing
// a user could miss: a staging folder still marked as kpireport's, or a
// folder whose every file is either one its manifest lists or another name
// for (or a copy of) the file at the same place in the site. A folder
// holding anything else, as a build of an earlier kpireport could leave, is
// kept, with a warning naming the file.
//
// Two builds of one site must not run at once: Recover would remove the
// other one's staging folder.
func Recover(dir string) ([]string, error) {
	abs, err := siteFolder(dir)
	if err != nil {
		return nil, err
	}
	var notes []string
	note, err := repair(abs)
	if err != nil {
		return nil, err
	}
	if note != "" {
		notes = append(notes, note)
	}
	left, err := leftoverFolders(abs)
	if err != nil {
		return notes, err
	}
	for _, l := range left {
		stray, err := strayFile(l, abs)
		switch {
		case err != nil:
			notes = append(notes, fmt.Sprintf("warning: %s is left from an interrupted build and could not be checked (%v); look inside, then delete it", l, err))
		case stray != "":
			notes = append(notes, fmt.Sprintf("warning: %s is left from an interrupted build and holds %q, which is not in %s; look inside, then delete it", l, stray, dir))
		default:
			if err := os.RemoveAll(l); err != nil {
				notes = append(notes, fmt.Sprintf("warning: could not remove %s, left from an interrupted build: %v", l, err))
			} else {
				notes = append(notes, fmt.Sprintf("removed %s, left from an interrupted build", l))
			}
		}
	}
	return notes, nil
}

// repair puts back the old site of a swap done with two renames and cut
// between them: when abs is missing and one old site
// (".<dir>.kpireport-old-*") is beside it, that folder becomes abs again.
// The old site is the one put back, not the new one, because it is
// complete for certain; the new one is rebuilt by the build that repairs.
// It returns a line for the log saying what it did, or "".
func repair(abs string) (string, error) {
	if _, err := os.Lstat(abs); !errors.Is(err, fs.ErrNotExist) {
		return "", nil // there, or not ours to judge
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", err
	}
	var olds []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "."+base+oldInfix) {
			olds = append(olds, filepath.Join(parent, e.Name()))
		}
	}
	switch len(olds) {
	case 0:
		return "", nil
	case 1:
		if err := rename(olds[0], abs); err != nil {
			return "", fmt.Errorf("putting back the site an interrupted build moved aside: %w", err)
		}
		return fmt.Sprintf("put back %s from %s, where an interrupted build had moved it", abs, olds[0]), nil
	}
	return "", fmt.Errorf("%s is missing, and interrupted builds left %d old sites beside it (%s); rename the one to keep to %s", abs, len(olds), strings.Join(olds, ", "), filepath.Base(abs))
}

// leftoverFolders lists the temporary folders beside the site at abs, sorted.
func leftoverFolders(abs string) ([]string, error) {
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var left []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && (strings.HasPrefix(n, "."+base+tmpInfix) || strings.HasPrefix(n, "."+base+oldInfix)) {
			left = append(left, filepath.Join(parent, n))
		}
	}
	sort.Strings(left)
	return left, nil
}

// strayFile returns the first path in the left-over folder l that a user
// could miss were l removed: one that is not kpireport's and is not the
// same as what the site at abs holds at that place. It returns "" when
// there is none.
func strayFile(l, abs string) (string, error) {
	if _, err := os.Lstat(filepath.Join(l, stagingMarker)); err == nil {
		return "", nil // a staging folder before any user's file came in
	}
	owned, err := readManifest(l)
	if err != nil {
		return "", err
	}
	ownedDirs := map[string]bool{}
	for p := range owned {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			ownedDirs[d] = true
		}
	}
	stray := ""
	err = filepath.WalkDir(l, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(l, full)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".", rel == manifestName && owned != nil, owned[rel], d.IsDir() && ownedDirs[rel]:
			return nil
		}
		same, err := sameFile(full, filepath.Join(abs, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		if !same {
			stray = rel
			return fs.SkipAll
		}
		return nil
	})
	return stray, err
}

// sameFile reports whether b holds what a does: the same file, a copy of
// it, the same symbolic link, or (for a folder) a folder. A missing b is
// not the same.
func sameFile(a, b string) (bool, error) {
	ia, err := os.Lstat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Lstat(b)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	switch {
	case ia.IsDir() || ib.IsDir():
		return ia.IsDir() && ib.IsDir(), nil
	case os.SameFile(ia, ib):
		return true, nil
	case ia.Mode().Type() != ib.Mode().Type():
		return false, nil
	case ia.Mode()&fs.ModeSymlink != 0:
		ta, err := os.Readlink(a)
		if err != nil {
			return false, err
		}
		tb, err := os.Readlink(b)
		return ta == tb, err
	case ia.Mode().IsRegular() && ia.Size() == ib.Size():
		return sameBytes(a, b)
	}
	return false, nil
}

// sameBytes reports whether the files a and b hold the same bytes.
func sameBytes(a, b string) (bool, error) {
	fa, err := os.Open(a)
	if err != nil {
		return false, err
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false, err
	}
	defer fb.Close()
	ba, bb := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		na, ea := io.ReadFull(fa, ba)
		nb, eb := io.ReadFull(fb, bb)
		if na != nb || !bytes.Equal(ba[:na], bb[:nb]) {
			return false, nil
		}
		if ea == io.EOF || ea == io.ErrUnexpectedEOF {
			return eb == io.EOF || eb == io.ErrUnexpectedEOF, nil
		}
		if ea != nil {
			return false, ea
		}
		if eb != nil {
			return false, eb
		}
	}
}
