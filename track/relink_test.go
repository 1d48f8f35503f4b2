package track

import (
	"context"
	"slices"
	"testing"
)

func TestPartyKey(t *testing.T) {
	tests := []struct {
		name    string
		parties []string
		want    string
	}{
		{"no parties", nil, ""},
		{"one", []string{"甲国"}, "甲国"},
		{"in any order", []string{"甲国", "乙国"}, "乙国|甲国"},
		{"in the other order", []string{"乙国", "甲国"}, "乙国|甲国"},
		{"three", []string{"中国", "俄罗斯", "蒙古"}, "中国|俄罗斯|蒙古"},
	}
	for _, tt := range tests {
		before := slices.Clone(tt.parties)
		if got := PartyKey(tt.parties); got != tt.want {
			t.Errorf("%s: PartyKey(%q) = %q, want %q", tt.name, tt.parties, got, tt.want)
		}
		if !slices.Equal(tt.parties, before) {
			t.Errorf("%s: PartyKey changed its argument to %q", tt.name, tt.parties)
		}
	}
}

// TestLinkSettings follows what the database says of its links: whether
// some wait to be made, with which threshold they were made, and whether
// they cross parties.
func TestLinkSettings(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	check := func(when string, pending, across bool, threshold float64) {
		t.Helper()
		if p, err := s.Pending(ctx); err != nil || p != pending {
			t.Errorf("%s: Pending() = %v, %v; want %v", when, p, err, pending)
		}
		if a, err := s.AcrossParties(ctx); err != nil || a != across {
			t.Errorf("%s: AcrossParties() = %v, %v; want %v", when, a, err, across)
		}
		if th, err := s.LinkThreshold(ctx); err != nil || th != threshold {
			t.Errorf("%s: LinkThreshold() = %v, %v; want %v", when, th, err, threshold)
		}
	}
	check("a new database", false, false, DefaultThreshold())
	if err := s.SetAcrossParties(ctx, true); err != nil {
		t.Fatal(err)
	}
	check("across parties, not linked again yet", true, true, DefaultThreshold())
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.SetThreshold(ctx, 0.5); err != nil {
		t.Fatal(err)
	}
	check("threshold 0.5 set, not linked yet", true, true, 0.5)
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	check("linked with 0.5", false, true, 0.5)
	if err := s.SetAcrossParties(ctx, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Relink(ctx); err != nil {
		t.Fatal(err)
	}
	check("within parties again: the threshold stays", false, false, 0.5)

	r, ids := reviewStore(t)
	if p, err := r.Pending(ctx); err != nil || p {
		t.Errorf("after LinkPending: Pending() = %v, %v", p, err)
	}
	if err := r.Label(ctx, ids["2019深化油气管道合作"], "security"); err != nil {
		t.Fatal(err)
	}
	if p, err := r.Pending(ctx); err != nil || !p {
		t.Errorf("after a label: Pending() = %v, %v; want its group to wait", p, err)
	}
}
