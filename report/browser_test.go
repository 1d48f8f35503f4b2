package report

import (
	"flag"
	"fmt"
	"image/png"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"pledge/data"
	"pledge/internal/browser"
	"pledge/track"
)

var screenshot = flag.String("screenshot", "", "also save the browser test's screenshot of the demo report to this file")

// demoStore ingests the demo statements built into pledge.
func demoStore(t *testing.T) *track.Store {
	t.Helper()
	names, err := fs.Glob(data.Demo(), "demo/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no demo statements: %v", err)
	}
	return storeOf(t, names, func(n string) ([]byte, error) { return fs.ReadFile(data.Demo(), n) })
}

// TestBrowser opens the demo report in headless Chromium at the widths of
// browser.Widths: it must load without a console message, with nothing a
// reader would trip on (see browser.Layout), and its screenshot must show
// something. With -screenshot FILE it saves the screenshot at the first
// width.
func TestBrowser(t *testing.T) {
	browser.Chromium(t)
	page, _ := render(t, demoStore(t))
	dir := t.TempDir()
	html := filepath.Join(dir, "report.html")
	if err := os.WriteFile(html, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	// Served from a folder of its own, as a file opened from a mail is
	// alone on the disk: anything else it asked for would fail to load.
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	widths := browser.Widths()
	b := browser.Open(t, widths[0], 1600)
	for _, w := range widths {
		b.Resize(t, w, 1600)
		b.Do(t, "open the report", chromedp.Navigate(srv.URL+"/report.html"), chromedp.WaitVisible(chromedp.CSS("svg.chart")))
		for _, problem := range b.Layout(t) {
			t.Errorf("at %d px: %s", w, problem)
		}
		shot := filepath.Join(dir, fmt.Sprintf("report-%d.png", w))
		b.Screenshot(t, shot)
		notBlank(t, shot)
		if *screenshot != "" && w == widths[0] {
			b.Screenshot(t, *screenshot)
		}
	}
	for _, l := range b.Console() {
		t.Errorf("the page wrote to the console: %s", l)
	}
}

// notBlank checks that a screenshot shows something: colours, and ink on
// more than a few of its pixels.
func notBlank(t *testing.T, shot string) {
	t.Helper()
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	colours := map[uint32]bool{}
	inked := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[r>>12<<8|g>>12<<4|bl>>12] = true
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				inked++
			}
		}
	}
	total := (b.Dx() / 2) * (b.Dy() / 2)
	t.Logf("screenshot %dx%d: %d colours, %.1f%% inked", b.Dx(), b.Dy(), len(colours), 100*float64(inked)/float64(total))
	if len(colours) < 10 || inked*100 < total*3 {
		t.Errorf("the screenshot looks blank: %d colours, %d of %d sampled pixels inked", len(colours), inked, total)
	}
}
