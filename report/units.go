package report

import (
	"context"
	"fmt"
	"io"
	"strings"

	"kpireport/report/output"
	"kpireport/report/pack"
	"kpireport/report/scorecard"
)

// UnitPacksDir holds the board pack of each top-level business unit,
// written with --unit-packs: packs/units/<unit-slug>.html.
const UnitPacksDir = pack.Dir + "units/"

// renderUnitPacks reads the scorecard of each of the group's top-level
// units (as --unit would) and writes its board pack; it returns their paths.
func renderUnitPacks(ctx context.Context, files *output.Files, group *scorecard.Scorecard, opts Options, p plan, log io.Writer, st *stages) ([]string, error) {
	var paths []string
	for _, u := range group.TopUnits() {
		uo := opts
		uo.Unit = u.ID
		sc, err := loadNow(uo, io.Discard, nil)
		if err != nil {
			return nil, fmt.Errorf("unit %s: %w", u.ID, err)
		}
		sink := &unitSink{files: files, to: UnitPacksDir + u.Slug + ".html"}
		if _, err := renderPacks(ctx, sink, newViews(sc), p, log, st); err != nil {
			return nil, fmt.Errorf("unit %s: %w", u.ID, err)
		}
		if sink.wrote {
			paths = append(paths, sink.to)
		}
	}
	return paths, nil
}

// unitSink keeps only the board pack of the packs handed to it, under
// another name; the others are made and dropped.
type unitSink struct {
	files *output.Files
	to    string
	wrote bool
}

func (s *unitSink) AddFunc(path string, write func(w io.Writer) error) error {
	if !strings.HasSuffix(path, pack.BoardName+".html") {
		return write(io.Discard) // the pack needs each file made, for the zip
	}
	s.wrote = true
	return s.files.AddFunc(s.to, write)
}
