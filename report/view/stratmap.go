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

// StrategyMap lays out the objectives of the scorecard's perspectives as
// the map whose SVG ids start with id, its boxes and links pointing to
// pages from a page at root. It reads as its steps: the objectives become
// nodes, band by band; their drives become arrows; the bands are stacked
// and their boxes ordered to uncross the arrows; then the boxes, the
// arrows and the map as text are made from the nodes' places.
func (r *Builder) StrategyMap(id, root string) *StrategyMap {
	sc := r.sc
	nodes, all, byID := mapNodes(sc.Perspectives)
	edges := mapEdges(all, byID)
	dropUnlinkedImplicit(nodes)

	m := &StrategyMap{ID: id, Width: mapWidth}
	m.Bands, m.Height = stackBands(sc.Perspectives, nodes)
	orderBands(nodes, m.Bands)
	r.addBoxes(m, nodes, root)
	xs := portXs(edges)
	for i, e := range edges {
		m.Arrows = append(m.Arrows, mapArrow(e, xs[i], nodes, m.Bands))
		m.Links = append(m.Links, r.mapLink(e, root))
	}
	m.Label = fmt.Sprintf("Strategy map: %s in %s, %s between them; the list below gives them as text",
		format.Count(len(m.Boxes), "objective"), format.Count(len(sc.Perspectives), "perspective"), format.Count(len(m.Arrows), "link"))
	return m
}

// mapNodes makes a node of each objective listed under each perspective,
// in sheet order: bands holds them perspective by perspective, all holds
// them in one list, and byID finds the first node of each objective id.
// An objective listed under a perspective not its own is left out.
func mapNodes(ps []*scorecard.Perspective) (bands [][]*mapNode, all []*mapNode, byID map[string]*mapNode) {
	bands = make([][]*mapNode, len(ps))
	byID = map[string]*mapNode{}
	seq := 0
	for i, p := range ps {
		for _, o := range p.Objectives {
			if o == nil || o.Perspective != p {
				continue
			}
			n := &mapNode{o: o, band: i, seq: seq}
			seq++
			bands[i] = append(bands[i], n)
			all = append(all, n)
			if _, dup := byID[o.ID]; !dup {
				byID[o.ID] = n
			}
		}
	}
	return bands, all, byID
}

// mapEdge is an arrow while the map is laid out: from drives to.
type mapEdge struct{ from, to *mapNode }

// mapEdges returns the arrows, in sheet order, each once, and links the
// nodes at their two ends. Drives naming no objective on the map and an
// objective driving itself are left out.
func mapEdges(all []*mapNode, byID map[string]*mapNode) []mapEdge {
	var edges []mapEdge
	seen := map[mapEdge]bool{}
	for _, n := range all {
		for _, d := range n.o.Drives {
			t := byID[strings.TrimSpace(d)]
			e := mapEdge{n, t}
			if t == nil || t == n || seen[e] {
				continue
			}
			seen[e] = true
			edges = append(edges, e)
			n.links = append(n.links, t)
			t.links = append(t.links, n)
		}
	}
	return edges
}

// dropUnlinkedImplicit removes from each band the implicit objectives
// (those of KPIs that name a perspective directly) that nothing links:
// they are shown only when an arrow meets them.
func dropUnlinkedImplicit(bands [][]*mapNode) {
	for i, b := range bands {
		kept := b[:0]
		for _, n := range b {
			if !n.o.Implicit || len(n.links) > 0 {
				kept = append(kept, n)
			}
		}
		bands[i] = kept
	}
}

// stackBands lays the bands out top to bottom in perspective order, each
// as tall as its lines of boxes need, and places each band's boxes in
// sheet order. It returns the bands and the map's height.
func stackBands(ps []*scorecard.Perspective, nodes [][]*mapNode) ([]MapBand, int) {
	var bands []MapBand
	y := 0
	for i, p := range ps {
		lines := max(1, (len(nodes[i])+mapPerLine-1)/mapPerLine)
		h := 2*mapBandPad + lines*mapBoxH + (lines-1)*mapLineGap
		bands = append(bands, MapBand{Name: p.Name, Y: y, Height: h, Shaded: i%2 == 0, LabelLines: bandLabel(p.Name, y)})
		placeBand(nodes[i], y)
		y += h
	}
	return bands, y
}

// bandLabel is the name of a perspective wrapped into lines at the left
// of its band, whose top is at top.
func bandLabel(name string, top int) []MapText {
	var lines []MapText
	for j, line := range wrapText(name, mapLabelChars, 3) {
		lines = append(lines, MapText{X: mapLabelX, Y: top + mapBandPad + 14 + 17*j, Text: line})
	}
	return lines
}

// orderBands orders each band's boxes by the barycentre of the boxes they
// link to in other bands, and places them again, mapSweeps times:
// alternately top down and bottom up. Ties keep sheet order.
func orderBands(nodes [][]*mapNode, bands []MapBand) {
	for s := range mapSweeps {
		for k := range nodes {
			i := k
			if s%2 == 1 {
				i = len(nodes) - 1 - k
			}
			b := nodes[i]
			bary := barycentres(b)
			sort.SliceStable(b, func(x, y int) bool {
				if bary[b[x]] != bary[b[y]] {
					return bary[b[x]] < bary[b[y]]
				}
				return b[x].seq < b[y].seq
			})
			placeBand(b, bands[i].Y)
		}
	}
}

// barycentres returns, for each node of a band, the mean x of the nodes it
// links to in other bands, or its own x when it links to none.
func barycentres(b []*mapNode) map[*mapNode]float64 {
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
	return bary
}

// addBoxes adds to m a box for each node, band by band in the order laid
// out, and lists each band's boxes as text under the band.
func (r *Builder) addBoxes(m *StrategyMap, nodes [][]*mapNode, root string) {
	for i, b := range nodes {
		for _, n := range b {
			box := r.mapBox(n, root)
			m.Boxes = append(m.Boxes, box)
			m.Bands[i].Objectives = append(m.Bands[i].Objectives, MapItem{Link: Link{Name: box.Name, Href: box.Href}, Status: box.Status, Score: box.Score})
		}
	}
}

// mapBox is the box of node n, centred on its place: the objective's name
// wrapped at the top, its status at the bottom, linking to the objective
// on its perspective's page.
func (r *Builder) mapBox(n *mapNode, root string) MapBox {
	o := n.o
	box := MapBox{
		Name:   o.Name,
		Href:   r.objHref(o, root),
		X:      n.x - mapBoxW/2,
		Y:      n.y - mapBoxH/2,
		W:      mapBoxW,
		H:      mapBoxH,
		Status: statusView(o.Score.Status),
		Score:  scoreVal(r.loc(), o.Score.Score),
	}
	for j, line := range wrapText(o.Name, mapNameChars, mapNameLines) {
		box.Lines = append(box.Lines, MapText{X: box.X + 8, Y: box.Y + 17 + 15*j, Text: line})
	}
	box.StatusX, box.StatusY = box.X+8, box.Y+mapBoxH-9
	return box
}

// objHref is the link to objective o on its perspective's page, from a
// page at root.
func (r *Builder) objHref(o *scorecard.Objective, root string) string {
	return root + r.PerspectivePath(o.Perspective) + "#" + r.objAnchor(o)
}

// mapPort is where arrows meet a box: its top edge, or its bottom edge.
type mapPort struct {
	n      *mapNode
	bottom bool
}

// mapEnd is an end of arrow edges[edge] at a port: its start or its
// finish, with the node at the arrow's other end.
type mapEnd struct {
	edge  int
	start bool
	other *mapNode
}

// portXs returns the x of the start and of the end of each arrow. The
// arrows that meet a box's top or bottom edge are spread evenly along it
// in the order of their other ends, so that they do not cross there. An
// arrow leaves the bottom of its box going down, the top going up or
// along its line, and arrives at the facing edge of the other box.
func portXs(edges []mapEdge) [][2]int {
	ends := map[mapPort][]mapEnd{}
	var order []mapPort
	add := func(p mapPort, e mapEnd) {
		if _, ok := ends[p]; !ok {
			order = append(order, p)
		}
		ends[p] = append(ends[p], e)
	}
	for i, e := range edges {
		up := e.to.y < e.from.y
		same := e.to.y == e.from.y
		add(mapPort{e.from, !up && !same}, mapEnd{i, true, e.to})
		add(mapPort{e.to, up}, mapEnd{i, false, e.from})
	}
	xs := make([][2]int, len(edges))
	for _, p := range order {
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
	return xs
}

// mapArrow is the curve of arrow e from x xs[0] to x xs[1]. Between
// bands it runs from the bottom edge of one box to the top edge of the
// other (or top to bottom, going up), crossing each band in between
// through a gap in its boxes; within a line it runs over the top.
func mapArrow(e mapEdge, xs [2]int, nodes [][]*mapNode, bands []MapBand) MapArrow {
	a := MapArrow{From: e.from.o.Name, To: e.to.o.Name, X1: xs[0]}
	x2 := xs[1]
	half := mapBoxH / 2
	if e.to.y == e.from.y {
		a.Y1 = e.from.y - half
		y2 := e.to.y - half - 2
		a.Segs = []MapSeg{{C1X: a.X1, C1Y: a.Y1 - mapBandPad + 4, C2X: x2, C2Y: y2 - mapBandPad + 6, X: x2, Y: y2}}
		return a
	}
	y2 := e.to.y - half - 2 // down: bottom edge to top edge
	a.Y1 = e.from.y + half
	step := 1
	if e.to.y < e.from.y { // up: top edge to bottom edge
		a.Y1, y2, step = e.from.y-half, e.to.y+half+2, -1
	}
	x, y := a.X1, a.Y1
	for b := e.from.band + step; b != e.to.band && b >= 0 && b < len(nodes); b += step {
		wy := bands[b].Y + bands[b].Height/2
		wx := a.X1 + (x2-a.X1)*(wy-a.Y1)/(y2-a.Y1)
		wx = gapNear(nodes[b], wx)
		a.Segs = append(a.Segs, vertSeg(x, y, wx, wy))
		x, y = wx, wy
	}
	a.Segs = append(a.Segs, vertSeg(x, y, x2, y2))
	return a
}

// mapLink is arrow e as text, its ends linking from a page at root.
func (r *Builder) mapLink(e mapEdge, root string) MapLink {
	return MapLink{
		From:       Link{Name: e.from.o.Name, Href: r.objHref(e.from.o, root)},
		To:         Link{Name: e.to.o.Name, Href: r.objHref(e.to.o, root)},
		FromStatus: statusView(e.from.o.Score.Status),
		ToStatus:   statusView(e.to.o.Score.Status),
	}
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
