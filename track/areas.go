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
	where, args := withParties([]string{"1 = 1"}, nil, with)
	rows, err := q.QueryContext(ctx, `SELECT COALESCE(s.year, 0), s.id, c.id, c.terms
		FROM statements s CROSS JOIN commitments c ON c.statement_id = s.id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY s.date, s.fingerprint, c.ordinal`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	areas := figures.NewAreas{Specific: label.Specific}
	for rows.Next() {
		var year int
		var st, id int64
		var terms string
		if err := rows.Scan(&year, &st, &id, &terms); err != nil {
			return nil, err
		}
		areas.Add(year, st, id, strings.Fields(terms))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return areas.ByYear(), nil
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
