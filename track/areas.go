package track

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"pledge/classify"
	"pledge/data"
	"pledge/link"
	"pledge/script"
)

// Area is a policy area new in a year: a term no earlier commitment used.
type Area struct {
	Term string
	// Score ranks areas: how many of the year's commitments use the term,
	// weighted by how rare it is over all commitments.
	Score float64
	IDs   []int64 // the year's commitments that use it, in date order
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
	return out
})

// userTerms are the user dictionary's terms, which name areas wherever a
// commitment uses them, by their first character: every commitment is
// searched for all of them, so a text is walked once and only the terms
// that start where it stands are tried.
var userTerms = sync.OnceValue(func() map[rune][]string {
	out := map[rune][]string{}
	for _, t := range data.Lines(data.UserDict) {
		if r, _ := utf8.DecodeRuneInString(t); !areaExcluded()[t] && !link.StopWord(t) {
			out[r] = append(out[r], t)
		}
	}
	return out
})

// commonWord is the frequency in jieba's dictionary above which a word is
// too common in general Chinese to name a policy area: 先进 (13966), 应用
// (8796) and 业务 (7737) are above it, 人工智能 (151), 氢能 (14), 开源 (70)
// and 供应链 (140) below.
const commonWord = 3000

// Terms returns the terms a commitment uses that could name a policy area,
// sorted: the user dictionary's terms in its text, and its nouns of two
// characters or more (words is what the segmenter cut it into) that are
// not common words. A word jieba's dictionary lacks counts as a noun:
// jieba made it up from characters, as it does for names. Ingest stores
// them with the commitment.
func Terms(words []string, text string) []string {
	set := map[string]bool{}
	excluded := areaExcluded()
	for _, w := range words {
		if utf8.RuneCountInString(w) < 2 || excluded[w] || link.StopWord(w) || partyWord(w) {
			continue
		}
		if x, ok := classify.LookupWord(w); !ok || strings.HasPrefix(x.Tag, "n") && x.Freq <= commonWord {
			set[w] = true
		}
	}
	text = script.Simplify(text)
	terms := userTerms()
	for i, r := range text {
		for _, t := range terms[r] {
			if strings.HasPrefix(text[i:], t) {
				set[t] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// partyWord reports whether w names a party (甲方, 中方, 对方): a party
// is never a policy area.
func partyWord(w string) bool {
	return utf8.RuneCountInString(w) == 2 && strings.HasSuffix(w, "方")
}

// NewAreas returns the policy areas that first appear in year; see
// AllNewAreas.
func (s *Store) NewAreas(ctx context.Context, year int, with ...string) ([]Area, error) {
	all, err := s.AllNewAreas(ctx, with...)
	return all[year], err
}

// AllNewAreas returns, for every year, the policy areas that first appear
// in it: terms that the year's commitments use and no commitment of an
// earlier year did, most distinctive first. With names parties, only
// statements whose parties include them all count: the areas new with one
// partner. A term inside a longer new term that every one of its
// commitments also uses (智能 in 人工智能) is left out. In the first year of
// the database every term is new. It reads the stored terms once, in date
// order.
func (s *Store) AllNewAreas(ctx context.Context, with ...string) (map[int][]Area, error) {
	where, args := withParties([]string{"1 = 1"}, nil, with)
	rows, err := s.db.QueryContext(ctx, `SELECT COALESCE(s.year, 0), c.id, c.terms
		FROM commitments c JOIN statements s ON s.id = c.statement_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY s.date, s.fingerprint, c.ordinal`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	df := map[string]int{}
	first := map[string]int{} // the first year a term was used
	uses := map[string][]int64{}
	n := 0
	for rows.Next() {
		var year int
		var id int64
		var terms string
		if err := rows.Scan(&year, &id, &terms); err != nil {
			return nil, err
		}
		n++
		for t := range strings.FieldsSeq(terms) {
			df[t]++
			if year == 0 {
				continue
			}
			if first[t] == 0 {
				first[t] = year
			}
			if first[t] == year {
				uses[t] = append(uses[t], id)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	byYear := map[int][]Area{}
	for t, ids := range uses {
		y := first[t]
		byYear[y] = append(byYear[y], Area{t, float64(len(ids)) * math.Log(1+float64(n)/float64(df[t])), ids})
	}
	for y, areas := range byYear {
		areas = withoutSubsumed(areas)
		slices.SortFunc(areas, func(a, b Area) int { return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.Term, b.Term)) })
		byYear[y] = areas
	}
	return byYear, nil
}

// withoutSubsumed leaves out each area whose term is part of a longer term
// of the areas used by every commitment that uses it. It looks for the
// shorter terms inside each longer one, which a year of thousands of new
// terms (the first) makes far quicker than comparing every pair.
func withoutSubsumed(areas []Area) []Area {
	byTerm := make(map[string]int, len(areas))
	for i, a := range areas {
		byTerm[a.Term] = i
	}
	drop := make([]bool, len(areas))
	for _, b := range areas {
		rs := []rune(b.Term)
		var inB map[int64]bool
		for i := range rs {
			for j := i + 1; j <= len(rs); j++ {
				k, ok := byTerm[string(rs[i:j])]
				if !ok || j-i == len(rs) || drop[k] {
					continue
				}
				if inB == nil {
					inB = make(map[int64]bool, len(b.IDs))
					for _, id := range b.IDs {
						inB[id] = true
					}
				}
				all := true
				for _, id := range areas[k].IDs {
					all = all && inB[id]
				}
				drop[k] = all
			}
		}
	}
	out := areas[:0]
	for i, a := range areas {
		if !drop[i] {
			out = append(out, a)
		}
	}
	return out
}
