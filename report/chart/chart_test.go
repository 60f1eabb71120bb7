package chart

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

func num(v float64) *float64 { return &v }

// nums turns a list into values, with NaN standing for a gap.
func nums(vs ...float64) []*float64 {
	out := make([]*float64, len(vs))
	for i, v := range vs {
		if !math.IsNaN(v) {
			out[i] = num(v)
		}
	}
	return out
}

var gap = math.NaN()

// option is the part of an ECharts option the tests look at.
type option struct {
	Animation *bool `json:"animation"`
	Title     struct {
		Text string `json:"text"`
	} `json:"title"`
	Aria struct {
		Label struct {
			Description string `json:"description"`
		} `json:"label"`
	} `json:"aria"`
	Legend struct {
		Data []string `json:"data"`
	} `json:"legend"`
	Tooltip struct {
		Formatter *string `json:"formatter"`
	} `json:"tooltip"`
	TooltipText TooltipText `json:"tooltipText"`
	XAxis       []struct {
		Data []string `json:"data"`
	} `json:"xAxis"`
	YAxis []struct {
		Name      string `json:"name"`
		AxisLabel struct {
			Formatter string `json:"formatter"`
		} `json:"axisLabel"`
	} `json:"yAxis"`
	Series []struct {
		Name         string            `json:"name"`
		Type         string            `json:"type"`
		Stack        string            `json:"stack"`
		Animation    *bool             `json:"animation"`
		ConnectNulls *bool             `json:"connectNulls"`
		Silent       bool              `json:"silent"`
		Data         []json.RawMessage `json:"data"`
		Tooltip      *struct {
			Show bool `json:"show"`
		} `json:"tooltip"`
	} `json:"series"`
}

func decode(t *testing.T, c Chart) option {
	t.Helper()
	var o option
	if err := json.Unmarshal(c.Option, &o); err != nil {
		t.Fatalf("option of %q is not valid JSON: %v\n%s", c.ID, err, c.Option)
	}
	return o
}

func seriesNames(o option) []string {
	var names []string
	for _, s := range o.Series {
		names = append(names, s.Name)
	}
	return names
}

// data returns series i's data as text, e.g. ["10","null","12.3"].
func data(o option, i int) []string {
	var out []string
	for _, d := range o.Series[i].Data {
		out = append(out, string(d))
	}
	return out
}

// tooltipLines is what the tooltip t shows at period i: each series with a
// value there, and the value's text.
func tooltipLines(t TooltipText, i int) []string {
	var out []string
	for s, name := range t.Series {
		if i < len(t.Text[s]) && t.Text[s][i] != nil {
			out = append(out, name+": "+*t.Text[s][i])
		}
	}
	return out
}

var months = []string{"Oct 2025", "Nov 2025", "Dec 2025", "Jan 2026"}

func TestHistorySeries(t *testing.T) {
	tests := []struct {
		name    string
		in      HistoryInput
		series  []string
		legend  []string
		tooltip []string // the tooltip's lines at the last period
	}{{
		name:    "actual only",
		in:      HistoryInput{Actual: nums(1, 2, 3, 4)},
		series:  []string{"Actual"},
		legend:  []string{"Actual"},
		tooltip: []string{"Actual: 4"},
	}, {
		name: "higher with target and red flag",
		in: HistoryInput{Unit: "%", Actual: nums(1, 2, 3, 4),
			Target: nums(5, 5, 5, 5), RedFlag: nums(4, 4, 4, 4)},
		series:  []string{"band-base", "At risk", "Red flag", "Target", "Actual"},
		legend:  []string{"Red flag", "Target", "Actual", "At risk"},
		tooltip: []string{"Red flag: 4%", "Target: 5%", "Actual: 4%"},
	}, {
		name: "lower with target only",
		in: HistoryInput{Direction: "lower", Unit: "days", Actual: nums(1, 2, 3, 4),
			Target: nums(5, 5, 5, 5)},
		series:  []string{"Target", "Actual"},
		legend:  []string{"Target", "Actual"},
		tooltip: []string{"Target: 5 days", "Actual: 4 days"},
	}, {
		name: "range",
		in: HistoryInput{Direction: "range", Actual: nums(1, 2, 3, 4),
			Target: nums(2, 2, 2, 2), TargetMax: nums(3, 3, 3, 3), RedFlag: nums(1, 1, 1, 1)},
		series:  []string{"band-base", "On target", "Red flag", "Target", "Target (max)", "Actual"},
		legend:  []string{"Red flag", "Target", "Target (max)", "Actual", "On target"},
		tooltip: []string{"Red flag: 1", "Target: 2", "Target (max): 3", "Actual: 4"},
	}, {
		name:    "series with no values are left out",
		in:      HistoryInput{Actual: nums(1, 2, 3, 4), Target: nums(gap, gap, gap, gap), RedFlag: nums(gap, gap, gap, gap)},
		series:  []string{"Actual"},
		legend:  []string{"Actual"},
		tooltip: []string{"Actual: 4"},
	}, {
		name:    "target max ignored unless range",
		in:      HistoryInput{Actual: nums(1, 2, 3, 4), TargetMax: nums(3, 3, 3, 3)},
		series:  []string{"Actual"},
		legend:  []string{"Actual"},
		tooltip: []string{"Actual: 4"},
	}, {
		name:    "currency before the number, as in the tables",
		in:      HistoryInput{Unit: "£k", Actual: nums(1, 2, 3, -27464), Target: nums(5, 5, 5, 27200)},
		series:  []string{"Target", "Actual"},
		legend:  []string{"Target", "Actual"},
		tooltip: []string{"Target: £27,200k", "Actual: -£27,464k"},
	}, {
		name:    "the unit is text; the site's script escapes it",
		in:      HistoryInput{Unit: "<b>", Actual: nums(1, 2, 3, 4)},
		series:  []string{"Actual"},
		legend:  []string{"Actual"},
		tooltip: []string{"Actual: 4 <b>"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.ID = "kpi-1"
			tt.in.Labels = months
			c, err := History(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			o := decode(t, c)
			if got := seriesNames(o); !reflect.DeepEqual(got, tt.series) {
				t.Errorf("series = %q, want %q", got, tt.series)
			}
			if !reflect.DeepEqual(o.Legend.Data, tt.legend) {
				t.Errorf("legend = %q, want %q", o.Legend.Data, tt.legend)
			}
			if o.Tooltip.Formatter != nil {
				t.Errorf("tooltip formatter = %q, want none: the site's script writes the tooltip", *o.Tooltip.Formatter)
			}
			if got := tooltipLines(o.TooltipText, len(months)-1); !reflect.DeepEqual(got, tt.tooltip) {
				t.Errorf("tooltip = %q, want %q", got, tt.tooltip)
			}
			if o.Animation == nil || *o.Animation {
				t.Errorf("animation = %v, want false", o.Animation)
			}
			for _, s := range o.Series {
				if s.Type != "line" || s.ConnectNulls == nil || *s.ConnectNulls || s.Animation == nil || *s.Animation {
					t.Errorf("series %q: type %q, connectNulls %v, animation %v; want line, false, false",
						s.Name, s.Type, s.ConnectNulls, s.Animation)
				}
				quiet := s.Name == "band-base" || s.Name == "At risk" || s.Name == "On target"
				hidden := s.Tooltip != nil && !s.Tooltip.Show
				if quiet != (hidden && s.Silent) || quiet != (s.Stack == "band") {
					t.Errorf("series %q: silent %v, tooltip hidden %v, stack %q", s.Name, s.Silent, hidden, s.Stack)
				}
			}
			if !reflect.DeepEqual(o.XAxis[0].Data, months) {
				t.Errorf("x axis = %q, want %q", o.XAxis[0].Data, months)
			}
			if c.Width != 720 || c.Height != 320 || c.ID != "kpi-1" {
				t.Errorf("chart %q is %dx%d", c.ID, c.Width, c.Height)
			}
		})
	}
}

func TestHistoryData(t *testing.T) {
	c, err := History(HistoryInput{
		ID: "rev", Decimals: 1, Labels: months,
		Actual:  nums(10.04, gap, 0.1+0.2, -0.01),
		Target:  nums(12, 12, gap, 13),
		RedFlag: nums(10.8, 10.8, 10.8, 11.7),
	})
	if err != nil {
		t.Fatal(err)
	}
	o := decode(t, c)
	want := map[string][]string{
		"band-base": {"10.8", "10.8", "null", "11.7"},
		"At risk":   {"1.2", "1.2", "null", "1.3"},
		"Red flag":  {"10.8", "10.8", "10.8", "11.7"},
		"Target":    {"12", "12", "null", "13"},
		"Actual":    {"10", "null", "0.3", "0"},
	}
	for i, name := range seriesNames(o) {
		if got := data(o, i); !reflect.DeepEqual(got, want[name]) {
			t.Errorf("%s data = %s, want %s", name, got, want[name])
		}
	}
}

func TestHistoryLowerBand(t *testing.T) {
	// For "lower" KPIs the red flag is above the target; the band still
	// starts at the lower of the two.
	c, err := History(HistoryInput{ID: "late", Direction: "lower", Labels: months[:2],
		Actual: nums(5, 4), Target: nums(3, 3), RedFlag: nums(4.5, 5)})
	if err != nil {
		t.Fatal(err)
	}
	o := decode(t, c)
	if got, want := data(o, 0), []string{"3", "3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("band base = %s, want %s", got, want)
	}
	if got, want := data(o, 1), []string{"2", "2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("band width = %s, want %s (decimals 0)", got, want)
	}
}

func TestHistoryAxisUnit(t *testing.T) {
	tests := []struct{ unit, name, formatter string }{
		{"", "", ""},
		{"%", "", "{value}%"},
		{"£m", "£m", ""},
	}
	for _, tt := range tests {
		c, err := History(HistoryInput{ID: "a", Unit: tt.unit, Labels: months[:1], Actual: nums(1)})
		if err != nil {
			t.Fatal(err)
		}
		y := decode(t, c).YAxis[0]
		if y.Name != tt.name || y.AxisLabel.Formatter != tt.formatter {
			t.Errorf("unit %q: y axis name %q, label formatter %q; want %q, %q",
				tt.unit, y.Name, y.AxisLabel.Formatter, tt.name, tt.formatter)
		}
	}
}

func TestHistoryAlt(t *testing.T) {
	tests := []struct {
		name string
		in   HistoryInput
		want string
	}{{
		name: "latest against target",
		in: HistoryInput{Title: "Revenue", Frequency: "monthly", Unit: "£m", Decimals: 1,
			Labels: []string{"Oct 2023", "Sep 2026"}, Actual: nums(11, 12.34), Target: nums(12, 12)},
		want: "Revenue, monthly, Oct 2023 to Sep 2026: latest £12.3m against target £12.0m.",
	}, {
		name: "latest before the last period",
		in: HistoryInput{Title: "On-time delivery", Unit: "%", Decimals: 1,
			Labels: months, Actual: nums(95, 96.25, gap, gap), Target: nums(97, 97, 97, 97)},
		want: "On-time delivery, Oct 2025 to Jan 2026: latest 96.3% in Nov 2025 against target 97.0%.",
	}, {
		name: "range",
		in: HistoryInput{Title: "Stock days", Direction: "range", Unit: "days",
			Labels: months[:1], Actual: nums(1234.5), Target: nums(1000), TargetMax: nums(2000)},
		want: "Stock days, Oct 2025: latest 1,235 days against target 1,000 to 2,000 days.",
	}, {
		name: "no target",
		in:   HistoryInput{Title: "Headcount", Labels: months[:2], Actual: nums(-1500, -1200)},
		want: "Headcount, Oct 2025 to Nov 2025: latest -1,200.",
	}, {
		// Not what the scorecard makes, but no reason to fail: the history
		// runs to the last actual, past the projection's start.
		name: "projection starting before the last actual",
		in: HistoryInput{Title: "Calls", Labels: months, Actual: nums(1, 2, 3, gap),
			Projection: &Projection{Value: nums(gap, 2, 3, 4), Basis: "trend"}},
		want: "Calls, Oct 2025 to Dec 2025: latest 3. Dashed: projected to year end (trend).",
	}, {
		name: "no data",
		in:   HistoryInput{Title: "NPS", Labels: months[:2], Actual: nums(gap, gap)},
		want: "NPS, Oct 2025 to Nov 2025: no data.",
	}, {
		name: "no periods, no title",
		in:   HistoryInput{},
		want: "History: no data.",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.ID = "a"
			c, err := History(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if c.Alt != tt.want {
				t.Errorf("alt = %q, want %q", c.Alt, tt.want)
			}
			if got := decode(t, c).Aria.Label.Description; got != tt.want {
				t.Errorf("aria description = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHistoryErrors(t *testing.T) {
	ok := HistoryInput{ID: "rev", Labels: months[:2], Actual: nums(1, 2)}
	tests := []struct {
		name   string
		change func(*HistoryInput)
		want   string
	}{
		{"empty id", func(in *HistoryInput) { in.ID = "" }, `chart: empty id`},
		{"bad id", func(in *HistoryInput) { in.ID = `a"b` },
			`chart "a\"b": id must start with a letter and hold only letters, digits, '-', '_' and '.'`},
		{"id starting with a digit", func(in *HistoryInput) { in.ID = "1a" },
			`chart "1a": id must start with a letter and hold only letters, digits, '-', '_' and '.'`},
		{"decimals", func(in *HistoryInput) { in.Decimals = -1 }, `chart "rev": decimals -1 is not between 0 and 10`},
		{"direction", func(in *HistoryInput) { in.Direction = "up" }, `chart "rev": direction "up" is not higher, lower or range`},
		{"actual length", func(in *HistoryInput) { in.Actual = nums(1) }, `chart "rev": 2 labels but 1 actual values`},
		{"target length", func(in *HistoryInput) { in.Target = nums(1, 2, 3) }, `chart "rev": 2 labels but 3 target values`},
		{"red flag NaN", func(in *HistoryInput) { in.RedFlag = []*float64{num(1), num(math.NaN())} },
			`chart "rev": red flag value 2 is NaN, not a finite number`},
		{"target max Inf", func(in *HistoryInput) { in.TargetMax = []*float64{num(math.Inf(1)), nil} },
			`chart "rev": target max value 1 is +Inf, not a finite number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok
			tt.change(&in)
			_, err := History(in)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v, want %s", err, tt.want)
			}
		})
	}
}

// TestDeterministic builds each chart many times: go-echarts keeps parts of
// an option in maps, and Go randomises map order.
func TestDeterministic(t *testing.T) {
	build := map[string]func() (Chart, error){
		"history": func() (Chart, error) {
			return History(HistoryInput{ID: "rev", Title: "Revenue", Unit: "£m", Decimals: 1, Labels: months,
				Actual: nums(1, gap, 3, 4), Target: nums(5, 5, 5, 5), RedFlag: nums(4, 4, 4, 4)})
		},
		"sparkline": func() (Chart, error) { return Sparkline("sp", nums(1, gap, 3)) },
		"scores": func() (Chart, error) {
			return Scores("sc", "Perspectives", []string{"A", "B"}, nums(7, gap))
		},
	}
	for name, f := range build {
		first, err := f()
		if err != nil {
			t.Fatal(err)
		}
		for range 50 {
			c, _ := f()
			if !bytes.Equal(c.Option, first.Option) || !reflect.DeepEqual(c, first) {
				t.Fatalf("%s: two builds differ:\n%s\n%s", name, first.Option, c.Option)
			}
		}
	}
}

func TestOptionIsData(t *testing.T) {
	const evil = `</script><script>alert(1)</script>`
	c, err := History(HistoryInput{ID: "x", Title: evil, Unit: evil, Labels: []string{evil}, Actual: nums(1)})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<", ">", "&"} {
		if bytes.Contains(c.Option, []byte(s)) {
			t.Errorf("option holds a raw %q: %s", s, c.Option)
		}
	}
	o := decode(t, c)
	if o.Title.Text != evil || o.XAxis[0].Data[0] != evil || o.YAxis[0].Name != evil {
		t.Errorf("text did not survive as data: title %q, label %q, unit %q", o.Title.Text, o.XAxis[0].Data[0], o.YAxis[0].Name)
	}
	if strings.Contains(string(c.Option), "function") {
		t.Errorf("option holds a function: %s", c.Option)
	}
}

func TestSparkline(t *testing.T) {
	tests := []struct {
		values []*float64
		data   []string
		alt    string
	}{{
		values: nums(1, gap, 3, 2.5, gap),
		data:   []string{"1", "null", "3", `{"value":2.5,"symbol":"circle","symbolSize":5}`, "null"},
		alt:    "Trend over 5 periods, from 1 to 2.5.",
	}, {
		values: nums(gap, 7),
		data:   []string{"null", `{"value":7,"symbol":"circle","symbolSize":5}`},
		alt:    "Trend over 2 periods: one value, 7.",
	}, {
		values: nums(gap, gap),
		data:   []string{"null", "null"},
		alt:    "Trend over 2 periods: no data.",
	}}
	for _, tt := range tests {
		c, err := Sparkline("sp", tt.values)
		if err != nil {
			t.Fatal(err)
		}
		o := decode(t, c)
		if len(o.Series) != 1 {
			t.Fatalf("%d series, want 1", len(o.Series))
		}
		if got := data(o, 0); !reflect.DeepEqual(got, tt.data) {
			t.Errorf("data = %s, want %s", got, tt.data)
		}
		if c.Alt != tt.alt {
			t.Errorf("alt = %q, want %q", c.Alt, tt.alt)
		}
		if o.Animation == nil || *o.Animation || c.Width != 120 || c.Height != 32 {
			t.Errorf("animation %v, size %dx%d", o.Animation, c.Width, c.Height)
		}
	}
	if _, err := Sparkline("sp", nums(1, math.Inf(-1))); err == nil ||
		err.Error() != `chart "sp": sparkline value 2 is -Inf, not a finite number` {
		t.Errorf("error = %v", err)
	}
}

func TestScores(t *testing.T) {
	names := []string{"Goal", "Just below goal", "Red flag", "Below red flag", "Zero", "Ten", "No data"}
	scores := []*float64{num(20.0 / 3), num(6.66), num(10.0 / 3), num(3.33), num(0), num(10), nil}
	c, err := Scores("persp", "Perspectives", names, scores)
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		Series []struct {
			Type string `json:"type"`
			Data []struct {
				Name      string  `json:"name"`
				Value     float64 `json:"value"`
				ItemStyle struct {
					Color string `json:"color"`
				} `json:"itemStyle"`
				Label struct {
					Formatter string `json:"formatter"`
				} `json:"label"`
			} `json:"data"`
		} `json:"series"`
		XAxis []struct {
			Min, Max float64
		} `json:"xAxis"`
		YAxis []struct {
			Data    []string `json:"data"`
			Inverse bool     `json:"inverse"`
		} `json:"yAxis"`
	}
	if err := json.Unmarshal(c.Option, &o); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		value        float64
		color, label string
	}{
		{6.7, "#1a7f37", "6.7 · on target"},
		{6.6, "#b26a00", "6.6 · at risk"},    // 6.66 would round to 6.7
		{3.3, "#b26a00", "3.3 · at risk"},    // the red flag, 10/3
		{3.2, "#c62828", "3.2 · off target"}, // 3.33 < 10/3 stays below the band
		{0, "#c62828", "0.0 · off target"},
		{10, "#1a7f37", "10.0 · on target"},
		{0, "#6e7781", "no data"},
	}
	if len(o.Series) != 1 || o.Series[0].Type != "bar" || len(o.Series[0].Data) != len(want) {
		t.Fatalf("series = %+v", o.Series)
	}
	for i, w := range want {
		d := o.Series[0].Data[i]
		if d.Name != names[i] || d.Value != w.value || d.ItemStyle.Color != w.color || d.Label.Formatter != w.label {
			t.Errorf("bar %d = %q %v %s %q, want %q %v %s %q", i,
				d.Name, d.Value, d.ItemStyle.Color, d.Label.Formatter, names[i], w.value, w.color, w.label)
		}
	}
	if o.XAxis[0].Min != 0 || o.XAxis[0].Max != 10 || !reflect.DeepEqual(o.YAxis[0].Data, names) || !o.YAxis[0].Inverse {
		t.Errorf("axes = %+v %+v", o.XAxis, o.YAxis)
	}
	wantAlt := "Perspectives: Goal 6.7 (on target), Just below goal 6.6 (at risk), Red flag 3.3 (at risk), " +
		"Below red flag 3.2 (off target), Zero 0.0 (off target), Ten 10.0 (on target), No data (no data)."
	if c.Alt != wantAlt {
		t.Errorf("alt = %q\nwant  %q", c.Alt, wantAlt)
	}
	if c.Height != 70+34*len(names) {
		t.Errorf("height = %d", c.Height)
	}
}

func TestScoresErrors(t *testing.T) {
	tests := []struct {
		names  []string
		scores []*float64
		want   string
	}{
		{[]string{"A"}, nil, `chart "s": 1 names but 0 scores`},
		{[]string{"A"}, nums(10.5), `chart "s": score 10.5 of "A" is not between 0 and 10`},
		{[]string{"A"}, nums(-1), `chart "s": score -1 of "A" is not between 0 and 10`},
		{[]string{"A"}, []*float64{num(math.NaN())}, `chart "s": score value 1 is NaN, not a finite number`},
	}
	for _, tt := range tests {
		_, err := Scores("s", "", tt.names, tt.scores)
		if err == nil || err.Error() != tt.want {
			t.Errorf("error = %v, want %s", err, tt.want)
		}
	}
}

// FuzzHistory checks that any text and numbers give either an error or a
// valid option that gives the text back as data.
func FuzzHistory(f *testing.F) {
	f.Add("Revenue", "£m", "Oct 2023", 1, 12.5, 12.0)
	f.Add(`</script><!--`, `{value}`, "\u2028", 0, -1e300, math.Inf(1))
	f.Fuzz(func(t *testing.T, title, unit, label string, decimals int, actual, target float64) {
		c, err := History(HistoryInput{ID: "f", Title: title, Unit: unit, Decimals: decimals,
			Labels: []string{label}, Actual: nums(actual), Target: nums(target)})
		if err != nil {
			return
		}
		var o option
		if err := json.Unmarshal(c.Option, &o); err != nil {
			t.Fatalf("invalid JSON: %v", err)
		}
		if bytes.ContainsAny(c.Option, "<>") {
			t.Fatalf("raw < or > in option: %s", c.Option)
		}
		if !strings.ContainsRune(title, '\uFFFD') && strings.ToValidUTF8(title, "\uFFFD") == title && o.Title.Text != title {
			t.Fatalf("title %q came back as %q", title, o.Title.Text)
		}
	})
}
