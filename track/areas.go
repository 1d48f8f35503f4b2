package track

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"pledge/figures"
	"pledge/label"
)

// NewAreas returns the policy areas that first appear in year; see
// AllNewAreas. Over all statements, it reads only that year's, as
// Summarise kept them.
func (s *Store) NewAreas(ctx context.Context, year int, with ...string) ([]figures.Area, error) {
	if len(with) == 0 {
		var out []figures.Area
		found := false
		err := s.snapshot(ctx, func(q querier) error {
			fresh, _, err := areasFresh(ctx, q)
			if err != nil || !fresh {
				return err
			}
			found = true
			byYear, err := readAreas(ctx, q, `SELECT year, area FROM new_areas WHERE year = ? ORDER BY rank`, year)
			out = byYear[year]
			return err
		})
		if err != nil || found {
			return out, err
		}
	}
	all, err := s.AllNewAreas(ctx, with...)
	return all[year], err
}

// AllNewAreas returns, for every year, the policy areas that first appear
// in it (see figures.NewAreas): terms that the year's commitments use and
// no commitment of an earlier year did, most distinctive first. With names
// parties, only statements whose parties include them all count: the
// areas new with one partner. Over all statements, it reads what Summarise
// kept, unless that is out of date; else it reads the stored terms once,
// in date order.
func (s *Store) AllNewAreas(ctx context.Context, with ...string) (map[int][]figures.Area, error) {
	var out map[int][]figures.Area
	err := s.snapshot(ctx, func(q querier) error {
		if len(with) == 0 {
			fresh, _, err := areasFresh(ctx, q)
			if err != nil {
				return err
			}
			if fresh {
				out, err = readAreas(ctx, q, `SELECT year, area FROM new_areas ORDER BY year, rank`)
				return err
			}
		}
		var err error
		out, err = computeAreas(ctx, q, with)
		return err
	})
	return out, err
}

// computeAreas finds the new policy areas of every year from the stored
// terms, with names with those of the statements whose parties include
// them all.
func computeAreas(ctx context.Context, q querier, with []string) (map[int][]figures.Area, error) {
	areas := figures.NewAreas{Specific: label.Specific}
	if _, err := addAreas(ctx, q, &areas, with, 0); err != nil {
		return nil, err
	}
	return areas.ByYear(), nil
}

// addAreas gives areas the terms of the stored commitments after the
// commitment after (all when 0), of the statements whose parties include
// with, a statement's together, and returns the last commitment given.
func addAreas(ctx context.Context, q querier, areas *figures.NewAreas, with []string, after int64) (int64, error) {
	// All of them are read in the statements' order (their index), the
	// few after one by their ids and sorted.
	query := `SELECT COALESCE(s.year, 0), s.id, c.id, c.terms
		FROM statements s CROSS JOIN commitments c ON c.statement_id = s.id WHERE %s ORDER BY s.date, s.fingerprint, c.ordinal`
	where, args := withParties([]string{"1 = 1"}, nil, with)
	if after > 0 {
		query = `SELECT COALESCE(s.year, 0), s.id, c.id, c.terms
			FROM commitments c JOIN statements s ON s.id = c.statement_id WHERE %s ORDER BY c.statement_id, c.ordinal`
		where, args = withParties([]string{"c.id > ?"}, []any{after}, with)
	}
	rows, err := q.QueryContext(ctx, fmt.Sprintf(query, strings.Join(where, " AND ")), args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	last := after
	for rows.Next() {
		var year int
		var st, id int64
		var terms string
		if err := rows.Scan(&year, &st, &id, &terms); err != nil {
			return 0, err
		}
		areas.Add(year, st, id, strings.Fields(terms))
		last = max(last, id)
	}
	return last, rows.Err()
}

// countedAreas returns what the areas were last counted from (areas_state),
// to be given the commitments stored since, and the last commitment it
// counted; an empty count and 0 when it cannot be: another program counted,
// or since then a commitment or statement was removed, terms or a date
// changed (summary_state.changed), or commitments were added to a statement
// it counted (a statement's commitments are given together). changed is
// the count of such changes now, to keep with the count.
func countedAreas(ctx context.Context, q querier) (areas *figures.NewAreas, upto, changed int64, err error) {
	areas = &figures.NewAreas{Specific: label.Specific}
	if err := q.QueryRowContext(ctx, `SELECT changed FROM summary_state`).Scan(&changed); err != nil {
		return nil, 0, 0, err
	}
	var key string
	var then int64
	var state []byte
	err = q.QueryRowContext(ctx, `SELECT key, upto, changed, state FROM areas_state`).Scan(&key, &upto, &then, &state)
	if err == sql.ErrNoRows || err == nil && (key != areasStateKey() || then != changed) {
		return areas, 0, changed, nil
	}
	if err != nil {
		return nil, 0, 0, err
	}
	var joined bool
	if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM commitments c WHERE c.id > ?1
		AND EXISTS (SELECT 1 FROM commitments o WHERE o.statement_id = c.statement_id AND o.id <= ?1))`, upto).Scan(&joined); err != nil {
		return nil, 0, 0, err
	}
	if joined {
		return areas, 0, changed, nil
	}
	if err := areas.UnmarshalJSON(state); err != nil {
		return &figures.NewAreas{Specific: label.Specific}, 0, changed, nil // unreadable: count afresh
	}
	return areas, upto, changed, nil
}

// keepCounted keeps what the areas were counted from (countedAreas).
func keepCounted(ctx context.Context, tx *sql.Tx, areas *figures.NewAreas, upto, changed int64) error {
	state, err := areas.MarshalJSON()
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO areas_state (id, key, upto, changed, state) VALUES (1, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET key = excluded.key, upto = excluded.upto, changed = excluded.changed, state = excluded.state`,
		areasStateKey(), upto, changed, state)
	return err
}

// storeAreas keeps the new areas of every year, in their order, with the
// key that says what they were computed from.
func storeAreas(ctx context.Context, tx *sql.Tx, areas map[int][]figures.Area, key string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM new_areas`); err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO new_areas (year, rank, area) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for year, as := range areas {
		for rank, a := range as {
			b, err := json.Marshal(a)
			if err != nil {
				return err
			}
			if _, err := ins.ExecContext(ctx, year, rank, b); err != nil {
				return err
			}
		}
	}
	return setSetting(ctx, tx, settingAreas, key)
}

// readAreas reads stored new areas, by year in their order.
func readAreas(ctx context.Context, q querier, query string, args ...any) (map[int][]figures.Area, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int][]figures.Area{}
	for rows.Next() {
		var year int
		var b []byte
		if err := rows.Scan(&year, &b); err != nil {
			return nil, err
		}
		var a figures.Area
		if err := json.Unmarshal(b, &a); err != nil {
			return nil, fmt.Errorf("a new area of %d kept in the database: %w", year, err)
		}
		out[year] = append(out[year], a)
	}
	return out, rows.Err()
}
