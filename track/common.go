package track

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"

	"pledge/link"
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
//
// Each commitment's best match among other parties' commitments depends on
// every commitment, so it is computed for all of them the first time
// Common is asked after a change, and kept (common_matches) for the times
// after.
func (s *Store) Common(ctx context.Context, minPartners int, threshold float64) ([]CommonGroup, error) {
	edges, err := s.commonEdges(ctx, threshold)
	if err != nil {
		return nil, err
	}
	// Union-find over the commitments: each joins its match.
	parent := map[int64]int64{}
	find := func(i int64) int64 {
		if _, ok := parent[i]; !ok {
			parent[i] = i
		}
		r := i
		for parent[r] != r {
			r = parent[r]
		}
		for parent[i] != r {
			parent[i], i = r, parent[i]
		}
		return r
	}
	for _, e := range edges {
		if ra, rb := find(e[0]), find(e[1]); ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	members := map[int64][]int64{}
	for id := range parent {
		r := find(id)
		members[r] = append(members[r], id)
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

// commonEdges returns the pairs of a commitment and its best match among
// other parties' commitments, where they are alike at threshold: from
// common_matches, computed and stored first if they are out of date; on a
// database opened read-only, computed and not stored.
func (s *Store) commonEdges(ctx context.Context, threshold float64) ([][2]int64, error) {
	var edges [][2]int64
	if s.readOnly {
		items, err := linkItems(ctx, s.db, false, nil, true)
		if err != nil {
			return nil, err
		}
		for id, m := range link.Across(items) {
			if m.ID != 0 && m.Similarity >= threshold {
				edges = append(edges, [2]int64{id, m.ID})
			}
		}
		slices.SortFunc(edges, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
		return edges, nil
	}
	if err := s.commonMatches(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT commitment_id, other_id FROM common_matches WHERE similarity >= ? ORDER BY commitment_id`, threshold)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e [2]int64
		if err := rows.Scan(&e[0], &e[1]); err != nil {
			return nil, err
		}
		edges = append(edges, e)
	}
	return edges, rows.Err()
}

// commonMatches computes and stores each commitment's best match among
// the commitments of statements between other parties, unless what is
// stored was computed for the current generation of the database.
func (s *Store) commonMatches(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		gen, err := generation(ctx, tx)
		if err != nil {
			return err
		}
		done, err := setting(ctx, tx, settingCommonGeneration)
		if err != nil || done == strconv.FormatInt(gen, 10) {
			return err
		}
		items, err := linkItems(ctx, tx, false, nil, true)
		if err != nil {
			return err
		}
		matches := link.Across(items)
		if _, err := tx.ExecContext(ctx, `DELETE FROM common_matches`); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO common_matches (commitment_id, other_id, similarity) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, it := range items {
			if m := matches[it.ID]; m.ID != 0 {
				if _, err := ins.ExecContext(ctx, it.ID, m.ID, m.Similarity); err != nil {
					return err
				}
			}
		}
		return setSetting(ctx, tx, settingCommonGeneration, strconv.FormatInt(gen, 10))
	})
}

func domainsOf(gs []CommonGroup) map[string]bool {
	out := map[string]bool{}
	for _, g := range gs {
		out[g.Domain] = true
	}
	return out
}
