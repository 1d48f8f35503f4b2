package track

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"pledge/extract"
	"pledge/label"
)

// TestAllNewAreas reads the stored terms in date order, whatever order the
// statements came in, and with parties only those of their statements.
func TestAllNewAreas(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	model, err := s.RegisterModel(ctx, Model{Hash: "test", Variant: "multinomial", Labels: []string{"energy"}, TrainingSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	// Stored latest first, and one undated, whose terms are new in no year.
	statements := []struct {
		date    extract.Date
		parties []string
		terms   []string
	}{
		{extract.Date{Year: 2021, Month: 6, Day: 28}, []string{"甲国", "乙国"}, []string{"核电", "能源"}},
		{extract.Date{}, []string{"甲国", "乙国"}, []string{"电网"}},
		{extract.Date{Year: 2020, Month: 3, Day: 1}, []string{"甲国", "丙国"}, []string{"核电", "氢能"}},
		{extract.Date{Year: 2019, Month: 6, Day: 5}, []string{"甲国", "乙国"}, []string{"能源"}},
	}
	ids := map[int]int64{} // by year
	for i, st := range statements {
		x := extract.Statement{Title: fmt.Sprint("声明", i), Parties: st.parties, Date: st.date, Fingerprint: fmt.Sprintf("%032d", i)}
		cs := []label.Commitment{{Commitment: extract.Commitment{Ordinal: 1, Text: fmt.Sprint(st.terms)}, Sentences: [][]string{st.terms},
			Domain: "energy", Probability: 1, Terms: st.terms}}
		id, _, err := s.AddStatement(ctx, x, Source{Path: fmt.Sprint(i)}, cs, model)
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.Commitments(ctx, Filter{With: st.parties, Year: st.date.Year, Undated: st.date.IsZero()})
		if err != nil || len(c) != 1 || c[0].StatementID != id {
			t.Fatalf("statement %d: %v, %v", i, c, err)
		}
		ids[st.date.Year] = c[0].ID
	}
	tests := []struct {
		name string
		with []string
		want map[int][]string
	}{
		// 2019 is the first year of them all: nothing is new in it. Used
		// alike, the more specific first: 氢能 is the rarer in Chinese.
		{"every statement", nil, map[int][]string{2020: {"氢能", "核电"}}},
		{"with 乙国", []string{"乙国"}, map[int][]string{2021: {"核电"}}},
		// With 丙国 there is one year only: nothing earlier.
		{"with 丙国", []string{"丙国"}, map[int][]string{}},
	}
	for _, tt := range tests {
		all, err := s.AllNewAreas(ctx, tt.with...)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int][]string{}
		for y, areas := range all {
			for _, a := range areas {
				got[y] = append(got[y], a.Term)
				if !reflect.DeepEqual(a.IDs, []int64{ids[y]}) {
					t.Errorf("%s: %d %s used by %v, want [%d]", tt.name, y, a.Term, a.IDs, ids[y])
				}
			}
			if one, err := s.NewAreas(ctx, y, tt.with...); err != nil || !reflect.DeepEqual(one, areas) {
				t.Errorf("%s: NewAreas(%d) = %v, %v; want %v", tt.name, y, one, err, areas)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: new areas %v, want %v", tt.name, got, tt.want)
		}
	}
}
