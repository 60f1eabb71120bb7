package scorecard

import (
	"strings"

	"kpireport/report/workbook"
)

// DefaultExceededThreshold is the score from which a KPI or roll-up is
// "exceeded" when the band is on and no threshold is set.
const DefaultExceededThreshold = 9.0

// Band returns the status as the four-band roll-up counts see it: Exceeded
// is counted as OnTarget.
func (s Status) Band() Status {
	if s == Exceeded {
		return OnTarget
	}
	return s
}

// exceededThresholdOf returns the threshold in force.
func exceededThresholdOf(s Settings) float64 {
	if s.ExceededThreshold > 0 {
		return s.ExceededThreshold
	}
	return DefaultExceededThreshold
}

// statusOf is StatusOf with the scorecard's exceeded band, when it is on.
func (sc *Scorecard) statusOf(score Num) Status {
	st := StatusOf(score)
	if sc.Settings.ExceededBand && st == OnTarget && score.V >= exceededThresholdOf(sc.Settings)-1e-9 {
		return Exceeded
	}
	return st
}

// applyExceeded marks every point and roll-up scoring at or above the
// threshold Exceeded, when the band is on; with it off nothing changes.
func applyExceeded(sc *Scorecard) {
	if !sc.Settings.ExceededBand {
		return
	}
	fix := func(p *Point) { p.Status = sc.statusOf(p.Score) }
	fixAll := func(ps []Point) {
		for i := range ps {
			fix(&ps[i])
		}
	}
	for _, k := range sc.KPIs {
		// Series and Quarters may share their array (quarterly KPIs).
		fixAll(k.Series)
		fixAll(k.Quarters)
		fixAll(k.Years)
		for _, p := range []*Point{&k.Current, &k.Previous, &k.YearAgo, &k.YTD} {
			fix(p)
		}
	}
	for _, o := range sc.Objectives {
		o.Score.Status = sc.statusOf(o.Score.Score)
	}
	for _, p := range sc.Perspectives {
		p.Score.Status = sc.statusOf(p.Score.Score)
	}
	sc.Score.Status = sc.statusOf(sc.Score.Score)
}

// exceededBand reads the exceeded_band setting: yes or no.
func (l *loader) exceededBand(vc workbook.Cell, val string, s *Settings) {
	switch strings.ToLower(strings.TrimSpace(val)) {
	case "yes", "y", "true", "on", "1":
		s.ExceededBand = true
	case "no", "n", "false", "off", "0", "":
		s.ExceededBand = false
	default:
		l.ps.ErrorCode(vc.Pos, "bad-exceeded-band", "exceeded_band %q is not yes or no", val)
	}
}

// exceededThreshold reads the exceeded_threshold setting: a score above
// 6.67 (on target) and at most 10.
func (l *loader) exceededThreshold(vc workbook.Cell, s *Settings) {
	n := l.number(vc, "exceeded_threshold", false)
	if !n.OK {
		return
	}
	if n.V <= 20.0/3 || n.V > 10 {
		l.ps.ErrorCode(vc.Pos, "bad-exceeded-threshold", "exceeded_threshold %q is not a score above 6.67 (on target) and at most 10", vc.Text)
		return
	}
	s.ExceededThreshold = n.V
}
