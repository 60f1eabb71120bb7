package output

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// manifestName is the file that lists what kpireport wrote to a folder; it
// marks the folder as a kpireport site.
const manifestName = ".kpireport-manifest"

const manifestHeader = `# kpireport manifest: the files kpireport wrote to this folder, one a line.
# The next build replaces only these; any other file here is yours and is kept
# (with --force) or makes the build stop.
`

// Hooks for tests, to make a step fail.
var (
	writeFile  = os.WriteFile
	createFile = func(name string) (*os.File, error) {
		return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	}
	rename = os.Rename
)

// Write writes files to the folder dir atomically. It writes everything to
// a temporary folder beside dir (".<dir>.kpireport-tmp-*") with a manifest
// (.kpireport-manifest) listing each path, and only when that is complete
// swaps it into place (see swapIn), so readers see the old site or the new
// one, never half of each. Files staged for dir (NewStaging) are in that
// temporary folder already: Write adds the manifest and swaps.
//
// When dir already exists, every file in it must be one its manifest lists
// (an empty folder is fine too); otherwise Write refuses, naming one of the
// other files, unless force is set. With force, those other files are kept:
// they stay where they are, and the new site holds them too, as hard links
// (or copies) made before the swap (see keep), so that they are in dir at
// every instant, whenever the build stops. Only kpireport's own old files
// are replaced. Write never deletes a file kpireport did not write: when
// one is in the way of a new file, Write stops. On any error it removes its
// temporary folder (a staged set's too) and leaves dir as it was; so it
// does when ctx is done before the swap begins (the swap itself is not
// stopped half way). Before it looks at dir, Write repairs a swap that a
// killed build cut in half (see repair); Recover also removes what such
// builds left.
func Write(ctx context.Context, dir string, files *Files, force bool) (err error) {
	defer func() { err = inFolder(dir, err) }()
	if files == nil {
		return errors.New("no files to write")
	}
	abs, err := siteFolder(dir)
	if err != nil {
		files.Close()
		return err
	}
	// tmp is the new site's folder; a staged set's from the start.
	tmp, err := files.take(abs)
	if err != nil {
		files.Close()
		return err
	}
	// cleanTmp is cleared once tmp is the site, or when it holds the new
	// site that could not be swapped in nor the old one put back.
	cleanTmp := true
	defer func() {
		if cleanTmp && tmp != "" {
			os.RemoveAll(tmp)
		}
	}()
	if err := files.Check(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := repair(abs); err != nil {
		return err
	}

	exists := false
	perm := os.FileMode(0o755) // a rebuilt folder keeps its own permissions
	var foreign []string
	switch info, err := os.Stat(abs); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("it is a file, not a folder")
	default:
		exists, perm = true, info.Mode().Perm()
		foreign, err = foreignFiles(abs)
		if err != nil {
			return err
		}
		if len(foreign) > 0 && !force {
			return fmt.Errorf("it holds files kpireport did not write (%s); use --force to build there and keep them, or choose another folder", examples(foreign))
		}
		if err := checkInTheWay(dir, foreign, files); err != nil {
			return err
		}
	}

	if tmp == "" {
		if tmp, err = makeStaging(abs); err != nil {
			tmp = ""
			return err
		}
		if err := writeAll(tmp, files); err != nil {
			return err
		}
	}
	if err := writeManifest(tmp, files.Paths()); err != nil {
		return err
	}
	// From here on, tmp is no longer all kpireport's: the user's files
	// may come in.
	if err := os.Remove(filepath.Join(tmp, stagingMarker)); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, perm); err != nil {
		return err
	}
	if !exists {
		// Atomic already: there is no old site to keep.
		if err := rename(tmp, abs); err != nil {
			return err
		}
		cleanTmp = false
		files.written(abs)
		return nil
	}

	if err := keep(abs, tmp, foreign); err != nil {
		return err // removing tmp removes only other names for the user's files
	}
	old, stuck, err := swapIn(tmp, abs)
	if err != nil {
		cleanTmp = !stuck
		return err
	}
	cleanTmp = false
	files.written(abs)
	// old holds kpireport's old files and other names for the user's.
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("wrote %s, but could not remove the old site in %s: %w", dir, old, err)
	}
	return nil
}

// writeError is an error writing the site's folder, named as the user gave
// it: "writing site/: index.html: disk full".
type writeError struct {
	folder string
	err    error
}

func (e *writeError) Error() string { return "writing " + e.folder + ": " + e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

// inFolder names the folder dir in err, once; nil, a context's error (the
// build was stopped) and an error that names it already pass as they are.
func inFolder(dir string, err error) error {
	var we *writeError
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.As(err, &we) {
		return err
	}
	return &writeError{folder: filepath.Clean(dir) + string(filepath.Separator), err: err}
}

// siteFolder returns the absolute folder a site at dir is written to: where
// it points when it is a symbolic link.
func siteFolder(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real // write where a symlinked folder points
	}
	if filepath.Dir(abs) == abs {
		return "", fmt.Errorf("cannot write a site to %s", abs)
	}
	return abs, nil
}

// writeAll writes the files of a set in memory under root.
func writeAll(root string, files *Files) error {
	for _, p := range files.Paths() {
		data, _ := files.Get(p)
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := writeFile(full, data, 0o644); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}

// writeManifest writes the manifest, listing paths, under root.
func writeManifest(root string, paths []string) error {
	var manifest bytes.Buffer
	manifest.WriteString(manifestHeader)
	for _, p := range paths {
		manifest.WriteString(p)
		manifest.WriteByte('\n')
	}
	if err := writeFile(filepath.Join(root, manifestName), manifest.Bytes(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", manifestName, err)
	}
	return nil
}

// readManifest returns the paths dir's manifest lists, or nil when it has
// none.
func readManifest(dir string) (map[string]bool, error) {
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	owned := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			owned[line] = true
		}
	}
	return owned, sc.Err()
}

// foreignFiles lists what dir holds that its manifest does not: files, and
// folders holding none of kpireport's files (listed whole). Paths are
// slash-separated and relative to dir, in walk order.
func foreignFiles(dir string) ([]string, error) {
	owned, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	ownedDirs := map[string]bool{}
	hasManifest := owned != nil
	for p := range owned {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			ownedDirs[d] = true
		}
	}
	var foreign []string
	err = filepath.WalkDir(dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, full)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
		case rel == manifestName && hasManifest:
		case d.IsDir():
			if !ownedDirs[rel] {
				foreign = append(foreign, rel)
				return fs.SkipDir
			}
		case !owned[rel]:
			foreign = append(foreign, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return foreign, nil
}

// checkInTheWay reports a user's file or folder that sits where the new
// site puts a file or a folder.
func checkInTheWay(dir string, foreign []string, files *Files) error {
	newDirs := map[string]bool{}
	for _, p := range files.Paths() {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			newDirs[d] = true
		}
	}
	for _, f := range foreign {
		if _, ok := files.SizeOf(f); ok || newDirs[f] {
			return fmt.Errorf("%q is not kpireport's, but the new site needs that name; move or rename it", f)
		}
		for d := path.Dir(f); d != "."; d = path.Dir(d) {
			if _, ok := files.SizeOf(d); ok {
				return fmt.Errorf("%q is not kpireport's, but the new site needs %q to be a file; move or rename it", f, d)
			}
		}
	}
	return nil
}

// examples names the first foreign file and how many more there are.
func examples(foreign []string) string {
	s := fmt.Sprintf("%q", foreign[0])
	if n := len(foreign) - 1; n == 1 {
		s += " and 1 more"
	} else if n > 1 {
		s += fmt.Sprintf(" and %d more", n)
	}
	return s
}
