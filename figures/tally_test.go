package figures

import (
	"reflect"
	"testing"
)

// TestNewTally makes tallies from counts as the database gives them.
func TestNewTally(t *testing.T) {
	tests := []struct {
		name       string
		counts     []Count[int]
		statements map[int]int
		want       *Tally
	}{
		{"nothing", nil, nil, &Tally{}},
		{
			"years in order, undated last, the GUIDE's domains first",
			[]Count[int]{
				{2021, "zoning", false, 1}, {0, "economy", false, 2}, {2021, "economy", true, 3},
				{2019, "politics", false, 4}, {2021, "politics", true, 5}, {2021, "politics", false, 6},
			},
			map[int]int{2021: 2, 2019: 1, 0: 1},
			&Tally{Domains: []string{"politics", "economy", "zoning"}, Rows: []TallyRow{
				{2019, 1, Cells{"politics": {4, 0}}},
				{2021, 2, Cells{"zoning": {1, 0}, "economy": {0, 3}, "politics": {6, 5}}},
				{0, 1, Cells{"economy": {2, 0}}},
			}},
		},
		{
			"a year of statements without commitments",
			[]Count[int]{{2020, "energy", false, 1}},
			map[int]int{2020: 1, 2022: 1},
			&Tally{Domains: []string{"energy"}, Rows: []TallyRow{{2020, 1, Cells{"energy": {1, 0}}}, {2022, 1, Cells{}}}},
		},
	}
	for _, tt := range tests {
		if got := NewTally(tt.counts, tt.statements); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n%+v\nwant\n%+v", tt.name, got, tt.want)
		}
	}
}

// TestTallyTotals totals a tally by row, by column and in all.
func TestTallyTotals(t *testing.T) {
	tl := NewTally([]Count[int]{
		{2019, "politics", false, 4}, {2021, "politics", true, 5}, {2021, "economy", false, 2}, {0, "economy", true, 1},
	}, map[int]int{2019: 1, 2021: 2, 0: 1})
	cells := []struct {
		name      string
		got, want Cell
	}{
		{"column politics", tl.Column("politics"), Cell{4, 5}},
		{"column economy", tl.Column("economy"), Cell{2, 1}},
		{"column of no commitment", tl.Column("energy"), Cell{}},
		{"row 2021", tl.Rows[1].Total(), Cell{2, 5}},
		{"undated row", tl.Rows[2].Total(), Cell{0, 1}},
	}
	for _, c := range cells {
		if c.got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, c.got, c.want)
		}
	}
	if n := (Cell{2, 5}).Total(); n != 7 {
		t.Errorf("Cell{2, 5}.Total() = %d, want 7", n)
	}
	if total, statements := tl.Total(); total != (Cell{6, 6}) || statements != 4 {
		t.Errorf("Total() = %+v in %d statements, want {6 6} in 4", total, statements)
	}
	if years := tl.Years(); !reflect.DeepEqual(years, []int{2019, 2021}) {
		t.Errorf("Years() = %v, want the dated years [2019 2021]", years)
	}
}
