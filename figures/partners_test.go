package figures

import (
	"reflect"
	"testing"
)

// TestNewPartnerTally makes a partner tally: partners of most statements
// first, then by name.
func TestNewPartnerTally(t *testing.T) {
	got := NewPartnerTally("中国", []Count[string]{
		{"俄罗斯", "energy", true, 2}, {"巴西", "economy", false, 1}, {"俄罗斯", "economy", false, 3}, {UnknownPartner, "culture", false, 1},
	}, map[string]int{"巴西": 1, "俄罗斯": 2, "南非": 1, UnknownPartner: 1})
	want := &PartnerTally{Home: "中国", Domains: []string{"economy", "energy", "culture"}, Rows: []PartnerRow{
		{"俄罗斯", 2, Cells{"energy": {0, 2}, "economy": {3, 0}}},
		{UnknownPartner, 1, Cells{"culture": {1, 0}}},
		{"南非", 1, Cells{}},
		{"巴西", 1, Cells{"economy": {1, 0}}},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("partner tally:\n%+v\nwant\n%+v", got, want)
	}
}

// TestHome picks the home party from the parties of statements, counted
// as PartnerTally's query counts them.
func TestHome(t *testing.T) {
	tests := []struct {
		name       string
		statements [][]string
		want       string
	}{
		{"in every statement", [][]string{{"俄罗斯", "中国"}, {"中国", "巴西"}, {"中国", "巴西", "南非"}}, "中国"},
		{"a tie goes to the one named first", [][]string{{"中国", "俄罗斯"}, {"中国", "俄罗斯"}}, "中国"},
		{"then to the first by name", [][]string{{"乙国", "甲国"}, {"甲国", "乙国"}}, "乙国"},
		{"in most statements", [][]string{{"中国", "俄罗斯"}, {"俄罗斯", "印度"}, {"中国", "巴西"}, {"中国", "法国"}}, "中国"},
		{"no parties", [][]string{{}}, ""},
	}
	for _, tt := range tests {
		var counts []PartyCount
		for _, parties := range tt.statements {
			for i, p := range parties {
				k := len(counts)
				for j, c := range counts {
					if c.Party == p {
						k = j
					}
				}
				if k == len(counts) {
					counts = append(counts, PartyCount{Party: p})
				}
				counts[k].Statements++
				if i == 0 {
					counts[k].First++
				}
			}
		}
		if got := Home(counts); got != tt.want {
			t.Errorf("%s: home %q, want %q", tt.name, got, tt.want)
		}
	}
}
