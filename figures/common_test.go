package figures

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// commitment is a commitment as the tests of CommonGroups know it.
type commitment struct {
	id int64
	Facts
}

func factsOf(c commitment) Facts { return c.Facts }

// c is commitment id of a statement of date ("" when unknown) between
// the parties.
func c(id int64, date, domain string, parties ...string) commitment {
	year, _ := strconv.Atoi(strings.Split(date, "-")[0])
	return commitment{id, Facts{date, year, parties, domain}}
}

// ids are the commitments of each group, by their ids.
func ids(gs []Common[commitment]) [][]int64 {
	var out [][]int64
	for _, g := range gs {
		var ids []int64
		for _, c := range g.Commitments {
			ids = append(ids, c.id)
		}
		out = append(out, ids)
	}
	return out
}

func TestCommonGroups(t *testing.T) {
	currency := []commitment{
		c(1, "2019-06-05", "finance", "甲国", "乙国"),
		c(2, "2021-05-20", "economy", "甲国", "乙国"),
		c(3, "2022-06-15", "finance", "甲国", "丙国"),
	}
	got := CommonGroups([][]commitment{currency}, factsOf, 2)
	want := []Common[commitment]{{Party: "甲国", Partners: []string{"丙国", "乙国"}, Domain: "finance", Years: []int{2019, 2021, 2022}, Commitments: currency}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("one group:\n%+v\nwant\n%+v", got, want)
	}

	tests := []struct {
		name        string
		groups      [][]commitment
		minPartners int
		want        []Common[commitment]
	}{
		{"too few partners", [][]commitment{currency}, 3, nil},
		{"between the same parties only", [][]commitment{{c(1, "2019-06-05", "finance", "甲国", "乙国"), c(2, "2021-05-20", "finance", "乙国", "甲国")}}, 2, nil},
		{
			"a party in every statement, and one partner is enough",
			[][]commitment{{c(1, "2019-06-05", "energy", "甲国", "乙国"), c(2, "2020-01-02", "energy", "乙国", "丙国")}}, 1,
			[]Common[commitment]{{Party: "乙国", Partners: []string{"丙国", "甲国"}, Domain: "energy", Years: []int{2019, 2020},
				Commitments: []commitment{c(1, "2019-06-05", "energy", "甲国", "乙国"), c(2, "2020-01-02", "energy", "乙国", "丙国")}}},
		},
		{
			"a tie of domains goes to the first by name; undated statements have no year",
			[][]commitment{{c(1, "", "finance", "甲国", "乙国"), c(2, "2020-01-02", "economy", "甲国", "丙国")}}, 2,
			[]Common[commitment]{{Party: "甲国", Partners: []string{"丙国", "乙国"}, Domain: "economy", Years: []int{2020},
				Commitments: []commitment{c(1, "", "finance", "甲国", "乙国"), c(2, "2020-01-02", "economy", "甲国", "丙国")}}},
		},
	}
	for _, tt := range tests {
		if got := CommonGroups(tt.groups, factsOf, tt.minPartners); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n%+v\nwant\n%+v", tt.name, got, tt.want)
		}
	}
}

// TestCommonGroupsOrder puts groups in the GUIDE's order of domains, then
// those with the most partners first, then by party and date.
func TestCommonGroupsOrder(t *testing.T) {
	groups := [][]commitment{
		{c(1, "2019-01-01", "economy", "甲国", "乙国"), c(2, "2020-01-01", "economy", "甲国", "丙国")},
		{c(3, "2018-01-01", "finance", "甲国", "乙国"), c(4, "2020-01-01", "finance", "甲国", "丙国")},
		{c(5, "2019-01-01", "politics", "甲国", "乙国"), c(6, "2020-01-01", "politics", "甲国", "丙国")},
		{c(7, "2017-01-01", "economy", "甲国", "乙国"), c(8, "2020-01-01", "economy", "甲国", "丙国"), c(9, "2021-01-01", "economy", "甲国", "丁国")},
		{c(10, "2016-01-01", "economy", "甲国", "乙国"), c(11, "2020-01-01", "economy", "甲国", "丙国")},
		{c(12, "2016-01-01", "zoning", "甲国", "乙国"), c(13, "2020-01-01", "zoning", "甲国", "丙国")},
	}
	got := ids(CommonGroups(groups, factsOf, 2))
	want := [][]int64{{5, 6}, {7, 8, 9}, {10, 11}, {1, 2}, {3, 4}, {12, 13}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

// TestCommonGroupsTie keeps groups whose order nothing decides in the
// order they were given in.
func TestCommonGroupsTie(t *testing.T) {
	var groups [][]commitment
	for i := range 20 {
		id := int64(2 * i)
		groups = append(groups, []commitment{c(id, "2019-01-01", "energy", "甲国", "乙国"), c(id+1, "2020-01-01", "energy", "甲国", "丙国")})
	}
	got := ids(CommonGroups(groups, factsOf, 2))
	for i, g := range got {
		if g[0] != int64(2*i) {
			t.Fatalf("order %v, want the order given", got)
		}
	}
}
