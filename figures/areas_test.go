package figures

import (
	"math"
	"reflect"
	"testing"
)

// use is one commitment's terms, as NewAreas is given them.
type use struct {
	year  int
	id    int64
	terms []string
}

// TestNewAreas finds the areas each year brings from commitments' terms in
// date order.
func TestNewAreas(t *testing.T) {
	tests := []struct {
		name string
		uses []use
		want map[int][]string // each year's terms, in order
	}{
		{"nothing", nil, map[int][]string{}},
		{"the first year has none: nothing is earlier", []use{{2019, 1, []string{"能源", "本币"}}}, map[int][]string{}},
		{
			"a term is new only in the first year it is used",
			[]use{{2019, 1, []string{"能源"}}, {2021, 2, []string{"能源", "核电"}}, {2024, 3, []string{"核电", "氢能"}}},
			map[int][]string{2021: {"核电"}, 2024: {"氢能"}},
		},
		{
			"undated commitments bring no area",
			[]use{{2019, 1, []string{"能源"}}, {0, 2, []string{"核电"}}, {2020, 3, []string{"电网"}}},
			map[int][]string{2020: {"电网"}},
		},
		{
			"a term and a longer form new in one year are one area",
			[]use{{2019, 1, []string{"能源"}}, {2024, 2, []string{"人工智能", "智能"}}, {2024, 3, []string{"人工智能"}}},
			map[int][]string{2024: {"人工智能"}},
		},
		{
			"a short form is the same area: not new after its long form",
			[]use{{2019, 1, []string{"能源"}}, {2020, 1, []string{"化学武器"}}, {2021, 2, []string{"化学武器", "化武"}}, {2024, 3, []string{"化武"}}},
			map[int][]string{2020: {"化学武器"}},
		},
		{
			"a short form is known as one only beside its long form",
			[]use{{2019, 1, []string{"能源"}}, {2020, 1, []string{"化学武器"}}, {2024, 3, []string{"化武"}}},
			map[int][]string{2020: {"化学武器"}, 2024: {"化武"}},
		},
		{
			"a term is not new after a longer form of it",
			[]use{{2019, 1, []string{"本币结算"}}, {2024, 2, []string{"本币"}}},
			map[int][]string{},
		},
		{
			"nor after a shorter one",
			[]use{{2019, 1, []string{"核能"}}, {2024, 2, []string{"民用核能", "核电站"}}, {2020, 3, []string{"核电"}}},
			map[int][]string{2020: {"核电"}},
		},
		{
			"a character before a term makes another",
			[]use{{2019, 1, []string{"美洲"}}, {2024, 2, []string{"中美洲"}}},
			map[int][]string{2024: {"中美洲"}},
		},
		{
			"the most used first, then by term",
			[]use{{2019, 1, []string{"能源"}}, {2024, 2, []string{"氢能", "核电", "电网"}}, {2024, 3, []string{"电网"}}},
			map[int][]string{2024: {"电网", "核电", "氢能"}},
		},
	}
	for _, tt := range tests {
		var a NewAreas
		for _, u := range tt.uses {
			a.Add(u.year, u.id, u.id, u.terms)
		}
		got := map[int][]string{}
		for y, areas := range a.ByYear() {
			for _, ar := range areas {
				got[y] = append(got[y], ar.Term)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: areas %v, want %v", tt.name, got, tt.want)
		}
		// In the other order, kept and read back halfway: the same areas.
		var b NewAreas
		for k := range tt.uses {
			u := tt.uses[len(tt.uses)-1-k]
			b.Add(u.year, u.id, u.id, u.terms)
			if k == len(tt.uses)/2 {
				j, err := b.MarshalJSON()
				if err != nil {
					t.Fatal(err)
				}
				b = NewAreas{}
				if err := b.UnmarshalJSON(j); err != nil {
					t.Fatal(err)
				}
			}
		}
		if got, want := b.ByYear(), a.ByYear(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: given in the other order, kept and read back, areas %v, want %v", tt.name, got, want)
		}
	}
}

// TestAreaForms names an area by the form most commitments use, and lists
// its other forms: a short form, and the term with a word that adds
// nothing to it.
func TestAreaForms(t *testing.T) {
	var a NewAreas
	for _, u := range []use{
		{2019, 1, []string{"能源"}},
		{2024, 2, []string{"亚太", "亚太地区"}}, {2024, 3, []string{"亚太"}}, {2024, 4, []string{"亚太地区"}}, {2024, 5, []string{"亚太"}},
	} {
		a.Add(u.year, u.id, u.id, u.terms)
	}
	got := a.ByYear()[2024]
	if len(got) != 1 || got[0].Term != "亚太" || !reflect.DeepEqual(got[0].Forms, []string{"亚太地区"}) ||
		!reflect.DeepEqual(got[0].IDs, []int64{2, 3, 4, 5}) || got[0].Statements != 4 {
		t.Errorf("2024: %+v, want 亚太 with 亚太地区, used by 2 to 5", got)
	}
}

// TestNewAreaScores weighs how many of a year's commitments use a term by
// how rare it is over all of them, and lists those commitments.
func TestNewAreaScores(t *testing.T) {
	var a NewAreas
	for _, u := range []use{
		{2019, 1, []string{"能源"}}, {2019, 2, []string{"能源"}}, {0, 3, []string{"能源", "核电"}},
		{2021, 4, []string{"核电"}}, {2021, 5, []string{"核电", "能源"}},
	} {
		a.Add(u.year, u.id, u.id, u.terms)
	}
	got := a.ByYear()
	// Of 5 commitments, 能源 is used by 4 and 核电 by 3 (the undated one
	// too); each by 2 in the year it is new.
	score := func(uses, df int) float64 { return float64(uses) * math.Log(1+float64(5)/float64(df)) }
	want := map[int][]Area{
		2021: {{Term: "核电", Score: score(2, 3), IDs: []int64{4, 5}, Statements: 2}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("areas %+v, want %+v", got, want)
	}
}
