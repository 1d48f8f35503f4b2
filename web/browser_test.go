package web

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pledge/classify"
	"pledge/data"
	"pledge/ingest"
	"pledge/internal/needs"
	"pledge/segment"
	"pledge/track"
)

var screenshot = flag.String("screenshot", "", "also save the browser test's screenshot of the review queue on the demo corpus to this file")

// chromium is the browser the test drives, or a skip (a failure under
// CI=true).
func chromium(t *testing.T) string { return needs.Chromium().Get(t) }

// jieba is the tests' one segmenter: one a process.
var jieba = sync.OnceValues(func() (*segment.Jieba, error) { return segment.NewJieba(data.Lines(data.UserDict())) })

// ingester ingests into store with the real segmenter and model.
func ingester(tb testing.TB, store *track.Store) *ingest.Ingester {
	tb.Helper()
	seg, err := jieba()
	if err != nil {
		tb.Fatal(err)
	}
	c, err := classify.Default(seg)
	if err != nil {
		tb.Fatal(err)
	}
	in, err := ingest.New(context.Background(), store, c)
	if err != nil {
		tb.Fatal(err)
	}
	return in
}

// demoServer ingests the demo statements built into pledge with the real
// segmenter and model, and serves them on a free port.
func demoServer(t *testing.T) (string, *track.Store) {
	t.Helper()
	ctx := context.Background()
	store, err := track.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	in := ingester(t, store)
	names, _ := fs.Glob(data.Demo(), "demo/*.txt")
	for _, n := range names {
		b, _ := fs.ReadFile(data.Demo(), n)
		if _, err := in.File(ctx, n, b); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(store, Options{Addr: ln.Addr().String(), Segmenter: func() (classify.Segmenter, error) { return jieba() }})
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: srv}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return "http://" + ln.Addr().String(), store
}

// TestBrowser drives the pages in headless Chromium as a person would:
// it opens the overview, follows a tally cell to the commitments it
// counts, corrects labels with the keyboard in the review queue and takes
// one back, marks a recurring commitment new, reloads, and finds the tally
// and the commitments changed; the pages write nothing to the console.
func TestBrowser(t *testing.T) {
	browser := chromium(t)
	base, store := demoServer(t)
	bg := context.Background()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.WindowSize(1200, 1500), chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(bg, opts...)
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(actx)
	defer cancelCtx()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	var mu sync.Mutex
	var console []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			mu.Lock()
			console = append(console, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
			mu.Unlock()
		}
	}()
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	apiGet := func(path string, v any) {
		t.Helper()
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if err := json.NewDecoder(res.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	type commitment struct {
		ID          int64  `json:"id"`
		Year        int    `json:"year"`
		Domain      string `json:"domain"`
		LabelSource string `json:"label_source"`
		Status      string `json:"status"`
		LinkSource  string `json:"link_source"`
	}

	// The overview, and a tally cell followed to its commitments.
	do("open the overview", chromedp.Navigate(base+"/"), chromedp.WaitVisible("table.tally"))
	cell := evaluate[[]string](t, ctx, `(() => { const a = [...document.querySelectorAll("table.tally td a")].find(a => +a.textContent > 1);
		a.id = "pick"; return [a.textContent, a.getAttribute("href")]; })()`)
	do("follow a tally cell", chromedp.Click("#pick"), chromedp.WaitVisible("table.commitments"))
	rows := evaluate[int](t, ctx, `document.querySelectorAll("table.commitments tr").length - 1`)
	path := evaluate[string](t, ctx, `location.pathname + location.search`)
	if fmt.Sprint(rows) != cell[0] || path != cell[1] {
		t.Errorf("the tally cell %s (%s) led to %s with %d commitments", cell[0], cell[1], path, rows)
	}

	// The review queue: a label by key, a second one, and u to undo it.
	do("open the review queue", chromedp.Navigate(base+"/review"), chromedp.WaitVisible("article.card.current"))
	cards := evaluate[[][2]string](t, ctx, `[...document.querySelectorAll("article.card")].slice(0, 2).map(c => [c.dataset.id, c.dataset.domain])`)
	first, second := cards[0], cards[1]
	key := func(domain string) (string, string) {
		for i, d := range classify.Domains() {
			if d.ID != domain {
				return fmt.Sprint((i + 1) % 10), d.ID
			}
		}
		return "", ""
	}
	k1, d1 := key(first[1])
	k2, _ := key(second[1])
	do("label with the keyboard", chromedp.KeyEvent(k1),
		chromedp.WaitVisible(`article.card.done[data-id="`+first[0]+`"]`),
		chromedp.WaitVisible(`article.card.current[data-id="`+second[0]+`"]`))
	if *screenshot != "" {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*screenshot, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	do("label the second", chromedp.KeyEvent(k2), chromedp.WaitVisible(`article.card.done[data-id="`+second[0]+`"]`))
	do("undo it", chromedp.KeyEvent("u"),
		chromedp.Poll[chromedp.Void](`document.querySelector('article.card[data-id="`+second[0]+`"]').dataset.labelSource === "model"`))

	// The link queue: a recurring commitment marked new.
	do("open the link queue", chromedp.Navigate(base+"/review?by=link"), chromedp.WaitVisible("article.card.current"))
	recurring := evaluate[string](t, ctx, `document.querySelector('article.card[data-status="recurring"]').dataset.id`)
	do("mark it new", chromedp.Click(`article.card[data-id="`+recurring+`"] p.text`),
		chromedp.WaitVisible(`article.card.current[data-id="`+recurring+`"]`), chromedp.KeyEvent("n"),
		chromedp.WaitVisible(`article.card.done[data-id="`+recurring+`"]`))

	// Reloaded, the pages show the changes, and so does the tally.
	var c1, c2, c3 commitment
	apiGet("/api/commitments/"+first[0], &c1)
	apiGet("/api/commitments/"+second[0], &c2)
	apiGet("/api/commitments/"+recurring, &c3)
	if c1.Domain != d1 || c1.LabelSource != "person" {
		t.Errorf("commitment %s after its label: %+v, want %s by a person", first[0], c1, d1)
	}
	if c2.Domain != second[1] || c2.LabelSource != "model" {
		t.Errorf("commitment %s after undo: %+v, want the model's %s", second[0], c2, second[1])
	}
	if c3.Status != "new" || c3.LinkSource != "person" {
		t.Errorf("commitment %s after n: %+v, want new by a person", recurring, c3)
	}
	do("reload a commitment", chromedp.Navigate(base+"/commitments/"+first[0]), chromedp.WaitVisible("section.controls"))
	if page := text("section.controls"); !strings.Contains(page, d1) || !strings.Contains(page, "person") {
		t.Errorf("commitment %s's page after reload:\n%s", first[0], page)
	}
	tally, err := store.Tally(bg)
	if err != nil {
		t.Fatal(err)
	}
	do("reload the overview", chromedp.Navigate(base+"/"), chromedp.WaitVisible("table.tally"))
	shown := text(fmt.Sprintf(`table.tally a[href="/commitments?domain=%s&year=%d"]`, d1, c1.Year))
	for _, r := range tally.Rows {
		if r.Year == c1.Year && shown != fmt.Sprint(r.Cells[d1].Total()) {
			t.Errorf("the overview shows %s commitments of %d in %s, the database %d", shown, c1.Year, d1, r.Cells[d1].Total())
		}
	}
	do("open the link's commitment", chromedp.Navigate(base+"/commitments/"+recurring), chromedp.WaitVisible("section.controls"))
	if page := text("section.controls"); !strings.Contains(page, "new person") {
		t.Errorf("commitment %s's page after reload does not say a person marked it new:\n%s", recurring, page)
	}

	time.Sleep(200 * time.Millisecond) // for the last messages to arrive
	mu.Lock()
	defer mu.Unlock()
	for _, l := range console {
		t.Errorf("the pages wrote to the console: %s", l)
	}
}

// evaluate runs a script in the page and returns its value.
func evaluate[T any](t *testing.T, ctx context.Context, script string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script))
	if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	return v
}
