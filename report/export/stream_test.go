package export

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"testing"

	"kpireport/report/scorecard"
)

// failingWriter takes n bytes, then fails.
type failingWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

// countingWriter counts what is written to it.
type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return len(p), nil
}

// TestWriteFails checks that each streamed export stops at a failed write
// and says which file it was writing, wherever the failure comes.
func TestWriteFails(t *testing.T) {
	for _, tt := range []struct {
		name  string
		write func(io.Writer, *scorecard.Scorecard) error
		want  string
	}{
		{"JSON", WriteJSON, "export: scorecard.json: disk full"},
		{"CSV", WriteMeasurementsCSV, "export: measurements.csv: disk full"},
		{"XLSX", WriteXLSX, "export: scorecard.xlsx: disk full"},
	} {
		var whole countingWriter
		if err := tt.write(&whole, fixture()); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for _, n := range []int{0, 10, whole.n / 2, whole.n - 1} {
			err := tt.write(&failingWriter{n: n}, fixture())
			if err == nil || err.Error() != tt.want || !errors.Is(err, errFull) {
				t.Errorf("%s failing after %d bytes: err = %v, want %s", tt.name, n, err, tt.want)
			}
		}
	}
}

// TestWriteNil checks the streamed exports' error for no scorecard.
func TestWriteNil(t *testing.T) {
	for _, tt := range []struct {
		write func(io.Writer, *scorecard.Scorecard) error
		want  string
	}{
		{WriteJSON, "export: scorecard.json: no scorecard"},
		{WriteMeasurementsCSV, "export: measurements.csv: no scorecard"},
		{WriteXLSX, "export: scorecard.xlsx: no scorecard"},
	} {
		if err := tt.write(io.Discard, nil); err == nil || err.Error() != tt.want {
			t.Errorf("err = %v, want %s", err, tt.want)
		}
	}
}

// TestNumJSON checks that scorecard.Num writes its number exactly as
// encoding/json writes a float64, which scorecard.json promised before Num
// formatted numbers itself.
func TestNumJSON(t *testing.T) {
	for _, v := range []float64{
		0, math.Copysign(0, -1), 1, -1, 0.1, 95.2, 2.0 / 3, 100.0 / 3, 1e6, 1e20, 1e21, 1.5e21, -1e21,
		1e-6, 9.99e-7, 1e-7, -1e-7, 1.234e-9, 1e-10, 1e-100, 5e-324, math.MaxFloat64, -math.MaxFloat64,
		123456789.125, 0.000001, 0.0000012,
	} {
		checkNumJSON(t, v)
	}
	if b, err := (scorecard.Num{}).MarshalJSON(); err != nil || string(b) != "null" {
		t.Errorf("missing number: %s, %v", b, err)
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		_, err := scorecard.Some(v).MarshalJSON()
		_, want := json.Marshal(v)
		if err == nil || err.Error() != want.Error() {
			t.Errorf("%v: err = %v, want %v", v, err, want)
		}
	}
}

func FuzzNumJSON(f *testing.F) {
	for _, v := range []float64{0, 1.5, -2.25e-8, 3e21, 1e-6} {
		f.Add(math.Float64bits(v))
	}
	f.Fuzz(func(t *testing.T, bits uint64) {
		v := math.Float64frombits(bits)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		checkNumJSON(t, v)
	})
}

func checkNumJSON(t *testing.T, v float64) {
	t.Helper()
	got, err := scorecard.Some(v).MarshalJSON()
	want, werr := json.Marshal(v)
	if err != nil || werr != nil || string(got) != string(want) {
		t.Errorf("%v: Num gives %s (%v), encoding/json %s (%v)", v, got, err, want, werr)
	}
}
