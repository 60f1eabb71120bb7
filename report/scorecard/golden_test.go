package scorecard

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"kpireport/report/internal/golden"
)

// TestGoldenSample loads and computes the sample workbook and compares the
// whole computed scorecard, as JSON, with testdata/northvale.golden.json.
// Run `go test ./report/scorecard -update` to rewrite it after a deliberate
// change, and read the diff before committing it.
func TestGoldenSample(t *testing.T) {
	sc, ps, err := Load([]string{filepath.Join("..", "..", "sample-data", "northvale-water.xlsx")}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := ps.Errors(); n > 0 {
		t.Fatalf("sample has %d errors: %v", n, ps.List)
	}
	Compute(sc)
	got, err := json.MarshalIndent(sc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden.Check(t, "northvale.golden.json", got)
}
