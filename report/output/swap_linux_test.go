package output

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteExchanges checks that on Linux the old site is swapped out in
// one step, never renamed aside; and that with exchange refused, the two
// renames give the same site.
func TestWriteExchanges(t *testing.T) {
	for _, refused := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "site")
		if err := Write(ctx, dir, siteFiles("index.html", "kpis/a.html"), false); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
		probe := filepath.Join(filepath.Dir(dir), "probe")
		os.Mkdir(probe, 0o755)
		if err := exchangeFolders(probe, dir); errors.Is(err, errNoExchange) {
			t.Skip("this filesystem cannot exchange folders")
		} else if err != nil {
			t.Fatal(err)
		}
		exchangeFolders(probe, dir) // and back
		os.Remove(probe)
		if refused {
			noExchange(t)
		} else {
			rename = func(from, to string) error {
				if from == dir {
					return errors.New("the old site was renamed aside")
				}
				return os.Rename(from, to)
			}
		}
		err := Write(ctx, dir, siteFiles("index.html", "kpis/b.html"), true)
		rename, exchange = os.Rename, exchangeFolders
		if err != nil {
			t.Fatalf("refused %v: %v", refused, err)
		}
		equal(t, tree(t, dir), []string{
			".kpireport-manifest=index.html,kpis/b.html",
			"index.html=content of index.html",
			"kpis/b.html=content of kpis/b.html",
			"notes.txt=mine",
		})
		equal(t, leftovers(t, dir), nil)
	}
}
