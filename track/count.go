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
	if f.linkQueue() {
		return s.countLinkQueue(ctx)
	}
	if cond, args, ok := f.ownConditions(); ok {
		// Of the commitments alone: joining their statements and links
		// would cost a lookup a row.
		err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM commitments c WHERE `+cond, args...).Scan(&n)
		return n, err
	}
	where, args := f.where()
	err := s.db.QueryRowContext(ctx, `SELECT count(*) `+commitmentJoins+where, args...).Scan(&n)
	return n, err
}

// ownConditions is the condition on commitments c alone that selects what
// f selects, when f has no condition on their statements or links (ok).
func (f Filter) ownConditions() (string, []any, bool) {
	if f.Year != 0 || f.FromYear != 0 || f.Undated || f.Status != "" || f.LinkSource != "" || f.CanRecur || len(f.With) > 0 {
		return "", nil, false
	}
	where, args := f.where()
	if where == "" {
		return "1 = 1", nil, true
	}
	return strings.TrimPrefix(where, " WHERE "), args, true
}

// linkQueue reports whether f is LinkQueue: the links of the model of the
// commitments that can recur.
func (f Filter) linkQueue() bool {
	q := LinkQueue()
	return f.LinkSource == q.LinkSource && f.CanRecur == q.CanRecur && f.Year == 0 && f.FromYear == 0 && !f.Undated &&
		f.Domain == "" && f.Status == "" && f.Search == "" && f.LabelSource == "" && f.Below == 0 && f.IDs == nil && len(f.With) == 0
}

// countLinkQueue counts LinkQueue's commitments without reading them all:
// those that can recur are the dated commitments (the kept cells) but for
// those of the statements dated on the first date of their group (or of
// all, across parties); of them, those a person linked are left out, found
// by an index of the few links people decided.
func (s *Store) countLinkQueue(ctx context.Context) (int, error) {
	across, err := s.AcrossParties(ctx)
	if err != nil {
		return 0, err
	}
	first := `SELECT s.id FROM statements s JOIN (SELECT party_key, min(date) AS first FROM statements WHERE date != '' GROUP BY party_key) g
		ON g.party_key = s.party_key AND s.date = g.first`
	if across {
		first = `SELECT s.id FROM statements s WHERE s.date = (SELECT min(date) FROM statements WHERE date != '')`
	}
	canRecur := `s.date != '' AND s.id NOT IN (` + first + `)`
	var dated, firsts, person int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(sum(n), 0) FROM tally_cells WHERE year != 0`).Scan(&dated); err != nil {
		return 0, err
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM commitments WHERE statement_id IN (`+first+`)`).Scan(&firsts); err != nil {
		return 0, err
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM links l JOIN commitments c ON c.id = l.commitment_id
		JOIN statements s ON s.id = c.statement_id WHERE l.link_source = 'person' AND `+canRecur).Scan(&person); err != nil {
		return 0, err
	}
	return dated - firsts - person, nil
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
