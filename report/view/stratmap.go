package view

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"kpireport/report/format"
	"kpireport/report/scorecard"
)

// StrategyMap is the strategy map as the "strategymap" template draws it in
// inline SVG: one band a perspective, the first perspective at the top,
// each objective a box coloured and labelled by its status, and an arrow
// from each objective to each one it drives. Every coordinate is computed
// here; the template only prints numbers and escaped text, so the map
// shows without JavaScript.
type StrategyMap struct {
	ID            string // prefix of the SVG's ids
	Width, Height int    // the viewBox
	Label         string // the SVG's accessible name
	Bands         []MapBand
	Boxes         []MapBox
	Arrows        []MapArrow
	// Links are the map as text: one line an arrow.
	Links []MapLink
}

// MapBand is a perspective's band across the map.
type MapBand struct {
	Name       string
	Y, Height  int
	LabelLines []MapText
	Shaded     bool // every other band is shaded
	// Objectives are the band's boxes as text, in the map's order.
	Objectives []MapItem
}

// MapItem is an objective in the map's text alternative.
type MapItem struct {
	Link
	Status StatusView
	Score  Val
}

// MapText is a line of text at a position.
type MapText struct {
	X, Y int
	Text string
}

// MapBox is an objective on the map.
type MapBox struct {
	Name, Href       string
	X, Y, W, H       int
	Lines            []MapText // the name, wrapped
	Status           StatusView
	Score            Val
	StatusX, StatusY int
}

// MapArrow is a curve from the objective that drives to the one driven:
// from (X1, Y1), a cubic Bézier segment to each point of Segs in turn.
// An arrow that crosses a band passes it between the band's boxes.
type MapArrow struct {
	From, To string // objective names
	X1, Y1   int
	Segs     []MapSeg
}

// MapSeg is a cubic Bézier segment to (X, Y) with control points C1, C2.
type MapSeg struct{ C1X, C1Y, C2X, C2Y, X, Y int }

// MapLink is one arrow of the map as text: From drives To.
type MapLink struct {
	From, To             Link
	FromStatus, ToStatus StatusView
}

// Strategy map geometry, in SVG user units.
const (
	mapWidth      = 1040
	mapLabelX     = 12  // the perspective labels' left edge
	mapAreaX      = 170 // the boxes' area, from here to mapWidth-10
	mapPerLine    = 5   // boxes on a line; a band with more has more lines
	mapBoxW       = 152
	mapBoxH       = 78
	mapBandPad    = 28 // above and below a band's boxes, where arrows run
	mapLineGap    = 20 // between lines of boxes within a band
	mapNameChars  = 18 // characters on a line of a box's name
	mapNameLines  = 3
	mapLabelChars = 20
	mapSweeps     = 4 // ordering passes, alternately down and up
)

// mapNode is an objective while the map is laid out.
type mapNode struct {
	o     *scorecard.Objective
	band  int
	seq   int // sheet order
	x, y  int // the box's centre
	links []*mapNode
}

// strategyMap lays out the objectives of sc's perspectives, links from a
// page at root.
func (r *Builder) StrategyMap(id, root string) *StrategyMap {
	sc := r.sc
	m := &StrategyMap{ID: id, Width: mapWidth}
	byID := map[string]*mapNode{}
	bands := make([][]*mapNode, len(sc.Perspectives))
	seq := 0
	var nodes []*mapNode
	for i, p := range sc.Perspectives {
		for _, o := range p.Objectives {
			if o == nil || o.Perspective != p {
				continue
			}
			n := &mapNode{o: o, band: i, seq: seq}
			seq++
			bands[i] = append(bands[i], n)
			nodes = append(nodes, n)
			if _, dup := byID[o.ID]; !dup {
				byID[o.ID] = n
			}
		}
	}
	// The arrows, in sheet order, each once; ids that name no objective on
	// the map and an objective driving itself are left out.
	type edge struct{ from, to *mapNode }
	var edges []edge
	seen := map[[2]*mapNode]bool{}
	for _, n := range nodes {
		for _, d := range n.o.Drives {
			t := byID[strings.TrimSpace(d)]
			if t == nil || t == n || seen[[2]*mapNode{n, t}] {
				continue
			}
			seen[[2]*mapNode{n, t}] = true
			edges = append(edges, edge{n, t})
			n.links = append(n.links, t)
			t.links = append(t.links, n)
		}
	}
	// Implicit objectives (KPIs naming a perspective directly) are shown
	// only when something links them.
	for i, b := range bands {
		kept := b[:0]
		for _, n := range b {
			if !n.o.Implicit || len(n.links) > 0 {
				kept = append(kept, n)
			}
		}
		bands[i] = kept
	}

	// Vertical layout: bands top to bottom in perspective order.
	y := 0
	for i, p := range sc.Perspectives {
		lines := max(1, (len(bands[i])+mapPerLine-1)/mapPerLine)
		h := 2*mapBandPad + lines*mapBoxH + (lines-1)*mapLineGap
		band := MapBand{Name: p.Name, Y: y, Height: h, Shaded: i%2 == 0}
		for j, line := range wrapText(p.Name, mapLabelChars, 3) {
			band.LabelLines = append(band.LabelLines, MapText{X: mapLabelX, Y: y + mapBandPad + 14 + 17*j, Text: line})
		}
		m.Bands = append(m.Bands, band)
		placeBand(bands[i], y)
		y += h
	}
	m.Height = y

	// Order each band's boxes by the barycentre of the boxes they link
	// to, a few times down and up; ties keep sheet order.
	for s := range mapSweeps {
		for k := range bands {
			i := k
			if s%2 == 1 {
				i = len(bands) - 1 - k
			}
			b := bands[i]
			bary := make(map[*mapNode]float64, len(b))
			for _, n := range b {
				sum, cnt := 0, 0
				for _, l := range n.links {
					if l.band != n.band {
						sum += l.x
						cnt++
					}
				}
				if cnt == 0 {
					bary[n] = float64(n.x)
				} else {
					bary[n] = float64(sum) / float64(cnt)
				}
			}
			sort.SliceStable(b, func(x, y int) bool {
				if bary[b[x]] != bary[b[y]] {
					return bary[b[x]] < bary[b[y]]
				}
				return b[x].seq < b[y].seq
			})
			placeBand(b, m.Bands[i].Y)
		}
	}

	for i, b := range bands {
		for _, n := range b {
			o := n.o
			box := MapBox{
				Name:   o.Name,
				Href:   root + r.PerspectivePath(o.Perspective) + "#" + r.objAnchor(o),
				X:      n.x - mapBoxW/2,
				Y:      n.y - mapBoxH/2,
				W:      mapBoxW,
				H:      mapBoxH,
				Status: statusView(o.Score.Status),
				Score:  scoreVal(o.Score.Score),
			}
			for j, line := range wrapText(o.Name, mapNameChars, mapNameLines) {
				box.Lines = append(box.Lines, MapText{X: box.X + 8, Y: box.Y + 17 + 15*j, Text: line})
			}
			box.StatusX, box.StatusY = box.X+8, box.Y+mapBoxH-9
			m.Boxes = append(m.Boxes, box)
			m.Bands[i].Objectives = append(m.Bands[i].Objectives, MapItem{Link: Link{Name: box.Name, Href: box.Href}, Status: box.Status, Score: box.Score})
		}
	}

	// Ports: where arrows meet a box's top or bottom edge, spread along it
	// in the order of the other ends, so that arrows there do not cross.
	type port struct {
		n      *mapNode
		bottom bool
	}
	type end struct {
		edge  int
		start bool
		other *mapNode
	}
	ends := map[port][]end{}
	var portOrder []port
	add := func(p port, e end) {
		if _, ok := ends[p]; !ok {
			portOrder = append(portOrder, p)
		}
		ends[p] = append(ends[p], e)
	}
	for i, e := range edges {
		up := e.to.y < e.from.y
		same := e.to.y == e.from.y
		add(port{e.from, !up && !same}, end{i, true, e.to})
		add(port{e.to, up}, end{i, false, e.from})
	}
	xs := make([][2]int, len(edges)) // start and end x of each edge
	for _, p := range portOrder {
		es := ends[p]
		sort.SliceStable(es, func(i, j int) bool { return es[i].other.x < es[j].other.x })
		for i, e := range es {
			x := p.n.x - mapBoxW/2 + mapBoxW*(i+1)/(len(es)+1)
			if e.start {
				xs[e.edge][0] = x
			} else {
				xs[e.edge][1] = x
			}
		}
	}
	for i, e := range edges {
		a := MapArrow{From: e.from.o.Name, To: e.to.o.Name, X1: xs[i][0]}
		x2 := xs[i][1]
		half := mapBoxH / 2
		switch {
		case e.to.y != e.from.y:
			y2 := e.to.y - half - 2 // down: bottom edge to top edge
			a.Y1 = e.from.y + half
			step := 1
			if e.to.y < e.from.y { // up: top edge to bottom edge
				a.Y1, y2, step = e.from.y-half, e.to.y+half+2, -1
			}
			x, y := a.X1, a.Y1
			for b := e.from.band + step; b != e.to.band && b >= 0 && b < len(bands); b += step {
				wy := m.Bands[b].Y + m.Bands[b].Height/2
				wx := a.X1 + (x2-a.X1)*(wy-a.Y1)/(y2-a.Y1)
				wx = gapNear(bands[b], wx)
				a.Segs = append(a.Segs, vertSeg(x, y, wx, wy))
				x, y = wx, wy
			}
			a.Segs = append(a.Segs, vertSeg(x, y, x2, y2))
		default: // the same line: over the top
			a.Y1 = e.from.y - half
			y2 := e.to.y - half - 2
			a.Segs = []MapSeg{{C1X: a.X1, C1Y: a.Y1 - mapBandPad + 4, C2X: x2, C2Y: y2 - mapBandPad + 6, X: x2, Y: y2}}
		}
		m.Arrows = append(m.Arrows, a)
		m.Links = append(m.Links, MapLink{
			From:       Link{Name: e.from.o.Name, Href: root + r.PerspectivePath(e.from.o.Perspective) + "#" + r.objAnchor(e.from.o)},
			To:         Link{Name: e.to.o.Name, Href: root + r.PerspectivePath(e.to.o.Perspective) + "#" + r.objAnchor(e.to.o)},
			FromStatus: statusView(e.from.o.Score.Status),
			ToStatus:   statusView(e.to.o.Score.Status),
		})
	}
	m.Label = fmt.Sprintf("Strategy map: %s in %s, %s between them; the list below gives them as text",
		format.Count(len(m.Boxes), "objective"), format.Count(len(sc.Perspectives), "perspective"), format.Count(len(m.Arrows), "link"))
	return m
}

// vertSeg is a segment from (x1, y1) to (x2, y2) that leaves and arrives
// vertically.
func vertSeg(x1, y1, x2, y2 int) MapSeg {
	d := (y2 - y1) / 2
	return MapSeg{C1X: x1, C1Y: y1 + d, C2X: x2, C2Y: y2 - d, X: x2, Y: y2}
}

// gapNear returns the x nearest to x at which a line can cross the band
// without going through a box: between two boxes of a line, or beside a
// line, and clear of every box of the band.
func gapNear(b []*mapNode, x int) int {
	clear := func(x int) bool {
		for _, n := range b {
			if x > n.x-mapBoxW/2-4 && x < n.x+mapBoxW/2+4 {
				return false
			}
		}
		return true
	}
	if clear(x) {
		return x
	}
	best, dist := x, -1
	for i, n := range b {
		cands := []int{n.x - mapBoxW/2 - 12, n.x + mapBoxW/2 + 12}
		if i+1 < len(b) && b[i+1].y == n.y {
			cands = append(cands, (n.x+b[i+1].x)/2)
		}
		for _, c := range cands {
			d := c - x
			if d < 0 {
				d = -d
			}
			if clear(c) && (dist < 0 || d < dist || d == dist && c < best) {
				best, dist = c, d
			}
		}
	}
	return best
}

// placeBand sets the centres of a band's boxes, in their order: up to
// mapPerLine a line, each line centred in the boxes' area.
func placeBand(b []*mapNode, top int) {
	area := mapWidth - 10 - mapAreaX
	slot := area / mapPerLine
	for i, n := range b {
		line, pos := i/mapPerLine, i%mapPerLine
		count := min(mapPerLine, len(b)-line*mapPerLine)
		n.x = mapAreaX + area/2 + (2*pos-(count-1))*slot/2
		n.y = top + mapBandPad + line*(mapBoxH+mapLineGap) + mapBoxH/2
	}
}

// wrapText breaks s into at most maxLines lines of at most width
// characters, at spaces where it can; text that does not fit ends in "…".
func wrapText(s string, width, maxLines int) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for len(words) > 0 {
		w := words[0]
		switch {
		case cur == "" && utf8.RuneCountInString(w) > width:
			rs := []rune(w)
			lines = append(lines, string(rs[:width]))
			words[0] = string(rs[width:])
			continue
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = ""
			continue
		}
		words = words[1:]
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) > maxLines {
		last := []rune(lines[maxLines-1])
		if len(last) >= width {
			last = last[:width-1]
		}
		lines = append(lines[:maxLines-1], strings.TrimRight(string(last), " ")+"…")
	}
	return lines
}
