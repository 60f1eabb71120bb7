package export

import (
	"errors"
	"io"
	"io/fs"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"

	"kpireport/report/output"
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
	entries  []*output.ZipEntry
}

// compressionLevel is the deflate level of the workbook's entries. Level 3
// took about a fifth less time than the default (6) on a workbook of
// 300,000 measurements, for a file 13% larger (15.9 MB against 14.0 MB).
const compressionLevel = 3

// SortedZip returns, for excelize's SetZipWriter, a zip writer that puts a
// workbook's entries in name order, each dated modified, so that the same
// cells give the same bytes even when sheets are streamed.
func SortedZip(modified time.Time) func(io.Writer) excelize.ZipWriter {
	return func(w io.Writer) excelize.ZipWriter { return newSortedZip(w, modified) }
}

func newSortedZip(w io.Writer, modified time.Time) *sortedZip {
	return &sortedZip{w: w, modified: modified}
}

// Create starts an entry. Its writer is valid until the next Create or
// Close.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	e, err := output.NewZipEntry(name, compressionLevel)
	if err != nil {
		return nil, err
	}
	z.entries = append(z.entries, e)
	return e, nil
}

// AddFS is not needed to write a workbook and is not supported.
func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("export: adding a file system to a workbook is not supported")
}

// Close writes the entries, sorted by name, and the zip's directory.
func (z *sortedZip) Close() error {
	sort.SliceStable(z.entries, func(i, j int) bool { return z.entries[i].Name() < z.entries[j].Name() })
	zw := output.NewZip(z.w, z.modified)
	for _, e := range z.entries {
		if err := zw.AddEntry(e); err != nil {
			return err
		}
	}
	z.entries = nil
	return zw.Close()
}
