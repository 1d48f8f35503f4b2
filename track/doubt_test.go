package track

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"pledge/classify"
	"pledge/extract"
	"pledge/label"
)

// TestLinkDoubtPages reads the order ByLinkDoubt by its parts (doubtPage)
// and checks it is the order sorting every commitment by the keys gives
// (sortedPage), for links the database could hold: similarities on both
// sides of the threshold, at one distance on both, equal for several,
// exactly at it; a person's links, with an earlier match and marked new;
// commitments without an earlier match, with no link row, and with a
// similarity left after their match was removed. Pages of every size,
// forward by Next, by offset and back by Prev, in several lists.
func TestLinkDoubtPages(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	model, err := classify.Train([]classify.Example{
		{Label: "finance", Tokens: strings.Fields("本币 结算")},
		{Label: "energy", Tokens: strings.Fields("油气 管道")},
	}, classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	modelID, err := s.RegisterModel(ctx, ModelOf(model))
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"本币 结算", "油气 管道"}
	for i := range 6 {
		var cs []label.Commitment
		for k := range 5 {
			w := strings.Fields(words[k%2])
			cs = append(cs, label.Commitment{Commitment: extract.Commitment{Ordinal: k + 1, Text: fmt.Sprint(i, k, words[k%2])},
				Sentences: [][]string{w}, Domain: []string{"finance", "energy"}[k%2], Probability: 0.9})
		}
		x := extract.Statement{Title: fmt.Sprint("声明", i), Parties: []string{"甲国", "乙国"}, Date: extract.Date{Year: 2010 + i, Month: 1, Day: 1},
			Fingerprint: fmt.Sprintf("%032d", i)}
		if _, _, err := s.AddStatement(ctx, x, Source{Path: fmt.Sprint(i)}, cs, modelID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	th, err := s.LinkThreshold(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Links of every kind, written as the database holds them: commitment
	// 5+k of the later statements.
	links := []struct {
		sim    any
		prev   any
		source string
	}{
		{th + 0.1, 1, "model"}, {th - 0.1, 1, "model"}, {th + 0.1, 2, "model"}, {th, 1, "model"},
		{th - 0.2, 3, "model"}, {th + 0.2, 1, "person"}, {nil, nil, "person"}, {0.95, 2, "model"},
		{0.05, 2, "model"}, {th - 0.1, 4, "model"}, {0.3, nil, "model"}, {nil, nil, "model"},
		{th + 0.1, 3, "person"}, {th + 0.1, 4, "model"}, {0.0, 1, "model"},
	}
	for k, l := range links {
		status := "new"
		if l.prev != nil {
			status = "recurring"
		}
		if _, err := s.db.ExecContext(ctx, `UPDATE links SET similarity = ?, previous_id = ?, link_source = ?, status = ? WHERE commitment_id = ?`,
			l.sim, l.prev, l.source, status, 6+k); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM links WHERE commitment_id IN (25, 27)`); err != nil {
		t.Fatal(err)
	}
	for _, f := range []Filter{{}, LinkQueue(), {Status: "recurring"}, {Domain: "energy"}, {LinkSource: "person"}, {Domain: "none"}} {
		sorted, _, err := s.sortedPage(ctx, PageQuery{Filter: f, Order: ByLinkDoubt, Limit: 1000}, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := ids(sorted)
		if f.LinkSource == "" && f.Domain == "" && len(want) < 20 {
			t.Fatalf("%+v: %d commitments: the test's store is not what it says", f, len(want))
		}
		for size := 1; size <= 5; size++ {
			name := fmt.Sprintf("%+v, pages of %d", f, size)
			var got []int64
			var pages []Paged
			q := PageQuery{Filter: f, Order: ByLinkDoubt, Limit: size}
			for {
				p, err := s.PageOf(ctx, q)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				got = append(got, ids(p.Items)...)
				pages = append(pages, p)
				if p.Next == "" || len(pages) > 100 {
					break
				}
				q.After = p.Next
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: by parts %v, sorted %v", name, got, want)
			}
			for k := range pages {
				byOffset, err := s.PageOf(ctx, PageQuery{Filter: f, Order: ByLinkDoubt, Limit: size, Offset: k * size})
				if err != nil || !slices.Equal(ids(byOffset.Items), ids(pages[k].Items)) || byOffset.Next != pages[k].Next {
					t.Errorf("%s: page %d by offset %v, %v; by cursor %v", name, k, ids(byOffset.Items), err, ids(pages[k].Items))
				}
			}
			for k := len(pages) - 1; k > 0; k-- {
				back, err := s.PageOf(ctx, PageQuery{Filter: f, Order: ByLinkDoubt, Limit: size, Before: pages[k].Prev})
				if err != nil || !slices.Equal(ids(back.Items), ids(pages[k-1].Items)) {
					t.Errorf("%s: back from page %d: %v, %v; want %v", name, k, ids(back.Items), err, ids(pages[k-1].Items))
				}
			}
		}
	}
}
