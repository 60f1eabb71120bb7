package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
	"time"
)

// sortedZip is an excelize.ZipWriter that writes its entries in name order,
// all with the same modification time, whatever order they were created
// in. excelize writes streamed worksheets in the order of a map, which
// changes from run to run; this keeps the workbook byte-for-byte the same.
// Each entry is compressed as it is written and kept in memory until Close,
// so the memory held is about the size of the finished file.
type sortedZip struct {
	w        io.Writer
	modified time.Time
	entries  []*zipEntry
}

// compressionLevel is the deflate level of the workbook's entries. Level 3
// took about a fifth less time than the default (6) on a workbook of
// 300,000 measurements, for a file 13% larger (15.9 MB against 14.0 MB).
const compressionLevel = 3

// zipEntry is one compressed file waiting to be written.
type zipEntry struct {
	name string
	data bytes.Buffer // deflated
	fw   *flate.Writer
	crc  uint32
	size uint64
}

func (e *zipEntry) Write(p []byte) (int, error) {
	e.crc = crc32.Update(e.crc, crc32.IEEETable, p)
	e.size += uint64(len(p))
	return e.fw.Write(p)
}

func newSortedZip(w io.Writer, modified time.Time) *sortedZip {
	return &sortedZip{w: w, modified: modified}
}

// Create starts an entry. Its writer is valid until the next Create or
// Close.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	e := &zipEntry{name: name}
	fw, err := flate.NewWriter(&e.data, compressionLevel)
	if err != nil {
		return nil, err
	}
	e.fw = fw
	z.entries = append(z.entries, e)
	return e, nil
}

// AddFS is not needed to write a workbook and is not supported.
func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("export: adding a file system to a workbook is not supported")
}

// Close writes the entries, sorted by name, and the zip's directory.
func (z *sortedZip) Close() error {
	sort.SliceStable(z.entries, func(i, j int) bool { return z.entries[i].name < z.entries[j].name })
	zw := zip.NewWriter(z.w)
	for _, e := range z.entries {
		if err := e.fw.Close(); err != nil {
			return err
		}
		hdr := &zip.FileHeader{
			Name:               e.name,
			Method:             zip.Deflate,
			CRC32:              e.crc,
			CompressedSize64:   uint64(e.data.Len()),
			UncompressedSize64: e.size,
		}
		// CreateRaw, unlike CreateHeader, writes only the MS-DOS date
		// fields, so they are filled here.
		hdr.ModifiedDate, hdr.ModifiedTime = dosTime(z.modified)
		w, err := zw.CreateRaw(hdr)
		if err != nil {
			return err
		}
		if _, err := e.data.WriteTo(w); err != nil {
			return err
		}
	}
	z.entries = nil
	return zw.Close()
}

// dosTime returns t (taken as it stands, in its own zone) as the MS-DOS
// date and time a zip header holds: 2-second steps, years 1980 to 2107.
func dosTime(t time.Time) (date, clock uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}
