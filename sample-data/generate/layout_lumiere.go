package main

import (
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

// Région Lumière is a fictional French regional council. Its dashboard has
// a two-row header: each month's name is merged across three columns
// (target, actual, and actual as a share of target), and the indicator's
// own columns are merged down both header rows.
const (
	lumiereDir   = "layouts/two-row-header"
	lumiereName  = "lumiere-region.xlsx"
	lumiereSheet = "Tableau de bord"
)

var lumiereMonths = []string{"janv. 2026", "févr. 2026", "mars 2026", "avr. 2026", "mai 2026", "juin 2026"}

// notYet marks an actual that is not available yet; the sheet shows "N/D".
const notYet = -1

// lumiereIndicator is one row of the dashboard. A rate is held as a
// fraction and shown with the "0%" format.
type lumiereIndicator struct {
	name, axis, unit, sense string
	rate                    bool
	target, actual          []float64
}

var lumiereIndicators = []lumiereIndicator{
	{"Dépenses de fonctionnement", "Finances", "M€", "baisse", false,
		[]float64{42.0, 41.5, 43.0, 42.5, 42.0, 44.0}, []float64{41.2, 41.9, 42.6, 43.4, 41.8, 43.1}},
	{"Voyageurs TER", "Usagers", "milliers", "hausse", false,
		[]float64{1820, 1780, 1950, 2010, 2080, 2150}, []float64{1795, 1812, 1968, 1987, 2114, 2173}},
	{"Taux de satisfaction", "Usagers", "", "hausse", true,
		[]float64{0.85, 0.85, 0.85, 0.85, 0.85, 0.85}, []float64{0.87, 0.86, 0.84, 0.88, 0.87, notYet}},
	{"Délai moyen de paiement", "Processus internes", "jours", "baisse", false,
		[]float64{30, 30, 30, 30, 30, 30}, []float64{27, 29, 32, 28, 26, 25}},
	{"Agents formés", "Apprentissage", "agents", "hausse", false,
		[]float64{120, 120, 150, 150, 150, 100}, []float64{104, 131, 162, 139, 158, notYet}},
}

func writeLumiere(dir string) error {
	b, err := newLayoutBook(lumiereSheet)
	if err != nil {
		return err
	}
	defer b.f.Close()
	const s = lumiereSheet
	pct, err := b.f.NewStyle(&excelize.Style{NumFmt: 9}) // 0%
	if err != nil {
		return err
	}
	head, err := b.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	if err != nil {
		return err
	}
	if err := b.row(s, 1, styled{"Région Lumière — tableau de bord 2026", b.title}); err != nil {
		return err
	}

	// The header: the indicator's columns merged down rows 3 and 4, then
	// per month a name merged across its three columns.
	for i, h := range []string{"Indicateur", "Axe", "Unité", "Sens"} {
		if err := b.rowAt(s, 3, i+1, styled{h, head}); err != nil {
			return err
		}
		if err := b.mergeCells(s, i+1, 3, i+1, 4); err != nil {
			return err
		}
	}
	for m, name := range lumiereMonths {
		col := 5 + 3*m
		if err := b.rowAt(s, 3, col, styled{name, head}); err != nil {
			return err
		}
		if err := b.mergeCells(s, col, 3, col+2, 3); err != nil {
			return err
		}
		if err := b.rowAt(s, 4, col, styled{"Objectif", head}, styled{"Réalisé", head}, styled{"%", head}); err != nil {
			return err
		}
	}

	for i, ind := range lumiereIndicators {
		r := 5 + i
		if err := b.row(s, r, ind.name, ind.axis, optStr(ind.unit), ind.sense); err != nil {
			return err
		}
		for m := range lumiereMonths {
			target, actual := any(ind.target[m]), any(ind.actual[m])
			share := any(styled{round(ind.actual[m]/ind.target[m], 4), pct})
			if ind.actual[m] == notYet {
				actual, share = "N/D", nil
			}
			if ind.rate {
				target = styled{target, pct}
				if actual != "N/D" {
					actual = styled{actual, pct}
				}
			}
			if err := b.rowAt(s, r, 5+3*m, target, actual, share); err != nil {
				return err
			}
		}
	}
	foot := 5 + len(lumiereIndicators) + 1
	if err := b.row(s, foot, "Source : contrôle de gestion"); err != nil {
		return err
	}
	if err := b.widths(s, 28, 20, 10, 8); err != nil {
		return err
	}
	return b.save(filepath.Join(dir, lumiereName), "Région Lumière — tableau de bord 2026", "Région Lumière, contrôle de gestion")
}

// mergeCells merges the cells from (col1, row1) to (col2, row2).
func (b *book) mergeCells(sheet string, col1, row1, col2, row2 int) error {
	from, err := excelize.CoordinatesToCellName(col1, row1)
	if err != nil {
		return err
	}
	to, err := excelize.CoordinatesToCellName(col2, row2)
	if err != nil {
		return err
	}
	return b.f.MergeCell(sheet, from, to)
}
