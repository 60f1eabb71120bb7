package export

import (
	"bytes"
	"testing"
)

func TestNilScorecard(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   func() ([]byte, error)
		want string
	}{
		{"JSON", func() ([]byte, error) { return JSON(nil) }, "export: scorecard.json: no scorecard"},
		{"CSV", func() ([]byte, error) { return MeasurementsCSV(nil) }, "export: measurements.csv: no scorecard"},
		{"XLSX", func() ([]byte, error) { return XLSX(nil) }, "export: scorecard.xlsx: no scorecard"},
	} {
		b, err := tc.fn()
		if err == nil || err.Error() != tc.want || b != nil {
			t.Errorf("%s(nil) = %d bytes, %v; want error %q", tc.name, len(b), err, tc.want)
		}
	}
}

func TestDefuse(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Revenue", "Revenue"},
		{"=1+1", "'=1+1"},
		{"+44 20", "'+44 20"},
		{"-5", "'-5"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{" =1", " =1"},
		{"a=b", "a=b"},
		{"'quoted", "'quoted"},
		{"£5", "£5"},
	} {
		if got := defuse(tc.in); got != tc.want {
			t.Errorf("defuse(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDeterministic checks that each export gives the same bytes twice.
// XLSX would differ between runs if excelize's map order or the clock
// reached the file.
func TestDeterministic(t *testing.T) {
	for name, fn := range map[string]func() ([]byte, error){
		"JSON": func() ([]byte, error) { return JSON(fixture()) },
		"CSV":  func() ([]byte, error) { return MeasurementsCSV(fixture()) },
		"XLSX": func() ([]byte, error) { return XLSX(fixture()) },
	} {
		first, err := fn()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for range 5 {
			again, err := fn()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !bytes.Equal(first, again) {
				t.Fatalf("%s: two calls gave different bytes (%d and %d)", name, len(first), len(again))
			}
		}
	}
}
