package report

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// buildGCPercent is the collector's GOGC while Build runs: it lets the heap
// grow to 1.5 times what is live before collecting, rather than the
// default's twice. Most of a big build's memory is the scorecard, live from
// the read to the end, while the exports and the pages make short-lived
// garbage fast; at the default the 5,000 × 60 build peaked at 500 MiB,
// about twice the scorecard, and at 50 it stays under 400 MiB for a few
// per cent more CPU. The bound grows with the scorecard, as the default's
// does. The packs' charts loosen it while they are drawn (see pack).
const buildGCPercent = 50

// tighterGC sets buildGCPercent unless the user set GOGC, and returns what
// puts the setting back.
func tighterGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(buildGCPercent)
	return func() { debug.SetGCPercent(old) }
}

// boundHeap sets a soft memory limit of 1.6 times the live heap (the
// computed scorecard, once it is made), and 48 MiB, while the pages and
// the exports are written, unless the user set one (GOMEMLIMIT) or it
// would be higher. Both make garbage fast while the collector marks the
// scorecard, and the heap outgrew buildGCPercent's bound by the garbage
// made meanwhile; the limit has the collector keep to it. It returns what
// puts the limit back.
func boundHeap() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return func() {}
	}
	live := s[0].Value.Uint64()
	limit := debug.SetMemoryLimit(-1)
	bound := int64(min(live/5*8+heapRoom, math.MaxInt64/2))
	if bound >= limit {
		return func() {}
	}
	debug.SetMemoryLimit(bound)
	return func() { debug.SetMemoryLimit(limit) }
}

// heapRoom is room above the live heap's bound, so that a small build is
// not made to collect at every turn.
const heapRoom = 48 << 20
