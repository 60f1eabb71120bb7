//go:build !linux

package output

// exchangeFolders would swap two folders in one step; outside Linux there is
// no portable call for it, and Write swaps with two renames instead.
func exchangeFolders(a, b string) error {
	return errNoExchange
}
