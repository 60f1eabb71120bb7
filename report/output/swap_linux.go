package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchangeFolders swaps the folders a and b in one step with renameat2's
// RENAME_EXCHANGE, so that each name always holds one of the two. It
// returns errNoExchange when the kernel or the filesystem cannot (old
// kernels; some overlay, FUSE and network filesystems).
func exchangeFolders(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		return errNoExchange
	}
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
}
