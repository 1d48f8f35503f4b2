package track

import (
	"cmp"
	"context"
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
