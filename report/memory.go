package report

import (
	"os"
	"runtime/debug"
)

// buildGCPercent is the collector's GOGC while Build runs: it lets the heap
// grow to 1.4 times what is live before collecting, rather than the
// default's twice. Most of a big build's memory is the scorecard, live from
// the read to the end, while the exports and the pages make short-lived
// garbage fast beside it; at the default the 5,000 × 60 build peaked at
// over 500 MB, about twice the scorecard, and at 40 it stays under 400 MiB
// for more collections (each marks the scorecard). The bound grows with the
// scorecard, as the default's does. A soft memory limit instead kept the
// heap as low but returned memory to the system and took it back so often
// that the build's system time doubled. The setting is the process's: two
// Builds running at once in one process (kpireport runs one at a time)
// would restore it out of order.
const buildGCPercent = 40

// tighterGC sets buildGCPercent unless the user set GOGC, and returns what
// puts the setting back.
func tighterGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(buildGCPercent)
	return func() { debug.SetGCPercent(old) }
}
