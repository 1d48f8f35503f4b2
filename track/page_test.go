package track

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

// ids are the commitments' ids, in order.
func ids(cs []Commitment) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// TestPageCursors walks each order of each list forward by cursors and
// back again, in pages of every size: the same commitments in the same
// order as one page of them all, and the same pages as by offset.
func TestPageCursors(t *testing.T) {
	ctx := context.Background()
	s, text := reviewStore(t)
	if err := s.Label(ctx, text["2024加强电网互联"], "energy"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	filters := []struct {
		name string
		f    Filter
	}{
		{"all", Filter{}},
		{"finance", Filter{Domain: "finance"}},
		{"with 乙国, recurring", Filter{With: []string{"乙国"}, Status: "recurring"}},
		{"none", Filter{Domain: "no such domain"}},
		{"the model's labels", Filter{LabelSource: "model"}},
	}
	for _, tt := range filters {
		for _, order := range []Order{ByDate, ByLabelDoubt, ByLinkDoubt} {
			whole, err := s.PageOf(ctx, PageQuery{Filter: tt.f, Order: order, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			if whole.Prev != "" || whole.Next != "" {
				t.Errorf("%s by %s: one page of all has cursors %q, %q", tt.name, order, whole.Prev, whole.Next)
			}
			want := ids(whole.Items)
			for size := 1; size <= 4; size++ {
				name := fmt.Sprintf("%s by %s, pages of %d", tt.name, order, size)
				var forward []int64
				var pages []Paged
				q := PageQuery{Filter: tt.f, Order: order, Limit: size}
				for k := 0; ; k++ {
					p, err := s.PageOf(ctx, q)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					byOffset, err := s.PageOf(ctx, PageQuery{Filter: tt.f, Order: order, Limit: size, Offset: k * size})
					if err != nil || !slices.Equal(ids(byOffset.Items), ids(p.Items)) {
						t.Errorf("%s: page %d %v by cursor, %v by offset (%v)", name, k, ids(p.Items), ids(byOffset.Items), err)
					}
					forward = append(forward, ids(p.Items)...)
					pages = append(pages, p)
					if p.Next == "" {
						break
					}
					q.After = p.Next
				}
				if !slices.Equal(forward, want) {
					t.Errorf("%s: forward %v, want %v", name, forward, want)
				}
				// Back from the last page by each one's Prev.
				for k := len(pages) - 1; k > 0; k-- {
					if pages[k].Prev == "" {
						t.Fatalf("%s: page %d has no Prev", name, k)
					}
					back, err := s.PageOf(ctx, PageQuery{Filter: tt.f, Order: order, Limit: size, Before: pages[k].Prev})
					if err != nil || !slices.Equal(ids(back.Items), ids(pages[k-1].Items)) || back.Next != pages[k-1].Next || back.Prev != pages[k-1].Prev {
						t.Errorf("%s: back from page %d: %v (prev %q, next %q), %v; want %v (prev %q, next %q)", name, k,
							ids(back.Items), back.Prev, back.Next, err, ids(pages[k-1].Items), pages[k-1].Prev, pages[k-1].Next)
					}
				}
				if pages[0].Prev != "" {
					t.Errorf("%s: the first page has a Prev", name)
				}
			}
		}
	}
	for _, bad := range []Cursor{"x", "WyIyMDE5Il0", Cursor(encodeCursor([]any{1.0, "a", 3.0}))} {
		if _, err := s.PageOf(ctx, PageQuery{Order: ByDate, Limit: 3, After: bad}); !errors.Is(err, ErrCursor) {
			t.Errorf("cursor %q: %v, want ErrCursor", bad, err)
		}
	}
}

// TestCountCommitments counts from the summaries what counting the rows
// gives, for every filter they can answer, and the rows for the others.
func TestCountCommitments(t *testing.T) {
	ctx := context.Background()
	s, _ := reviewStore(t)
	for _, f := range []Filter{
		{}, {Year: 2021}, {FromYear: 2020}, {Undated: true}, {Domain: "finance"}, {Status: "new"}, {Status: "recurring"},
		{With: []string{"丙国"}}, {With: []string{"甲国", "乙国"}, Status: "recurring", FromYear: 2021},
		{Domain: "energy", Year: 2019}, {Status: "none"}, {Search: "份额"}, {LabelSource: "model", Below: 0.9}, {CanRecur: true},
	} {
		got, err := s.CountCommitments(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.Commitments(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if got != len(all) {
			t.Errorf("%+v: counts %d, selects %d", f, got, len(all))
		}
	}
}
