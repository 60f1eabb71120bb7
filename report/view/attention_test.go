package view

import (
	"strings"
	"testing"
	"unicode/utf8"

	"kpireport/report/format"
	"kpireport/report/period"
	"kpireport/report/scorecard"
)

func TestAttentionReason(t *testing.T) {
	cal := period.Calendar{}
	mar := period.Period{Freq: period.Month, Year: 2026, N: 3}
	q1 := period.Period{Freq: period.Quarter, Year: 2026, N: 1}
	item := func(f period.Freq, cur period.Period, s scorecard.Status, off, worse int) scorecard.AttentionItem {
		k := &scorecard.KPI{Frequency: f, Current: scorecard.Point{Period: cur}}
		return scorecard.AttentionItem{KPI: k, Status: s, OffFor: off, WorseFor: worse}
	}
	for _, tt := range []struct {
		it   scorecard.AttentionItem
		want string
	}{
		{item(period.Month, mar, scorecard.OffTarget, 1, 2), "off target in Mar 2026, worsening for 2 months"},
		{item(period.Month, mar, scorecard.OffTarget, 3, 0), "off target for 3 months"},
		{item(period.Month, mar, scorecard.OffTarget, 5, 5), "off target for 5 months, worsening for 5 months"},
		{item(period.Month, mar, scorecard.AtRisk, 0, 2), "at risk, worsening for 2 months"},
		{item(period.Month, mar, scorecard.OnTarget, 0, 4), "worsening for 4 months"},
		{item(period.Month, q1, scorecard.OffTarget, 0, 1), "off target in Q1 2026"},
		{item(period.Quarter, q1, scorecard.OffTarget, 2, 3), "off target for 2 quarters, worsening for 3 quarters"},
		{item(period.Year, q1, scorecard.AtRisk, 0, 2), "at risk, worsening for 2 years"},
	} {
		if got := attentionReason(cal, tt.it); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.it, got, tt.want)
		}
	}
}

func TestSpotReasons(t *testing.T) {
	cal := period.Calendar{}
	mar := period.Period{Freq: period.Month, Year: 2026, N: 3}
	feb := period.Period{Freq: period.Month, Year: 2026, N: 2}
	k := &scorecard.KPI{Frequency: period.Month, Current: scorecard.Point{Period: mar}}
	q := &scorecard.KPI{Frequency: period.Quarter, Current: scorecard.Point{Period: mar}}
	for _, tt := range []struct {
		b              scorecard.BrightSpot
		improved, best string
	}{
		{scorecard.BrightSpot{KPI: k, Score: 7.5, Gain: 4.5, Since: feb, Streak: 1},
			"up 4.5 points since Feb 2026", "on target in Mar 2026 with a score of 7.5"},
		{scorecard.BrightSpot{KPI: k, Score: 10, Gain: 1, Since: feb, Streak: 10},
			"up 1.0 point since Feb 2026", "on target for 10 months running"},
		{scorecard.BrightSpot{KPI: k, Score: 8.25, Gain: 0.25, Since: feb, Streak: 0},
			"up 0.3 points since Feb 2026", "on target in Mar 2026 with a score of 8.3"},
		{scorecard.BrightSpot{KPI: q, Score: 9, Gain: 2, Since: feb, Streak: 2},
			"up 2.0 points since Feb 2026", "on target for 2 quarters running"},
	} {
		if got := improvedReason(format.Locale{}, cal, tt.b); got != tt.improved {
			t.Errorf("improved %+v: got %q, want %q", tt.b, got, tt.improved)
		}
		if got := bestReason(format.Locale{}, cal, tt.b); got != tt.best {
			t.Errorf("best %+v: got %q, want %q", tt.b, got, tt.best)
		}
	}
}

func TestFirstParagraph(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Plain text.", "Plain text."},
		{"\n\n  first  \nsecond", "first second"}, // one paragraph, lines joined
		{"# Heading", "Heading"},
		{"### Heading ###", "Heading"},
		{"## Learn C#", "Learn C#"},
		{"#", ""},
		{"---\n***\n===\nText", "=== Text"}, // "===" under no paragraph is text
		{"```go\ncode()\n```", ""},          // code blocks are not prose
		{"```go\ncode()\n```\n\nThen prose.", "Then prose."},
		{"> quoted *text*", "quoted text"},
		{"> - quoted item", "quoted item"},
		{"- item", "item"},
		{"* item", "item"},
		{"+ item", "item"},
		{"12. item", "item"},
		{"3) item", "item"},
		{"- [x] done", "[x] done"}, // no task lists: the page shows "[x]" too
		{"-5 degrees", "-5 degrees"},
		{"2026 was good", "2026 was good"},
		{"**bold** and __strong__", "bold and strong"},
		{"*em* and _em_", "em and em"},
		{"snake_case_name stays", "snake_case_name stays"},
		{"`code` here", "code here"},
		{"~~struck~~ out", "~~struck~~ out"}, // no strikethrough: the page shows the tildes too
		{"see [the report](http://x/y.html) now", "see the report now"},
		{"see [the report][ref] now", "see [the report][ref] now"}, // no such reference: not a link
		{"see [the report][ref] now\n\n[ref]: http://x/", "see the report now"},
		{"line  \nbreak and\\\nanother", "line break and another"},
		{"Q&amp;A &#36;5 `a\\*b`", "Q&A $5 a\\*b"},
		{"![chart](c.png) up", "chart up"},
		{"[a [nested] link](u)", "a [nested] link"},
		{"[not a link] here", "[not a link] here"},
		{"[unclosed", "[unclosed"},
		{"[text](unclosed", "[text](unclosed"},
		{`escaped \*star\* and \\ slash`, `escaped *star* and \ slash`},
		{"a <b>bold</b> tag<br/>", "a bold tag"},
		{"mail <ann@example.com> or <https://x.org>", "mail ann@example.com or https://x.org"},
		{"1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
		{"<!-- note -->\nText", "Text"},
		{"costs up 5%; **risk**: high", "costs up 5%; risk: high"},
		{"Ünïcödé _ñ_", "Ünïcödé ñ"},
	}
	for _, tt := range tests {
		if got := firstParagraph(tt.in); got != tt.want {
			t.Errorf("firstParagraph(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzFirstParagraph(f *testing.F) {
	for _, s := range []string{"# Hi", "[a](b) **c**", "\\*x", "<a href='x'>y</a>", "- [ ] 1. > #", "[[[[", "_a_b_", "\xff*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := firstParagraph(s)
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("firstParagraph(%q) = %q has a line break", s, got)
		}
		if got != strings.TrimSpace(got) || strings.Contains(got, "  ") {
			t.Errorf("firstParagraph(%q) = %q: spaces not collapsed", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("firstParagraph(%q) = %q is not UTF-8", s, got)
		}
	})
}

func TestCommentLead(t *testing.T) {
	long := strings.Repeat("word ", 60)
	for _, tt := range []struct{ in, want string }{
		{"Spills fell to 961 in July, but intense\nthunderstorms in August took the total up. More later.", "Spills fell to 961 in July, but intense thunderstorms in August took the total up."},
		{"# Heading\n\nBody text.", "Heading"},
		{"- first item\n- second item", "first item"},
		{"No full stop here\nand here", "No full stop here and here"},
		{"Version 2.5 is out. Next.", "Version 2.5 is out."},
		{long, strings.TrimSpace(strings.Repeat("word ", 36)) + "…"},
		{"", ""},
	} {
		if got := commentLead(tt.in); got != tt.want {
			t.Errorf("commentLead(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
