package pack

import (
	"compress/flate"
	"fmt"
	"io"
	"time"

	"kpireport/report/output"
)

// zipTime is every zip entry's modified time: fixed, so that the same packs
// give the same zip.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// zipLevel is the compression level of the packs in the zip.
const zipLevel = flate.DefaultCompression

// zipFiles writes a zip of index.html, then the packs, each compressed as it
// was written out, under their names.
func zipFiles(w io.Writer, index []byte, packs []*output.ZipEntry) error {
	zw := output.NewZip(w, zipTime)
	if err := zw.Add("index.html", index); err != nil {
		return fmt.Errorf("pack: %s: %w", ZipName, err)
	}
	for _, p := range packs {
		if err := zw.AddEntry(p); err != nil {
			return fmt.Errorf("pack: %s: %s: %w", ZipName, p.Name(), err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("pack: %s: %w", ZipName, err)
	}
	return nil
}
