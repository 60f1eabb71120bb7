package report

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// The stages of a build, in the order Build runs them, as Options.Stage is
// told of them. The data exports are written beside the site's pages:
// "pages" is the pages but the index, with the exports running beside
// them; "exports" is the wait for the exports that the pages did not
// cover; "index" the index, which shows the exports' sizes. "charts" is
// the packs' charts; "packs" their documents.
const (
	StageRead    = "read"
	StageCompute = "compute"
	StageView    = "view"
	StagePages   = "pages"
	StageExports = "exports"
	StageIndex   = "index"
	StageCharts  = "charts"
	StagePacks   = "packs"
	StagePDF     = "pdf"
	StageWrite   = "write"
)

// stageText is what the progress line says while a stage runs.
var stageText = map[string]string{
	StageRead:    "reading the workbook…",
	StageCompute: "computing the scorecard…",
	StageView:    "preparing the pages…",
	StagePages:   "writing the site's pages and the data exports…",
	StageExports: "finishing the data exports…",
	StageIndex:   "writing the index…",
	// StageCharts has none: progressLine counts the charts.
	StagePacks: "writing the review packs…",
	StagePDF:   "printing the packs to PDF…",
	StageWrite: "putting the site in place…",
}

// stages tells opts.Stage of each stage as it starts, and "" when the build
// ends, and with opts.Progress keeps a line on the terminal saying which
// stage is running, once the build has taken a second.
type stages struct {
	hook  func(string)
	mu    sync.Mutex
	w     io.Writer // nil: no progress line
	start time.Time
	cur   string
	shown bool // the line holds text to be ended
	timer *time.Timer
	ended bool
}

func newStages(opts Options, log io.Writer) *stages {
	s := &stages{hook: opts.Stage, start: time.Now()}
	if opts.Progress && !opts.Quiet && log != io.Discard {
		s.w = log
	}
	return s
}

// begin marks the start of the stage name.
func (s *stages) begin(name string) {
	if s == nil {
		return
	}
	if s.hook != nil {
		s.hook(name)
	}
	if s.w == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cur = name
	if s.timer != nil {
		s.timer.Stop()
	}
	if wait := time.Second - time.Since(s.start); wait > 0 {
		s.timer = time.AfterFunc(wait, func() { s.show(name) })
		return
	}
	s.showLocked()
}

// show writes the line of stage name if it is still the one running.
func (s *stages) show(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == name {
		s.showLocked()
	}
}

func (s *stages) showLocked() {
	if text := stageText[s.cur]; text != "" {
		fmt.Fprintf(s.w, "\r%s\x1b[K", text)
		s.shown = true
	}
}

// clear clears the line, if it shows, so that a log line can be written.
func (s *stages) clear() {
	if s == nil || s.w == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shown {
		fmt.Fprint(s.w, "\r\x1b[K")
		s.shown = false
	}
}

// chartsDrawn is the progress line's count of pack charts; once all are
// drawn, the packs' documents follow.
func (s *stages) chartsDrawn(line func(done, total int)) func(done, total int) {
	return func(done, total int) {
		if line != nil && s.w != nil && time.Since(s.start) >= time.Second {
			s.mu.Lock()
			line(done, total)
			s.shown = done < total
			s.mu.Unlock()
		}
		if done == total {
			s.begin(StagePacks)
		}
	}
}

// end stops the line, clearing it, before the summary, and tells the hook
// the build is over.
func (s *stages) end() {
	if s == nil || s.ended {
		return
	}
	s.ended = true
	if s.w != nil {
		s.mu.Lock()
		s.cur = ""
		if s.timer != nil {
			s.timer.Stop()
		}
		if s.shown {
			fmt.Fprint(s.w, "\r\x1b[K")
			s.shown = false
		}
		s.mu.Unlock()
	}
	if s.hook != nil {
		s.hook("")
	}
}
