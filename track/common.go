package track

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"

	"pledge/figures"
	"pledge/link"
)

// CommonGroup is a commitment one party makes to several partners:
// similar commitments in statements between that party and different
// others (see figures.Common).
type CommonGroup = figures.Common[Commitment]

// Common finds what one party promises several partners: commitments of
// statements between different parties whose similarity, as linking
// measures it, reaches threshold are one group, and a group counts for a
// party in all its statements when that party made it to at least
// minPartners others (see figures.CommonGroups). Groups come in the
// GUIDE's order of domains, those with the most partners first.
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
	joined := figures.Components(edges)
	if len(joined) == 0 {
		return nil, nil
	}
	cs, err := s.Commitments(ctx, Filter{IDs: slices.Concat(joined...)})
	if err != nil {
		return nil, err
	}
	group := map[int64]int{}
	for i, ids := range joined {
		for _, id := range ids {
			group[id] = i
		}
	}
	// Each group's commitments in the order of Commitments: by date.
	groups := make([][]Commitment, len(joined))
	for _, c := range cs {
		groups[group[c.ID]] = append(groups[group[c.ID]], c)
	}
	return figures.CommonGroups(groups, factsOf, minPartners), nil
}

// factsOf is what finding common commitments needs to know of c.
func factsOf(c Commitment) figures.Facts {
	return figures.Facts{Date: c.Date, Year: c.Year, Parties: c.Parties, Domain: c.Domain}
}

// commonEdges returns the pairs of a commitment and its best match among
// other parties' commitments, where they are alike at threshold: from
// common_matches, computed and stored first if they are out of date; on a
// database opened read-only, computed and not stored.
func (s *Store) commonEdges(ctx context.Context, threshold float64) ([][2]int64, error) {
	var edges [][2]int64
	if s.readOnly {
		items, err := linkItems(ctx, s.db, false, "", true)
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
		items, err := linkItems(ctx, tx, false, "", true)
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
