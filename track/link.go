package track

import (
	"cmp"
	"math"
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

// sentenceBreak separates the sentences of a commitment in its stored
// words (a word never holds it: words without letters are dropped).
const sentenceBreak = "|"

// linkItem is a commitment as the linker sees it.
type linkItem struct {
	id        int64
	group     string // commitments link only within a group: the same parties
	date      string // YYYY-MM-DD, "" when unknown
	year      int
	order     string // date, statement fingerprint, ordinal: an order that ids do not decide
	domain    string
	sentences [][]string // the words of each sentence
}

// link is what the linker decides for one commitment.
type link struct {
	previous   int64 // the best match in an earlier statement, 0 when none
	similarity float64
	recurring  bool
	firstYear  int // the year its thread began, 0 when its date is unknown
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
	for _, line := range data.Lines(data.States) {
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

// linkAll finds, for each commitment, its most similar commitment in a
// statement dated earlier, and calls it recurring when the similarity
// reaches threshold. Similarity is the mean of two cosines of TF-IDF
// vectors of words: of the whole commitments, and of the later one's first
// sentence, which states its main action (GUIDE section 3), with the
// closest sentence of the earlier one, since a short commitment often
// repeats one sentence of a long item; it is scaled by otherDomain across
// domains. A recurring
// commitment's thread began when its match's did; a new one's, in its own
// year. Commitments of undated statements neither link nor are linked to.
// The result depends only on the set of items, not on their order.
func linkAll(items []linkItem, threshold float64) map[int64]link {
	groups := map[string][]linkItem{}
	for _, it := range items {
		groups[it.group] = append(groups[it.group], it)
	}
	out := make(map[int64]link, len(items))
	for _, g := range groups {
		for id, l := range linkWithin(g, threshold, defaultLimits) {
			out[id] = l
		}
	}
	return out
}

func linkWithin(items []linkItem, threshold float64, lim limits) map[int64]link {
	c := newCorpus(items)
	items = c.items
	out := make(map[int64]link, len(items))
	firstYear := make([]int, len(items))
	start := 0 // the first item of the current date
	for i, it := range items {
		if i > 0 && it.date != items[i-1].date {
			start = i
		}
		if it.date == "" {
			out[it.id] = link{}
			continue
		}
		best, bestSim := c.best(int32(i), int32(start), func(j int32) bool { return items[j].date != "" }, lim)
		l := link{firstYear: it.year}
		if best >= 0 {
			l.previous, l.similarity = items[best].id, bestSim
			if bestSim >= threshold {
				l.recurring, l.firstYear = true, firstYear[best]
			}
		}
		firstYear[i] = l.firstYear
		out[it.id] = l
	}
	return out
}

// corpus holds the TF-IDF vectors of a set of commitments and an index of
// which commitments hold each word.
type corpus struct {
	items    []linkItem // in order
	df       []int      // per word id: how many items hold it
	whole    []vector   // per item
	parts    [][]vector // per item, per sentence
	postings [][]posting
	// scratch for best
	partial      []float64
	touched, top []int32
}

func newCorpus(items []linkItem) *corpus {
	items = slices.Clone(items)
	slices.SortFunc(items, func(a, b linkItem) int { return cmp.Compare(a.order, b.order) })
	n := len(items)
	c := &corpus{items: items, partial: make([]float64, n)}
	// Words get ids in the order of the sorted items, so that sums run in
	// the same order whatever order the items came in.
	ids := map[string]int32{}
	for _, it := range items {
		seen := map[int32]bool{}
		for _, s := range it.sentences {
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
		c.whole[i] = toVector(it.sentences...)
		for _, s := range it.sentences {
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
	if c.items[i].domain != c.items[j].domain {
		s *= otherDomain
	}
	return s
}

// best returns item i's most similar item among those before index before
// that eligible accepts, and the similarity; -1 when there is none. It
// accumulates partial dot products over i's rarest words that such an item
// holds, through the most recent of those, and compares the best
// candidates in full.
func (c *corpus) best(i, before int32, eligible func(int32) bool, lim limits) (int32, float64) {
	rare := slices.DeleteFunc(slices.Clone(c.whole[i]), func(w weighted) bool { return c.postings[w.word][0].item >= before })
	slices.SortFunc(rare, func(a, b weighted) int {
		return cmp.Or(cmp.Compare(c.df[a.word], c.df[b.word]), cmp.Compare(a.word, b.word))
	})
	c.touched = c.touched[:0]
	for _, w := range rare[:min(lim.rareWords, len(rare))] {
		p := c.postings[w.word]
		end, _ := slices.BinarySearchFunc(p, before, func(e posting, i int32) int { return cmp.Compare(e.item, i) })
		for _, e := range p[max(0, end-lim.postingsPerWord):end] {
			if e.item == i || !eligible(e.item) {
				continue
			}
			if c.partial[e.item] == 0 {
				c.touched = append(c.touched, e.item)
			}
			c.partial[e.item] += w.weight * e.weight
		}
	}
	best, bestSim := int32(-1), 0.0
	for _, j := range topByPartial(c.touched, c.partial, lim.topCandidates, &c.top) {
		if sim := c.similarity(i, j); sim > bestSim || sim == bestSim && best >= 0 && j < best {
			best, bestSim = j, sim
		}
	}
	for _, j := range c.touched {
		c.partial[j] = 0
	}
	return best, bestSim
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

// splitSentences turns stored words back into sentences.
func splitSentences(tokens string) [][]string {
	var out [][]string
	for _, s := range strings.Split(tokens, sentenceBreak) {
		if ws := strings.Fields(s); len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out
}

// joinSentences stores the words of sentences, with sentenceBreak between.
func joinSentences(sentences [][]string) string {
	parts := make([]string, len(sentences))
	for i, s := range sentences {
		parts[i] = strings.Join(s, " ")
	}
	return strings.Join(parts, " "+sentenceBreak+" ")
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
