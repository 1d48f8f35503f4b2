package link

import (
	"math"
	"slices"
)

// Reference returns the word weights of a reference corpus, its texts cut
// into words: a word's inverse document frequency, and the weight of a
// word the corpus lacks, that of a word four of its texts hold (most such
// words are names and terms of one partner, which recur in its statements
// but say less than a rare word of the reference). class gives each word's
// class: n, v or o.
func Reference(texts [][]string, class func(w string) byte) (words map[string]Word, unknown float64) {
	df := map[string]int{}
	for _, t := range texts {
		seen := map[string]bool{}
		for _, w := range t {
			if !seen[w] && linkWord(w) {
				seen[w] = true
				df[w]++
			}
		}
	}
	n := float64(len(texts))
	words = make(map[string]Word, len(df))
	for w, d := range df {
		words[w] = Word{math.Log((n+1)/float64(d+1)) + 1, class(w)}
	}
	return words, math.Log((n+1)/4) + 1
}

// example is one candidate pair of a labelled commitment: its features
// and whether it is a repetition.
type example struct {
	x     [nFeatures]float64
	yes   bool
	item  int64 // the later commitment
	match int64 // the earlier one
	fold  string
}

// examples returns the candidate pairs of every labelled commitment of ps,
// as All finds and weighs them.
func (m *Model) examples(ps *PairSet) []example {
	groups := map[string][]Item{}
	for _, it := range ps.Items {
		groups[it.Group] = append(groups[it.Group], it)
	}
	var out []example
	for _, g := range slices.Sorted(func(yield func(string) bool) {
		for k := range groups {
			if !yield(k) {
				return
			}
		}
	}) {
		c := m.newCorpus(groups[g], false)
		start := c.starts()
		sc := c.newScratch()
		for i, it := range c.items {
			gold, labelled := ps.Gold[it.ID]
			if !labelled || it.Date == "" {
				continue
			}
			for _, s := range c.scored(int32(i), start[i], c.dated, defaultLimits, candidatesPerItem, sc) {
				if s.x[objectSwap] == 1 {
					continue // never a repetition, whatever the weights (chance)
				}
				match := c.items[s.j].ID
				out = append(out, example{s.x, slices.Contains(gold, match), it.ID, match, ps.fold(it.ID, g)})
			}
		}
	}
	return out
}

// Fit sets the model's coefficients by logistic regression on the
// candidate pairs of ps's labelled commitments, with an L2 penalty of l2
// per example (Newton's method: the fit is exact, whatever the order).
func (m *Model) Fit(ps *PairSet, l2 float64) {
	m.Features = featureNames[:]
	m.Coef, m.Bias = fitLogistic(m.examples(ps), l2)
}

func fitLogistic(ex []example, l2 float64) ([]float64, float64) {
	const d = nFeatures + 1
	w := make([]float64, d)
	for range 30 {
		var g [d]float64
		var h [d][d]float64
		for _, e := range ex {
			x := append(e.x[:], 1)
			z := 0.0
			for k := range x {
				z += w[k] * x[k]
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if e.yes {
				y = 1
			}
			for a := range x {
				g[a] += (p - y) * x[a]
				for b := range x {
					h[a][b] += p * (1 - p) * x[a] * x[b]
				}
			}
		}
		n := float64(len(ex))
		for k := range nFeatures {
			g[k] += l2 * n * w[k]
			h[k][k] += l2 * n
		}
		h[d-1][d-1] += 1e-9 * n
		step := solve(h[:], g[:])
		for k := range w {
			w[k] -= step[k]
		}
	}
	return w[:nFeatures], w[nFeatures]
}

// solve solves a·x = b by Gaussian elimination with partial pivoting.
func solve[R ~[nFeatures + 1]float64](a []R, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(append([]float64{}, a[i][:]...), b[i])
	}
	for col := range n {
		p := col
		for r := col + 1; r < n; r++ {
			if math.Abs(m[r][col]) > math.Abs(m[p][col]) {
				p = r
			}
		}
		m[col], m[p] = m[p], m[col]
		if m[col][col] == 0 {
			continue
		}
		for r := range n {
			if r != col {
				f := m[r][col] / m[col][col]
				for k := col; k <= n; k++ {
					m[r][k] -= f * m[col][k]
				}
			}
		}
	}
	x := make([]float64, n)
	for i := range x {
		if m[i][i] != 0 {
			x[i] = m[i][n] / m[i][i]
		}
	}
	return x
}

// CrossValidate scores a model fitted as Fit fits it, fold by fold (by
// default a fold is a group): each partner's commitments are linked by a
// model fitted on the others', as a new partner's would be.
func (m *Model) CrossValidate(ps *PairSet, l2, threshold float64) Score {
	return m.crossValidate(ps, l2, threshold, ps.Folds())
}

// crossValidate scores the folds given, each linked by a model fitted on
// the rest of ps.
func (m *Model) crossValidate(ps *PairSet, l2, threshold float64, folds []string) Score {
	return m.crossValidateEach(ps, l2, [][]string{folds}, []float64{threshold})[0][0]
}

// crossValidateEach scores each list of folds (a set's) at each
// threshold: the score of sets[k] at thresholds[t] is [k][t]. The
// candidate pairs are weighed once, each fold is fitted once and its
// groups linked once: a link's match does not depend on the threshold,
// only whether it recurs.
func (m *Model) crossValidateEach(ps *PairSet, l2 float64, sets [][]string, thresholds []float64) [][]Score {
	ex := m.examples(ps)
	group := map[int64]string{}
	for _, it := range ps.Items {
		group[it.ID] = it.Group
	}
	out := make([][]Score, len(sets))
	for k, folds := range sets {
		out[k] = make([]Score, len(thresholds))
		for _, g := range folds {
			var train []example
			for _, e := range ex {
				if e.fold != g {
					train = append(train, e)
				}
			}
			fold := *m
			fold.Coef, fold.Bias = fitLogistic(train, l2)
			// Only the groups of the fold's commitments are linked.
			in := map[string]bool{}
			for id := range ps.Gold {
				if ps.fold(id, group[id]) == g {
					in[group[id]] = true
				}
			}
			var items []Item
			for _, it := range ps.Items {
				if in[it.Group] {
					items = append(items, it)
				}
			}
			links := fold.All(items, 0)
			for t, th := range thresholds {
				at := make(map[int64]Link, len(links))
				for id, l := range links {
					l.Recurring = l.Previous != 0 && l.Similarity >= th
					at[id] = l
				}
				out[k][t] = out[k][t].Add(ps.Score(at, g))
			}
		}
	}
	return out
}
