package track

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"pledge/figures"
	"pledge/internal/gencorpus"
)

// TestCommonKept computes what is common to several partners once after a
// change, through a database opened read-only too, and keeps it: the same
// groups as computing them afresh, and computed again after a change.
func TestCommonKept(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	ingest(t, s, append(seedPaths(t), writeKazakh(t))...)
	ro, err := OpenReadOnly(ctx, s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	fresh := func() bool {
		t.Helper()
		_, ok, err := ro.commonFresh(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if fresh() {
		t.Fatal("matches kept before any were computed")
	}
	first, err := ro.Common(ctx, 2, DefaultThreshold())
	if err != nil || len(first) == 0 {
		t.Fatalf("Common = %d groups, %v", len(first), err)
	}
	if !fresh() {
		t.Error("the read-only database did not keep the matches")
	}
	again, err := ro.Common(ctx, 2, DefaultThreshold())
	if err != nil || !reflect.DeepEqual(again, first) {
		t.Errorf("from the kept matches: %v, %v; computed: %v", again, err, first)
	}
	// A change makes them out of date, and they are computed again.
	cs, err := s.Commitments(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Label(ctx, cs[0].ID, "energy"); err != nil {
		t.Fatal(err)
	}
	if fresh() {
		t.Error("a label left the matches fresh")
	}
	if _, err := ro.Common(ctx, 2, DefaultThreshold()); err != nil || !fresh() {
		t.Errorf("after a label: %v, fresh %v", err, fresh())
	}
}

// TestCommonOfGroupByGroup finds, group by group from what it knows of
// each commitment, the groups that reading every commitment whole and
// grouping them gives, over a corpus of many partners.
func TestCommonOfGroupByGroup(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	paths, err := gencorpus.Write(t.TempDir(), 3, 0, 150)
	if err != nil {
		t.Fatal(err)
	}
	ingest(t, s, paths...)
	for _, minPartners := range []int{1, 2, 3, 5} {
		got, err := s.Common(ctx, minPartners, DefaultThreshold())
		if err != nil {
			t.Fatal(err)
		}
		// What Common did before it read group by group.
		edges, err := s.commonEdges(ctx, DefaultThreshold())
		if err != nil {
			t.Fatal(err)
		}
		joined := figures.Components(edges)
		cs, err := s.Commitments(ctx, Filter{IDs: slices.Concat(joined...)})
		if err != nil {
			t.Fatal(err)
		}
		group := map[int64]int{}
		for i, ids := range joined {
			for _, id := range ids {
				group[id] = i
			}
		}
		groups := make([][]Commitment, len(joined))
		for _, c := range cs {
			groups[group[c.ID]] = append(groups[group[c.ID]], c)
		}
		want := figures.CommonGroups(groups, func(c Commitment) figures.Facts {
			return figures.Facts{Date: c.Date, Year: c.Year, Parties: c.Parties, Domain: c.Domain}
		}, minPartners)
		if len(want) == 0 {
			t.Fatalf("min %d partners: no group to compare", minPartners)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("min %d partners: %d groups, want %d (or they differ)", minPartners, len(got), len(want))
		}
	}
}

// TestComponents groups ids as figures.Components does.
func TestComponents(t *testing.T) {
	for _, edges := range [][][2]int64{
		nil,
		{{1, 2}},
		{{5, 3}, {3, 9}, {20, 21}, {9, 5}, {7, 7}},
		{{100, 1}, {2, 100}, {50, 60}, {60, 2}, {8, 9}, {9, 10}, {10, 8}, {11, 12}},
	} {
		j := components(edges)
		got := make([][]int64, j.n)
		for i, id := range j.ids {
			if g := j.group[i]; g >= 0 {
				got[g] = append(got[g], id)
			}
		}
		want := figures.Components(edges)
		if len(want) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("components(%v) = %v, want %v", edges, got, want)
		}
	}
}
