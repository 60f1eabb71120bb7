package output

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// keep puts each of the user's files and folders (foreign: paths relative
// to the site at abs) into the new site in tmp too, at the same place: a
// file as a hard link to the same file where the filesystem allows, else as
// a copy; a symbolic link as a new link to the same target; a folder as a
// folder of the same permissions. The originals never move. Whenever a
// build stops, killed or not, before, during or after the swap, the output
// folder holds each of them at its place; the folder the old site ends in
// holds only other names for them (or copies), and removing it loses
// nothing.
func keep(abs, tmp string, foreign []string) error {
	for _, p := range foreign {
		from := filepath.Join(abs, filepath.FromSlash(p))
		to := filepath.Join(tmp, filepath.FromSlash(p))
		if _, err := os.Lstat(to); err == nil {
			// checkInTheWay should have stopped this; never let a user's
			// file take the place of a page, to be deleted by a later build.
			return fmt.Errorf("%q is not kpireport's, but the new site needs that name; move or rename it", p)
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := keepTree(from, to); err != nil {
			return fmt.Errorf("keeping %q in the new site: %w", p, err)
		}
	}
	return nil
}

// keepTree puts the file or folder from at to, as keep describes.
func keepTree(from, to string) error {
	type dir struct {
		path string
		perm fs.FileMode
		mod  time.Time
	}
	var dirs []dir
	err := filepath.WalkDir(from, func(src string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, src)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, dir{dst, info.Mode().Perm(), info.ModTime()})
			// Writable while it is filled; its own mode is set after.
			return os.Mkdir(dst, 0o700)
		}
		return keepFile(src, dst, info)
	})
	if err != nil {
		return err
	}
	// Deepest first, so that filling a folder does not change its time
	// after it was set.
	for i := len(dirs) - 1; i >= 0; i-- {
		if err := os.Chmod(dirs[i].path, dirs[i].perm); err != nil {
			return err
		}
		if err := os.Chtimes(dirs[i].path, time.Time{}, dirs[i].mod); err != nil {
			return err
		}
	}
	return nil
}

// keepFile puts the file src (not a folder) at dst: a symbolic link as a
// link to the same target, anything else as a hard link, and a regular file
// that cannot be linked as a copy of the same mode and time.
func keepFile(src, dst string, info fs.FileInfo) error {
	if info.Mode()&fs.ModeSymlink != 0 {
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dst)
	}
	err := link(src, dst)
	if err == nil {
		return nil
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file and cannot be linked: %w", src, err)
	}
	return copyFile(src, dst, info)
}

// copyFile copies the regular file src to the new file dst.
func copyFile(src, dst string, info fs.FileInfo) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	if err := os.Chmod(dst, info.Mode().Perm()); err != nil {
		return err
	}
	return os.Chtimes(dst, time.Time{}, info.ModTime())
}
