package site

import (
	"html/template"
	"strconv"
	"strings"

	"kpireport/report/view"
)

// funcs are the functions the site's templates may call besides the
// built-in ones.
var funcs = template.FuncMap{"historyTable": historyTable}

// historyTable writes a KPI's history table, the markup kpi.html's
// "history" template once made, with the "num" and "status" parts of
// parts.html written out. A KPI page's history is most of its cells (60
// months and 20 quarters at 5,000 KPIs), and html/template's execution
// makes a reflective call for every value it prints; written here, the
// table costs a fraction of that. Text is escaped exactly as html/template
// escapes it, so the page is byte for byte what the template gave.
func historyTable(t view.HistoryTable) template.HTML {
	var b strings.Builder
	b.Grow(256 + 400*len(t.Rows))
	b.WriteString("<div class=\"table-wrap\">\n<table class=\"history\">\n<caption>")
	view.Escape(&b, t.Caption)
	b.WriteString("</caption>\n<thead><tr><th scope=\"col\">Period</th><th scope=\"col\" class=\"n\">Actual</th><th scope=\"col\" class=\"n\">Target</th>")
	if t.HasTargetMax {
		b.WriteString("<th scope=\"col\" class=\"n\">Target max</th>")
	}
	b.WriteString("<th scope=\"col\" class=\"n\">Red flag</th><th scope=\"col\" class=\"n\">Score</th><th scope=\"col\">Status</th>")
	if t.HasNotes {
		b.WriteString("<th scope=\"col\">Note</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>")
	for i := range t.Rows {
		r := &t.Rows[i]
		b.WriteString("\n<tr")
		if r.Current {
			b.WriteString(" class=\"current-row\"")
		}
		b.WriteString("><th scope=\"row\">")
		view.Escape(&b, r.Label)
		if r.Partial != "" {
			b.WriteString(" <span class=\"partial\">(")
			view.Escape(&b, r.Partial)
			b.WriteString(")</span>")
		}
		b.WriteString("</th>")
		numCell(&b, r.Actual)
		numCell(&b, r.Target)
		if t.HasTargetMax {
			numCell(&b, r.TargetMax)
		}
		numCell(&b, r.RedFlag)
		numCell(&b, r.Score)
		b.WriteString("<td>")
		status(&b, r.Status)
		b.WriteString("</td>")
		if t.HasNotes {
			b.WriteString("<td>")
			view.Escape(&b, r.Note)
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	if len(t.Rows) == 0 {
		b.WriteString("\n<tr><td colspan=\"")
		b.WriteString(strconv.Itoa(t.Columns()))
		b.WriteString("\" class=\"empty\">No data yet.</td></tr>")
	}
	b.WriteString("\n</tbody>\n</table>\n</div>")
	return template.HTML(b.String())
}

// numCell writes a number's cell, as parts.html's "num" writes its value.
func numCell(b *strings.Builder, v view.Val) {
	b.WriteString("<td class=\"n\">")
	if v.OK {
		view.Escape(b, v.Text)
	} else {
		b.WriteString("<span class=\"nodata\" title=\"no data\">–</span>")
	}
	b.WriteString("</td>")
}

// status writes a status, as parts.html's "status" does.
func status(b *strings.Builder, s view.StatusView) {
	b.WriteString("<span class=\"status status-")
	view.Escape(b, s.Slug)
	b.WriteString("\"><span class=\"status-icon\" aria-hidden=\"true\">")
	view.Escape(b, s.Icon)
	b.WriteString("</span> ")
	view.Escape(b, s.Label)
	b.WriteString("</span>")
}
