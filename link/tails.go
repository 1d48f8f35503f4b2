package link

import "slices"

// A group's tails are, for each word linking counts, the ids of the last
// commitments of the group that hold it (TailLength of them, in order):
// as many as candidates looks through. Kept beside a group, they let the
// commitments of statements dated after all of the group's be linked
// without reading the group (TouchedAfter): only the commitments their
// words' tails name, which are what weighing them needs. That is how a
// folder grows with the news.

// TailLength is how many holders of a word a tail keeps.
const TailLength = 16

// Words returns the words of a commitment's words that linking counts,
// each once, in order: without its citations, marks and stop words.
func Words(words []string) []string {
	drop := citations(words) // as newCorpus leaves them out
	var out []string
	for k, w := range words {
		if drop != nil && drop[k] || !linkWord(w) || slices.Contains(out, w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// WordsVersion names what Words counts (data/link.txt, data/states.tsv):
// tails made with another are made again.
func WordsVersion() string { return lists().wordsVersion }

// Tails returns the tails of a group given whole, in the order of its
// Items' Order.
func Tails(group []Sketch) map[string][]int64 {
	tails := map[string][]int64{}
	for _, s := range group {
		AddToTails(tails, s)
	}
	return tails
}

// AddToTails adds commitment s (SketchOf), later than every one tails
// holds.
func AddToTails(tails map[string][]int64, s Sketch) {
	for _, w := range s.Words {
		t := append(tails[w], s.ID)
		if len(t) > TailLength {
			t = slices.Delete(t, 0, len(t)-TailLength)
		}
		tails[w] = t
	}
}

// TouchedAfter is Touched for seeds dated after every other commitment of
// their group, given, of the rest of the group, only the tails of the
// seeds' words: need is what Touched would say weighing them needs (the
// seeds among them; the seeds are all it weighs, for nothing comes after
// them), and after the tails with the seeds added. ok is false, and
// Touched must be given the group, when a seed is undated or a person
// decided its link.
func TouchedAfter(seeds []Sketch, tails map[string][]int64) (need []int64, after map[string][]int64, ok bool) {
	after = make(map[string][]int64, len(tails))
	for w, t := range tails {
		after[w] = slices.Clone(t)
	}
	needed := map[int64]bool{}
	for k := 0; k < len(seeds); {
		// The seeds of one date look back only to the tails as they were
		// before it: their holders before that date.
		end := k
		for end < len(seeds) && seeds[end].Date == seeds[k].Date {
			end++
		}
		if seeds[k].Date == "" {
			return nil, nil, false
		}
		for _, s := range seeds[k:end] {
			if s.Decision != nil {
				return nil, nil, false
			}
			needed[s.ID] = true
			for _, w := range s.Words {
				for _, id := range after[w] {
					needed[id] = true
				}
			}
		}
		for _, s := range seeds[k:end] {
			AddToTails(after, s)
		}
		k = end
	}
	for id := range needed {
		need = append(need, id)
	}
	slices.Sort(need)
	return need, after, true
}
