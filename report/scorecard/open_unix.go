//go:build unix

package scorecard

import "syscall"

// Flags for reading a file the user names: a link is not followed, and a
// pipe does not block the open.
const (
	syscallNoFollow = syscall.O_NOFOLLOW
	syscallNonBlock = syscall.O_NONBLOCK
)
