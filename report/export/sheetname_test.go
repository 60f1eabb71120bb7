package export

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func TestSheetNames(t *testing.T) {
	var names sheetNames
	for _, tc := range []struct{ want, got string }{
		{"Summary", "Summary"},
		{"Financial", "Financial"},
		{"financial", "financial (2)"},
		{"FINANCIAL", "FINANCIAL (3)"},
		{"History", "History (2)"},
		{"history", "history (3)"},
		{"a/b\\c?d*e:f[g]h", "a-b-c-d-e-f-g-h"},
		{"'quoted'", "quoted"},
		{"  spaced \t\n out  ", "spaced out"},
		{"", "Perspective"},
		{"''", "Perspective (2)"},
		{"Learning and Growth of our people, skills", "Learning and Growth of our peop"},
		{"Learning and Growth of our people, skills!", "Learning and Growth of our (2)"},
		{"Customer's view '", "Customer's view"},
		{strings.Repeat("😀", 20), strings.Repeat("😀", 15)}, // 2 UTF-16 units each
		{"Bad\xffUTF-8", "Bad UTF-8"},
	} {
		if got := names.name(tc.want, "Perspective"); got != tc.got {
			t.Errorf("name(%q) = %q, want %q", tc.want, got, tc.got)
		}
	}
}

// FuzzSheetNames checks that any perspective names get names Excel
// accepts, distinct without regard to case.
func FuzzSheetNames(f *testing.F) {
	f.Add("Financial", "financial", "History")
	f.Add("a/b", "a-b", "'x'")
	f.Add(strings.Repeat("x", 40), strings.Repeat("x", 31), strings.Repeat("X", 35))
	f.Add("😀😀", "\x00\x01", "[]")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		var names sheetNames
		seen := map[string]bool{}
		for _, want := range []string{"Summary", "Measurements", a, b, c, a} {
			got := names.name(want, "Perspective")
			if got == "" || len(utf16.Encode([]rune(got))) > maxSheetName || !utf8.ValidString(got) ||
				strings.ContainsAny(got, `:\/?*[]`) || strings.HasPrefix(got, "'") || strings.HasSuffix(got, "'") ||
				strings.EqualFold(got, "History") {
				t.Fatalf("name(%q) = %q: Excel refuses it", want, got)
			}
			for _, r := range got {
				if r < 0x20 || r == 0x7f {
					t.Fatalf("name(%q) = %q holds a control character", want, got)
				}
			}
			if seen[strings.ToUpper(got)] {
				t.Fatalf("name(%q) = %q was handed out before", want, got)
			}
			seen[strings.ToUpper(got)] = true
		}
	})
}
