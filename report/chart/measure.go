package chart

import "unicode/utf16"

// asciiWidths is the width of each printable ASCII character, from ' ' to
// '~', in hundredths of the font size: the table ECharts' renderer uses to
// measure sans-serif text where it has no canvas, as in a server-side
// render. Measuring text with it, rather than with a real font, makes the
// layout the same on every machine and the same as ECharts' own SVG.
var asciiWidths = [95]uint8{
	28, 28, 35, 56, 56, 89, 67, 19, 33, 33, 39, 58, 28, 33, 28, 28,
	56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 28, 28, 58, 58, 58, 56,
	102, 67, 67, 72, 72, 67, 61, 78, 72, 28, 50, 67, 56, 83, 72, 78,
	67, 78, 72, 67, 61, 72, 67, 94, 67, 67, 61, 28, 28, 28, 47, 56,
	33, 56, 56, 50, 56, 56, 28, 56, 56, 22, 22, 50, 22, 83, 56, 56,
	56, 56, 33, 50, 28, 56, 50, 72, 50, 50, 50, 33, 26, 33, 58,
}

// textWidth is the width of s in a sans-serif font of size px as the table
// has it: any character outside printable ASCII counts a whole font size
// per UTF-16 unit, as ECharts counts it.
func textWidth(s string, px float64) float64 {
	var hundredths, others int
	for _, r := range s {
		if r >= ' ' && r <= '~' {
			hundredths += int(asciiWidths[r-' '])
		} else {
			others += utf16.RuneLen(r)
		}
	}
	return float64(hundredths)*px/100 + float64(others)*px
}
