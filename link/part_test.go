package link

import (
	"cmp"
	"fmt"
	"slices"
	"testing"
)

// TestTouched checks that Reweigh, given only the items Touched says it
// needs, weighs the commitments a change touches as linking everything
// afresh does, to the last bit, that the links of the others are what
// they were (but for the years their threads began, which the caller
// follows), and that Update, given the same seeds, gives what All gives.
func TestTouched(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	base := synthetic(t, 3000, 11)
	for i := range base {
		base[i].Group = ""
	}
	// Two undated commitments, and a person's decision that commitment
	// 2000 repeats commitment 1500.
	for _, k := range []int{7, 1207} {
		base[k].Date, base[k].Year, base[k].Order = "", 0, fmt.Sprintf(" %08d", k)
	}
	base[1999].Decision = &Decision{Previous: 1500}
	byID := func(items []Item, id int64) *Item {
		return &items[slices.IndexFunc(items, func(it Item) bool { return it.ID == id })]
	}
	tests := []struct {
		name   string
		change func(items []Item) ([]Item, []int64) // the items after it, and its seeds
		// maxNeed bounds what Touched may say Reweigh needs, 0 unbounded.
		maxNeed int
	}{
		{"an early commitment relabelled", func(items []Item) ([]Item, []int64) {
			byID(items, 30).Domain = "culture"
			return items, []int64{30}
		}, 0},
		{"one in the middle relabelled", func(items []Item) ([]Item, []int64) {
			byID(items, 1601).Domain = "security"
			return items, []int64{1601}
		}, 0},
		{"the last relabelled", func(items []Item) ([]Item, []int64) {
			byID(items, 3000).Domain = "economy"
			return items, []int64{3000}
		}, 200},
		{"one a person decided another repeats relabelled", func(items []Item) ([]Item, []int64) {
			// Into the domain of the one that repeats it, or out of it:
			// the chance of that pair changes.
			if d := byID(items, 2000).Domain; byID(items, 1500).Domain != d {
				byID(items, 1500).Domain = d
			} else {
				byID(items, 1500).Domain = d + "-not"
			}
			return items, []int64{1500}
		}, 0},
		{"marked new by a person", func(items []Item) ([]Item, []int64) {
			byID(items, 2500).Decision = &Decision{}
			return items, []int64{2500}
		}, 0},
		{"decided to repeat an earlier one", func(items []Item) ([]Item, []int64) {
			byID(items, 2501).Decision = &Decision{Previous: 100}
			return items, []int64{2501}
		}, 0},
		{"a decision taken back", func(items []Item) ([]Item, []int64) {
			byID(items, 2000).Decision = nil
			return items, []int64{2000}
		}, 0},
		{"an undated one relabelled", func(items []Item) ([]Item, []int64) {
			byID(items, 8).Domain = "culture"
			return items, []int64{8}
		}, 0},
		{"several at once", func(items []Item) ([]Item, []int64) {
			byID(items, 300).Domain = "culture"
			byID(items, 301).Domain = "culture"
			byID(items, 2800).Decision = &Decision{}
			return items, []int64{300, 301, 2800}
		}, 0},
		{"a statement added", func(items []Item) ([]Item, []int64) {
			var seeds []int64
			for k := range 40 {
				it := items[1000+k]
				it.ID = int64(5000 + k)
				it.Order = it.Date + " z" + fmt.Sprint(k)
				items = append(items, it)
				seeds = append(seeds, it.ID)
			}
			return items, seeds
		}, 0},
	}
	before := m.All(base, 0.35)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := slices.Clone(base)
			items, seeds := tt.change(items)
			want := m.All(items, 0.35)
			if got := m.Update(items, before, seeds, 0.35); !mapsEqual(got, want) {
				t.Error("Update gives other links than All")
			}
			ordered := slices.SortedFunc(slices.Values(items), func(a, b Item) int { return cmp.Compare(a.Order, b.Order) })
			var group []Sketch
			for _, it := range ordered {
				group = append(group, SketchOf(it.ID, it.Date, joinSentences(it.Sentences), it.Decision))
			}
			weigh, need, _ := m.Touched(group, seeds)
			// From the date of the earliest seed on, and further back as
			// far as Touched says it needs, it finds the same.
			from := ""
			for _, it := range items {
				if slices.Contains(seeds, it.ID) || it.Decision != nil && slices.Contains(seeds, it.Decision.Previous) {
					if from == "" || it.Date < from {
						from = it.Date
					}
				}
			}
			first := slices.IndexFunc(group, func(s Sketch) bool { return s.Date >= from })
			steps := 0
			for {
				w, n, earlier := m.Touched(group[first:], seeds)
				if !earlier || first == 0 {
					if !slices.Equal(w, weigh) || !slices.Equal(n, need) {
						t.Errorf("from %s (after %d steps back): %d weighed, %d needed; from the first, %d and %d", group[first].Date, steps, len(w), len(n), len(weigh), len(need))
					}
					break
				}
				steps++
				first = max(0, first-max(40, len(group)-first))
				for first > 0 && group[first-1].Date == group[first].Date {
					first--
				}
			}
			if tt.maxNeed > 0 && len(need) > tt.maxNeed {
				t.Errorf("%d of %d commitments needed, want at most %d", len(need), len(items), tt.maxNeed)
			}
			var part []Item
			for _, id := range need {
				part = append(part, *byID(items, id))
			}
			got := m.Reweigh(part, weigh, 0.35)
			if len(got) != len(weigh) {
				t.Errorf("%d links for %d commitments weighed", len(got), len(weigh))
			}
			differ := 0
			for _, it := range items {
				w, g := want[it.ID], got[it.ID]
				if !slices.Contains(weigh, it.ID) {
					g = before[it.ID]
				}
				w.FirstYear, g.FirstYear = 0, 0
				if w != g {
					if differ++; differ <= 3 {
						t.Errorf("commitment %d (weighed again: %v): %+v, linked afresh %+v", it.ID, slices.Contains(weigh, it.ID), g, w)
					}
				}
			}
			if differ > 0 {
				t.Errorf("%d of %d links differ from linking afresh (%d weighed again, %d needed)", differ, len(items), len(weigh), len(need))
			}
		})
	}
}

func mapsEqual(a, b map[int64]Link) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
