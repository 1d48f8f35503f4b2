package track

import (
	"context"
	"strings"
)

// CountCommitments returns how many commitments f selects. A filter of
// years, domain, status and parties alone is answered from the counts the
// database keeps (tally_cells), whatever the database holds; any other
// counts the rows it selects.
func (s *Store) CountCommitments(ctx context.Context, f Filter) (int, error) {
	var n int
	if cond, args, ok := f.cells(); ok {
		err := s.db.QueryRowContext(ctx, `SELECT COALESCE(sum(n), 0) FROM tally_cells WHERE `+cond, args...).Scan(&n)
		return n, err
	}
	where, args := f.where()
	err := s.db.QueryRowContext(ctx, `SELECT count(*) `+commitmentJoins+where, args...).Scan(&n)
	return n, err
}

// cells is the condition on tally_cells that selects what f selects, when
// its cells can say (ok).
func (f Filter) cells() (string, []any, bool) {
	if f.Search != "" || f.LabelSource != "" || f.LinkSource != "" || f.Below != 0 || f.CanRecur || f.IDs != nil {
		return "", nil, false
	}
	cond, args := groupsWith(f.With)
	conds := []string{cond}
	if f.Year != 0 {
		conds, args = append(conds, "year = ?"), append(args, f.Year)
	}
	if f.FromYear != 0 {
		// Undated statements are year 0 here, NULL in statements: a year
		// from which is never 0.
		conds, args = append(conds, "year >= ?"), append(args, f.FromYear)
	}
	if f.Undated {
		conds = append(conds, "year = 0")
	}
	if f.Domain != "" {
		conds, args = append(conds, "domain = ?"), append(args, f.Domain)
	}
	switch f.Status {
	case "new":
		conds = append(conds, "recurring = 0")
	case "recurring":
		conds = append(conds, "recurring = 1")
	case "":
	default:
		// A status no commitment has: none, as the rows would say.
		conds = append(conds, "0")
	}
	return strings.Join(conds, " AND "), args, true
}
