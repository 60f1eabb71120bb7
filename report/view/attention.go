package view

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"kpireport/report/format"
	"kpireport/report/period"
	"kpireport/report/scorecard"
)

// attentionReason says why a KPI needs attention: "off target for 3
// months, worsening for 2 months", "off target in Mar 2026", "at risk,
// worsening for 2 months".
func attentionReason(cal period.Calendar, it scorecard.AttentionItem) string {
	f := it.KPI.Frequency
	var parts []string
	switch {
	case it.Status == scorecard.OffTarget && it.OffFor >= 2:
		parts = append(parts, "off target for "+f.Count(it.OffFor))
	case it.Status == scorecard.OffTarget:
		parts = append(parts, "off target in "+cal.Label(it.KPI.Current.Period))
	case it.Status == scorecard.AtRisk && it.Worsening():
		parts = append(parts, "at risk")
	}
	if it.Worsening() {
		parts = append(parts, "worsening for "+f.Count(it.WorseFor))
	}
	return strings.Join(parts, ", ")
}

// improvedReason says how much a most improved KPI gained: "up 2.4 points
// since Q1 2026".
func improvedReason(loc format.Locale, cal period.Calendar, b scorecard.BrightSpot) string {
	points := loc.Number(b.Gain, 1)
	if format.Decimal(b.Gain, 1) == "1.0" {
		points += " point"
	} else {
		points += " points"
	}
	return "up " + points + " since " + cal.Label(b.Since)
}

// bestReason says why a best performing KPI is one: "on target for 9
// months running", or for a KPI on target only now "on target in Mar 2026
// with a score of 8.0".
func bestReason(loc format.Locale, cal period.Calendar, b scorecard.BrightSpot) string {
	if b.Streak >= 2 {
		return "on target for " + b.KPI.Frequency.Count(b.Streak) + " running"
	}
	return "on target in " + cal.Label(b.KPI.Current.Period) + " with a score of " + loc.Score(b.Score)
}

// leadMax is the most characters commentLead keeps.
const leadMax = 180

// commentLead returns the first sentence of a comment's first paragraph, as
// plain text, for a one-line summary: the paragraph's lines are joined (a
// sentence wrapped over two lines in the Markdown stays whole), and a
// sentence longer than leadMax characters is cut at a word with "…".
func commentLead(md string) string {
	text := firstParagraph(md)
	for i, r := range text {
		if (r == '.' || r == '!' || r == '?') && (i+1 == len(text) || text[i+1] == ' ') && i > 0 {
			text = text[:i+1]
			break
		}
	}
	if utf8.RuneCountInString(text) <= leadMax {
		return text
	}
	cut := []rune(text)[:leadMax]
	if sp := strings.LastIndex(string(cut), " "); sp > leadMax/2 {
		return strings.TrimRight(string(cut)[:sp], " ,;:") + "…"
	}
	return string(cut) + "…"
}

// firstParagraph returns the text of the first paragraph or heading of
// Markdown that has a letter or digit in it, read by goldmark as the
// site renders commentary (CommonMark, no extensions), as plain text: the
// words of emphasis, code spans, links and images (not their targets);
// raw HTML dropped; line breaks and runs of spaces made one space. A
// paragraph inside a quote or a list item counts; code blocks do not.
func firstParagraph(md string) string {
	src := []byte(md)
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	var lead string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock:
			if s := inlineText(n, src); strings.IndexFunc(s, wordy) >= 0 {
				lead = s
				return ast.WalkStop, nil
			}
			return ast.WalkSkipChildren, nil
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return lead
}

// inlineText writes the inline content of block n as plain text.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(src)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// wordy reports whether r is a letter or digit.
func wordy(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
