package track

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"pledge/figures"
	"pledge/internal/gencorpus"
	"pledge/link"

	"github.com/mattn/go-sqlite3"
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
		_, ok, err := commonFresh(ctx, ro.db)
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
	key, _, err := commonFresh(ctx, ro.db)
	if err != nil {
		t.Fatal(err)
	}
	if keys, _ := column[string](ctx, s.db, `SELECT key FROM common_keys`); !reflect.DeepEqual(keys, []string{groupsKey(key, 2, DefaultThreshold())}) {
		t.Errorf("groups kept for %q, want %q", keys, groupsKey(key, 2, DefaultThreshold()))
	}
	again, err := ro.Common(ctx, 2, DefaultThreshold())
	if err != nil || !reflect.DeepEqual(again, first) {
		t.Errorf("from the kept groups: %v, %v; computed: %v", again, err, first)
	}
	// Groups for three partners are kept beside them, and leave them as
	// they were, read or not.
	l, err := ro.CommonOf(ctx, 2, DefaultThreshold())
	if err != nil || l.keyID == 0 {
		t.Fatalf("CommonOf: key %v, %v", l, err)
	}
	if _, err := ro.Common(ctx, 3, DefaultThreshold()); err != nil {
		t.Fatal(err)
	}
	var read []CommonGroup
	if err := l.Each(ctx, func(g CommonGroup) error { read = append(read, g); return nil }); err != nil || !reflect.DeepEqual(read, first) {
		t.Errorf("read after those for three partners were kept: %v, %v; want %v", read, err, first)
	}
	if again, err := ro.Common(ctx, 2, DefaultThreshold()); err != nil || !reflect.DeepEqual(again, first) {
		t.Errorf("after those for three partners were kept: %v, %v; want %v", again, err, first)
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
	// Groups found before it are not read after it.
	if err := l.Each(ctx, func(CommonGroup) error { return nil }); err == nil {
		t.Error("groups found before a label were read after it")
	}
	after, err := ro.Common(ctx, 2, DefaultThreshold())
	if err != nil || !fresh() {
		t.Errorf("after a label: %v, fresh %v", err, fresh())
	}
	// What was kept after the label is what grouping gives without it,
	// and only it is kept.
	if keys, _ := column[string](ctx, s.db, `SELECT key FROM common_keys`); len(keys) != 1 {
		t.Errorf("groups kept after a label: %q", keys)
	}
	forgetGroups(t, s)
	if regrouped, err := ro.Common(ctx, 2, DefaultThreshold()); err != nil || !reflect.DeepEqual(after, regrouped) {
		t.Errorf("after a label, kept %v, grouped again %v (%v)", after, regrouped, err)
	}
}

// TestCommonOfGroupByGroup finds, group by group from what it knows of
// each commitment, the groups that reading every commitment whole and
// grouping them gives, over a corpus of many partners: when it finds
// them, when it reads them kept, and when they could not be kept.
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
		edges, _, _, err := s.commonEdges(ctx, DefaultThreshold())
		if err != nil {
			t.Fatal(err)
		}
		joined := componentsByMaps(edges)
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
		whole := figures.CommonGroups(groups, func(c Commitment) figures.Facts {
			return figures.Facts{Date: c.Date, Year: c.Year, Parties: c.Parties, Domain: c.Domain}
		}, minPartners)
		if len(whole) == 0 {
			t.Fatalf("min %d partners: no group to compare", minPartners)
		}
		var want []CommonGroup
		for _, g := range whole {
			var cs []CommonCommitment
			for _, c := range g.Commitments {
				cs = append(cs, CommonCommitment{ID: c.ID, StatementID: c.StatementID, Date: c.Date, Parties: c.Parties, Text: c.Text})
			}
			want = append(want, CommonGroup{Party: g.Party, Partners: g.Partners, Domain: g.Domain, Years: g.Years, Commitments: cs})
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("min %d partners: %d groups, want %d (or they differ)", minPartners, len(got), len(want))
		}
		// Read from the groups kept, in batches of a few commitments, the same.
		each := func(l *CommonList) []CommonGroup {
			t.Helper()
			l.perBatch = 7
			var out []CommonGroup
			if err := l.Each(ctx, func(g CommonGroup) error { out = append(out, g); return nil }); err != nil {
				t.Fatal(err)
			}
			return out
		}
		l, err := s.CommonOf(ctx, minPartners, DefaultThreshold())
		if err != nil || l.keyID == 0 {
			t.Fatalf("min %d partners: %v, %v", minPartners, l, err)
		}
		if kept := each(l); !reflect.DeepEqual(kept, want) {
			t.Errorf("min %d partners, kept: %d groups, want %d (or they differ)", minPartners, len(kept), len(want))
		}
		// Found again and read where they could not be kept, the same.
		forgetGroups(t, s)
		if l, err = s.CommonOf(ctx, minPartners, DefaultThreshold()); err != nil {
			t.Fatal(err)
		}
		l.keyID = 0
		if held := each(l); !reflect.DeepEqual(held, want) {
			t.Errorf("min %d partners, not kept: %d groups, want %d (or they differ)", minPartners, len(held), len(want))
		}
	}
}

// forgetGroups deletes the kept groups, so that the next CommonOf finds
// them anew.
func forgetGroups(t *testing.T, s *Store) {
	t.Helper()
	for _, table := range []string{"common_keys", "common_groups", "common_members"} {
		if _, err := s.db.Exec(`DELETE FROM ` + table); err != nil {
			t.Fatal(err)
		}
	}
}

// TestComponents groups ids: as written out, and as componentsByMaps does.
func TestComponents(t *testing.T) {
	groups := func(edges [][2]int64) [][]int64 {
		j := components(edges)
		got := make([][]int64, j.n)
		for i, id := range j.ids {
			if g := j.group[i]; g >= 0 {
				got[g] = append(got[g], id)
			}
		}
		return got
	}
	for _, tt := range []struct {
		name  string
		edges [][2]int64
		want  [][]int64
	}{
		{"none", nil, [][]int64{}},
		{"a pair", [][2]int64{{7, 3}}, [][]int64{{3, 7}}},
		{"pairs joined through one another", [][2]int64{{1, 5}, {9, 5}, {9, 1}, {2, 4}}, [][]int64{{1, 5, 9}, {2, 4}}},
		{"each id to its best match, both ways", [][2]int64{{8, 6}, {6, 8}, {3, 6}}, [][]int64{{3, 6, 8}}},
	} {
		if got := groups(tt.edges); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	for _, edges := range [][][2]int64{
		{{1, 2}},
		{{5, 3}, {3, 9}, {20, 21}, {9, 5}, {7, 7}},
		{{100, 1}, {2, 100}, {50, 60}, {60, 2}, {8, 9}, {9, 10}, {10, 8}, {11, 12}},
	} {
		if got, want := groups(edges), componentsByMaps(edges); !reflect.DeepEqual(got, want) {
			t.Errorf("components(%v) = %v, want %v", edges, got, want)
		}
	}
}

// componentsByMaps is components as it was first written, with a map of
// every id: what components must still give. It returns the groups of ids
// that edges join, directly or
// through others, each of two ids or more: each group's ids in order, the
// groups in the order of their first ids.
func componentsByMaps(edges [][2]int64) [][]int64 {
	// Union-find: each id joins the id it is paired with.
	parent := map[int64]int64{}
	find := func(i int64) int64 {
		if _, ok := parent[i]; !ok {
			parent[i] = i
		}
		r := i
		for parent[r] != r {
			r = parent[r]
		}
		for parent[i] != r {
			parent[i], i = r, parent[i]
		}
		return r
	}
	for _, e := range edges {
		if ra, rb := find(e[0]), find(e[1]); ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	members := map[int64][]int64{}
	for id := range parent {
		r := find(id)
		members[r] = append(members[r], id)
	}
	var out [][]int64
	for _, m := range members {
		if len(m) > 1 {
			slices.Sort(m)
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b []int64) int { return cmp.Compare(a[0], b[0]) })
	return out
}

// TestComputeCommonIsAcross finds each commitment's match a chunk at a
// time (computeCommon) as link.Across finds it from every commitment at
// once, to the last bit.
func TestComputeCommonIsAcross(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	paths, err := gencorpus.Write(t.TempDir(), 5, 0, 300)
	if err != nil {
		t.Fatal(err)
	}
	ingest(t, s, append(paths, writeKazakh(t))...)
	// Both kinds of commitment are matched: those that can be a match,
	// held prepared, and the others.
	x, err := link.NewCrossIndex()
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	if err := crossItems(ctx, s.db, func(it link.Item) error {
		ids = append(ids, it.ID)
		return x.Add(it)
	}); err != nil {
		t.Fatal(err)
	}
	if n := len(x.Wanted(ids)); n == 0 || n == len(ids) {
		t.Fatalf("%d of %d commitments can be a match", n, len(ids))
	} else {
		t.Logf("%d of %d commitments can be a match", n, len(ids))
	}
	var key string
	got, err := s.computeCommon(ctx, &key)
	if err != nil {
		t.Fatal(err)
	}
	items, err := linkItems(ctx, s.db, false, "", true)
	if err != nil {
		t.Fatal(err)
	}
	var want []commonMatch
	for id, m := range link.Across(items) {
		if m.ID != 0 {
			want = append(want, commonMatch{id, m.ID, m.Similarity})
		}
	}
	slices.SortFunc(want, func(a, b commonMatch) int { return cmp.Compare(a.id, b.id) })
	if len(want) == 0 {
		t.Fatal("no match to compare")
	}
	if !reflect.DeepEqual(got, want) {
		diff := 0
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				if diff++; diff < 5 {
					t.Errorf("%v, want %v", got[i], want[i])
				}
			}
		}
		t.Errorf("%d matches, want %d; %d differ", len(got), len(want), diff)
	}
}

// TestCommonSharedParties finds what two parties promise together to
// several others (China and Russia in statements with a third state
// each): each commitment is in the group of each, kept or not.
func TestCommonSharedParties(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	var paths []string
	for k, third := range []string{"蒙古国", "哈萨克斯坦共和国", "印度共和国"} {
		text := fmt.Sprintf("中华人民共和国、俄罗斯联邦和%[1]s联合声明\n\n2020年3月%[2]d日，中华人民共和国、俄罗斯联邦和%[1]s领导人举行会晤，声明如下：\n\n"+
			"三方将共同建设跨境光缆，提升区域网络互联水平。\n\n三方同意联合开展沙尘暴监测预警合作。\n", third, 10+k)
		p := filepath.Join(t.TempDir(), fmt.Sprintf("tri%d.txt", k))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	ingest(t, s, paths...)
	check := func(what string, groups []CommonGroup) {
		t.Helper()
		by := map[string][][]int64{}
		for _, g := range groups {
			var ids []int64
			for _, c := range g.Commitments {
				ids = append(ids, c.ID)
			}
			by[g.Party] = append(by[g.Party], ids)
		}
		if len(by["中国"]) == 0 || !reflect.DeepEqual(by["中国"], by["俄罗斯"]) {
			t.Errorf("%s: China's groups %v, Russia's %v; want the same, at least one", what, by["中国"], by["俄罗斯"])
		}
	}
	found, err := s.Common(ctx, 2, DefaultThreshold())
	if err != nil {
		t.Fatal(err)
	}
	check("found", found)
	kept, err := s.Common(ctx, 2, DefaultThreshold())
	if err != nil || !reflect.DeepEqual(kept, found) {
		t.Errorf("kept: %v (%v), found: %v", kept, err, found)
	}
	forgetGroups(t, s)
	l, err := s.CommonOf(ctx, 2, DefaultThreshold())
	if err != nil {
		t.Fatal(err)
	}
	l.keyID = 0
	var held []CommonGroup
	if err := l.Each(ctx, func(g CommonGroup) error { held = append(held, g); return nil }); err != nil || !reflect.DeepEqual(held, found) {
		t.Errorf("not kept: %v (%v), found: %v", held, err, found)
	}
}

// TestCannotWrite tells the errors of a database that cannot be written,
// as SQLite gives them and as Store.tx gives them (through explain), from
// the others.
func TestCannotWrite(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{sqlite3.Error{Code: sqlite3.ErrReadonly}, true},
		{explain(sqlite3.Error{Code: sqlite3.ErrReadonly}), true},
		{explain(sqlite3.Error{Code: sqlite3.ErrCantOpen}), true},
		{fmt.Errorf("keeping: %w", sqlite3.Error{Code: sqlite3.ErrBusy}), true},
		{explain(sqlite3.Error{Code: sqlite3.ErrFull}), false},
		{sqlite3.Error{Code: sqlite3.ErrConstraint}, false},
		{errors.New("something else"), false},
	} {
		if got := cannotWrite(tt.err); got != tt.want {
			t.Errorf("cannotWrite(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
