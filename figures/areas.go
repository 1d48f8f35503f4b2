package figures

import (
	"cmp"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Area is a policy area new in a year: a term that no earlier commitment
// used, nor a longer or shorter form of it.
type Area struct {
	// Term names the area: of its forms, the one most commitments use.
	Term string
	// Forms are the area's other forms the year's commitments use: a short
	// form (化武 of 化学武器), or the term inside a longer one (亚太 in
	// 亚太地区).
	Forms []string
	// Score ranks areas: how many of the year's commitments use it,
	// weighted by how rare it is over all commitments.
	Score      float64
	IDs        []int64 // the year's commitments that use it, in date order
	Statements int     // how many of the year's statements use it
}

// NewAreas finds the policy areas that first appear in each year from the
// terms of every commitment, given one at a time, a statement's together,
// in any order of statements: what it keeps grows with the distinct terms,
// not with the commitments, and it can be kept (MarshalJSON) and given
// more statements later, with the same areas as one given them all. Its
// zero value is ready to use.
type NewAreas struct {
	// Specific ranks areas used alike: the more specific a term (the rarer
	// in general language), the higher. Nil ranks them by term.
	Specific func(string) float64

	n         int                // commitments added
	df        map[string]int     // how many commitments use each term
	first     map[string]int     // the first year each term was used in
	uses      map[string][]int64 // the commitments of that year that use it
	statement map[int64]int64    // each commitment's statement
	// short maps a short form to the longer terms it abbreviates in a
	// statement that uses both (化武 → 化学武器, 世贸组织 → 世界贸易组织).
	short map[string]map[string]bool
	// cur is the statement being added and the terms it used so far.
	cur      int64
	curTerms map[string]bool
}

// Add counts the terms of commitment id of statement st, of year (0 when
// its date is unknown: its terms count towards how rare a term is, and
// which forms go together, but are new in no year). A statement's
// commitments are added together, statements in any order.
func (a *NewAreas) Add(year int, st, id int64, terms []string) {
	a.init()
	if st != a.cur || a.curTerms == nil {
		a.cur, a.curTerms = st, map[string]bool{}
	}
	a.n++
	for _, t := range terms {
		a.df[t]++
		if !a.curTerms[t] {
			for o := range a.curTerms {
				a.abbreviation(t, o)
				a.abbreviation(o, t)
			}
			a.curTerms[t] = true
		}
		switch f := a.first[t]; {
		case year == 0:
		case f == 0 || year < f: // the first year yet: its uses begin again
			a.first[t], a.uses[t] = year, []int64{id}
			a.statement[id] = st
		case year == f:
			if u := a.uses[t]; len(u) == 0 || u[len(u)-1] != id {
				a.uses[t] = append(u, id)
			}
			a.statement[id] = st
		}
	}
}

func (a *NewAreas) init() {
	if a.df == nil {
		a.df, a.first, a.uses = map[string]int{}, map[string]int{}, map[string][]int64{}
		a.statement, a.short = map[int64]int64{}, map[string]map[string]bool{}
	}
}

// kept is what NewAreas keeps of the commitments added, as JSON.
type kept struct {
	N         int                 `json:"n"`
	DF        map[string]int      `json:"df"`
	First     map[string]int      `json:"first"`
	Uses      map[string][]int64  `json:"uses"`
	Statement map[int64]int64     `json:"statement"`
	Short     map[string][]string `json:"short"`
}

// MarshalJSON keeps what a has counted, to be read back (UnmarshalJSON) and
// given more statements.
func (a *NewAreas) MarshalJSON() ([]byte, error) {
	a.init()
	k := kept{N: a.n, DF: a.df, First: a.first, Uses: a.uses, Statement: map[int64]int64{}, Short: map[string][]string{}}
	for _, ids := range a.uses {
		for _, id := range ids {
			k.Statement[id] = a.statement[id]
		}
	}
	for short, longs := range a.short {
		k.Short[short] = slices.Sorted(maps.Keys(longs))
	}
	return json.Marshal(k)
}

// UnmarshalJSON reads what MarshalJSON kept; Specific is left as it was.
func (a *NewAreas) UnmarshalJSON(b []byte) error {
	var k kept
	if err := json.Unmarshal(b, &k); err != nil {
		return err
	}
	specific := a.Specific
	*a = NewAreas{Specific: specific}
	a.init()
	a.n = k.N
	maps.Copy(a.df, k.DF)
	maps.Copy(a.first, k.First)
	maps.Copy(a.uses, k.Uses)
	maps.Copy(a.statement, k.Statement)
	for short, longs := range k.Short {
		a.short[short] = map[string]bool{}
		for _, l := range longs {
			a.short[short][l] = true
		}
	}
	return nil
}

// abbreviation records short as a short form of long if it is one.
func (a *NewAreas) abbreviation(short, long string) {
	if !abbreviates(short, long) {
		return
	}
	if a.short[short] == nil {
		a.short[short] = map[string]bool{}
	}
	a.short[short][long] = true
}

// abbreviates reports whether short is a short form of long: two to four
// characters, the first of long, then others of it in order (化武 of
// 化学武器, 世贸组织 of 世界贸易组织), and not a part of it as it stands.
func abbreviates(short, long string) bool {
	// Most pairs differ in their first character: told apart without
	// making runes of them (every pair of a statement's terms is asked).
	a, _ := utf8.DecodeRuneInString(short)
	b, _ := utf8.DecodeRuneInString(long)
	if a != b {
		return false
	}
	s, l := []rune(short), []rune(long)
	if len(s) < 2 || len(s) > 4 || len(l) < len(s)+2 || s[0] != l[0] || strings.Contains(long, short) {
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

// inside returns the terms t starts or ends with (亚太 of 亚太地区, 走廊 of
// 经济走廊, 核电 of 核电站), but not one that only a character before it
// makes t (美洲 of 中美洲 is another region).
func (a *NewAreas) inside(t string) []string {
	rs := []rune(t)
	var out []string
	for k := 2; k < len(rs); k++ {
		if p := string(rs[:k]); a.df[p] > 0 {
			out = append(out, p)
		}
		if s := string(rs[len(rs)-k:]); a.df[s] > 0 && len(rs)-k > 1 {
			out = append(out, s)
		}
	}
	return out
}

// ByYear returns, for every year, the policy areas that first appear in
// it: terms that the year's commitments use and that no commitment of an
// earlier year used, nor a longer form of them (本币 after 本币结算), nor a
// shorter one (民用核能 after 核能), nor an abbreviation or its long form.
// The forms new in one year are one area; a term inside a longer new term
// that every one of its commitments also uses (智能 in 人工智能) is left
// out. Most distinctive first (by Score, then the most specific). The
// first year has no areas: there is nothing earlier to be new against.
func (a *NewAreas) ByYear() map[int][]Area {
	related := map[string][]string{} // both ways
	relate := func(x, y string) {
		related[x] = append(related[x], y)
		related[y] = append(related[y], x)
	}
	terms := make([]string, 0, len(a.df))
	for t := range a.df {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	firstYear := 0
	for _, t := range terms {
		for _, in := range a.inside(t) {
			relate(in, t)
		}
		for long := range a.short[t] {
			relate(t, long)
		}
		if y := a.first[t]; y != 0 && (firstYear == 0 || y < firstYear) {
			firstYear = y
		}
	}
	// A term is new in the year it was first used if no related form was
	// used before.
	newIn := map[string]int{}
	for _, t := range terms {
		y := a.first[t]
		if y == 0 || y == firstYear {
			continue
		}
		earlier := false
		for _, r := range related[t] {
			earlier = earlier || a.first[r] != 0 && a.first[r] < y
		}
		if !earlier {
			newIn[t] = y
		}
	}
	// The related forms new in one year are one area.
	parent := map[string]string{}
	var find func(string) string
	find = func(t string) string {
		if p, ok := parent[t]; ok && p != t {
			r := find(p)
			parent[t] = r
			return r
		}
		return t
	}
	// A form inside several new terms (走廊 of 经济走廊 and 运输走廊) joins
	// none of them: they are different areas that share a word.
	longer := map[string][]string{}
	for _, t := range terms {
		for _, in := range a.inside(t) {
			if newIn[t] != 0 && newIn[in] == newIn[t] {
				longer[in] = append(longer[in], t)
			}
		}
	}
	for _, t := range terms {
		for _, r := range related[t] {
			shared := len(longer[t]) > 1 && slices.Contains(longer[t], r) || len(longer[r]) > 1 && slices.Contains(longer[r], t)
			if newIn[t] != 0 && newIn[r] == newIn[t] && !shared {
				if x, y := find(t), find(r); x != y {
					parent[x] = y
				}
			}
		}
	}
	groups := map[string][]string{}
	for _, t := range terms {
		if newIn[t] != 0 {
			groups[find(t)] = append(groups[find(t)], t)
		}
	}
	byYear := map[int][]Area{}
	for _, forms := range groups {
		slices.SortFunc(forms, func(x, y string) int {
			return cmp.Or(cmp.Compare(a.df[y], a.df[x]), cmp.Compare(utf8.RuneCountInString(y), utf8.RuneCountInString(x)), strings.Compare(x, y))
		})
		year := newIn[forms[0]]
		ar := Area{Term: forms[0], Forms: forms[1:]}
		if len(ar.Forms) == 0 {
			ar.Forms = nil
		}
		seen := map[int64]bool{}
		df := 0
		for _, f := range forms {
			df += a.df[f]
			for _, id := range a.uses[f] {
				if !seen[id] {
					seen[id] = true
					ar.IDs = append(ar.IDs, id)
				}
			}
		}
		slices.Sort(ar.IDs)
		statements := map[int64]bool{}
		for _, id := range ar.IDs {
			statements[a.statement[id]] = true
		}
		ar.Statements = len(statements)
		ar.Score = float64(len(ar.IDs)) * math.Log(1+float64(a.n)/float64(df))
		byYear[year] = append(byYear[year], ar)
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
