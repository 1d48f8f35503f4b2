package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pledge/ingest"
	"pledge/internal/gencorpus"
	"pledge/track"
)

// BenchmarkPages answers each page and API route over databases of 100,
// 1,000 and 5,000 invented statements (package gencorpus): a page must
// cost what it shows, not what the database holds. The databases take a
// while to make (5,000 statements: about ten seconds).
//
//	go test ./web -run '^$' -bench Pages -benchtime 20x
func BenchmarkPages(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			srv, store := corpusServer(b, n)
			ctx := context.Background()
			cs, _, err := store.Page(ctx, track.Filter{Status: "recurring"}, track.ByLinkDoubt, 1, 0)
			if err != nil || len(cs) == 0 {
				b.Fatalf("no recurring commitment: %v", err)
			}
			id := cs[0].ID
			for _, p := range []struct{ name, method, target, body string }{
				{"overview", "GET", "/", ""},
				{"commitments", "GET", "/commitments", ""},
				{"commitments_filtered", "GET", "/commitments?year=2015&domain=economy&q=%E5%90%88%E4%BD%9C&sort=label", ""},
				{"commitments_page_100", "GET", "/commitments?offset=5000", ""},
				{"commitment", "GET", fmt.Sprintf("/commitments/%d", id), ""},
				{"review_labels", "GET", "/review", ""},
				{"review_links", "GET", "/review?by=link", ""},
				{"api_commitments", "GET", "/api/commitments?limit=100", ""},
				{"api_tally", "GET", "/api/tally", ""},
				{"api_candidates", "GET", fmt.Sprintf("/api/commitments/%d/candidates", id), ""},
				{"api_patch", "PATCH", fmt.Sprintf("/api/commitments/%d", id), `{"domain": "economy"}`},
			} {
				b.Run(p.name, func(b *testing.B) {
					for b.Loop() {
						var body *strings.Reader
						if p.body != "" {
							body = strings.NewReader(p.body)
						}
						req := httptest.NewRequest(p.method, p.target, nil)
						if body != nil {
							req = httptest.NewRequest(p.method, p.target, body)
						}
						w := httptest.NewRecorder()
						srv.ServeHTTP(w, req)
						if w.Code != 200 {
							b.Fatalf("%s %s: %d %.300s", p.method, p.target, w.Code, w.Body.String())
						}
					}
				})
			}
		})
	}
}

// corpusServer ingests n invented statements into a new database and
// serves it.
func corpusServer(b *testing.B, n int) (*Server, *track.Store) {
	b.Helper()
	ctx := context.Background()
	dir := b.TempDir()
	paths, err := gencorpus.Write(filepath.Join(dir, "corpus"), 1, 0, n)
	if err != nil {
		b.Fatal(err)
	}
	store, err := track.Open(ctx, filepath.Join(dir, "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	in := ingester(b, store)
	var inputs []ingest.Input
	for _, p := range paths {
		inputs = append(inputs, ingest.Input{Name: p, Read: func() ([]byte, error) { return os.ReadFile(p) }})
	}
	if _, err := in.Run(ctx, inputs, func(ingest.Result) {}); err != nil {
		b.Fatal(err)
	}
	srv, err := New(store, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return srv, store
}
