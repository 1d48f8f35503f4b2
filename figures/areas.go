package figures

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Area is a policy area new in a year: a term that no earlier commitment
// used, in any of its forms.
type Area struct {
	// Term names the area: of its forms, the one most commitments use.
	Term string
	// Forms are the area's other forms the year's commitments use: a short
	// form (化武 of 化学武器) or the term with a word that adds nothing to it
	// (亚太地区 of 亚太).
	Forms []string
	// Score ranks areas: how many of the year's commitments use it,
	// weighted by how rare it is over all commitments.
	Score      float64
	IDs        []int64 // the year's commitments that use it, in date order
	Statements int     // how many of the year's statements use it
}

// NewAreas finds the policy areas that first appear in each year from the
// terms of every commitment, given one at a time in date order: what it
// keeps grows with the distinct terms, not with the commitments. Its zero
// value is ready to use.
type NewAreas struct {
	// Affix reports whether a word added to a term leaves the same area
	// (地区 to 亚太); nil for none but single characters.
	Affix func(string) bool
	// Specific ranks areas used alike: the more specific a term (the rarer
	// in general language), the higher. Nil ranks them by term.
	Specific func(string) float64

	n         int                // commitments added
	df        map[string]int     // how many commitments use each term
	first     map[string]int     // the first year each term was used in
	uses      map[string][]int64 // the commitments of that year that use it
	statement map[int64]int64    // each commitment's statement
	// short maps a short form to the longer terms it abbreviates in a
	// commitment that uses both (化武 → 化学武器).
	short map[string]map[string]bool
}

// Add counts the terms of commitment id of statement st, of year (0 when
// its date is unknown: its terms count towards how rare a term is, and
// which forms go together, but are new in no year). Commitments are added
// in date order.
func (a *NewAreas) Add(year int, st, id int64, terms []string) {
	if a.df == nil {
		a.df, a.first, a.uses = map[string]int{}, map[string]int{}, map[string][]int64{}
		a.statement, a.short = map[int64]int64{}, map[string]map[string]bool{}
	}
	a.n++
	a.statement[id] = st
	for _, t := range terms {
		a.df[t]++
		for _, long := range terms {
			if abbreviates(t, long) {
				if a.short[t] == nil {
					a.short[t] = map[string]bool{}
				}
				a.short[t][long] = true
			}
		}
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

// abbreviates reports whether short is a short form of long: two or three
// characters, the first of long, then others of it in order (化武 of 化学武器,
// 亚太 of 亚洲太平洋), and not a part of it as it stands.
func abbreviates(short, long string) bool {
	s, l := []rune(short), []rune(long)
	if len(s) < 2 || len(s) > 3 || len(l) < len(s)+2 || s[0] != l[0] || strings.Contains(long, short) {
		return false
	}
	k := 1
	for _, r := range l[1:] {
		if k < len(s) && r == s[k] {
			k++
		}
	}
	return k == len(s)
}

// ByYear returns, for every year, the policy areas that first appear in
// it: terms that the year's commitments use and no commitment of an
// earlier year did, in none of their forms, most distinctive first (by
// Score, then the most specific). A term
// and its short form are one area, and so are a term and the term with a
// word that adds nothing (Affix); a term inside a longer new term that
// every one of its commitments also uses (智能 in 人工智能) is left out.
// In the first year every term is new.
func (a *NewAreas) ByYear() map[int][]Area {
	groups := a.forms()
	byYear := map[int][]Area{}
	for _, forms := range groups {
		first := 0
		df := 0
		for _, f := range forms {
			if y := a.first[f]; y != 0 && (first == 0 || y < first) {
				first = y
			}
			df += a.df[f]
		}
		if first == 0 {
			continue
		}
		ar := Area{Term: forms[0]}
		seen := map[int64]bool{}
		for _, f := range forms {
			if a.first[f] != first {
				continue
			}
			if f != ar.Term {
				ar.Forms = append(ar.Forms, f)
			}
			for _, id := range a.uses[f] {
				if !seen[id] {
					seen[id] = true
					ar.IDs = append(ar.IDs, id)
				}
			}
		}
		if len(ar.IDs) == 0 {
			continue
		}
		slices.Sort(ar.IDs)
		statements := map[int64]bool{}
		for _, id := range ar.IDs {
			statements[a.statement[id]] = true
		}
		ar.Statements = len(statements)
		ar.Score = float64(len(ar.IDs)) * math.Log(1+float64(a.n)/float64(df))
		byYear[first] = append(byYear[first], ar)
	}
	specific := func(string) float64 { return 0 }
	if a.Specific != nil {
		specific = a.Specific
	}
	for y, areas := range byYear {
		areas = withoutSubsumed(areas)
		slices.SortFunc(areas, func(a, b Area) int {
			return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(specific(b.Term), specific(a.Term)), strings.Compare(a.Term, b.Term))
		})
		byYear[y] = areas
	}
	return byYear
}

// forms groups the terms into areas, each group's name first: the form
// most commitments use, then the longest, then the first in order.
func (a *NewAreas) forms() [][]string {
	parent := map[string]string{}
	var find func(string) string
	find = func(t string) string {
		p, ok := parent[t]
		if !ok || p == t {
			return t
		}
		r := find(p)
		parent[t] = r
		return r
	}
	union := func(x, y string) {
		if rx, ry := find(x), find(y); rx != ry {
			parent[rx] = ry
		}
	}
	terms := make([]string, 0, len(a.df))
	for t := range a.df {
		terms = append(terms, t)
		parent[t] = t
	}
	slices.Sort(terms)
	for _, t := range terms {
		for long := range a.short[t] {
			union(t, long)
		}
		// The term inside t that a word adding nothing makes t.
		rs := []rune(t)
		for i := range rs {
			for j := i + 2; j <= len(rs); j++ {
				if j-i == len(rs) {
					continue
				}
				inner := string(rs[i:j])
				if _, ok := a.df[inner]; ok && a.affix(string(rs[:i])) && a.affix(string(rs[j:])) {
					union(inner, t)
				}
			}
		}
	}
	byRoot := map[string][]string{}
	for _, t := range terms {
		r := find(t)
		byRoot[r] = append(byRoot[r], t)
	}
	out := make([][]string, 0, len(byRoot))
	for _, forms := range byRoot {
		slices.SortFunc(forms, func(x, y string) int {
			return cmp.Or(cmp.Compare(a.df[y], a.df[x]), cmp.Compare(utf8.RuneCountInString(y), utf8.RuneCountInString(x)), strings.Compare(x, y))
		})
		out = append(out, forms)
	}
	return out
}

// affix reports whether s, before or after a term, leaves its area: empty,
// one character, or a word Affix takes.
func (a *NewAreas) affix(s string) bool {
	return s == "" || utf8.RuneCountInString(s) == 1 || a.Affix != nil && a.Affix(s)
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
