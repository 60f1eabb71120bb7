package pack

import (
	"bytes"
	"testing"
)

func TestMarkdownLinksAsText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"See [the plan](https://x.org/p?a=1&b=2).", "<p>See the plan <span class=\"link-url\">(https://x.org/p?a=1&amp;b=2)</span>.</p>\n"},
		{"Mail <https://x.org/>", "<p>Mail <span class=\"link-url\">https://x.org/</span></p>\n"},
		{"![Map of *sites*](map.png)", "<p><span class=\"image-text\">[image: Map of sites] <span class=\"link-url\">(map.png)</span></span></p>\n"},
		{"![Dam](https://x.org/d.png)", "<p><span class=\"image-text\">[image: Dam] <span class=\"link-url\">(https://x.org/d.png)</span></span></p>\n"},
		{"[up](#top)", "<p>up</p>\n"},
		{"<script>alert(1)</script>", "<!-- raw HTML omitted -->\n"},
		{"**Bold** [x](javascript:alert(1))", "<p><strong>Bold</strong> x <span class=\"link-url\">(javascript:alert(1))</span></p>\n"},
	}
	md := newMarkdown()
	for _, tt := range tests {
		var b bytes.Buffer
		if err := md.Convert([]byte(tt.in), &b); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, b.String(), tt.want)
		}
	}
}
