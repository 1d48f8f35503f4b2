package track

import (
	"context"
	"strings"

	"pledge/figures"
	"pledge/label"
)

// NewAreas returns the policy areas that first appear in year; see
// AllNewAreas.
func (s *Store) NewAreas(ctx context.Context, year int, with ...string) ([]figures.Area, error) {
	all, err := s.AllNewAreas(ctx, with...)
	return all[year], err
}

// AllNewAreas returns, for every year, the policy areas that first appear
// in it (see figures.NewAreas): terms that the year's commitments use and
// no commitment of an earlier year did, most distinctive first. With names
// parties, only statements whose parties include them all count: the
// areas new with one partner. It reads the stored terms once, in date
// order.
func (s *Store) AllNewAreas(ctx context.Context, with ...string) (map[int][]figures.Area, error) {
	where, args := withParties([]string{"1 = 1"}, nil, with)
	rows, err := s.db.QueryContext(ctx, `SELECT COALESCE(s.year, 0), s.id, c.id, c.terms
		FROM commitments c JOIN statements s ON s.id = c.statement_id
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
