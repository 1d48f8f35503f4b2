package track

import (
	"context"
	"slices"
	"testing"
)

// TestStatsPartiesInOrder lists a group's parties as its statements name
// them, China first, not in the sorted order of the group's key.
func TestStatsPartiesInOrder(t *testing.T) {
	f := newFolder(t)
	f.read("a.txt", doc{"中国、甲国和乙国联合声明", first.date, []string{"中国", "甲国", "乙国"}, []string{"扩大 本币 结算 规模"}})
	st, err := f.s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Groups) != 1 || !slices.Equal(st.Groups[0].Parties, []string{"中国", "甲国", "乙国"}) {
		t.Errorf("groups %+v, want [中国 甲国 乙国]", st.Groups)
	}
}
