package track

import (
	"context"
	"strings"
)

// Unlinked are the commitments whose links wait to be computed: those a
// stopped run stored but did not link, and the others of their groups,
// whose links those may change (see LinkPending). Until they are linked,
// the ones stored read as new and the others keep their links of before.
type Unlinked struct {
	// Count is how many commitments they are.
	Count  int
	all    bool
	groups map[string]bool
}

// Has reports whether c is one of them.
func (u Unlinked) Has(c Commitment) bool {
	return u.Count > 0 && (u.all || u.groups[PartyKey(c.Parties)])
}

// Unlinked returns the commitments whose links wait to be computed. It
// only reads.
func (s *Store) Unlinked(ctx context.Context) (Unlinked, error) {
	u := Unlinked{groups: map[string]bool{}}
	rows, err := s.db.QueryContext(ctx, `SELECT party_key FROM pending_links`)
	if err != nil {
		return u, err
	}
	defer rows.Close()
	var args []any
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			return u, err
		}
		u.groups[g] = true
		u.all = u.all || g == allGroups
		args = append(args, g)
	}
	if err := rows.Err(); err != nil || len(args) == 0 {
		return u, err
	}
	across, err := s.AcrossParties(ctx)
	if err != nil {
		return u, err
	}
	u.all = u.all || across
	q := `SELECT count(*) FROM commitments`
	if !u.all {
		q = `SELECT count(*) FROM commitments c JOIN statements s ON s.id = c.statement_id
			WHERE s.party_key IN (` + strings.TrimSuffix(strings.Repeat("?,", len(args)), ",") + `)`
	} else {
		args = nil
	}
	err = s.db.QueryRowContext(ctx, q, args...).Scan(&u.Count)
	return u, err
}
