package link

import (
	"cmp"
	"slices"
	"sync"
)

// corpus holds the commitments of a set, each one's vector of words, and
// an index of which commitments hold each word. The rest of what the
// features need of a commitment (prepared) is made the first time a pair
// of it is weighed: an update weighs a few commitments of a large group,
// and needs only the vectors of the others to find them. Several
// goroutines may search it, each with its own scratch.
type corpus struct {
	model     *Model
	items     []Item // in order
	ids       map[string]int32
	words     []string // by id
	whole     []vector // each item's words, normalised
	prep      []*prepared
	once      []sync.Once  // makes prep[i] once
	sentences [][][]string // each item's words, until prep[i] is made
	postings  [][]posting  // per word id, in the order of the items
}

// detail returns what the features need of item i, made on first use.
func (c *corpus) detail(i int32) *prepared {
	c.once[i].Do(func() {
		p := c.prepare(c.sentences[i], c.whole[i])
		c.prep[i], c.sentences[i] = &p, nil
	})
	return c.prep[i]
}

// scratch is one searcher's working memory.
type scratch struct {
	partial      []float64
	touched, top []int32
	cands        []scoredCandidate
	x            [nFeatures]float64 // for chanceOf
}

func (c *corpus) newScratch() *scratch { return &scratch{partial: make([]float64, len(c.items))} }

// id returns the id of a word of the corpus's vocabulary.
func (c *corpus) id(w string) int32 { return c.ids[w] }

// newCorpus makes the corpus of items. Unless every item is to be weighed
// (eager), what the features need of an item is made when first needed.
func (m *Model) newCorpus(items []Item, eager bool) *corpus {
	items = slices.Clone(items)
	slices.SortFunc(items, func(a, b Item) int { return cmp.Compare(a.Order, b.Order) })
	for i := range items {
		items[i].Sentences = uncited(items[i].Sentences)
	}
	c := &corpus{model: m, items: items, ids: map[string]int32{}}
	// Words get ids in the order of the words themselves, so that sums
	// over the words two commitments share run in the same order whatever
	// else the corpus holds: a pair's chance is the same to the last bit in
	// a group linked afresh and in one updated.
	for _, it := range items {
		for _, s := range it.Sentences {
			for _, w := range s {
				if _, ok := c.ids[w]; !ok && linkWord(w) {
					c.ids[w] = 0
					c.words = append(c.words, w)
				}
			}
		}
	}
	slices.Sort(c.words)
	for i, w := range c.words {
		c.ids[w] = int32(i)
	}
	c.whole = make([]vector, len(items))
	c.prep = make([]*prepared, len(items))
	c.once = make([]sync.Once, len(items))
	c.sentences = make([][][]string, len(items))
	c.postings = make([][]posting, len(c.words))
	for i, it := range items {
		c.whole[i] = c.vector(joinSentences(it.Sentences), 0)
		for _, w := range c.whole[i] {
			c.postings[w.word] = append(c.postings[w.word], posting{int32(i), w.weight})
		}
		// The items keep neither their words nor their order: over a
		// million commitments they are much of the memory (the caller's
		// copy of items goes with its call).
		c.sentences[i] = it.Sentences
		c.items[i].Sentences, c.items[i].Order = nil, ""
		if eager {
			c.detail(int32(i)) // and its words go at once
		}
	}
	return c
}

// scoredCandidate is an earlier commitment weighed in full: its cosine,
// its features and the model's chance.
type scoredCandidate struct {
	j      int32
	cos    float64
	x      [nFeatures]float64
	chance float64
}

// scored returns item i's candidates among the items before index before
// that eligible accepts, at most n, the most alike by cosine, each with
// its features and the model's chance (in sc.cands, valid until the next
// call).
func (c *corpus) scored(i, before int32, eligible func(int32) bool, lim limits, n int, sc *scratch) []scoredCandidate {
	out := sc.cands[:0]
	for _, j := range c.candidates(i, before, eligible, lim, sc) {
		out = append(out, scoredCandidate{j: j, cos: dot(c.whole[i], c.whole[j])})
	}
	slices.SortStableFunc(out, func(a, b scoredCandidate) int { return cmp.Or(cmp.Compare(b.cos, a.cos), cmp.Compare(a.j, b.j)) })
	out = out[:min(n, len(out))]
	close := 0
	for _, s := range out {
		if s.cos >= closeCosine {
			close++
		}
	}
	for r := range out {
		c.features(&out[r].x, i, out[r].j, out[r].cos, r, out[0].cos, close)
		out[r].chance = c.model.chance(&out[r].x)
	}
	sc.cands = out
	return out
}

// best returns item i's likeliest match among the items before index
// before that eligible accepts, and the chance; -1 when there is none.
func (c *corpus) best(i, before int32, eligible func(int32) bool, lim limits, sc *scratch) (int32, float64) {
	best, chance := int32(-1), 0.0
	for _, s := range c.scored(i, before, eligible, lim, candidatesPerItem, sc) {
		if s.chance > chance || s.chance == chance && best >= 0 && s.j < best {
			best, chance = s.j, s.chance
		}
	}
	return best, chance
}

// chanceOf is the model's chance that item i repeats item j: as a
// candidate of i where it is one, else as the last of them.
func (c *corpus) chanceOf(i, j, before int32, eligible func(int32) bool, lim limits, sc *scratch) float64 {
	cands := c.scored(i, before, eligible, lim, candidatesPerItem, sc)
	for _, s := range cands {
		if s.j == j {
			return s.chance
		}
	}
	cos := dot(c.whole[i], c.whole[j])
	best, close := cos, 0
	if len(cands) > 0 {
		best = max(best, cands[0].cos)
	}
	for _, s := range cands {
		if s.cos >= closeCosine {
			close++
		}
	}
	c.features(&sc.x, i, j, cos, len(cands), best, close)
	return c.model.chance(&sc.x)
}

// candidates returns the items scored compares item i with (in sc.top,
// valid until the next call): it accumulates partial dot products over
// i's weightiest words that such an item holds, through the most recent
// of those, and keeps the lim.topCandidates with the most.
func (c *corpus) candidates(i, before int32, eligible func(int32) bool, lim limits, sc *scratch) []int32 {
	rare := slices.DeleteFunc(slices.Clone(c.whole[i]), func(w weighted) bool { return c.postings[w.word][0].item >= before })
	slices.SortFunc(rare, func(a, b weighted) int {
		return cmp.Or(cmp.Compare(b.weight, a.weight), cmp.Compare(a.word, b.word))
	})
	sc.touched = sc.touched[:0]
	for _, w := range rare[:min(lim.rareWords, len(rare))] {
		p := c.postings[w.word]
		end, _ := slices.BinarySearchFunc(p, before, func(e posting, i int32) int { return cmp.Compare(e.item, i) })
		for _, e := range p[max(0, end-lim.postingsPerWord):end] {
			if e.item == i || !eligible(e.item) {
				continue
			}
			if sc.partial[e.item] == 0 {
				sc.touched = append(sc.touched, e.item)
			}
			sc.partial[e.item] += w.weight * e.weight
		}
	}
	top := topByPartial(sc.touched, sc.partial, lim.topCandidates, &sc.top)
	for _, j := range sc.touched {
		sc.partial[j] = 0
	}
	return top
}

// topByPartial returns the k candidates with the largest partial score,
// ties to the earlier item, in buf: a selection, not a sort of them all.
func topByPartial(cands []int32, partial []float64, k int, buf *[]int32) []int32 {
	better := func(a, b int32) bool { return partial[a] > partial[b] || partial[a] == partial[b] && a < b }
	top := (*buf)[:0]
	for _, c := range cands {
		if len(top) == k && !better(c, top[k-1]) {
			continue
		}
		if len(top) < k {
			top = append(top, c)
		} else {
			top[k-1] = c
		}
		for j := len(top) - 1; j > 0 && better(top[j], top[j-1]); j-- {
			top[j], top[j-1] = top[j-1], top[j]
		}
	}
	*buf = top
	return top
}

// dot is the cosine of two normalised sorted vectors.
func dot(a, b vector) float64 {
	var s float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].word < b[j].word:
			i++
		case a[i].word > b[j].word:
			j++
		default:
			s += a[i].weight * b[j].weight
			i++
			j++
		}
	}
	return s
}
