// Package link tells recurring commitments from new ones (GUIDE §4): for
// each commitment, its most similar commitment in an earlier statement
// between the same parties, by TF-IDF cosine of their words, and whether
// that is close enough to be the same action on the same object. It is
// plain computation over the commitments it is given: the database reads
// and writes them (package track).
package link

import (
	"cmp"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"pledge/data"
)

// DefaultThreshold is the similarity at or above which a commitment recurs
// from its best earlier match. It was chosen on pairs of commitments
// labelled by hand in the seed statements (track/testdata/recurrence.tsv),
// in the middle of the range of thresholds where precision and recall both
// reach 0.8 (see the README).
const DefaultThreshold = 0.15

// otherDomain scales the similarity of two commitments the model put in
// different domains: the same action on the same object has one topic, so
// a match across domains needs more words in common.
const otherDomain = 0.5

// limits bound the work per commitment, which keeps linking linear in the
// size of the corpus: a commitment looks for earlier ones through at most
// rareWords of its rarest words, and through each at most postingsPerWord of
// the most recent earlier commitments that hold it; of those, the
// topCandidates with the most weight in common are compared in full.
type limits struct {
	rareWords, postingsPerWord, topCandidates int
}

var defaultLimits = limits{rareWords: 32, postingsPerWord: 16, topCandidates: 16}

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
	Order     string // date, statement fingerprint, ordinal: an order that ids do not decide
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

// weighted is one word of a TF-IDF vector.
type weighted struct {
	word   int32
	weight float64
}

// vector is a normalised TF-IDF vector, sorted by word.
type vector []weighted

// linkStop are words that say nothing about which earlier commitment a
// commitment repeats: the names of states, which every statement between
// them uses, and the words of citing a document (签署, 联合声明, dates).
var linkStop = sync.OnceValue(func() map[string]bool {
	stop := map[string]bool{}
	for _, w := range []string{"签署", "签订", "联合声明", "声明", "主席", "总统", "总理", "政府", "双方", "两国", "联邦", "共和国", "人民"} {
		stop[w] = true
	}
	for _, line := range data.Lines(data.States()) {
		fs := strings.Split(line, "\t")
		for _, n := range fs[:min(2, len(fs))] {
			stop[n] = true
		}
		if len(fs) > 1 {
			stop[fs[1]+"方"] = true
		}
		if len(fs) > 2 {
			for _, n := range strings.Split(fs[2], ",") {
				stop[n] = true
			}
		}
	}
	return stop
})

// linkWord reports whether a word counts for linking: it has two
// characters or more (年, 月, 日 of a date do not) and is not in linkStop.
func linkWord(w string) bool {
	return utf8.RuneCountInString(w) >= 2 && !linkStop()[w]
}

// All finds, for each commitment, its most similar commitment in a
// statement dated earlier, and calls it recurring when the similarity
// reaches threshold. Similarity is the mean of two cosines of TF-IDF
// vectors of words: of the whole commitments, and of the later one's first
// sentence, which states its main action (GUIDE section 3), with the
// closest sentence of the earlier one, since a short commitment often
// repeats one sentence of a long item; it is scaled by otherDomain across
// domains. A recurring commitment's thread began when its match's did; a
// new one's, in its own year. Commitments of undated statements neither
// link nor are linked to. Commitments link only within their Group, whose
// words alone weigh them, so a group's links depend only on its own
// commitments: linking one group again gives what linking all would.
// The result depends only on the set of items, not on their order; the
// groups, and the commitments of a large one, are linked on every core.
func All(items []Item, threshold float64) map[int64]Link {
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
			ls := linkWithin(groups[keys[k]], threshold, defaultLimits)
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

func linkWithin(items []Item, threshold float64, lim limits) map[int64]Link {
	c := newCorpus(items)
	items = c.items
	// Where each date starts: a commitment links only to earlier dates.
	start := make([]int32, len(items))
	for i := range items {
		if i > 0 && items[i].Date == items[i-1].Date {
			start[i] = start[i-1]
		} else {
			start[i] = int32(i)
		}
	}
	best := make([]int32, len(items))
	sim := make([]float64, len(items))
	c.each(func(i int, sc *scratch) {
		best[i] = -1
		if items[i].Date != "" {
			best[i], sim[i] = c.best(int32(i), start[i], func(j int32) bool { return items[j].Date != "" }, lim, sc)
		}
	})
	// Threads follow matches back in time, so this pass goes in order.
	out := make(map[int64]Link, len(items))
	firstYear := make([]int, len(items))
	index := map[int64]int32{}
	for i, it := range items {
		index[it.ID] = int32(i)
	}
	for i, it := range items {
		if it.Date == "" {
			out[it.ID] = Link{}
			continue
		}
		l := Link{FirstYear: it.Year}
		if b := best[i]; b >= 0 {
			l.Previous, l.Similarity = items[b].ID, sim[i]
			if sim[i] >= threshold {
				l.Recurring, l.FirstYear = true, firstYear[b]
			}
		}
		if d := it.Decision; d != nil {
			l = Link{FirstYear: it.Year, Person: true}
			// A decision for a commitment the group does not hold, or not
			// earlier, is one the data has outgrown: it counts as new.
			if b, ok := index[d.Previous]; ok && b < start[i] && items[b].Date != "" {
				l.Previous, l.Similarity, l.Recurring, l.FirstYear = d.Previous, c.similarity(int32(i), b), true, firstYear[b]
			}
		}
		firstYear[i] = l.FirstYear
		out[it.ID] = l
	}
	return out
}

// Nearest returns the k commitments most similar to commitment id among
// those of its group dated earlier, most similar first, searched as All
// searches: the candidates a person chooses from to say which one it
// repeats. It is empty when id is undated or not among items.
func Nearest(items []Item, id int64, k int) []Match {
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
	c := newCorpus(group)
	i := slices.IndexFunc(c.items, func(it Item) bool { return it.ID == id })
	if i < 0 || c.items[i].Date == "" {
		return nil
	}
	before := int32(slices.IndexFunc(c.items, func(it Item) bool { return it.Date == c.items[i].Date }))
	lim := defaultLimits
	lim.topCandidates = max(lim.topCandidates, k)
	sc := c.newScratch()
	var out []Match
	for _, j := range c.candidates(int32(i), before, func(j int32) bool { return c.items[j].Date != "" }, lim, sc) {
		out = append(out, Match{c.items[j].ID, c.similarity(int32(i), j)})
	}
	slices.SortStableFunc(out, func(a, b Match) int { return cmp.Compare(b.Similarity, a.Similarity) })
	return out[:min(k, len(out))]
}

// Match is a commitment's most similar commitment of another group.
type Match struct {
	ID         int64 // 0 when there is none
	Similarity float64
}

// Across finds, for each commitment of a group, its most similar
// commitment, of any date, among those of other groups: what one party
// promises different partners. Commitments without a group take no part.
// The words of every item weigh them, so the result depends on the whole
// set.
func Across(items []Item) map[int64]Match {
	c := newCorpus(items)
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

// corpus holds the TF-IDF vectors of a set of commitments and an index of
// which commitments hold each word. It is read-only once made, so several
// goroutines may search it, each with its own scratch.
type corpus struct {
	items    []Item     // in order
	df       []int      // per word id: how many items hold it
	whole    []vector   // per item
	parts    [][]vector // per item, per sentence
	postings [][]posting
}

// scratch is one searcher's working memory for best.
type scratch struct {
	partial      []float64
	touched, top []int32
}

func (c *corpus) newScratch() *scratch { return &scratch{partial: make([]float64, len(c.items))} }

func newCorpus(items []Item) *corpus {
	items = slices.Clone(items)
	slices.SortFunc(items, func(a, b Item) int { return cmp.Compare(a.Order, b.Order) })
	n := len(items)
	c := &corpus{items: items}
	// Words get ids in the order of the sorted items, so that sums run in
	// the same order whatever order the items came in.
	ids := map[string]int32{}
	for _, it := range items {
		seen := map[int32]bool{}
		for _, s := range it.Sentences {
			for _, w := range s {
				if !linkWord(w) {
					continue
				}
				id, ok := ids[w]
				if !ok {
					id = int32(len(c.df))
					ids[w] = id
					c.df = append(c.df, 0)
				}
				if !seen[id] {
					seen[id] = true
					c.df[id]++
				}
			}
		}
	}
	idf := make([]float64, len(c.df))
	for w, d := range c.df {
		idf[w] = math.Log(float64(n+1)/float64(d+1)) + 1
	}
	toVector := func(words ...[]string) vector {
		counts := map[int32]int{}
		for _, s := range words {
			for _, w := range s {
				if id, ok := ids[w]; ok {
					counts[id]++
				}
			}
		}
		v := make(vector, 0, len(counts))
		for w, k := range counts {
			v = append(v, weighted{w, (1 + math.Log(float64(k))) * idf[w]})
		}
		// Sorted before summing, so the sum does not depend on map order.
		slices.SortFunc(v, func(a, b weighted) int { return cmp.Compare(a.word, b.word) })
		var norm float64
		for _, x := range v {
			norm += x.weight * x.weight
		}
		for k := range v {
			v[k].weight /= math.Sqrt(norm)
		}
		return v
	}
	c.whole = make([]vector, n)
	c.parts = make([][]vector, n)
	c.postings = make([][]posting, len(c.df))
	for i, it := range items {
		c.whole[i] = toVector(it.Sentences...)
		for _, s := range it.Sentences {
			if v := toVector(s); len(v) > 0 {
				c.parts[i] = append(c.parts[i], v)
			}
		}
		for _, w := range c.whole[i] {
			c.postings[w.word] = append(c.postings[w.word], posting{int32(i), w.weight})
		}
	}
	return c
}

// similarity of item i to item j, j being the earlier where time matters.
func (c *corpus) similarity(i, j int32) float64 {
	best := 0.0
	if len(c.parts[i]) > 0 {
		for _, b := range c.parts[j] {
			best = max(best, dot(c.parts[i][0], b))
		}
	}
	s := (dot(c.whole[i], c.whole[j]) + best) / 2
	if c.items[i].Domain != c.items[j].Domain {
		s *= otherDomain
	}
	return s
}

// best returns item i's most similar item among those before index before
// that eligible accepts, and the similarity; -1 when there is none.
func (c *corpus) best(i, before int32, eligible func(int32) bool, lim limits, sc *scratch) (int32, float64) {
	best, bestSim := int32(-1), 0.0
	for _, j := range c.candidates(i, before, eligible, lim, sc) {
		if sim := c.similarity(i, j); sim > bestSim || sim == bestSim && best >= 0 && j < best {
			best, bestSim = j, sim
		}
	}
	return best, bestSim
}

// candidates returns the items best compares item i with in full (in
// sc.top, valid until the next call): it accumulates partial dot products
// over i's rarest words that such an item holds, through the most recent
// of those, and keeps the lim.topCandidates with the most.
func (c *corpus) candidates(i, before int32, eligible func(int32) bool, lim limits, sc *scratch) []int32 {
	rare := slices.DeleteFunc(slices.Clone(c.whole[i]), func(w weighted) bool { return c.postings[w.word][0].item >= before })
	slices.SortFunc(rare, func(a, b weighted) int {
		return cmp.Or(cmp.Compare(c.df[a.word], c.df[b.word]), cmp.Compare(a.word, b.word))
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

// StopWord reports whether w is left out of linking: a state's name, or a
// word of citing a document.
func StopWord(w string) bool { return linkStop()[w] }

// Exhaustive links as All does, but compares each commitment with every
// earlier one instead of a bounded number of candidates. It takes time
// that grows with the square of the commitments: it is the reference that
// tests check All's bounded search against.
func Exhaustive(items []Item, threshold float64) map[int64]Link {
	groups := map[string][]Item{}
	for _, it := range items {
		groups[it.Group] = append(groups[it.Group], it)
	}
	out := map[int64]Link{}
	for _, g := range groups {
		maps.Copy(out, linkWithin(g, threshold, limits{1 << 20, 1 << 20, 1 << 20}))
	}
	return out
}
