package output

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"io/fs"
	"time"
)

// ZipEntry is a file for a Zip, compressed as it is written: only its
// compressed bytes, checksum and size are kept, so a file can be written
// out elsewhere and zipped without holding its own bytes.
type ZipEntry struct {
	name     string
	size     int64
	crc      uint32
	deflated bytes.Buffer
	fw       *flate.Writer
	closed   bool
}

// NewZipEntry starts an entry called name (a slash-separated path),
// deflated at level (flate.DefaultCompression, or 1 to 9).
func NewZipEntry(name string, level int) (*ZipEntry, error) {
	e := &ZipEntry{name: name}
	fw, err := flate.NewWriter(&e.deflated, level)
	if err != nil {
		return nil, err
	}
	e.fw = fw
	return e, nil
}

// Name is the entry's path in the zip.
func (e *ZipEntry) Name() string { return e.name }

// Size is how many bytes have been written to the entry.
func (e *ZipEntry) Size() int64 { return e.size }

// Write adds p to the entry.
func (e *ZipEntry) Write(p []byte) (int, error) {
	n, err := e.fw.Write(p)
	e.crc = crc32.Update(e.crc, crc32.IEEETable, p[:n])
	e.size += int64(n)
	return n, err
}

// Close ends the entry's compressed stream; nothing can be written after.
// Closing it again does nothing.
func (e *ZipEntry) Close() error {
	if e.closed {
		return nil
	}
	e.closed = true
	return e.fw.Close()
}

// Zip writes a zip archive that is the same bytes for the same entries in
// the same order: every entry has the same modification time and no file
// mode, and the entries go in the order they are added.
type Zip struct {
	zw       *zip.Writer
	modified time.Time
}

// NewZip starts a zip on w whose entries are all modified at modified (read
// in its own time zone; zip times have 2-second steps).
func NewZip(w io.Writer, modified time.Time) *Zip {
	return &Zip{zw: zip.NewWriter(w), modified: modified}
}

// Add adds data as the entry called name, compressed by archive/zip.
func (z *Zip) Add(name string, data []byte) error {
	w, err := z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.modified})
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// AddEntry closes e and adds it, its compressed bytes as they are.
func (z *Zip) AddEntry(e *ZipEntry) error {
	if err := e.Close(); err != nil {
		return err
	}
	// CreateRaw writes the header's MS-DOS time fields and ignores
	// Modified; FileInfoHeader is the way to have both set from one time
	// without the deprecated setters. The mode it sets is taken off again.
	fh, err := zip.FileInfoHeader(zipInfo{z.modified})
	if err != nil {
		return err
	}
	fh.CreatorVersion, fh.ExternalAttrs = 0, 0
	fh.Name = e.name
	fh.Method = zip.Deflate
	fh.CRC32 = e.crc
	fh.CompressedSize64 = uint64(e.deflated.Len())
	fh.UncompressedSize64 = uint64(e.size)
	w, err := z.zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	_, err = e.deflated.WriteTo(w)
	return err
}

// Close writes the zip's directory. It does not close the underlying
// writer.
func (z *Zip) Close() error { return z.zw.Close() }

// zipInfo is the fs.FileInfo of an entry for zip.FileInfoHeader: only its
// time counts.
type zipInfo struct{ modified time.Time }

func (i zipInfo) Name() string       { return "" }
func (i zipInfo) Size() int64        { return 0 }
func (i zipInfo) Mode() fs.FileMode  { return 0 }
func (i zipInfo) ModTime() time.Time { return i.modified }
func (i zipInfo) IsDir() bool        { return false }
func (i zipInfo) Sys() any           { return nil }
