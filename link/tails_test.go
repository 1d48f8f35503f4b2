package link

import (
	"cmp"
	"fmt"
	"slices"
	"testing"
)

// TestTouchedAfter checks that, for statements dated after all of a
// group, the group's tails say what Touched says weighing them needs,
// given the whole group, and that Reweigh given only that links them as
// linking everything does; and that the tails with them added are the
// tails of the group with them.
func TestTouchedAfter(t *testing.T) {
	if TailLength != defaultLimits.postingsPerWord {
		t.Fatalf("TailLength %d, candidates looks through %d", TailLength, defaultLimits.postingsPerWord)
	}
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	items := synthetic(t, 2000, 5)
	for i := range items {
		items[i].Group = ""
	}
	sketch := func(its []Item) []Sketch {
		its = slices.SortedFunc(slices.Values(its), func(a, b Item) int { return cmp.Compare(a.Order, b.Order) })
		var out []Sketch
		for _, it := range its {
			out = append(out, SketchOf(it.ID, it.Date, joinSentences(it.Sentences), it.Decision))
		}
		return out
	}
	// The last 120 commitments, of three dates, come after the rest; a
	// few repeat earlier ones word for word, as a later statement would.
	base, seeds := items[:1880], slices.Clone(items[1880:])
	for k := range seeds {
		if k%10 == 0 {
			seeds[k].Sentences = items[100*k/10].Sentences
		}
	}
	all := append(slices.Clone(base), seeds...)
	var ids []int64
	for _, s := range seeds {
		ids = append(ids, s.ID)
	}
	weigh, want, _ := m.Touched(sketch(all), ids)
	need, after, ok := TouchedAfter(sketch(seeds), Tails(sketch(base)))
	if !ok {
		t.Fatal("TouchedAfter cannot")
	}
	if !slices.Equal(need, sortedIDs(want)) {
		t.Errorf("TouchedAfter needs %d commitments, Touched %d", len(need), len(want))
	}
	if !slices.Equal(sortedIDs(weigh), ids) {
		t.Errorf("Touched weighs %d, not the %d added", len(weigh), len(ids))
	}
	if got, whole := fmt.Sprint(after), fmt.Sprint(Tails(sketch(all))); got != whole {
		t.Error("the tails with the commitments added are not the group's tails")
	}
	var part []Item
	for _, it := range all {
		if slices.Contains(need, it.ID) {
			part = append(part, it)
		}
	}
	got, full := m.Reweigh(part, ids, 0.35), m.All(all, 0.35)
	for _, id := range ids {
		g, f := got[id], full[id]
		g.FirstYear, f.FirstYear = 0, 0
		if g != f {
			t.Errorf("commitment %d: %+v from what the tails name, %+v from the group", id, g, f)
		}
	}
	// A seed that is undated, or whose link a person decided, needs the group.
	undated := sketch(seeds)
	undated[0].Date = ""
	if _, _, ok := TouchedAfter(undated, nil); ok {
		t.Error("TouchedAfter links an undated commitment")
	}
}

func sortedIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}
