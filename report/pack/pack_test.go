package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"kpireport/report/output"
	"kpireport/report/scorecard"
	"kpireport/report/view"
)

const sampleWorkbook = "../../sample-data/northvale-water.xlsx"

// sample loads and computes the sample scorecard once per test binary.
var sample = sync.OnceValues(func() (*scorecard.Scorecard, error) {
	sc, ps, err := scorecard.Load([]string{sampleWorkbook}, scorecard.LoadOptions{})
	if err != nil {
		return nil, err
	}
	if ps.Errors() > 0 {
		return nil, fmt.Errorf("the sample has %d errors", ps.Errors())
	}
	scorecard.Compute(sc)
	scorecard.ReviewHealth(sc)
	return sc, nil
})

// renderSample renders the sample's packs once per test binary.
var renderSample = sync.OnceValues(func() ([]File, error) {
	sc, err := sample()
	if err != nil {
		return nil, err
	}
	return renderFiles(sc, Options{})
})

// memory is a Sink holding the files in memory, in the order they came.
type memory struct{ files []File }

func (m *memory) AddFunc(path string, write func(io.Writer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	m.files = append(m.files, File{Path: path, Data: b.Bytes()})
	return nil
}

// get returns the contents of the file at path, as site.Files.Get does.
func (m *memory) get(path string) ([]byte, bool) {
	for _, f := range m.files {
		if f.Path == path {
			return f.Data, true
		}
	}
	return nil, false
}

// renderFiles renders the packs of sc into memory, and checks that Render
// returns the paths of the files it wrote, in order.
func renderFiles(sc *scorecard.Scorecard, opts Options) ([]File, error) {
	var m memory
	paths, err := Render(context.Background(), view.New(sc, ""), &m, opts)
	if err != nil {
		return nil, err
	}
	var got []string
	for _, f := range m.files {
		got = append(got, f.Path)
	}
	if strings.Join(got, " ") != strings.Join(paths, " ") {
		return nil, fmt.Errorf("Render wrote %q, returned %q", got, paths)
	}
	return m.files, nil
}

func samplePacks(t testing.TB) []File {
	t.Helper()
	files, err := renderSample()
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestRenderPaths(t *testing.T) {
	files := samplePacks(t)
	sc, _ := sample()
	var got []string
	for _, f := range files {
		got = append(got, f.Path)
	}
	var want []string
	for _, p := range sc.Perspectives {
		want = append(want, "packs/"+p.Slug+".html")
	}
	want = append(want, "packs/board-pack.html", "packs/review-packs.zip")
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("paths:\n got %q\nwant %q", got, want)
	}
	for _, f := range files {
		t.Logf("%s: %s (%d bytes)", f.Path, view.SizeText(int64(len(f.Data))), len(f.Data))
	}
}

// TestPackIsSelfContained parses every pack and checks that it refers to
// nothing outside itself, runs no script, carries the CSP first in its head
// and shows every chart as a labelled inline SVG.
func TestPackIsSelfContained(t *testing.T) {
	sc, _ := sample()
	for _, f := range samplePacks(t) {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		t.Run(filepath.Base(f.Path), func(t *testing.T) {
			for _, p := range selfContainedProblems(f.Data) {
				t.Error(p)
			}
			doc, _ := html.Parse(bytes.NewReader(f.Data))
			charts := 0
			walk(doc, func(n *html.Node) {
				if n.Type == html.ElementNode && n.Data == "figure" && hasClass(n, "chart-figure") {
					charts++
					svg := firstChild(n, "svg")
					if svg == nil {
						t.Errorf("a chart figure holds no inline <svg>")
						return
					}
					if attr(svg, "role") != "img" || attr(svg, "aria-label") == "" {
						t.Errorf("chart svg %q: role=%q aria-label=%q; want role=img and a label", attr(svg, "id"), attr(svg, "role"), attr(svg, "aria-label"))
					}
				}
			})
			// Every active KPI with data, plus the objective scores of
			// each perspective (and the perspectives' in the board pack).
			want := 0
			for _, p := range sc.Perspectives {
				if f.Path != "packs/board-pack.html" && f.Path != "packs/"+p.Slug+".html" {
					continue
				}
				want++
				for _, o := range p.Objectives {
					for _, k := range o.KPIs {
						if !k.Retired && len(k.Series) > 0 {
							want++
						}
					}
				}
			}
			if f.Path == "packs/board-pack.html" {
				want++
			}
			if charts != want {
				t.Errorf("%d charts, want %d", charts, want)
			}
			ids := map[string]bool{}
			walk(doc, func(n *html.Node) {
				if id := attr(n, "id"); id != "" && n.Type == html.ElementNode {
					if ids[id] {
						t.Errorf("id %q is used twice", id)
					}
					ids[id] = true
				}
			})
		})
	}
}

// selfContainedProblems lists what in page could make a viewer fetch
// something or run a script.
func selfContainedProblems(page []byte) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return []string{"parsing: " + err.Error()}
	}
	var problems []string
	head := find(doc, "head")
	if head == nil {
		return []string{"no <head>"}
	}
	first := firstElement(head)
	if first == nil || first.Data != "meta" || !strings.EqualFold(attr(first, "http-equiv"), "Content-Security-Policy") {
		problems = append(problems, "the first element of <head> is not the Content-Security-Policy meta tag")
	} else if attr(first, "content") != CSP {
		problems = append(problems, "CSP is "+attr(first, "content"))
	}
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script", "iframe", "object", "embed", "link", "base":
			problems = append(problems, "<"+n.Data+"> element")
		case "style":
			if n.FirstChild != nil {
				problems = append(problems, cssURLProblems(n.FirstChild.Data)...)
			}
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = a.Namespace + ":" + key
			}
			switch {
			case strings.HasPrefix(key, "on"):
				problems = append(problems, "<"+n.Data+"> has an event handler "+a.Key)
			case key == "src" || key == "href" || strings.HasSuffix(key, ":href") || key == "srcset" || key == "action" || key == "poster" || key == "data":
				v := strings.TrimSpace(a.Val)
				if !strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "data:") {
					problems = append(problems, "<"+n.Data+" "+a.Key+"=\""+a.Val+"\"> points outside the pack")
				}
			case key == "style":
				problems = append(problems, cssURLProblems(a.Val)...)
			}
		}
	})
	return problems
}

// cssURLProblems lists the url(...) and @import in css that are not
// fragments or data: URLs.
func cssURLProblems(css string) []string {
	var problems []string
	if strings.Contains(strings.ToLower(css), "@import") {
		problems = append(problems, "CSS @import")
	}
	rest := strings.ToLower(css)
	for {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return problems
		}
		rest = rest[i+4:]
		v := strings.Trim(strings.TrimSpace(rest), `"'`)
		if !strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "data:") {
			end := min(len(rest), 40)
			problems = append(problems, "CSS url("+rest[:end])
		}
	}
}

func TestSelfContainedProblems(t *testing.T) {
	bad := []struct{ name, page string }{
		{"script", `<head><meta http-equiv="Content-Security-Policy" content="` + CSP + `"><script>1</script></head>`},
		{"img", `<head><meta http-equiv="Content-Security-Policy" content="` + CSP + `"></head><img src="a.png">`},
		{"link", `<head><meta http-equiv="Content-Security-Policy" content="` + CSP + `"></head><a href="https://example.com/">x</a>`},
		{"css", `<head><meta http-equiv="Content-Security-Policy" content="` + CSP + `"><style>b{background:url(x.png)}</style></head>`},
		{"svg", `<head><meta http-equiv="Content-Security-Policy" content="` + CSP + `"></head><svg><image xlink:href="x.png"/></svg>`},
		{"no csp", `<head><meta charset="utf-8"></head>`},
		{"csp second", `<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="` + CSP + `"></head>`},
	}
	for _, c := range bad {
		if len(selfContainedProblems([]byte(c.page))) == 0 {
			t.Errorf("%s: no problem found in %s", c.name, c.page)
		}
	}
	good := `<head><meta http-equiv="Content-Security-Policy" content="` + CSP + `"><style>b{fill:url(#g)}</style></head><a href="#x">x</a><img src="data:image/png;base64,AA">`
	if ps := selfContainedProblems([]byte(good)); len(ps) > 0 {
		t.Errorf("problems in a self-contained page: %q", ps)
	}
}

// TestDeterministic renders the packs twice, on different numbers of
// workers, and compares the bytes, zip included.
func TestDeterministic(t *testing.T) {
	sc, err := sample()
	if err != nil {
		t.Fatal(err)
	}
	a := samplePacks(t)
	b, err := renderFiles(sc, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two renders", a[i].Path)
		}
	}
}

func TestZip(t *testing.T) {
	files := samplePacks(t)
	z := files[len(files)-1]
	r, err := zip.NewReader(bytes.NewReader(z.Data), int64(len(z.Data)))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"index.html"}
	for _, f := range files[:len(files)-1] {
		want = append(want, filepath.Base(f.Path))
	}
	var got []string
	for i, f := range r.File {
		got = append(got, f.Name)
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, zipTime)
		}
		if i == 0 {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		if !bytes.Equal(buf.Bytes(), files[i-1].Data) {
			t.Errorf("%s in the zip differs from %s", f.Name, files[i-1].Path)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("zip holds %q, want %q", got, want)
	}
	if dir := os.Getenv("PACK_OUT"); dir != "" {
		for _, f := range files {
			os.WriteFile(filepath.Join(dir, filepath.Base(f.Path)), f.Data, 0o644)
		}
	}
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func find(n *html.Node, tag string) *html.Node {
	var found *html.Node
	walk(n, func(m *html.Node) {
		if found == nil && m.Type == html.ElementNode && m.Data == tag {
			found = m
		}
	})
	return found
}

func firstChild(n *html.Node, tag string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == tag {
			return c
		}
	}
	return nil
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func TestRenderErrors(t *testing.T) {
	sc, err := sample()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		v    *view.Builder
		out  Sink
		want string
	}{
		{nil, &memory{}, "pack: no scorecard"},
		{view.New(sc, ""), nil, "pack: nowhere to write the packs"},
	} {
		if _, err := Render(context.Background(), c.v, c.out, Options{}); err == nil || err.Error() != c.want {
			t.Errorf("Render: %v, want %q", err, c.want)
		}
	}
}

// TestZipEntries checks that packs compressed while they were written,
// in pieces of any size, make a zip that reads back to the very packs, with
// index.html first and the fixed time on every entry.
func TestZipEntries(t *testing.T) {
	index := []byte("<!doctype html><title>index</title>")
	packs := map[string][]byte{
		"a.html":      bytes.Repeat([]byte("<p>pack a, a line of a pack</p>\n"), 5000),
		"b.html":      {},
		"céline.html": []byte("<p>a name needing UTF-8</p>"),
	}
	names := []string{"a.html", "b.html", "céline.html"}
	var first []byte
	for _, piece := range []int{1, 7, 4096, 1 << 20} {
		var entries []*output.ZipEntry
		for _, name := range names {
			z, err := output.NewZipEntry(name, zipLevel)
			if err != nil {
				t.Fatal(err)
			}
			var disk bytes.Buffer
			w := io.MultiWriter(&disk, z)
			for data := packs[name]; len(data) > 0; {
				n := min(piece, len(data))
				if _, err := w.Write(data[:n]); err != nil {
					t.Fatal(err)
				}
				data = data[n:]
			}
			if err := z.Close(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(disk.Bytes(), packs[name]) || z.Size() != int64(len(packs[name])) {
				t.Errorf("%s in pieces of %d: %d bytes written through, want %d", name, piece, z.Size(), len(packs[name]))
			}
			entries = append(entries, z)
		}
		var got bytes.Buffer
		if err := zipFiles(&got, index, entries); err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = got.Bytes()
		} else if !bytes.Equal(got.Bytes(), first) {
			t.Errorf("in pieces of %d: a different zip than in pieces of 1", piece)
		}
		zr, err := zip.NewReader(bytes.NewReader(got.Bytes()), int64(got.Len()))
		if err != nil {
			t.Fatalf("in pieces of %d: %v", piece, err)
		}
		want := append([]string{"index.html"}, names...)
		if len(zr.File) != len(want) {
			t.Fatalf("zip has %d entries, want %d", len(zr.File), len(want))
		}
		for i, f := range zr.File {
			if f.Name != want[i] || !f.Modified.Equal(zipTime) {
				t.Errorf("entry %d: %s at %v, want %s at %v", i, f.Name, f.Modified, want[i], zipTime)
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc) // checks the CRC too
			rc.Close()
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			wantData := index
			if i > 0 {
				wantData = packs[f.Name]
			}
			if !bytes.Equal(data, wantData) {
				t.Errorf("%s reads back as %d bytes, want %d", f.Name, len(data), len(wantData))
			}
		}
	}
}
