package track

import (
	"cmp"
	"context"
	"slices"
)

// CommonGroup is a commitment one party makes to several partners: similar
// commitments in statements between that party and different others.
type CommonGroup struct {
	Party       string   // the party in every statement of the group
	Partners    []string // the others, in name order
	Domain      string   // the domain most of the commitments have
	Years       []int
	Commitments []Commitment // in date order
}

// Common finds what one party promises several partners: commitments of
// statements between different parties whose similarity, as linking
// measures it, reaches threshold are one group, and a group counts for a
// party in all its statements when that party made it to at least
// minPartners others. Groups come in the GUIDE's order of domains, those
// with the most partners first.
func (s *Store) Common(ctx context.Context, minPartners int, threshold float64) ([]CommonGroup, error) {
	items, err := linkItems(ctx, s.db, false)
	if err != nil {
		return nil, err
	}
	c := newCorpus(items)
	items = c.items
	// Union-find over the items: each joins its best match among
	// commitments of statements between other parties.
	parent := make([]int32, len(items))
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range items {
		if items[i].group == "" {
			continue
		}
		j, sim := c.best(int32(i), int32(len(items)), func(j int32) bool {
			return items[j].group != "" && items[j].group != items[i].group
		}, defaultLimits)
		if j >= 0 && sim >= threshold {
			a, b := find(int32(i)), find(j)
			parent[max(a, b)] = min(a, b)
		}
	}
	members := map[int32][]int64{}
	for i := range items {
		r := find(int32(i))
		members[r] = append(members[r], items[i].id)
	}
	var ids []int64
	for _, m := range members {
		if len(m) > 1 {
			ids = append(ids, m...)
		}
	}
	if ids == nil {
		return nil, nil
	}
	cs, err := s.Commitments(ctx, Filter{IDs: ids})
	if err != nil {
		return nil, err
	}
	byID := map[int64]Commitment{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	var out []CommonGroup
	for _, m := range members {
		if len(m) < 2 {
			continue
		}
		group := make([]Commitment, len(m))
		for k, id := range m {
			group[k] = byID[id]
		}
		slices.SortFunc(group, func(a, b Commitment) int {
			return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Fingerprint, b.Fingerprint), cmp.Compare(a.Ordinal, b.Ordinal))
		})
		out = append(out, commonFor(group, minPartners)...)
	}
	rank := map[string]int{}
	for i, d := range orderDomains(domainsOf(out)) {
		rank[d] = i
	}
	slices.SortFunc(out, func(a, b CommonGroup) int {
		return cmp.Or(cmp.Compare(rank[a.Domain], rank[b.Domain]), cmp.Compare(len(b.Partners), len(a.Partners)),
			cmp.Compare(a.Party, b.Party), cmp.Compare(a.Commitments[0].Date, b.Commitments[0].Date))
	})
	return out, nil
}

// commonFor returns a group for each party in every statement of the
// commitments that made them to at least minPartners others.
func commonFor(group []Commitment, minPartners int) []CommonGroup {
	var out []CommonGroup
	for _, p := range group[0].Parties {
		partners := map[string]bool{}
		inAll := true
		for _, c := range group {
			inAll = inAll && slices.Contains(c.Parties, p)
			for _, q := range c.Parties {
				if q != p {
					partners[q] = true
				}
			}
		}
		if !inAll || len(partners) < minPartners {
			continue
		}
		g := CommonGroup{Party: p, Commitments: group}
		for q := range partners {
			g.Partners = append(g.Partners, q)
		}
		slices.Sort(g.Partners)
		domains := map[string]int{}
		years := map[int]bool{}
		for _, c := range group {
			domains[c.Domain]++
			if c.Year != 0 {
				years[c.Year] = true
			}
		}
		for d, n := range domains {
			if n > domains[g.Domain] || n == domains[g.Domain] && d < g.Domain {
				g.Domain = d
			}
		}
		for y := range years {
			g.Years = append(g.Years, y)
		}
		slices.Sort(g.Years)
		out = append(out, g)
	}
	return out
}

func domainsOf(gs []CommonGroup) map[string]bool {
	out := map[string]bool{}
	for _, g := range gs {
		out[g.Domain] = true
	}
	return out
}
