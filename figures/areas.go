package figures

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Area is a policy area new in a year: a term no earlier commitment used.
type Area struct {
	Term string
	// Score ranks areas: how many of the year's commitments use the term,
	// weighted by how rare it is over all commitments.
	Score float64
	IDs   []int64 // the year's commitments that use it, in date order
}

// NewAreas finds the policy areas that first appear in each year from the
// terms of every commitment, given one at a time in date order: what it
// keeps grows with the distinct terms, not with the commitments. Its zero
// value is ready to use.
type NewAreas struct {
	n     int                // commitments added
	df    map[string]int     // how many commitments use each term
	first map[string]int     // the first year each term was used in
	uses  map[string][]int64 // the commitments of that year that use it
}

// Add counts the terms of commitment id, of a statement of year (0 when
// its date is unknown: its terms count towards how rare a term is, but are
// new in no year). Commitments are added in date order.
func (a *NewAreas) Add(year int, id int64, terms []string) {
	if a.df == nil {
		a.df, a.first, a.uses = map[string]int{}, map[string]int{}, map[string][]int64{}
	}
	a.n++
	for _, t := range terms {
		a.df[t]++
		if year == 0 {
			continue
		}
		if a.first[t] == 0 {
			a.first[t] = year
		}
		if a.first[t] == year {
			a.uses[t] = append(a.uses[t], id)
		}
	}
}

// ByYear returns, for every year, the policy areas that first appear in
// it: terms that the year's commitments use and no commitment of an
// earlier year did, most distinctive first. A term inside a longer new
// term that every one of its commitments also uses (智能 in 人工智能) is
// left out. In the first year every term is new.
func (a *NewAreas) ByYear() map[int][]Area {
	byYear := map[int][]Area{}
	for t, ids := range a.uses {
		y := a.first[t]
		byYear[y] = append(byYear[y], Area{t, float64(len(ids)) * math.Log(1+float64(a.n)/float64(a.df[t])), ids})
	}
	for y, areas := range byYear {
		areas = withoutSubsumed(areas)
		slices.SortFunc(areas, func(a, b Area) int { return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.Term, b.Term)) })
		byYear[y] = areas
	}
	return byYear
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
