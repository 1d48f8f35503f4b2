package web

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pledge/classify"
	"pledge/data"
	"pledge/ingest"
	"pledge/internal/browser"
	"pledge/internal/testkit"
	"pledge/track"
)

var screenshots = flag.String("screenshots", "", "also save the browser tests' screenshots of the pages of the demo corpus in this folder (docs/)")

// jieba is the tests' one segmenter: one a process.
var jieba = testkit.Segmenter

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
	browser.Chromium(t)
	base, store := demoServer(t)
	bg := context.Background()
	b := browser.Open(t, browser.Widths()[0], 1100)
	b.Resize(t, browser.Widths()[0], 1100)
	ctx := b.Ctx
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		b.Do(t, what, steps...)
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
		ID          int64    `json:"id"`
		Date        string   `json:"date"`
		Parties     []string `json:"parties"`
		Year        int      `json:"year"`
		Domain      string   `json:"domain"`
		LabelSource string   `json:"label_source"`
		Status      string   `json:"status"`
		LinkSource  string   `json:"link_source"`
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

	// The overview and the queues count the same, and the link queue
	// offers no commitment that cannot recur.
	reviewed, err := store.Reviewed(bg, DoubtBelow)
	if err != nil {
		t.Fatal(err)
	}
	do("reopen the overview", chromedp.Navigate(base+"/"), chromedp.WaitVisible("#wait-labels"))
	waiting := [2]string{text("#wait-labels"), text("#wait-links")}
	if want := [2]string{fmt.Sprintf("%d label", reviewed.DoubtfulLabels), fmt.Sprintf("%d links", reviewed.DoubtfulLinks)}; !strings.HasPrefix(waiting[0], want[0]) || waiting[1] != want[1] {
		t.Errorf("the overview says %q wait, the database %q", waiting, want)
	}
	for k, by := range []string{"label", "link"} {
		do("open the "+by+" queue", chromedp.Navigate(base+"/review?by="+by), chromedp.WaitVisible("#waiting"))
		if got := text("#waiting strong"); got != waiting[k] {
			t.Errorf("the %s queue says %q wait, the overview %q", by, got, waiting[k])
		}
	}
	statements, err := store.Statements(bg)
	if err != nil {
		t.Fatal(err)
	}
	offered := evaluate[[]string](t, ctx, `[...document.querySelectorAll("article.card")].map(c => c.dataset.id)`)
	for _, id := range offered {
		var c commitment
		apiGet("/api/commitments/"+id, &c)
		earlier := slices.ContainsFunc(statements, func(st track.Statement) bool {
			return st.Date != "" && st.Date < c.Date && slices.Equal(st.Parties, c.Parties)
		})
		if !earlier {
			t.Errorf("the link queue offers commitment %s (%s, %v), which nothing earlier can be repeated by", id, c.Date, c.Parties)
		}
	}
	if rule := text(".keys .rule"); !strings.Contains(rule, "moves to the next card") || !strings.Contains(rule, "only move") {
		t.Errorf("the queue does not say how the keys move:\n%s", rule)
	}

	// The keys do as the page says: a label moves to the next card, j
	// to the one after, k back; u undoes the last and goes back to it.
	do("open the link queue again", chromedp.Navigate(base+"/review?by=link"), chromedp.WaitVisible("article.card.current"))
	cards := evaluate[[][2]string](t, ctx, `[...document.querySelectorAll("article.card")].slice(0, 4).map(c => [c.dataset.id, c.dataset.domain])`)
	if len(cards) < 4 {
		t.Fatalf("the link queue has %d cards, want 4 or more", len(cards))
	}
	first, second := cards[0], cards[1]
	key := func(domain string) (string, string) {
		for i, d := range classify.Domains() {
			if d.ID != domain {
				return fmt.Sprint((i + 1) % 10), d.ID
			}
		}
		return "", ""
	}
	current := func(id string) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(`article.card.current[data-id="` + id + `"]`)
	}
	k1, d1 := key(first[1])
	k2, _ := key(second[1])
	do("label with the keyboard", chromedp.KeyEvent(k1), chromedp.WaitVisible(`article.card.done[data-id="`+first[0]+`"]`), current(second[0]))
	if pos := text("#position"); !strings.Contains(pos, "card 2 of") {
		t.Errorf("after a label the page says %q, want card 2", pos)
	}
	if *screenshots != "" {
		b.Screenshot(t, filepath.Join(*screenshots, "review-demo.png"))
	}
	do("j moves on", chromedp.KeyEvent("j"), current(cards[2][0]))
	do("k moves back", chromedp.KeyEvent("k"), current(second[0]))
	do("label the second", chromedp.KeyEvent(k2), chromedp.WaitVisible(`article.card.done[data-id="`+second[0]+`"]`), current(cards[2][0]))
	do("undo it", chromedp.KeyEvent("u"), current(second[0]),
		chromedp.Poll[chromedp.Void](`document.querySelector('article.card[data-id="`+second[0]+`"]').dataset.labelSource === "model"`))

	// The link queue: a recurring commitment marked new.
	recurring := evaluate[string](t, ctx, `document.querySelector('article.card[data-status="recurring"]:not(.done)').dataset.id`)
	do("mark it new", chromedp.Click(`article.card[data-id="`+recurring+`"] p.text`),
		current(recurring), chromedp.KeyEvent("n"),
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

	for _, l := range b.Console() {
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

// TestBrowserLayout looks at every page of the demo corpus in Chromium at
// the widths of browser.Widths, as a reader would, and fails on what they
// would trip on (see browser.Layout): the overview, the commitments, one
// recurring commitment, both review queues, and retraining with its
// figures. With -screenshots DIR it saves each page at the first width.
func TestBrowserLayout(t *testing.T) {
	browser.Chromium(t)
	base, store := demoServer(t)
	ctx := context.Background()
	// Labels of a person, so that retraining has figures to show.
	cs, err := store.Commitments(ctx, track.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var recurring int64
	for i, c := range cs {
		if i%4 == 0 {
			if err := store.Label(ctx, c.ID, c.Domain); err != nil {
				t.Fatal(err)
			}
		}
		if c.Status == "recurring" && recurring == 0 {
			recurring = c.ID
		}
	}
	pages := []struct {
		name, path, ready string
		then              []chromedp.Action[chromedp.Void]
	}{
		{"overview", "/", "table.tally", nil},
		{"commitments", "/commitments", "table.commitments", nil},
		{"commitment", fmt.Sprintf("/commitments/%d", recurring), "table.thread", nil},
		{"review", "/review", "#keys", nil},
		{"review-links", "/review?by=link", "article.card.current", nil},
		{"retrain", "/retrain", "form button", []chromedp.Action[chromedp.Void]{chromedp.Click("form button"), chromedp.WaitVisible("table.compare")}},
	}
	widths := browser.Widths()
	b := browser.Open(t, widths[0], 1100)
	for _, w := range widths {
		b.Resize(t, w, 1100)
		for _, p := range pages {
			b.Do(t, "open "+p.name, append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(base + p.path), chromedp.WaitVisible(p.ready)}, p.then...)...)
			for _, problem := range b.Layout(t) {
				t.Errorf("%s at %d px: %s", p.name, w, problem)
			}
			if *screenshots != "" && w == widths[0] && p.name != "review" {
				b.Screenshot(t, filepath.Join(*screenshots, p.name+"-demo.png"))
			}
		}
	}
	for _, l := range b.Console() {
		t.Errorf("the pages wrote to the console: %s", l)
	}
}
