package web

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestAPICursors pages through the API by the cursors it gives, forward
// and back, in each order: the same commitments as by offset; a cursor
// that is none, or one with an offset, is refused.
func TestAPICursors(t *testing.T) {
	f := newFixture(t, Options{})
	type page struct {
		Total      int
		Next, Prev *string
		Items      []struct {
			ID int64 `json:"id"`
		}
	}
	get := func(query string) page {
		t.Helper()
		status, body := f.do(t, "GET", "/api/commitments?"+query, "")
		if status != 200 {
			t.Fatalf("%s: %d %s", query, status, body)
		}
		var p page
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ids := func(p page) []int64 {
		var out []int64
		for _, it := range p.Items {
			out = append(out, it.ID)
		}
		return out
	}
	for _, sort := range []string{"date", "label", "link"} {
		base := "sort=" + sort + "&limit=2"
		var byOffset []int64
		for off := 0; off < 20; off += 2 {
			byOffset = append(byOffset, ids(get(fmt.Sprintf("%s&offset=%d", base, off)))...)
		}
		var forward []int64
		var pages []page
		p := get(base)
		for {
			forward = append(forward, ids(p)...)
			pages = append(pages, p)
			if p.Next == nil {
				break
			}
			p = get(base + "&after=" + url.QueryEscape(*p.Next))
		}
		if !slices.Equal(forward, byOffset) || len(forward) != p.Total {
			t.Errorf("sort=%s: by cursor %v, by offset %v, total %d", sort, forward, byOffset, p.Total)
		}
		if pages[0].Prev != nil {
			t.Errorf("sort=%s: the first page has prev %q", sort, *pages[0].Prev)
		}
		for k := len(pages) - 1; k > 0; k-- {
			back := get(base + "&before=" + url.QueryEscape(*pages[k].Prev))
			if !slices.Equal(ids(back), ids(pages[k-1])) {
				t.Errorf("sort=%s: before page %d: %v, want %v", sort, k, ids(back), ids(pages[k-1]))
			}
		}
	}
	for _, bad := range []string{"after=nonsense", "after=WyIiXQ", "before=x", "after=a&before=b", "after=a&offset=2", "from=0"} {
		if status, body := f.do(t, "GET", "/api/commitments?"+bad, ""); status != 400 || !strings.Contains(body, `"error"`) {
			t.Errorf("%s: %d %s, want 400 with an error", bad, status, body)
		}
	}
}

// TestListPagesLink follows the list's next links to its end and its
// previous links back: every commitment once, numbered in order.
func TestListPagesLink(t *testing.T) {
	f := newFixture(t, Options{})
	link := regexp.MustCompile(`<a href="([^"]+)" rel="(prev|next)">`)
	meta := regexp.MustCompile(`<p class="meta">(\d+)–(\d+) of (\d+)</p>`)
	follow := func(target, rel string) (string, []string) {
		t.Helper()
		status, body := f.do(t, "GET", target, "")
		if status != 200 {
			t.Fatalf("%s: %d", target, status)
		}
		m := meta.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s: no numbers of the rows shown", target)
		}
		next := ""
		for _, l := range link.FindAllStringSubmatch(body, -1) {
			if l[2] == rel {
				next = strings.ReplaceAll(l[1], "&amp;", "&")
			}
		}
		return next, m[1:]
	}
	target, numbers := "/commitments?limit=2", [][]string{}
	for target != "" {
		var n []string
		target, n = follow(target, "next")
		numbers = append(numbers, n)
	}
	want := [][]string{{"1", "2", "9"}, {"3", "4", "9"}, {"5", "6", "9"}, {"7", "8", "9"}, {"9", "9", "9"}}
	if fmt.Sprint(numbers) != fmt.Sprint(want) {
		t.Errorf("forward, rows numbered %v, want %v", numbers, want)
	}
	// Back from the last page.
	last := "/commitments?limit=2"
	for k := 0; k < 4; k++ {
		last, _ = follow(last, "next")
	}
	var back [][]string
	for target = last; target != ""; {
		var n []string
		target, n = follow(target, "prev")
		back = append(back, n)
	}
	slices.Reverse(want)
	if fmt.Sprint(back) != fmt.Sprint(want) {
		t.Errorf("backward, rows numbered %v, want %v", back, want)
	}
}
