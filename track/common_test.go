package track

import (
	"context"
	"reflect"
	"testing"
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
