package report

import (
	"context"
	"flag"
	"image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pledge/data"
	"pledge/internal/needs"
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

// chromium is the browser the report is opened in, or a skip (a failure
// under CI=true).
func chromium(t *testing.T) string { return needs.Chromium().Get(t) }

// TestBrowser opens the demo report in headless Chromium and takes a
// screenshot: the page must load without a console message, and the
// screenshot must show something.
func TestBrowser(t *testing.T) {
	browser := chromium(t)
	page, _ := render(t, demoStore(t))
	dir := t.TempDir()
	html := filepath.Join(dir, "report.html")
	if err := os.WriteFile(html, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "report.png")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--enable-logging=stderr", "--log-level=0",
		"--window-size=1200,1600", "--screenshot="+shot, "file://"+html)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, "CONSOLE") || strings.Contains(l, "Failed to load") {
			t.Errorf("the page wrote to the console: %s", l)
		}
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, out)
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
	if *screenshot != "" {
		png, _ := os.ReadFile(shot)
		if err := os.WriteFile(*screenshot, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
