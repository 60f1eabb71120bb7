package workbook

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner is a small pull tokenizer for the XML parts of a workbook. It is
// much faster than encoding/xml on a big sheet because it reuses its buffers
// and does no namespace bookkeeping: element and attribute names are reported
// without their prefix ("x:c" is "c"), which is all a sheet reader needs.
//
// It understands elements, attributes, character data with the predefined
// and numeric entities, CDATA sections, comments, processing instructions
// and a DOCTYPE (skipped; entities it declares are not expanded). Anything
// else is a syntax error, never a panic.
type xmlScanner struct {
	r   *bufio.Reader
	src *sourceReader
	err error

	kind  tokKind
	name  []byte // local name of the element of a start or end token
	attrs []xmlAttr
	text  []byte // character data of a text token

	pendingEnd bool // the last start token was self-closing
	afterCR    bool // the last raw text byte was a carriage return
	nameBuf    []byte
	attrBuf    []byte // backing store for attribute names and values
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

type xmlAttr struct {
	name, value []byte
}

var errXMLSyntax = errors.New("malformed XML")

// Limits on what one token may hold. Excel writes at most 32,767
// characters in a cell (under 128 KB in UTF-8), so a text, an attribute or
// a name past these is no workbook Excel wrote, and holding it would cost
// memory without bound. Whitespace between elements is dropped, not held.
const (
	maxTextBytes  = 1 << 20
	maxAttrBytes  = 1 << 20 // all of a tag's attributes
	maxNameBytes  = 1 << 10
	maxAttributes = 1 << 10
)

// limitError is a breach of one of the reader's limits: the workbook is
// refused with a message naming the part and the limit.
type limitError struct{ what string }

func (e limitError) Error() string { return e.what }

func newXMLScanner(r io.Reader) *xmlScanner {
	src := &sourceReader{r: r}
	return &xmlScanner{r: bufio.NewReaderSize(src, 64<<10), src: src}
}

// attr returns the value of the attribute with the given local name.
func (s *xmlScanner) attr(name string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(a.name) == name {
			return a.value, true
		}
	}
	return nil, false
}

// is reports whether the current start or end token is the element name.
func (s *xmlScanner) is(name string) bool { return string(s.name) == name }

// next reads the next token. A self-closing element gives a start token and
// then an end token. At the end of the input, or after an error, it returns
// tokEOF; s.err tells which.
func (s *xmlScanner) next() tokKind {
	if s.err != nil {
		s.kind = tokEOF
		return tokEOF
	}
	if s.pendingEnd {
		s.pendingEnd = false
		s.kind = tokEnd
		return tokEnd
	}
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			s.fail(err)
			return tokEOF
		}
		if c != '<' {
			s.r.UnreadByte()
			s.readText()
			s.kind = tokText
			if s.err != nil && s.err != io.EOF {
				return tokEOF
			}
			s.err = nil
			return tokText
		}
		c, err = s.r.ReadByte()
		if err != nil {
			s.fail(io.ErrUnexpectedEOF)
			return tokEOF
		}
		switch c {
		case '?':
			s.skipPast("?>")
			continue
		case '!':
			if s.skipSpecial() {
				s.kind = tokText
				return tokText
			}
			if s.err != nil {
				return tokEOF
			}
			continue
		case '/':
			if !s.readName() {
				return tokEOF
			}
			s.skipSpace()
			if c, err := s.r.ReadByte(); err != nil || c != '>' {
				s.fail(errXMLSyntax)
				return tokEOF
			}
			s.kind = tokEnd
			return tokEnd
		default:
			s.r.UnreadByte()
			if !s.readName() || !s.readAttrs() {
				return tokEOF
			}
			s.kind = tokStart
			return tokStart
		}
	}
}

func (s *xmlScanner) fail(err error) {
	if err == nil {
		err = errXMLSyntax
	}
	if s.err == nil || s.err == io.EOF {
		s.err = err
	}
	s.kind = tokEOF
}

// Err returns the error that stopped the scan, or nil at a clean end.
func (s *xmlScanner) Err() error {
	if s.src.err != nil && s.err != nil {
		return s.src.err // the input's own failure (a limit), not what it left the XML as
	}
	if s.err == io.EOF {
		return nil
	}
	return s.err
}

// sourceReader keeps the error of the input other than its end, which the
// scanner would otherwise report as the truncated XML it leaves.
type sourceReader struct {
	r   io.Reader
	err error
}

func (r *sourceReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF && r.err == nil {
		r.err = err
	}
	return n, err
}

func isNameByte(c byte) bool {
	return c >= 0x80 || c == '_' || c == '-' || c == '.' || c == ':' ||
		'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (s *xmlScanner) skipSpace() {
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return
		}
		if !isSpace(c) {
			s.r.UnreadByte()
			return
		}
	}
}

// readName reads an element name into s.name, dropping any prefix.
func (s *xmlScanner) readName() bool {
	s.nameBuf = s.nameBuf[:0]
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			s.fail(io.ErrUnexpectedEOF)
			return false
		}
		if !isNameByte(c) {
			s.r.UnreadByte()
			break
		}
		s.nameBuf = append(s.nameBuf, c)
		if len(s.nameBuf) > maxNameBytes {
			s.fail(limitError{"an element name is over 1 KB"})
			return false
		}
	}
	if len(s.nameBuf) == 0 {
		s.fail(errXMLSyntax)
		return false
	}
	s.name = localName(s.nameBuf)
	return true
}

func localName(b []byte) []byte {
	if i := bytes.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// attrSpan is where an attribute's name and value lie in attrBuf.
type attrSpan struct{ n0, n1, v0, v1 int }

// readAttrs reads the attributes of a start tag up to its closing '>' or '/>'.
func (s *xmlScanner) readAttrs() bool {
	s.attrs = s.attrs[:0]
	s.attrBuf = s.attrBuf[:0]
	var spans [16]attrSpan
	sp := spans[:0]
	for {
		s.skipSpace()
		c, err := s.r.ReadByte()
		if err != nil {
			s.fail(io.ErrUnexpectedEOF)
			return false
		}
		if c == '>' {
			break
		}
		if c == '/' {
			if c, err := s.r.ReadByte(); err != nil || c != '>' {
				s.fail(errXMLSyntax)
				return false
			}
			s.pendingEnd = true
			break
		}
		a, ok := s.readAttr(c)
		if !ok {
			return false
		}
		sp = append(sp, a)
		if len(sp) > maxAttributes {
			s.fail(limitError{"an element has over 1,024 attributes"})
			return false
		}
	}
	// s.attrBuf may have moved while growing, so slices are taken at the end.
	for _, a := range sp {
		name := s.attrBuf[a.n0:a.n1:a.n1]
		s.attrs = append(s.attrs, xmlAttr{name: localName(name), value: s.attrBuf[a.v0:a.v1:a.v1]})
	}
	return true
}

// readAttr reads one attribute, name="value", whose name starts with c,
// into attrBuf.
func (s *xmlScanner) readAttr(c byte) (attrSpan, bool) {
	var a attrSpan
	if !isNameByte(c) {
		s.fail(errXMLSyntax)
		return a, false
	}
	a.n0 = len(s.attrBuf)
	s.attrBuf = append(s.attrBuf, c)
	c, ok := s.readAttrName()
	if !ok {
		return a, false
	}
	a.n1 = len(s.attrBuf)
	var err error
	if isSpace(c) {
		s.skipSpace()
		c, err = s.r.ReadByte()
	}
	if err != nil || c != '=' {
		s.fail(errXMLSyntax)
		return a, false
	}
	s.skipSpace()
	a.v0 = len(s.attrBuf)
	if !s.readAttrValue() {
		return a, false
	}
	a.v1 = len(s.attrBuf)
	return a, true
}

// readAttrName appends the rest of an attribute's name to attrBuf and
// returns the byte after it.
func (s *xmlScanner) readAttrName() (byte, bool) {
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			s.fail(io.ErrUnexpectedEOF)
			return 0, false
		}
		if !isNameByte(c) {
			return c, true
		}
		s.attrBuf = append(s.attrBuf, c)
		if len(s.attrBuf) > maxAttrBytes {
			s.fail(limitError{"an element's attributes are over 1 MB"})
			return 0, false
		}
	}
}

// readAttrValue appends a quoted attribute value, its entities decoded, to
// attrBuf.
func (s *xmlScanner) readAttrValue() bool {
	q, err := s.r.ReadByte()
	if err != nil || q != '"' && q != '\'' {
		s.fail(errXMLSyntax)
		return false
	}
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			s.fail(io.ErrUnexpectedEOF)
			return false
		}
		switch c {
		case q:
			return true
		case '&':
			if s.attrBuf, err = s.readEntity(s.attrBuf, nil); err != nil {
				s.fail(err)
				return false
			}
		case '<':
			s.fail(errXMLSyntax)
			return false
		default:
			s.attrBuf = append(s.attrBuf, c)
		}
		if len(s.attrBuf) > maxAttrBytes {
			s.fail(limitError{"an element's attributes are over 1 MB"})
			return false
		}
	}
}

// readText reads character data up to the next '<'.
func (s *xmlScanner) readText() {
	s.text = s.text[:0]
	s.afterCR = false
	for {
		chunk, err := s.r.ReadSlice('<')
		n := len(chunk)
		if err == nil {
			n-- // keep the '<' for the next token
			s.r.UnreadByte()
		}
		part := chunk[:n]
		for len(part) > 0 {
			i := bytes.IndexByte(part, '&')
			if i < 0 {
				s.appendRaw(part)
				break
			}
			s.appendRaw(part[:i])
			part = part[i+1:]
			j := bytes.IndexByte(part, ';')
			var derr error
			if j < 0 {
				if err == nil || len(part) > 12 {
					s.fail(errXMLSyntax)
					return
				}
				// The entity runs past the buffered chunk: finish it from
				// the reader. part is not used after this.
				s.text, derr = s.readEntity(s.text, part)
				part = nil
			} else {
				s.text, derr = appendEntity(s.text, part[:j])
				part = part[j+1:]
			}
			if derr != nil {
				s.fail(derr)
				return
			}
		}
		if len(s.text) > maxTextBytes {
			if len(bytes.TrimSpace(s.text)) > 0 {
				s.fail(limitError{"a text is over 1 MB (a cell holds at most 32,767 characters)"})
				return
			}
			s.text = s.text[:0] // whitespace between elements, of no use
		}
		if err == nil {
			return
		}
		if err != bufio.ErrBufferFull {
			s.fail(err)
			return
		}
	}
}

// appendRaw appends raw character data to s.text, turning line ends
// ("\r\n" and a lone "\r") into "\n" as an XML parser must. A "\r" written
// as an entity is kept.
func (s *xmlScanner) appendRaw(b []byte) {
	if len(b) == 0 {
		return
	}
	if s.afterCR && b[0] == '\n' {
		b = b[1:]
	}
	s.afterCR = false
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			s.text = append(s.text, b...)
			return
		}
		s.text = append(append(s.text, b[:i]...), '\n')
		b = b[i+1:]
		if len(b) == 0 {
			s.afterCR = true
			return
		}
		if b[0] == '\n' {
			b = b[1:]
		}
	}
}

// readEntity reads an entity reference after its '&' from the reader, the
// first bytes of its name being prefix, and appends what it stands for.
func (s *xmlScanner) readEntity(dst, prefix []byte) ([]byte, error) {
	var ent [12]byte
	if len(prefix) > len(ent) {
		return dst, errXMLSyntax
	}
	n := copy(ent[:], prefix)
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return dst, io.ErrUnexpectedEOF
		}
		if c == ';' {
			break
		}
		if n == len(ent) {
			return dst, errXMLSyntax
		}
		ent[n] = c
		n++
	}
	return appendEntity(dst, ent[:n])
}

func appendEntity(dst, ent []byte) ([]byte, error) {
	switch string(ent) {
	case "lt":
		return append(dst, '<'), nil
	case "gt":
		return append(dst, '>'), nil
	case "amp":
		return append(dst, '&'), nil
	case "quot":
		return append(dst, '"'), nil
	case "apos":
		return append(dst, '\''), nil
	}
	if len(ent) > 1 && ent[0] == '#' {
		var v uint64
		var err error
		if ent[1] == 'x' || ent[1] == 'X' {
			v, err = strconv.ParseUint(string(ent[2:]), 16, 32)
		} else {
			v, err = strconv.ParseUint(string(ent[1:]), 10, 32)
		}
		if err == nil && v <= utf8.MaxRune {
			return utf8.AppendRune(dst, rune(v)), nil
		}
	}
	return dst, fmt.Errorf("%w: unknown entity &%s;", errXMLSyntax, ent)
}

// skipPast discards input up to and including end.
func (s *xmlScanner) skipPast(end string) {
	matched := 0
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			s.fail(io.ErrUnexpectedEOF)
			return
		}
		if c == end[matched] {
			matched++
			if matched == len(end) {
				return
			}
			continue
		}
		matched = 0
		if c == end[0] {
			matched = 1
		}
	}
}

// skipSpecial handles what follows "<!": a comment or DOCTYPE is skipped; a
// CDATA section becomes a text token, in which case it returns true.
func (s *xmlScanner) skipSpecial() bool {
	head, err := s.r.Peek(2)
	if err == nil && string(head) == "--" {
		s.r.Discard(2)
		s.skipPast("-->")
		return false
	}
	head, err = s.r.Peek(7)
	if err == nil && string(head) == "[CDATA[" {
		s.r.Discard(7)
		s.text = s.text[:0]
		for {
			c, err := s.r.ReadByte()
			if err != nil {
				s.fail(io.ErrUnexpectedEOF)
				return false
			}
			s.text = append(s.text, c)
			if len(s.text) > maxTextBytes {
				s.fail(limitError{"a CDATA section is over 1 MB"})
				return false
			}
			if c == '>' && bytes.HasSuffix(s.text, []byte("]]>")) {
				s.text = s.text[:len(s.text)-3]
				return true
			}
		}
	}
	// A DOCTYPE, possibly with an internal subset in brackets.
	depth := 0
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			s.fail(io.ErrUnexpectedEOF)
			return false
		}
		switch c {
		case '[':
			depth++
		case ']':
			depth--
		case '>':
			if depth <= 0 {
				return false
			}
		}
	}
}
