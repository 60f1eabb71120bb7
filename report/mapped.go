package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"kpireport/report/mapping"
	"kpireport/report/scorecard"
	"kpireport/report/workbook"
)

// MappingName is the mapping file looked for beside the first workbook when
// Options.Map is empty.
const MappingName = "kpireport.yaml"

// loadMapped reads the inputs through their mapping, if there is one, and
// loads the scorecard. The mapping's problems (at its lines) and those found
// applying it (at the workbook's cells) come first in the one list; the
// scorecard is loaded only when they hold no error.
func loadMapped(opts Options, log io.Writer) (*scorecard.Scorecard, *workbook.Problems, error) {
	lopts := scorecard.LoadOptions{Period: opts.Period, Unit: opts.Unit}
	path, err := mappingPath(opts, log)
	if err != nil || path == "" {
		if err != nil {
			return nil, nil, err
		}
		return scorecard.Load(opts.Inputs, lopts)
	}
	mps := &workbook.Problems{}
	m, err := mapping.Load(path, mps)
	if err != nil {
		return nil, nil, fmt.Errorf("mapping: %w", err)
	}
	tables, err := m.Apply(opts.Inputs, mps)
	if err != nil {
		return nil, nil, err
	}
	mps.DefaultCode("mapping")
	if mps.Errors() > 0 {
		return nil, mps, nil
	}
	lopts.Tables = tables
	sc, ps, err := scorecard.Load(opts.Inputs, lopts)
	if ps != nil {
		ps.List = append(mps.List, ps.List...)
	}
	return sc, ps, err
}

// mappingPath is the mapping Options.Map names, or kpireport.yaml beside
// the first input if there is one (said on the log), or "".
func mappingPath(opts Options, log io.Writer) (string, error) {
	if opts.Map != "" {
		if _, err := os.Stat(opts.Map); err != nil {
			return "", fmt.Errorf("--map: %w", err)
		}
		return opts.Map, nil
	}
	if len(opts.Inputs) == 0 {
		return "", nil
	}
	path := filepath.Join(filepath.Dir(opts.Inputs[0]), MappingName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", err
	}
	fmt.Fprintf(log, "using mapping %s\n", path)
	return path, nil
}
