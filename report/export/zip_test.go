package export

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// TestSortedZip checks that entries created in any order give the same
// archive, in name order, with the given time and the content intact.
func TestSortedZip(t *testing.T) {
	stamp := time.Date(2026, 3, 31, 13, 45, 30, 0, time.UTC)
	files := map[string]string{"b.xml": strings.Repeat("<b/>", 1000), "a.xml": "<a/>", "[Content_Types].xml": "", "c/d.xml": "d"}
	write := func(order []string) []byte {
		var buf bytes.Buffer
		z := newSortedZip(&buf, stamp)
		for _, name := range order {
			w, err := z.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(w, files[name])
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	one := write([]string{"b.xml", "c/d.xml", "a.xml", "[Content_Types].xml"})
	two := write([]string{"[Content_Types].xml", "a.xml", "c/d.xml", "b.xml"})
	if !bytes.Equal(one, two) {
		t.Fatal("the order of Create changed the archive")
	}
	zr, err := zip.NewReader(bytes.NewReader(one), int64(len(one)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(stamp) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, stamp)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || string(b) != files[f.Name] {
			t.Errorf("%s: read %d bytes, %v; want its %d bytes back", f.Name, len(b), err, len(files[f.Name]))
		}
	}
	if got := strings.Join(names, " "); got != "[Content_Types].xml a.xml b.xml c/d.xml" {
		t.Errorf("entries %s, want them in name order", got)
	}
	if err := newSortedZip(io.Discard, stamp).AddFS(nil); err == nil {
		t.Error("AddFS: no error")
	}
}
