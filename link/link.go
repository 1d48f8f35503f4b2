// Package link tells recurring commitments from new ones (GUIDE §4): for
// each commitment, the commitment of an earlier statement between the same
// parties most likely to hold the same action on the same object, and
// whether that is likely enough. The earlier commitments most like it by
// the cosine of their words, each word weighed as in a fixed reference
// corpus (see Model), are its candidates; a logistic model over features
// of each pair (features.go) gives the chance that the two are one
// commitment made again. It is plain computation over the commitments it
// is given: the database reads and writes them (package track).
package link

import (
	"cmp"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync"
)

// DefaultThreshold is the chance at or above which a commitment recurs
// from its likeliest earlier match: the default model's (see Model).
func DefaultThreshold() float64 {
	m, err := DefaultModel()
	if err != nil {
		return 0.5
	}
	return m.Threshold
}

// limits bound the work per commitment, which keeps linking linear in the
// size of the corpus: a commitment looks for earlier ones through at most
// rareWords of its rarest words, and through each at most postingsPerWord of
// the most recent earlier commitments that hold it; of those, the
// topCandidates with the most weight in common are compared in full.
type limits struct {
	rareWords, postingsPerWord, topCandidates int
}

var defaultLimits = limits{rareWords: 32, postingsPerWord: 16, topCandidates: 16}

// candidatesPerItem is how many of a commitment's candidates, the most
// alike by cosine, the model weighs.
const candidatesPerItem = 8

// posting is a commitment that holds a word, and the word's weight there.
type posting struct {
	item   int32
	weight float64
}

// Item is a commitment as the linker sees it.
type Item struct {
	ID        int64
	Group     string // commitments link only within a group: the same parties
	Date      string // YYYY-MM-DD, "" when unknown
	Year      int
	Order     string // date, statement fingerprint, ordinal (OrderOf): an order that ids do not decide
	Domain    string
	Sentences [][]string // the words of each sentence
	// Decision is a person's judgement of what the commitment repeats, nil
	// when nobody judged it: the linker keeps it over what similarity says.
	Decision *Decision
}

// Decision is a person's judgement of a commitment's link.
type Decision struct {
	// Previous is the earlier commitment it repeats; 0 says it is new, not
	// a repetition.
	Previous int64
}

// Link is what the linker decides for one commitment.
type Link struct {
	Previous   int64 // the best match in an earlier statement, 0 when none
	Similarity float64
	Recurring  bool
	FirstYear  int  // the year its thread began, 0 when its date is unknown
	Person     bool // a person decided it (Item.Decision)
}

// weighted is one word of a vector, by its id in a corpus.
type weighted struct {
	word   int32
	weight float64
}

// vector is a normalised vector of weighted words, sorted by word.
type vector []weighted

// All finds, for each commitment, its likeliest match in a statement
// dated earlier, with the default model (see Model.All).
func All(items []Item, threshold float64) map[int64]Link {
	m, err := DefaultModel()
	if err != nil {
		panic(err) // the built-in model is checked by go test ./link
	}
	return m.All(items, threshold)
}

// All finds, for each commitment, the commitment of a statement dated
// earlier that is likeliest to be the same action on the same object, and
// calls it recurring when the chance reaches threshold. A recurring
// commitment's thread began when its match's did; a new one's, in its own
// year. Commitments of undated statements neither link nor are linked to.
// Commitments link only within their Group; since the words weigh what
// the model says, whatever else a database holds, a commitment's link
// depends only on the commitments of its group dated earlier. The result
// depends only on the set of items, not on their order; the groups, and
// the commitments of a large one, are linked on every core.
func (m *Model) All(items []Item, threshold float64) map[int64]Link {
	groups := map[string][]Item{}
	for _, it := range items {
		groups[it.Group] = append(groups[it.Group], it)
	}
	out := make(map[int64]Link, len(items))
	var mu sync.Mutex
	parallel(len(groups), func(next func() (int, bool)) {
		keys := slices.Sorted(maps.Keys(groups))
		for {
			k, ok := next()
			if !ok {
				return
			}
			ls := m.linkWithin(groups[keys[k]], threshold, defaultLimits)
			mu.Lock()
			maps.Copy(out, ls)
			mu.Unlock()
		}
	})
	return out
}

// parallel runs work on every core, or on one when there are fewer than
// two tasks: each worker takes task numbers from next until it reports
// false.
func parallel(tasks int, work func(next func() (int, bool))) {
	var mu sync.Mutex
	k := 0
	next := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if k >= tasks {
			return 0, false
		}
		k++
		return k - 1, true
	}
	workers := min(runtime.GOMAXPROCS(0), tasks)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() { work(next) })
	}
	wg.Wait()
}

// chunk is how many commitments a worker takes at a time.
const chunk = 256

// each calls fn with every item's index, on every core, a chunk at a
// time, each worker with a scratch of its own.
func (c *corpus) each(fn func(i int, sc *scratch)) {
	parallel((len(c.items)+chunk-1)/chunk, func(next func() (int, bool)) {
		sc := c.newScratch()
		for {
			k, ok := next()
			if !ok {
				return
			}
			for i := k * chunk; i < min(len(c.items), (k+1)*chunk); i++ {
				fn(i, sc)
			}
		}
	})
}

// dated is the eligibility of an earlier commitment in a group: it has a
// date.
func (c *corpus) dated(j int32) bool { return c.items[j].Date != "" }

// starts returns, for each item, the index of the first item of its date:
// a commitment links only to those before it.
func (c *corpus) starts() []int32 {
	start := make([]int32, len(c.items))
	for i := range c.items {
		if i > 0 && c.items[i].Date == c.items[i-1].Date {
			start[i] = start[i-1]
		} else {
			start[i] = int32(i)
		}
	}
	return start
}

func (m *Model) linkWithin(items []Item, threshold float64, lim limits) map[int64]Link {
	return m.update(items, nil, nil, threshold, lim)
}

// Update links a group's items as All does, given the links stored for
// them, which All made before the items seeds were added, relabelled or
// decided by a person: it weighs again only the seeds and the commitments
// whose candidates they can change, and keeps the stored links of the
// rest, so that adding a statement costs what the statement touches, not
// what the group holds. The years threads began are followed again for
// all. The result is what All gives on the items now (go test ./link -run
// Update checks it): the chance of a pair depends on the pair and the
// later one's candidates alone, and only a seed can enter a commitment's
// candidates (see affected); a commitment a person decided repeats a seed
// is weighed again too, since the chance of that pair may have changed.
// Touched and Reweigh do the same from a part of the group.
func (m *Model) Update(items []Item, stored map[int64]Link, seeds []int64, threshold float64) map[int64]Link {
	return m.update(items, stored, seeds, threshold, defaultLimits)
}

func (m *Model) update(items []Item, stored map[int64]Link, seeds []int64, threshold float64, lim limits) map[int64]Link {
	c := m.newCorpus(items, stored == nil) // afresh, every item is weighed
	items = c.items
	start := c.starts()
	index := make(map[int64]int32, len(items))
	for i, it := range items {
		index[it.ID] = int32(i)
	}
	var todo []int32 // the items to weigh again
	if stored == nil {
		todo = make([]int32, len(items))
		for i := range todo {
			todo[i] = int32(i)
		}
	} else {
		todo = c.touched(seeds, index, start, lim)
	}
	best, chance := c.weighAll(todo, start, lim)
	weigh := make([]bool, len(items))
	for _, i := range todo {
		weigh[i] = true
	}
	// Threads follow matches back in time, so this pass goes in order.
	out := make(map[int64]Link, len(items))
	firstYear := make([]int, len(items))
	sc := c.newScratch()
	for i, it := range items {
		if it.Date == "" {
			out[it.ID] = Link{}
			continue
		}
		var l Link
		if weigh[i] {
			l = c.weighed(int32(i), best[i], chance[i], index, start, threshold, lim, sc)
		} else {
			l = stored[it.ID]
			l.FirstYear = 0
		}
		l.FirstYear = it.Year
		if l.Recurring {
			if b, ok := index[l.Previous]; ok && b < int32(i) {
				l.FirstYear = firstYear[b]
			}
		}
		firstYear[i] = l.FirstYear
		out[it.ID] = l
	}
	return out
}

// touched returns, in order, the items the items seeds (by id) touch:
// those whose candidates they can change (affected), and those a person
// decided repeat one of them, whose chance of repeating it is weighed
// again when its label changed.
func (c *corpus) touched(seeds []int64, index map[int64]int32, start []int32, lim limits) []int32 {
	var from []int32
	seed := make(map[int64]bool, len(seeds))
	for _, id := range seeds {
		if i, ok := index[id]; ok {
			from = append(from, i)
			seed[id] = true
		}
	}
	todo := c.affected(from, start, lim)
	for i, it := range c.items {
		if d := it.Decision; d != nil && seed[d.Previous] {
			if k, found := slices.BinarySearch(todo, int32(i)); !found {
				todo = slices.Insert(todo, k, int32(i))
			}
		}
	}
	return todo
}

// weighAll finds the likeliest earlier match of each item of todo, and
// its chance, on every core: best is -1 where there is none, or where
// the item is undated, or not in todo.
func (c *corpus) weighAll(todo, start []int32, lim limits) (best []int32, chance []float64) {
	best = make([]int32, len(c.items))
	chance = make([]float64, len(c.items))
	parallel((len(todo)+chunk-1)/chunk, func(next func() (int, bool)) {
		sc := c.newScratch()
		for {
			k, ok := next()
			if !ok {
				return
			}
			for _, i := range todo[k*chunk : min(len(todo), (k+1)*chunk)] {
				best[i] = -1
				if c.items[i].Date != "" {
					best[i], chance[i] = c.best(i, start[i], c.dated, lim, sc)
				}
			}
		}
	})
	return best, chance
}

// weighed is the link of dated item i weighed again, whose likeliest
// match is best (-1: none) with chance, before the year its thread began
// is known: a person's decision stands over the model's, where it can.
func (c *corpus) weighed(i, best int32, chance float64, index map[int64]int32, start []int32, threshold float64, lim limits, sc *scratch) Link {
	var l Link
	if best >= 0 {
		l = Link{Previous: c.items[best].ID, Similarity: chance, Recurring: chance >= threshold}
	}
	if d := c.items[i].Decision; d != nil {
		// One for a commitment the group does not hold now, or not
		// earlier (the parties or the dates changed since), is kept
		// aside, and the model decides meanwhile.
		if d.Previous == 0 {
			l = Link{Person: true}
		} else if b, ok := index[d.Previous]; ok && b < start[i] && c.items[b].Date != "" {
			l = Link{Previous: d.Previous, Similarity: c.chanceOf(i, b, start[i], c.dated, lim, sc), Recurring: true, Person: true}
		}
	}
	return l
}

// affected returns, in order, the items whose links the items from may
// change: themselves, and each later item that holds a word of one of
// them and would find it among the most recent earlier holders of that
// word it looks through (see candidates). Nothing else can enter a
// commitment's candidates, or change how a candidate weighs.
func (c *corpus) affected(from, start []int32, lim limits) []int32 {
	mark := make([]bool, len(c.items))
	for _, n := range from {
		mark[n] = true
		for _, w := range c.whole[n] {
			p := c.postings[w.word]
			k, _ := slices.BinarySearchFunc(p, n, func(e posting, t int32) int { return cmp.Compare(e.item, t) })
			for _, e := range p[k+1:] {
				a := e.item
				if start[a] <= n {
					continue // the same date as n: n is not earlier
				}
				// The holders of the word before a's date, after n.
				before, _ := slices.BinarySearchFunc(p, start[a], func(e posting, t int32) int { return cmp.Compare(e.item, t) })
				if before-k-1 >= lim.postingsPerWord {
					break // n has left the window of a, and of every later one
				}
				mark[a] = true
			}
		}
	}
	var out []int32
	for i, m := range mark {
		if m {
			out = append(out, int32(i))
		}
	}
	return out
}

// Nearest returns the k earlier commitments of its group likeliest to be
// what commitment id repeats, likeliest first, with the default model: the
// candidates a person chooses from. It is empty when id is undated or not
// among items.
func Nearest(items []Item, id int64, k int) []Match {
	m, err := DefaultModel()
	if err != nil {
		return nil
	}
	var group []Item
	for _, it := range items {
		if it.ID == id {
			for _, g := range items {
				if g.Group == it.Group {
					group = append(group, g)
				}
			}
			break
		}
	}
	c := m.newCorpus(group, false)
	i := slices.IndexFunc(c.items, func(it Item) bool { return it.ID == id })
	if i < 0 || c.items[i].Date == "" {
		return nil
	}
	before := c.starts()[i]
	lim := defaultLimits
	lim.topCandidates = max(lim.topCandidates, k)
	sc := c.newScratch()
	var out []Match
	for _, s := range c.scored(int32(i), before, c.dated, lim, max(k, candidatesPerItem), sc) {
		out = append(out, Match{c.items[s.j].ID, s.chance})
	}
	slices.SortStableFunc(out, func(a, b Match) int { return cmp.Compare(b.Similarity, a.Similarity) })
	return out[:min(k, len(out))]
}

// Match is a commitment's likeliest match of another group.
type Match struct {
	ID         int64 // 0 when there is none
	Similarity float64
}

// Across finds, for each commitment of a group, its likeliest match, of
// any date, among those of other groups, with the default model: what one
// party promises different partners. Commitments without a group take no
// part.
func Across(items []Item) map[int64]Match {
	m, err := DefaultModel()
	if err != nil {
		return nil
	}
	c := m.newCorpus(items, true)
	items = c.items
	best := make([]Match, len(items))
	c.each(func(i int, sc *scratch) {
		if items[i].Group == "" {
			return
		}
		j, s := c.best(int32(i), int32(len(items)), func(j int32) bool {
			return items[j].Group != "" && items[j].Group != items[i].Group
		}, defaultLimits, sc)
		if j >= 0 {
			best[i] = Match{items[j].ID, s}
		}
	})
	out := make(map[int64]Match, len(items))
	for i, it := range items {
		if it.Group != "" {
			out[it.ID] = best[i]
		}
	}
	return out
}

// Exhaustive links as All does, but with every earlier commitment a
// candidate for the full search of its best ones, instead of those a
// bounded number of its rarest words lead to. It takes time that grows
// with the square of the commitments: it is the reference that tests
// check All's bounded search against.
func (m *Model) Exhaustive(items []Item, threshold float64) map[int64]Link {
	groups := map[string][]Item{}
	for _, it := range items {
		groups[it.Group] = append(groups[it.Group], it)
	}
	out := map[int64]Link{}
	for _, g := range groups {
		maps.Copy(out, m.linkWithin(g, threshold, limits{1 << 20, 1 << 20, 1 << 20}))
	}
	return out
}

// OrderOf is the Order of a commitment: its statement's date and
// fingerprint, and its place in the statement. Items made anywhere (a
// group read whole, or the part of one a change touches) must sort alike
// for their links to be the same.
func OrderOf(date, fingerprint string, ordinal int) string {
	return fmt.Sprintf("%s %s %06d", date, fingerprint, ordinal)
}
