package output

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"strings"
	"testing"
	"time"
)

// TestZip checks that a zip of entries added whole and entries compressed
// in pieces of any size reads back to the same files, in the order added,
// each with the given time and no file mode, and that the same entries give
// the same bytes.
func TestZip(t *testing.T) {
	stamp := time.Date(2026, 3, 31, 13, 45, 30, 0, time.UTC)
	files := []struct{ name, data string }{
		{"index.html", "<!doctype html><title>index</title>"},
		{"b/long.html", strings.Repeat("<p>a line of a pack</p>\n", 5000)},
		{"empty.html", ""},
		{"céline.html", "<p>a name needing UTF-8</p>"},
	}
	var first []byte
	for _, piece := range []int{1, 7, 4096, 1 << 20} {
		var buf bytes.Buffer
		z := NewZip(&buf, stamp)
		if err := z.Add(files[0].name, []byte(files[0].data)); err != nil {
			t.Fatal(err)
		}
		for _, f := range files[1:] {
			e, err := NewZipEntry(f.name, flate.BestSpeed)
			if err != nil {
				t.Fatal(err)
			}
			for data := f.data; len(data) > 0; {
				n := min(piece, len(data))
				if _, err := io.WriteString(e, data[:n]); err != nil {
					t.Fatal(err)
				}
				data = data[n:]
			}
			if e.Size() != int64(len(f.data)) {
				t.Errorf("%s in pieces of %d: size %d, want %d", f.name, piece, e.Size(), len(f.data))
			}
			if err := z.AddEntry(e); err != nil {
				t.Fatal(err)
			}
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = buf.Bytes()
		} else if !bytes.Equal(buf.Bytes(), first) {
			t.Errorf("in pieces of %d: a different zip than in pieces of 1", piece)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatalf("in pieces of %d: %v", piece, err)
		}
		if len(zr.File) != len(files) {
			t.Fatalf("%d entries, want %d", len(zr.File), len(files))
		}
		for i, f := range zr.File {
			if f.Name != files[i].name || !f.Modified.Equal(stamp) || f.ExternalAttrs != 0 {
				t.Errorf("entry %d: %s at %v, attributes %#x; want %s at %v, none", i, f.Name, f.Modified, f.ExternalAttrs, files[i].name, stamp)
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc) // checks the CRC too
			rc.Close()
			if err != nil || string(data) != files[i].data {
				t.Errorf("%s: read %d bytes, %v; want its %d bytes back", f.Name, len(data), err, len(files[i].data))
			}
		}
	}
}

func TestZipEntryLevel(t *testing.T) {
	if _, err := NewZipEntry("a", 42); err == nil {
		t.Error("NewZipEntry at level 42: no error")
	}
}
