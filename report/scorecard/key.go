package scorecard

import (
	"strings"

	"kpireport/report/workbook"
)

// keyFlag reads the KPIs column key: yes, true, 1 or x mark a key KPI; no,
// false, 0 or a blank cell do not. Anything else is an error at the cell.
func (l *loader) keyFlag(c workbook.Cell) bool {
	if c.Kind == workbook.Blank {
		return false
	}
	switch norm(c.Text) {
	case "yes", "y", "true", "1", "x", "✓":
		return true
	case "no", "n", "false", "0", "":
		return false
	}
	l.ps.ErrorCode(c.Pos, "bad-key", "key %q is not yes or no (yes, true, 1 or x mark a key KPI)", strings.TrimSpace(c.Text))
	return false
}
