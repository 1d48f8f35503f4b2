package link

import (
	"cmp"
	"slices"
)

// Sketch is a commitment as Touched sees it: its id, date, the words of
// its words that linking counts (Words: what the tails hold) and a
// person's decision, without what weighing it needs. SketchOf makes one.
type Sketch struct {
	ID       int64
	Date     string
	Words    []string
	Decision *Decision
}

// SketchOf sketches a commitment of words (of every sentence, in turn):
// the words linking counts are picked once, not by each reader of the
// sketch (Touched may read a group's sketches several times as it reads
// further back).
func SketchOf(id int64, date string, words []string, d *Decision) Sketch {
	return Sketch{ID: id, Date: date, Words: Words(words), Decision: d}
}

// Touched finds what Update would weigh again, given the commitments of a
// group sketched in the order of their Items' Order, and seeds: the ids
// of the commitments it weighs again (weigh), and of those whose items
// Reweigh needs to weigh them as Update would (need, weigh among them):
// through each word of each one, the earlier commitments that hold it as
// far back as candidates looks, and the commitment a person decided it
// repeats. A change that leaves the words of its commitments as they
// were (a label, a decision) then costs what it touches, and the rest of
// the group need not be read whole: only its words.
//
// The group may be given from a date on, every commitment of that date
// and later ones, when the seeds, and the commitments a person decided
// repeat one of them, are among them: earlier says that weighing needs
// what came before, and Touched must be given more of the group.
func (m *Model) Touched(group []Sketch, seeds []int64) (weigh, need []int64, earlier bool) {
	lim := defaultLimits
	c := &corpus{model: m, items: make([]Item, len(group)), ids: map[string]int32{}}
	n := 0
	for _, s := range group {
		n += len(s.Words)
	}
	// Only the words' ids and the order of their holders matter here, not
	// their weights: one array holds every commitment's words, and one
	// every word's holders.
	flat := make([]weighted, 0, n)
	c.whole = make([]vector, len(group))
	var holders []int
	// Of the ids, only the seeds' and those persons' decisions name are
	// looked up.
	wanted := make(map[int64]bool, len(seeds))
	for _, id := range seeds {
		wanted[id] = true
	}
	for _, s := range group {
		if s.Decision != nil {
			wanted[s.Decision.Previous] = true
		}
	}
	index := make(map[int64]int32, len(wanted))
	for i, s := range group {
		c.items[i] = Item{ID: s.ID, Date: s.Date, Decision: s.Decision}
		if wanted[s.ID] {
			index[s.ID] = int32(i)
		}
		from := len(flat)
		for _, w := range s.Words { // as newCorpus weighs them, and the tails hold
			id, ok := c.ids[w]
			if !ok {
				id = int32(len(c.words))
				c.words = append(c.words, w)
				holders = append(holders, 0)
				c.ids[w] = id
			}
			flat = append(flat, weighted{word: id})
			holders[id]++
		}
		c.whole[i] = flat[from:len(flat):len(flat)]
	}
	all := make([]posting, 0, len(flat))
	c.postings = make([][]posting, len(c.words))
	for w, k := range holders {
		c.postings[w] = all[len(all) : len(all) : len(all)+k]
		all = all[:len(all)+k]
	}
	for i, v := range c.whole {
		for _, w := range v {
			c.postings[w.word] = append(c.postings[w.word], posting{item: int32(i)})
		}
	}
	start := c.starts()
	todo := c.touched(seeds, index, start, lim)
	needed := make([]bool, len(group))
	for _, i := range todo {
		needed[i] = true
		it := c.items[i]
		if it.Date == "" {
			continue // neither links nor is linked to
		}
		for _, w := range c.whole[i] {
			// What candidates looks through: the most recent holders of
			// the word before i's date (and so whether any holds it).
			p := c.postings[w.word]
			end, _ := slices.BinarySearchFunc(p, start[i], func(e posting, t int32) int { return cmp.Compare(e.item, t) })
			for _, e := range p[max(0, end-lim.postingsPerWord):end] {
				needed[e.item] = true
			}
			// Fewer than it looks through: more may hold it before.
			earlier = earlier || end < lim.postingsPerWord
		}
		if d := it.Decision; d != nil && d.Previous != 0 {
			if b, ok := index[d.Previous]; ok {
				needed[b] = true
			} else {
				earlier = true
			}
		}
	}
	for _, i := range todo {
		weigh = append(weigh, c.items[i].ID)
	}
	for i, ok := range needed {
		if ok {
			need = append(need, c.items[i].ID)
		}
	}
	return weigh, need, earlier
}

// Reweigh weighs again the items of ids weigh, as Update would, given
// items that hold them and those Touched says they need (or more of
// their group): their links, but for the year each thread began, which
// follows links back through the whole group and is left 0. A commitment
// of an undated statement gets the zero Link.
func (m *Model) Reweigh(items []Item, weigh []int64, threshold float64) map[int64]Link {
	lim := defaultLimits
	c := m.newCorpus(items, false)
	start := c.starts()
	index := make(map[int64]int32, len(c.items))
	for i, it := range c.items {
		index[it.ID] = int32(i)
	}
	var todo []int32
	for _, id := range weigh {
		if i, ok := index[id]; ok {
			todo = append(todo, i)
		}
	}
	slices.Sort(todo)
	best, chance := c.weighAll(todo, start, lim)
	out := make(map[int64]Link, len(todo))
	sc := c.newScratch()
	for _, i := range todo {
		if c.items[i].Date == "" {
			out[c.items[i].ID] = Link{}
			continue
		}
		out[c.items[i].ID] = c.weighed(i, best[i], chance[i], index, start, threshold, lim, sc)
	}
	return out
}
