package track

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
)

// TestCount counts the statements and commitments of reviewStore.
func TestCount(t *testing.T) {
	s, _ := reviewStore(t)
	statements, commitments, err := s.Count(context.Background())
	if err != nil || statements != 5 || commitments != 8 {
		t.Errorf("Count() = %d, %d, %v; want 5 statements and 8 commitments", statements, commitments, err)
	}
}

// TestYears lists the years of the statements, undated last.
func TestYears(t *testing.T) {
	s, _ := reviewStore(t)
	years, err := s.Years(context.Background())
	if want := []int{2019, 2020, 2021, 2024, 0}; err != nil || !reflect.DeepEqual(years, want) {
		t.Errorf("Years() = %v, %v; want %v", years, err, want)
	}
}

// TestThreadLinks gives the link of every commitment that recurs or that
// another recurs from, as Commitments does, without its text, and only
// those of statements with the parties asked for.
func TestThreadLinks(t *testing.T) {
	ctx := context.Background()
	s, ids := reviewStore(t)
	tests := []struct {
		name string
		with []string
	}{
		{"every commitment", nil},
		{"with 乙国", []string{"乙国"}},
		{"with 丙国", []string{"丙国"}},
		{"with 丁国, in no statement", []string{"丁国"}},
	}
	for _, tt := range tests {
		cs, err := s.Commitments(ctx, Filter{With: tt.with})
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.Commitments(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		recurredFrom := map[int64]bool{}
		for _, c := range all {
			if c.Status == "recurring" {
				recurredFrom[c.Previous] = true
			}
		}
		var want []LinkRow
		for _, c := range cs {
			if c.Status == "recurring" || recurredFrom[c.ID] {
				want = append(want, LinkRow{ID: c.ID, Year: c.Year, Recurring: c.Status == "recurring", Previous: c.Previous})
			}
		}
		got, err := s.ThreadLinks(ctx, tt.with...)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ThreadLinks() = %+v, %v; want %+v", tt.name, got, err, want)
		}
	}
	all, _ := s.ThreadLinks(ctx)
	if i := slices.IndexFunc(all, func(l LinkRow) bool { return l.ID == ids["2021扩大本币结算份额"] }); i < 0 || !all[i].Recurring || all[i].Previous != ids["2019扩大本币结算规模"] {
		t.Errorf("the 2021 commitment's link: %+v, want recurring from %d", all, ids["2019扩大本币结算规模"])
	}
	if len(all) == 0 || len(all) >= 8 {
		t.Errorf("%d links, want those of the threads only", len(all))
	}
}

// TestThread follows a commitment's links back to the one its thread
// began with.
func TestThread(t *testing.T) {
	ctx := context.Background()
	s, ids := reviewStore(t)
	tests := []struct {
		name string
		id   int64
		want []int64
	}{
		{"a commitment that recurs through another", ids["2024提升本币结算份额"],
			[]int64{ids["2024提升本币结算份额"], ids["2021扩大本币结算份额"], ids["2019扩大本币结算规模"]}},
		{"a new commitment", ids["2019深化油气管道合作"], []int64{ids["2019深化油气管道合作"]}},
	}
	for _, tt := range tests {
		thread, err := s.Thread(ctx, tt.id)
		var got []int64
		for _, c := range thread {
			got = append(got, c.ID)
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: thread %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	if _, err := s.Thread(ctx, 99999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Thread of no commitment: %v", err)
	}
}

// TestStatementsByID reads the statements asked for, in date order, also
// when they are more than one query binds.
func TestStatementsByID(t *testing.T) {
	ctx := context.Background()
	s, _ := reviewStore(t)
	all, err := s.Statements(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// What StatementsByID reads of each: no parties, no sources.
	brief := func(sts []Statement) []Statement {
		var out []Statement
		for _, st := range sts {
			st.Parties, st.Sources = nil, nil
			out = append(out, st)
		}
		return out
	}
	var everyID, unknown []int64
	for _, st := range slices.Backward(all) {
		everyID = append(everyID, st.ID)
	}
	for id := range int64(maxIDs + 10) {
		unknown = append(unknown, 1000+id)
	}
	tests := []struct {
		name string
		ids  []int64
		want []Statement
	}{
		{"none", nil, nil},
		{"two, given in reverse", []int64{all[3].ID, all[1].ID}, brief([]Statement{all[1], all[3]})},
		{"every one, among more than one query binds", append(unknown, everyID...), brief(all)},
		{"no such statement", []int64{99999}, nil},
	}
	for _, tt := range tests {
		got, err := s.StatementsByID(ctx, tt.ids)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
}

// TestFold folds what searching compares.
func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"扩大本币结算", "扩大本币结算"},
		{"alert（2）", "alert(2)"},
		{"“一带一路”", `"一带一路"`},
		{"‘丝路’「基金」『项目』", `'丝路'"基金"'项目'`},
		{"ＡＢＣ１２３！　＂", `ABC123! "`},
		{"，。、", ",。、"},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLatestYear(t *testing.T) {
	s, _ := reviewStore(t)
	for _, tt := range []struct {
		with []string
		want int
	}{
		{nil, 2024},
		{[]string{"丙国"}, 2020},
		{[]string{"甲国", "乙国"}, 2024},
		{[]string{"丁国"}, 0},
	} {
		if got, err := s.LatestYear(context.Background(), tt.with...); err != nil || got != tt.want {
			t.Errorf("LatestYear(%v) = %d, %v; want %d", tt.with, got, err, tt.want)
		}
	}
}
