package main

import (
	"context"
	"fmt"
	"io"

	"kpireport/report"
)

// check runs "kpireport check": it reads the workbooks and writes every
// problem to stdout, as text grouped by sheet or as JSON. It returns an
// error wrapping report.ErrInvalid when there are errors.
func check(ctx context.Context, opts report.Options, format string, stdout io.Writer) error {
	d, err := report.Diagnose(ctx, opts)
	if err != nil {
		return err
	}
	ps := &d.Problems
	if format == "json" {
		err = ps.WriteJSON(stdout)
	} else {
		err = ps.WriteText(stdout)
		if err == nil && d.Scorecard != nil {
			sc := d.Scorecard
			_, err = fmt.Fprintf(stdout, "%d KPIs in %d objectives and %d perspectives; report period %s\n",
				len(sc.KPIs), len(sc.Objectives), len(sc.Perspectives), sc.PeriodLabel())
		}
	}
	if err != nil {
		return err
	}
	if n := ps.Errors(); n > 0 {
		return fmt.Errorf("%w (%s)", report.ErrInvalid, plural(n, "1 error", fmt.Sprintf("%d errors", n)))
	}
	return nil
}
