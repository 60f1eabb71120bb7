package workbook

import (
	"fmt"
	"strings"
)

// SafeText escapes what a terminal would act on rather than show: control
// characters (ESC and the rest of C0 and C1, DEL) and the bidirectional
// overrides that reorder a line as it is shown. A cell's text reaches
// messages, and a message must print as what it says.
func SafeText(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unsafeRune(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f
}
