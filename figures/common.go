package figures

import (
	"cmp"
	"slices"
)

// Facts are what CommonGroups needs to know of a commitment.
type Facts struct {
	Date    string   // YYYY-MM-DD, "" when unknown
	Year    int      // 0 when unknown
	Parties []string // its statement's parties
	Domain  string
}

// Common is a commitment one party makes to several partners: alike
// commitments C in statements between that party and different others.
type Common[C any] struct {
	Party       string   // the party in every statement of the group
	Partners    []string // the others, in name order
	Domain      string   // the domain most of the commitments have
	Years       []int
	Commitments []C // in date order
}

// CommonGroups finds what one party promises several partners. Each group
// holds commitments that are alike, in date order, and facts tells their
// statements' parties, dates and domains; a group counts for a party in
// all its statements when that party made it to at least minPartners
// others. They come in the GUIDE's order of domains, those with the most
// partners first, then by party and by the date of their first
// commitment; groups that tie keep the order they were given in.
func CommonGroups[C any](groups [][]C, facts func(C) Facts, minPartners int) []Common[C] {
	var out []Common[C]
	for _, g := range groups {
		fs := make([]Facts, len(g))
		for i, c := range g {
			fs[i] = facts(c)
		}
		for _, p := range partiesInAll(fs) {
			partners := map[string]bool{}
			for _, f := range fs {
				for _, q := range f.Parties {
					if q != p {
						partners[q] = true
					}
				}
			}
			if len(partners) < minPartners {
				continue
			}
			out = append(out, commonOf(p, partners, g, fs))
		}
	}
	rank := map[string]int{}
	domains := map[string]bool{}
	for _, g := range out {
		domains[g.Domain] = true
	}
	for i, d := range orderDomains(domains) {
		rank[d] = i
	}
	first := func(g Common[C]) string { return facts(g.Commitments[0]).Date }
	slices.SortStableFunc(out, func(a, b Common[C]) int {
		return cmp.Or(cmp.Compare(rank[a.Domain], rank[b.Domain]), cmp.Compare(len(b.Partners), len(a.Partners)),
			cmp.Compare(a.Party, b.Party), cmp.Compare(first(a), first(b)))
	})
	return out
}

// partiesInAll returns the parties of the first statement that every
// other statement has too.
func partiesInAll(fs []Facts) []string {
	var out []string
	for _, p := range fs[0].Parties {
		if !slices.ContainsFunc(fs, func(f Facts) bool { return !slices.Contains(f.Parties, p) }) {
			out = append(out, p)
		}
	}
	return out
}

// commonOf is the group g as party p's to partners: its domain is the one
// most of its commitments have (the first by name of those that tie), its
// years those of its dated statements.
func commonOf[C any](p string, partners map[string]bool, g []C, fs []Facts) Common[C] {
	out := Common[C]{Party: p, Commitments: g}
	for q := range partners {
		out.Partners = append(out.Partners, q)
	}
	slices.Sort(out.Partners)
	domains := map[string]int{}
	years := map[int]bool{}
	for _, f := range fs {
		domains[f.Domain]++
		if f.Year != 0 {
			years[f.Year] = true
		}
	}
	for d, n := range domains {
		if n > domains[out.Domain] || n == domains[out.Domain] && d < out.Domain {
			out.Domain = d
		}
	}
	for y := range years {
		out.Years = append(out.Years, y)
	}
	slices.Sort(out.Years)
	return out
}
