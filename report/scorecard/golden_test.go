package scorecard

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

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
	golden := filepath.Join("testdata", "northvale.golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("computed scorecard differs from %s (run with -update if the change is meant):\n%s", golden, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines where two texts differ, with a little
// context, enough to see what changed without a diff tool.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		if shown == 0 {
			for j := max(0, i-3); j < i; j++ {
				fmt.Fprintf(&b, "  %5d  %s\n", j+1, w[j])
			}
		}
		fmt.Fprintf(&b, "- %5d  %s\n+ %5d  %s\n", i+1, wl, i+1, gl)
		if shown++; shown == 20 {
			b.WriteString("  ...\n")
			break
		}
	}
	return b.String()
}
