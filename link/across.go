package link

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// CrossIndex finds what Across finds, in memory that grows with the
// commitments that can be anyone's match rather than with all of them.
// Across compares a commitment only with the most recent holders of its
// words in the whole set (as many a word as a commitment looks through),
// so only those are kept prepared; the others are prepared a chunk at a
// time, when their own matches are found. The items are given three times,
// from the same set: each to Add, in Order; those Wanted to Prepare; and
// those whose matches are asked for to Match, in chunks. The result is
// Across's to the last bit: the words get the ids Across gives them, and
// the candidates come in the same order.
type CrossIndex struct {
	model *Model
	last  string             // the Order of the item added last
	n     int32              // items added
	held  map[string][]int32 // each word's latest holders, by place in Order
	pool  map[int64]int32    // the ids of the holders, by place in c
	posts bool               // c.postings made
	size  int                // items in the pool
	c     *corpus
}

// NewCrossIndex returns an empty CrossIndex with the default model.
func NewCrossIndex() (*CrossIndex, error) {
	m, err := DefaultModel()
	if err != nil {
		return nil, fmt.Errorf("the default model: %w", err)
	}
	return &CrossIndex{model: m, held: map[string][]int32{}}, nil
}

// Add takes the next item of the set, in ascending Order; only its Order
// and Sentences count here.
func (x *CrossIndex) Add(it Item) error {
	if x.c != nil {
		return fmt.Errorf("an item added after Wanted")
	}
	if x.n > 0 && it.Order <= x.last {
		return fmt.Errorf("item %d out of order (%q after %q)", it.ID, it.Order, x.last)
	}
	x.last = it.Order
	seen := map[string]bool{}
	for _, w := range joinSentences(uncited(it.Sentences)) {
		if seen[w] || !linkWord(w) {
			continue
		}
		seen[w] = true
		h, ok := x.held[w]
		if !ok {
			w = strings.Clone(w) // not the whole text the word was cut from
		}
		if len(h) == defaultLimits.postingsPerWord {
			copy(h, h[1:])
			h[len(h)-1] = x.n
		} else {
			h = append(h, x.n)
		}
		x.held[w] = h
	}
	x.n++
	return nil
}

// freeze makes the pool of the latest holders of each word, which idOf
// names by the places in Order Add gave them.
func (x *CrossIndex) freeze(idOf func(place int32) int64) {
	if x.c != nil {
		return
	}
	var places []int32
	for _, h := range x.held {
		places = append(places, h...)
	}
	slices.Sort(places)
	places = slices.Compact(places)
	c := &corpus{model: x.model, ids: map[string]int32{}, words: slices.Sorted(maps.Keys(x.held))}
	for i, w := range c.words {
		c.ids[w] = int32(i)
	}
	x.pool = make(map[int64]int32, len(places))
	at := make(map[int32]int32, len(places))
	for k, p := range places {
		x.pool[idOf(p)] = int32(k)
		at[p] = int32(k)
	}
	// The holders become places in the pool, which keeps their order.
	for w, h := range x.held {
		for i, p := range h {
			h[i] = at[p]
		}
		x.held[w] = h
	}
	x.size = len(places)
	c.items = make([]Item, x.size)
	c.whole = make([]vector, x.size)
	c.prep = make([]*prepared, x.size)
	c.sentences = make([][][]string, x.size)
	x.c = c
}

// Wanted returns the ids of the items that can be a match, which Prepare
// must be given, once Add has taken every item; ids are the items' ids in
// the order they were added.
func (x *CrossIndex) Wanted(ids []int64) map[int64]int32 {
	x.freeze(func(p int32) int64 { return ids[p] })
	return x.pool
}

// Prepare takes an item Wanted names: its ID, Group, Domain and
// Sentences count.
func (x *CrossIndex) Prepare(it Item) error {
	k, ok := x.pool[it.ID]
	if !ok || x.c == nil {
		return fmt.Errorf("item %d is not wanted", it.ID)
	}
	c := x.c
	s := uncited(it.Sentences)
	c.items[k] = Item{ID: it.ID, Group: it.Group, Domain: it.Domain}
	c.whole[k] = c.vector(joinSentences(s), 0)
	p := c.prepare(s, c.whole[k])
	c.prep[k] = &p
	return nil
}

// postings makes each word's postings, from its holders' vectors.
func (x *CrossIndex) postings() {
	c := x.c
	c.postings = make([][]posting, len(c.words))
	for w, h := range x.held {
		id := c.ids[w]
		p := make([]posting, 0, len(h))
		for _, k := range h {
			v := c.whole[k]
			i, _ := slices.BinarySearchFunc(v, id, func(e weighted, t int32) int { return cmp.Compare(e.word, t) })
			p = append(p, posting{k, v[i].weight})
		}
		c.postings[id] = p
	}
	x.held = nil
	x.posts = true
}

// Match returns what Across finds for each of items (ID, Group, Domain
// and Sentences count), in their order, once every item Wanted names was
// prepared: the likeliest match among those of other groups, none for an
// item without a group.
func (x *CrossIndex) Match(items []Item) ([]Match, error) {
	if x.c == nil {
		return nil, fmt.Errorf("Match before Wanted")
	}
	if !x.posts {
		for _, p := range x.c.prep {
			if p == nil {
				return nil, fmt.Errorf("a wanted item was not prepared")
			}
		}
		x.postings()
	}
	c, P := x.c, x.size
	// The items not in the pool go after it: none of them is anyone's
	// candidate, so their places only have to be their own.
	place := make([]int32, len(items))
	extra := 0
	for n, it := range items {
		if k, ok := x.pool[it.ID]; ok {
			place[n] = k
			continue
		}
		place[n] = int32(P + extra)
		extra++
	}
	c.items, c.whole, c.prep, c.sentences = c.items[:P], c.whole[:P], c.prep[:P], c.sentences[:P]
	c.once = make([]sync.Once, P+extra) // the pool's are prepared: their Once is not asked
	for n, it := range items {
		if int(place[n]) < P {
			continue
		}
		s := uncited(it.Sentences)
		c.items = append(c.items, Item{ID: it.ID, Group: it.Group, Domain: it.Domain})
		c.whole = append(c.whole, c.vector(joinSentences(s), 0))
		c.prep = append(c.prep, nil)
		c.sentences = append(c.sentences, s)
	}
	for k := range P {
		c.once[k].Do(func() {}) // made by Prepare
	}
	out := make([]Match, len(items))
	before := int32(len(c.items))
	parallel((len(items)+chunk-1)/chunk, func(next func() (int, bool)) {
		sc := &scratch{partial: make([]float64, len(c.items))}
		for {
			k, ok := next()
			if !ok {
				return
			}
			for n := k * chunk; n < min(len(items), (k+1)*chunk); n++ {
				i := place[n]
				if c.items[i].Group == "" {
					continue
				}
				j, s := c.best(i, before, func(j int32) bool {
					return c.items[j].Group != "" && c.items[j].Group != c.items[i].Group
				}, defaultLimits, sc)
				if j >= 0 {
					out[n] = Match{c.items[j].ID, s}
				}
			}
		}
	})
	c.items, c.whole, c.prep, c.sentences = c.items[:P], c.whole[:P], c.prep[:P], c.sentences[:P]
	return out, nil
}
