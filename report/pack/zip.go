package pack

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path"
	"time"
)

// zipTime is every zip entry's modified time: fixed, so that the same packs
// give the same zip.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// zipFiles bundles index.html and the packs, by their base names, in a zip.
func zipFiles(index []byte, packs []File) ([]byte, error) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	add := func(name string, data []byte) error {
		f, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	if err := add("index.html", index); err != nil {
		return nil, fmt.Errorf("pack: %s: %w", ZipName, err)
	}
	for _, p := range packs {
		if err := add(path.Base(p.Path), p.Data); err != nil {
			return nil, fmt.Errorf("pack: %s: %w", ZipName, err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("pack: %s: %w", ZipName, err)
	}
	return buf.Bytes(), nil
}
