package export

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"kpireport/report/scorecard"
)

// trickyScorecard is the fixture with texts and numbers that excelize
// writes in particular ways: white space at the ends, line breaks, markup
// characters, control characters, invalid UTF-8, astral characters, and
// numbers of more than 15 significant digits, tiny, huge and negative zero.
func trickyScorecard(extra string) *scorecard.Scorecard {
	sc := fixture()
	texts := []string{" leading", "trailing ", "\ttab", "line\nbreak\r\nCRLF", `<b>&"quoted" 'single'</b>`, "ctl\x01\x1f",
		"bad \xff utf-8", "£ ≥ 😀 \uFFFE", "plain", "x_x12_", "_x12G4_", extra}
	nums := []float64{1.0 / 3, 2.0 / 3 * 1e10, 123456789012345678, 1e21, 1.5e300, 1e-7, math.Copysign(0, -1), 5e-324,
		math.MaxFloat64, -math.MaxFloat64, 0.1 + 0.2, 99999999999999999, 1234567.8901234567, -0.000123456789012345678}
	k := sc.KPIs[0]
	base := k.Series[0]
	for i, n := range nums {
		p := base
		p.Period = month(2025, 1+i%12)
		p.Actual, p.Target, p.PctOfTarget, p.Score = scorecard.Some(n), scorecard.Some(-n), scorecard.Some(n*100), scorecard.Some(n/1e6)
		p.Comment = texts[i%len(texts)]
		p.Label = texts[(i+3)%len(texts)]
		k.Series = append(k.Series, p)
	}
	sc.KPIs[1].Name = texts[4] + texts[1]
	sc.KPIs[2].Owner = texts[7]
	sc.Settings.Organisation = texts[0]
	return sc
}

// The rows written by xlsxrows.go are the bytes excelize writes, whole
// workbook for whole workbook, for ordinary and tricky values, and for
// sheets that fall back to excelize (a "_xHHHH_" text, a text too long for
// a cell).
func TestFastRowsSameBytes(t *testing.T) {
	for name, sc := range map[string]*scorecard.Scorecard{
		"fixture":   fixture(),
		"tricky":    trickyScorecard("ok"),
		"bstr":      trickyScorecard("_x0041_"),
		"too long":  trickyScorecard(strings.Repeat("é", excelize32k/2+1)),
		"300 KPIs":  firstKPIs(bigScorecard(), 300),
		"no points": {Perspectives: fixture().Perspectives},
	} {
		fast, err := XLSX(sc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fastRows = false
		slow, err := XLSX(sc)
		fastRows = true
		if err != nil {
			t.Fatalf("%s, through excelize: %v", name, err)
		}
		if !bytes.Equal(fast, slow) {
			t.Errorf("%s: %d bytes written directly, %d through excelize", name, len(fast), len(slow))
		}
	}
}

const excelize32k = 32767

// firstKPIs keeps sc's first n KPIs.
func firstKPIs(sc *scorecard.Scorecard, n int) *scorecard.Scorecard {
	sc.KPIs = sc.KPIs[:n]
	return sc
}

// Ordinary rows take the direct way; what excelize writes otherwise does not.
func TestPlainValue(t *testing.T) {
	st := &styles{score: 2, pct: 3, status: [4]int{4, 5, 6, 7}}
	for row := range measurementRows(fixture()) {
		for i, v := range row {
			if c := cellOf(st, measurementColumns[i].kind, v); !c.plain() {
				t.Errorf("column %s: %#v is not plain", measurementColumns[i].header, c)
			}
		}
	}
	nan, inf := scorecard.Some(math.NaN()), scorecard.Some(math.Inf(1))
	for _, v := range []any{math.NaN(), math.Inf(1), "a _x0041_ b", strings.Repeat("x", excelize32k+1), true, int64(1)} {
		if cellOf(st, textCol, v).plain() {
			t.Errorf("%#v is plain", v)
		}
	}
	// A Num that is not finite is an empty cell, which is plain.
	for _, v := range []any{nan, &inf} {
		if c := cellOf(st, numberCol, v); c.kind != emptyCell || !c.plain() {
			t.Errorf("%#v: cell %#v", v, c)
		}
	}
}
