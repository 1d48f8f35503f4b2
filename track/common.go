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
// every commitment (link.Across), so it is computed for all of them the
// first time Common is asked after a change, and kept (common_matches) for
// the times after.
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
// common_matches, computed and kept first if they are out of date. A
// database opened read-only keeps them too where its file can be written
// (as a stopped run's links are made); where it cannot, they are computed
// and not kept.
func (s *Store) commonEdges(ctx context.Context, threshold float64) ([][2]int64, error) {
	key, fresh, err := s.commonFresh(ctx)
	if err != nil {
		return nil, err
	}
	if !fresh {
		matches, err := s.computeCommon(ctx, &key)
		if err != nil {
			return nil, err
		}
		if kept, err := s.keepCommon(ctx, matches, key); err != nil {
			return nil, err
		} else if !kept {
			var edges [][2]int64
			for _, m := range matches {
				if m.similarity >= threshold {
					edges = append(edges, [2]int64{m.id, m.other})
				}
			}
			return edges, nil
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT commitment_id, other_id FROM common_matches WHERE similarity >= ? ORDER BY commitment_id`, threshold)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var edges [][2]int64
	for rows.Next() {
		var e [2]int64
		if err := rows.Scan(&e[0], &e[1]); err != nil {
			return nil, err
		}
		edges = append(edges, e)
	}
	return edges, rows.Err()
}

// commonMatch is a commitment's best match among other parties'.
type commonMatch struct {
	id, other  int64
	similarity float64
}

// commonKey says what common_matches were computed from: the database's
// generation and the linker that compared them.
func commonKey(ctx context.Context, q querier) (string, error) {
	gen, err := generation(ctx, q)
	if err != nil {
		return "", err
	}
	m, err := link.DefaultModel()
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(gen, 10) + "@" + m.Version(), nil
}

// commonFresh returns the key of the database now, and whether the kept
// matches were computed for it.
func (s *Store) commonFresh(ctx context.Context) (string, bool, error) {
	key, err := commonKey(ctx, s.db)
	if err != nil {
		return "", false, err
	}
	done, err := setting(ctx, s.db, settingCommonGeneration)
	return key, done == key, err
}

// computeCommon compares every commitment with the commitments of
// statements between other parties, in ascending order of ids, from one
// snapshot of the database, whose key it sets: the write lock is not held
// meanwhile.
func (s *Store) computeCommon(ctx context.Context, key *string) ([]commonMatch, error) {
	var items []link.Item
	err := s.snapshot(ctx, func(q querier) error {
		var err error
		if *key, err = commonKey(ctx, q); err != nil {
			return err
		}
		items, err = linkItems(ctx, q, false, "", true)
		return err
	})
	if err != nil {
		return nil, err
	}
	found := link.Across(items)
	out := make([]commonMatch, 0, len(found))
	for id, m := range found {
		if m.ID != 0 {
			out = append(out, commonMatch{id, m.ID, m.Similarity})
		}
	}
	slices.SortFunc(out, func(a, b commonMatch) int { return cmp.Compare(a.id, b.id) })
	return out, nil
}

// keepCommon stores matches as the common_matches of the database at key,
// unless it changed meanwhile; on a database opened read-only, through a
// connection that can write, if the file can be written. It reports
// whether the database holds them now.
func (s *Store) keepCommon(ctx context.Context, matches []commonMatch, key string) (bool, error) {
	w := s
	if s.readOnly {
		var err error
		if w, err = Open(ctx, s.path); err != nil {
			return false, nil // a file that cannot be written: computed each time
		}
		defer w.Close()
	}
	kept := false
	err := w.tx(ctx, func(tx *sql.Tx) error {
		now, err := commonKey(ctx, tx)
		if err != nil || now != key {
			return err // changed meanwhile
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM common_matches`); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO common_matches (commitment_id, other_id, similarity) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, m := range matches {
			if _, err := ins.ExecContext(ctx, m.id, m.other, m.similarity); err != nil {
				return err
			}
		}
		kept = true
		return setSetting(ctx, tx, settingCommonGeneration, key)
	})
	if s.readOnly && err != nil {
		return false, nil
	}
	return kept, err
}
