package track

import (
	"context"
	"strings"

	"pledge/figures"
)

// Tally counts the commitments of every year in every domain, new and
// recurring, and the statements of every year; with names parties, only
// those of statements whose parties include them all. The database does
// the counting.
func (s *Store) Tally(ctx context.Context, with ...string) (*figures.Tally, error) {
	where, args := withParties([]string{"1 = 1"}, nil, with)
	cond := strings.Join(where, " AND ")
	counts, err := domainCounts[int](ctx, s.db, `SELECT COALESCE(s.year, 0), c.domain, COALESCE(l.status, 'new') = 'recurring', count(*)
		FROM commitments c JOIN statements s ON s.id = c.statement_id LEFT JOIN links l ON l.commitment_id = c.id
		WHERE `+cond+` GROUP BY 1, 2, 3`, args...)
	if err != nil {
		return nil, err
	}
	statements, err := rowCounts[int](ctx, s.db, `SELECT COALESCE(s.year, 0), count(*) FROM statements s WHERE `+cond+` GROUP BY 1`, args...)
	if err != nil {
		return nil, err
	}
	return figures.NewTally(counts, statements), nil
}

// PartnerTally counts the commitments of each partner in each domain. A
// statement's partners are its parties other than the home party (see
// figures.PartnerTally.Home), so a statement between three states counts
// for each of its two partners; with names parties, only statements whose
// parties include them all count. The database does the counting.
func (s *Store) PartnerTally(ctx context.Context, with ...string) (*figures.PartnerTally, error) {
	home, err := s.home(ctx)
	if err != nil {
		return nil, err
	}
	where, args := withParties([]string{"1 = 1"}, nil, with)
	cond := strings.Join(where, " AND ")
	// A statement's partners, or figures.UnknownPartner for one without
	// parties.
	partner := `(SELECT sp.party AS partner, sp.statement_id AS statement_id FROM statement_parties sp WHERE sp.party != ?1
		UNION ALL SELECT ?2, st.id FROM statements st WHERE NOT EXISTS (SELECT 1 FROM statement_parties x WHERE x.statement_id = st.id))`
	pargs := append([]any{home, figures.UnknownPartner}, args...)
	statements, err := rowCounts[string](ctx, s.db, `SELECT p.partner, count(*) FROM statements s JOIN `+partner+` p ON p.statement_id = s.id
		WHERE `+cond+` GROUP BY 1`, pargs...)
	if err != nil {
		return nil, err
	}
	counts, err := domainCounts[string](ctx, s.db, `SELECT p.partner, c.domain, COALESCE(l.status, 'new') = 'recurring', count(*)
		FROM commitments c JOIN statements s ON s.id = c.statement_id LEFT JOIN links l ON l.commitment_id = c.id
		JOIN `+partner+` p ON p.statement_id = s.id WHERE `+cond+` GROUP BY 1, 2, 3`, pargs...)
	if err != nil {
		return nil, err
	}
	return figures.NewPartnerTally(home, counts, statements), nil
}

// home is the party of most statements (see figures.Home), from how many
// statements each party is in and how many name it first.
func (s *Store) home(ctx context.Context) (string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT party, count(*), sum(position = 0) FROM statement_parties GROUP BY party`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var counts []figures.PartyCount
	for rows.Next() {
		var c figures.PartyCount
		if err := rows.Scan(&c.Party, &c.Statements, &c.First); err != nil {
			return "", err
		}
		counts = append(counts, c)
	}
	return figures.Home(counts), rows.Err()
}

// domainCounts runs query q, which selects a row of a tally (a year or a
// partner), a domain, whether the commitments recur, and their count.
func domainCounts[K comparable](ctx context.Context, db querier, q string, args ...any) ([]figures.Count[K], error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []figures.Count[K]
	for rows.Next() {
		var c figures.Count[K]
		if err := rows.Scan(&c.Row, &c.Domain, &c.Recurring, &c.N); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// rowCounts runs query q, which selects a row of a tally and a count.
func rowCounts[K comparable](ctx context.Context, db querier, q string, args ...any) (map[K]int, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[K]int{}
	for rows.Next() {
		var k K
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, rows.Err()
}
