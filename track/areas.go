package track

import (
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"pledge/classify"
	"pledge/data"
)

// Area is a policy area new in a year: a term no earlier commitment used.
type Area struct {
	Term string
	// Score ranks areas: how many of the year's commitments use the term,
	// weighted by how rare it is over all commitments.
	Score       float64
	Commitments []Commitment // the year's commitments that use it
}

// areaExcluded are words that name no policy area: stop words, the
// generic words of statements, and what linking leaves out (state names).
var areaExcluded = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, list := range [][]byte{data.StopWords, data.Generic} {
		for _, w := range data.Lines(list) {
			out[w] = true
		}
	}
	for w := range linkStop() {
		out[w] = true
	}
	return out
})

// commonWord is the frequency in jieba's dictionary above which a word is
// too common in general Chinese to name a policy area: 先进 (13966), 应用
// (8796) and 业务 (7737) are above it, 人工智能 (151), 氢能 (14), 开源 (70)
// and 供应链 (140) below.
const commonWord = 3000

// terms returns the terms a commitment uses that could name a policy area:
// the user dictionary's terms in its text, and its nouns of two characters
// or more that are not common words. A word jieba's dictionary lacks counts
// as a noun: jieba made it up from characters, as it does for names.
func terms(c Commitment) map[string]bool {
	out := map[string]bool{}
	for _, w := range c.Words {
		if utf8.RuneCountInString(w) < 2 || areaExcluded()[w] || partyWord(w) {
			continue
		}
		if x, ok := classify.LookupWord(w); !ok || strings.HasPrefix(x.Tag, "n") && x.Freq <= commonWord {
			out[w] = true
		}
	}
	for _, t := range data.Lines(data.UserDict) {
		if strings.Contains(c.Text, t) && !areaExcluded()[t] {
			out[t] = true
		}
	}
	return out
}

// partyWord reports whether w names a party (甲方, 中方, 对方): a party
// is never a policy area.
func partyWord(w string) bool {
	return utf8.RuneCountInString(w) == 2 && strings.HasSuffix(w, "方")
}

// NewAreas returns the policy areas that first appear in year: terms that
// the year's commitments use and no commitment of an earlier year did,
// most distinctive first. With names parties, only statements whose
// parties include them all count: the areas new with one partner. A term
// inside a longer new term that every one of its commitments also uses
// (智能 in 人工智能) is left out. In the first year of the database every
// term is new.
func (s *Store) NewAreas(ctx context.Context, year int, with ...string) ([]Area, error) {
	cs, err := s.Commitments(ctx, Filter{With: with})
	if err != nil {
		return nil, err
	}
	earlier := map[string]bool{}
	df := map[string]int{}
	uses := map[string][]Commitment{}
	for _, c := range cs {
		ts := terms(c)
		for t := range ts {
			df[t]++
			switch {
			case c.Year != 0 && c.Year < year:
				earlier[t] = true
			case c.Year == year:
				uses[t] = append(uses[t], c)
			}
		}
	}
	var out []Area
	n := float64(len(cs))
	for t, us := range uses {
		if earlier[t] {
			continue
		}
		out = append(out, Area{t, float64(len(us)) * math.Log(1+n/float64(df[t])), us})
	}
	out = slices.DeleteFunc(out, func(a Area) bool { return subsumed(a, out) })
	slices.SortFunc(out, func(a, b Area) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Term, b.Term)
	})
	return out, nil
}

// subsumed reports whether a's term is part of a longer term of areas used
// by every commitment that uses a's.
func subsumed(a Area, areas []Area) bool {
	for _, b := range areas {
		if len(b.Term) <= len(a.Term) || !strings.Contains(b.Term, a.Term) {
			continue
		}
		inB := map[int64]bool{}
		for _, c := range b.Commitments {
			inB[c.ID] = true
		}
		all := true
		for _, c := range a.Commitments {
			all = all && inB[c.ID]
		}
		if all {
			return true
		}
	}
	return false
}
