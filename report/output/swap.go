package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// The names of the folders Write makes beside a site's folder dir:
// ".<dir>.kpireport-tmp-*" for the new site being staged (and, once
// exchanged, the old site on its way out), ".<dir>.kpireport-old-*" for the
// old site set aside where folders cannot be exchanged in one step.
const (
	tmpInfix = ".kpireport-tmp-"
	oldInfix = ".kpireport-old-"
)

// stagingMarker is a file a staging folder holds from its making until its
// manifest is written. It says that every other file there is kpireport's,
// so that the folder of a killed build can be removed without a look at its
// files (see Recover). No user's file enters a staging folder while it has
// the marker.
const stagingMarker = ".kpireport-staging"

const markerText = "kpireport is staging a site in this folder: every file here is kpireport's.\n"

// errNoExchange says that two folders cannot be exchanged in one step here.
var errNoExchange = errors.New("folders cannot be exchanged in one step here")

// Hooks for tests, to make a step fail or take the other path.
var (
	exchange = exchangeFolders
	link     = os.Link
)

// makeStaging makes a new, marked staging folder beside the site at abs.
func makeStaging(abs string) (string, error) {
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+tmpInfix+"*")
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(tmp, stagingMarker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	return tmp, nil
}

// swapIn makes the complete site in tmp the site at abs, where an old site
// is, and returns the folder the old site is then in, for Write to remove.
//
// On Linux the two folders are exchanged in one step (renameat2 with
// RENAME_EXCHANGE): abs holds the old site or the new one at every instant,
// and the old site ends up in tmp. Where that cannot be done (other
// systems, or a filesystem that refuses it), the old site is renamed aside
// to ".<dir>.kpireport-old-*" and the new one into its place: a build killed
// between the two renames leaves no folder at abs, and the next build puts
// the old site back (see repair). When the second rename fails, swapIn puts
// the old site back itself; stuck reports that this failed too, and that
// both sites are left where the error says.
func swapIn(tmp, abs string) (old string, stuck bool, err error) {
	err = exchange(tmp, abs)
	if err == nil {
		return tmp, false, nil
	}
	if !errors.Is(err, errNoExchange) {
		return "", false, err
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	old, err = os.MkdirTemp(parent, "."+base+oldInfix+"*")
	if err != nil {
		return "", false, err
	}
	if err := os.Remove(old); err != nil {
		return "", false, err
	}
	if err := rename(abs, old); err != nil {
		return "", false, err
	}
	if err := rename(tmp, abs); err != nil {
		if err2 := rename(old, abs); err2 != nil {
			return "", true, fmt.Errorf("%w; and could not put the old site back from %s (the new one is in %s): %v", err, old, tmp, err2)
		}
		return "", false, err
	}
	return old, false, nil
}
