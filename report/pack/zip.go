package pack

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"time"
)

// zipTime is every zip entry's modified time: fixed, so that the same packs
// give the same zip.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// zipLevel is the compression level of the packs in the zip.
const zipLevel = flate.DefaultCompression

// zipEntry is a pack as the zip holds it: compressed while the pack was
// written out, with its checksum and size, so that the zip needs none of the
// pack's own bytes.
type zipEntry struct {
	name     string
	size     int64
	crc      hash.Hash32
	deflated bytes.Buffer
	fw       *flate.Writer
}

func newZipEntry(name string) *zipEntry {
	z := &zipEntry{name: name, crc: crc32.NewIEEE()}
	z.fw, _ = flate.NewWriter(&z.deflated, zipLevel) // the level is valid
	return z
}

// tee returns a writer that writes to w and adds what it writes to z.
func (z *zipEntry) tee(w io.Writer) io.Writer { return teeWriter{w: w, z: z} }

// close ends z's compressed stream.
func (z *zipEntry) close() error { return z.fw.Close() }

type teeWriter struct {
	w io.Writer
	z *zipEntry
}

func (t teeWriter) Write(p []byte) (int, error) {
	n, err := t.w.Write(p)
	t.z.size += int64(n)
	t.z.crc.Write(p[:n])
	if _, ferr := t.z.fw.Write(p[:n]); ferr != nil && err == nil {
		err = ferr
	}
	return n, err
}

// zipFiles writes a zip of index.html, then the packs under their names.
func zipFiles(w io.Writer, index []byte, packs []*zipEntry) error {
	zw := zip.NewWriter(w)
	f, err := zw.CreateHeader(&zip.FileHeader{Name: "index.html", Method: zip.Deflate, Modified: zipTime})
	if err == nil {
		_, err = f.Write(index)
	}
	if err != nil {
		return fmt.Errorf("pack: %s: %w", ZipName, err)
	}
	for _, p := range packs {
		// The pack was compressed as it was written out: its entry goes in
		// as it is, with the checksum and sizes taken then.
		fh := &zip.FileHeader{
			Name:               p.name,
			Method:             zip.Deflate,
			CRC32:              p.crc.Sum32(),
			CompressedSize64:   uint64(p.deflated.Len()),
			UncompressedSize64: uint64(p.size),
		}
		// CreateRaw writes the header's fields as they are; unlike
		// CreateHeader it does not turn Modified into the MS-DOS time.
		fh.SetModTime(zipTime) //lint:ignore SA1019 CreateRaw needs the MS-DOS fields set
		f, err := zw.CreateRaw(fh)
		if err == nil {
			_, err = p.deflated.WriteTo(f)
		}
		if err != nil {
			return fmt.Errorf("pack: %s: %s: %w", ZipName, p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("pack: %s: %w", ZipName, err)
	}
	return nil
}
