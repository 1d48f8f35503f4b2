package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// served is how long pledge serve took to answer one kind of request.
type served struct {
	name    string
	seconds float64
}

// benchServe serves database db with pledge serve and times its answers:
// the overview on its first request, each page and API route once, a
// PATCH of commitment id (the one with the longest thread), and then eight
// clients at once asking for the overview, the commitments list and the
// API, for which it returns the median and the 99th percentile.
func benchServe(b *testing.B, bin, db string, id int64) []served {
	b.Helper()
	cmd := exec.Command(bin, "serve", "--db", db, "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	// pledge serve: DB on http://127.0.0.1:PORT/ (Ctrl-C stops)
	line, err := bufio.NewReader(stdout).ReadString('\n')
	_, addr, ok := strings.Cut(line, "http://")
	addr, _, _ = strings.Cut(addr, "/")
	if err != nil || !ok {
		b.Fatalf("pledge serve said %q: %v\n%s", line, err, stderr.String())
	}
	go io.Copy(io.Discard, stdout)
	base := "http://" + addr
	client := &http.Client{Timeout: 10 * time.Minute}
	get := func(method, path, body string) float64 {
		var r io.Reader
		if body != "" {
			r = strings.NewReader(body)
		}
		req, err := http.NewRequest(method, base+path, r)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			b.Fatalf("%s %s: %v", method, path, err)
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("%s %s: %s %.300s", method, path, resp.Status, msg)
		}
		return time.Since(start).Seconds()
	}
	var out []served
	out = append(out, served{"overview_first", get("GET", "/", "")})
	routes := []struct{ name, path string }{
		{"overview", "/"},
		{"commitments", "/commitments"},
		{"commitments_last_page", "/commitments?offset=" + fmt.Sprint(lastPage(b, client, base))},
		{"commitment_thread", fmt.Sprintf("/commitments/%d", id)},
		{"api_commitment_thread", fmt.Sprintf("/api/commitments/%d", id)},
		{"api_commitments", "/api/commitments?limit=100"},
		{"api_tally", "/api/tally"},
		{"review_labels", "/review"},
		{"review_links", "/review?by=link"},
	}
	for _, r := range routes {
		out = append(out, served{r.name, get("GET", r.path, "")})
	}
	out = append(out, served{"patch", get("PATCH", fmt.Sprintf("/api/commitments/%d", id), `{"domain": "economy"}`)})
	out = append(out, served{"overview_after_patch", get("GET", "/", "")})

	// Eight clients at once, each going round the routes a reader of the
	// pages and a script of the API use most.
	load := []string{"/", "/commitments", "/api/commitments?limit=100", fmt.Sprintf("/api/commitments/%d", id)}
	const clients, rounds = 8, 5
	var mu sync.Mutex
	var all []float64
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for k := range rounds * len(load) {
				s := get("GET", load[(c+k)%len(load)], "")
				mu.Lock()
				all = append(all, s)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(all)
	out = append(out, served{"8_clients_p50", percentile(all, 0.50)}, served{"8_clients_p99", percentile(all, 0.99)})
	return out
}

// lastPage is the offset of the last page of 50 commitments, from the
// API's total.
func lastPage(b *testing.B, client *http.Client, base string) int {
	b.Helper()
	resp, err := client.Get(base + "/api/commitments?limit=1")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var total int
	body, _ := io.ReadAll(resp.Body)
	if _, err := fmt.Sscanf(strings.TrimPrefix(string(body), `{"total":`), "%d", &total); err != nil {
		b.Fatalf("GET /api/commitments?limit=1: %.200s", body)
	}
	return max(0, total-50)
}

// percentile is the p-quantile of sorted xs, the nearest rank.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	k := int(p*float64(len(xs))+0.999999) - 1
	return xs[min(len(xs)-1, max(0, k))]
}
