//go:build !unix

package scorecard

// Elsewhere the listing's file type and the opened file's own are checked.
const (
	syscallNoFollow = 0
	syscallNonBlock = 0
)
