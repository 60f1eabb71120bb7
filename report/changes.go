package report

import (
	"path/filepath"

	"kpireport/report/scorecard"
)

// computeChanges sets the scorecard's changes since the last report: against
// the earlier build's scorecard.json named by compare, or the previous period
// when compare is empty.
func computeChanges(sc *scorecard.Scorecard, compare string) error {
	if compare == "" {
		scorecard.ComputeChanges(sc, nil, "")
		return nil
	}
	bl, err := scorecard.ReadBaseline(compare)
	if err != nil {
		return err
	}
	scorecard.ComputeChanges(sc, bl, filepath.Base(compare))
	return nil
}
