// Package browser drives headless Chromium for the tests of pledge's pages
// (the report and pledge serve): it opens a browser at a window size,
// gathers what pages write to the console, checks a page's layout where a
// reader would trip on it, and takes screenshots.
package browser

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Widths are the window widths pages are looked at in: a laptop's full
// screen, and a window beside another.
func Widths() []int64 { return []int64{1400, 1000} }

// Chromium is the browser's program, or a skip.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium to drive (.ci/run installs Debian's chromium)")
	return ""
}

// Browser is a headless Chromium and what its pages wrote to the console.
type Browser struct {
	Ctx     context.Context
	mu      sync.Mutex
	console []string
}

// Open starts a headless Chromium with a window width × height; it stops
// when the test ends, or after two minutes.
func Open(t testing.TB, width, height int64) *Browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(Chromium(t)), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(int(width), int(height)), chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancel(); cancelCtx(); cancelAlloc() })
	b := &Browser{Ctx: ctx}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
			b.mu.Unlock()
		}
	}()
	return b
}

// Console returns what the pages wrote to the console so far.
func (b *Browser) Console() []string {
	time.Sleep(200 * time.Millisecond) // for the last messages to arrive
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.console...)
}

// Do runs steps, failing the test with what was being done.
func (b *Browser) Do(t testing.TB, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// Resize makes the window width × height.
func (b *Browser) Resize(t testing.TB, width, height int64) {
	t.Helper()
	b.Do(t, fmt.Sprintf("resize to %d×%d", width, height), chromedp.EmulateViewport(width, height))
}

// Screenshot saves what the window shows as a PNG file.
func (b *Browser) Screenshot(t testing.TB, path string) {
	t.Helper()
	png, err := chromedp.Run(b.Ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// layoutScript finds, in the page shown, what a reader would trip on: a
// page wider than the window, a table that runs past the page's edge or
// must be scrolled sideways, a date, a pair of parties or a domain broken
// over lines (2019-/06-05, 中国–俄/罗斯), a chart that uses a small part of
// the page's width, a chart without numbers on its bars.
const layoutScript = `(() => {
	const out = [];
	const text = (el) => el.textContent.trim().slice(0, 40);
	if (document.documentElement.scrollWidth > innerWidth + 1) {
		out.push("the page is " + (document.documentElement.scrollWidth - innerWidth) + " px wider than the window");
	}
	for (const el of document.querySelectorAll("td.date, td.parties, .domain-name, .nowrap")) {
		if (!el.textContent.trim() || el.offsetParent === null) continue;
		const r = document.createRange();
		r.selectNodeContents(el);
		const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.bottom))).size;
		if (lines > 1) out.push("'" + text(el) + "' breaks over " + lines + " lines");
	}
	for (const t of document.querySelectorAll("table")) {
		if (t.offsetParent === null) continue;
		const box = t.parentElement;
		if (box.scrollWidth > box.clientWidth + 1) {
			out.push("a table (" + text(t.rows[0]) + ") is " + (box.scrollWidth - box.clientWidth) + " px wider than the page");
		}
	}
	for (const svg of document.querySelectorAll("svg.chart")) {
		const share = svg.getBoundingClientRect().width / svg.parentElement.clientWidth;
		if (share < 0.9) out.push("a chart uses " + Math.round(100 * share) + "% of the page's width");
		if (!svg.querySelector("text.count")) out.push("a chart's bars say no number");
	}
	return out;
})()`

// Layout returns the problems of the layout of the page shown (see
// layoutScript), each a line.
func (b *Browser) Layout(t testing.TB) []string {
	t.Helper()
	problems, err := chromedp.Run(b.Ctx, chromedp.Evaluate[[]string](layoutScript))
	if err != nil {
		t.Fatalf("layout: %v", err)
	}
	return problems
}
