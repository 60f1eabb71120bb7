package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
)

// Ashby Health is a fictional health trust that keeps its scorecard as a
// set of related CSV files: areas, objectives within them, KPIs under the
// objectives, five years of targets in one wide table and yearly actuals
// in a long one. The actuals come from an old export that ends its lines
// with a bare carriage return.
const ashbyDir = "layouts/relational-csv/ashby-health"

// ashbyFile is one CSV file of the set.
type ashbyFile struct {
	name   string
	crOnly bool // end lines with "\r" alone, not "\r\n"
	rows   [][]string
}

var ashbyFiles = []ashbyFile{
	{"areas.csv", false, [][]string{
		{"area_id", "area_name"},
		{"AR1", "Community services"},
		{"AR2", "Acute care"},
		{"AR3", "Workforce"},
	}},
	{"objectives.csv", false, [][]string{
		{"objective_id", "area_id", "objective"},
		{"OB1", "AR1", "Care for more people at home"},
		{"OB2", "AR1", "Faster, safer discharge from hospital"},
		{"OB3", "AR2", "Cut waiting times for planned care"},
		{"OB4", "AR2", "Keep patients safe from avoidable harm"},
		{"OB5", "AR3", "Keep and develop our staff"},
	}},
	{"kpis.csv", false, [][]string{
		{"kpi_id", "objective_id", "indicator", "direction", "unit", "baseline"},
		{"K01", "OB1", "Patients cared for on virtual wards", "grow", "patients", "240"},
		{"K02", "OB2", "Discharges before noon", "grow", "%", "18"},
		{"K03", "OB3", "Patients waiting over 52 weeks", "reduce", "patients", "1450"},
		{"K04", "OB4", "C. difficile infections", "reduce", "cases", "64"},
		{"K05", "OB5", "Staff turnover", "reduce", "%", "13.2"},
		{"K06", "OB2", "General and acute bed occupancy", "maintain", "%", "92"},
	}},
	{"targets.csv", false, [][]string{
		{"kpi_id", "y1_2026_27", "y2_2027_28", "y3_2028_29", "y4_2029_30", "y5_2030_31"},
		{"K01", "300", "360", "420", "480", "540"},
		{"K02", "25", "30", "33", "35", "35"},
		{"K03", "900", "500", "200", "100", "50"},
		{"K04", "58", "54", "50", "46", "42"},
		{"K05", "12.5", "12", "11.5", "11", "11"},
		{"K06", "92", "92", "92", "92", "92"},
	}},
	{"actuals.csv", true, [][]string{
		{"kpi_id", "year", "value"},
		{"K01", "2024/25", "255"},
		{"K01", "2025/26", "281"},
		{"K01", "2026/27", "312"},
		{"K02", "2024/25", "19"},
		{"K02", "2025/26", "22"},
		{"K02", "2026/27", "24.5"},
		{"K03", "2024/25", "1380"},
		{"K03", "2025/26", "1120"},
		{"K03", "2026/27", "940"},
		{"K04", "2024/25", "61"},
		{"K04", "2025/26", "59"},
		{"K04", "2026/27", "TBD"},
		{"K05", "2024/25", "13"},
		{"K05", "2025/26", "12.7"},
		{"K05", "2026/27", "12.1"},
		{"K06", "2024/25", "94.1"},
		{"K06", "2025/26", "93"},
		{"K06", "2026/27", "92.4"},
	}},
}

func writeAshby(dir string) error {
	for _, f := range ashbyFiles {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.UseCRLF = !f.crOnly
		if err := w.WriteAll(f.rows); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		out := buf.Bytes()
		if f.crOnly {
			// No field holds a line break, so every "\n" ends a line.
			out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r"))
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), out, 0o644); err != nil {
			return err
		}
	}
	return nil
}
