package export

import (
	"encoding/csv"
	"fmt"
	"io"

	"kpireport/report/scorecard"
)

// changesHeader is changes.csv's header; SCHEMA.md describes the columns.
var changesHeader = []string{"since", "kind", "scope", "id", "name", "what", "period", "from_status", "to_status", "from_value", "to_value", "direction"}

// WriteChangesCSV writes changes.csv: one row per change since the last
// report (sc.Changes), in its order; only the header when there are none.
func WriteChangesCSV(out io.Writer, sc *scorecard.Scorecard) error {
	if sc == nil {
		return fmt.Errorf("export: changes.csv: %w", errNilScorecard)
	}
	if _, err := io.WriteString(out, bom); err != nil {
		return fmt.Errorf("export: changes.csv: %w", err)
	}
	w := csv.NewWriter(out)
	w.UseCRLF = true
	if err := w.Write(changesHeader); err != nil {
		return fmt.Errorf("export: changes.csv: %w", err)
	}
	if ch := sc.Changes; ch != nil {
		for _, c := range ch.Items {
			from, to := "", ""
			if c.Kind == scorecard.ChangeStatus {
				from, to = statusSlug(c.From), statusSlug(c.To)
			}
			dir := "down"
			if c.Up {
				dir = "up"
			}
			row := []string{defuse(ch.Since), c.Kind, c.Scope, defuse(c.ID), defuse(c.Name), defuse(c.What), defuse(c.Period), from, to, csvNum(c.FromValue), csvNum(c.ToValue), dir}
			if err := w.Write(row); err != nil {
				return fmt.Errorf("export: changes.csv: %w", err)
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("export: changes.csv: %w", err)
	}
	return nil
}
