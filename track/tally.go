package track

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"pledge/figures"
)

// Tally counts the commitments of every year in every domain, new and
// recurring, and the statements of every year; with names parties, only
// those of statements whose parties include them all. It adds up the
// counts the database keeps per group of parties (tally_cells), so that it
// costs what it prints, not what the database holds.
func (s *Store) Tally(ctx context.Context, with ...string) (*figures.Tally, error) {
	cond, args := groupsWith(with)
	counts, err := domainCounts[int](ctx, s.db, `SELECT year, domain, recurring, sum(n) FROM tally_cells
		WHERE `+cond+` GROUP BY year, domain, recurring HAVING sum(n) > 0`, args...)
	if err != nil {
		return nil, err
	}
	statements, err := rowCounts[int](ctx, s.db, `SELECT year, sum(n) FROM tally_statements
		WHERE `+cond+` GROUP BY year HAVING sum(n) > 0`, args...)
	if err != nil {
		return nil, err
	}
	t := figures.NewTally(counts, statements)
	labels, err := modelLabels(ctx, s.db)
	t.Include(labels)
	return t, err
}

// modelLabels returns the labels of the model the database was last
// labelled with (by reclassify, else the last model stored), none before
// one was.
func modelLabels(ctx context.Context, q querier) ([]string, error) {
	var js string
	err := q.QueryRowContext(ctx, `SELECT labels FROM models WHERE id = COALESCE(
		(SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?), (SELECT max(id) FROM models))`, settingModel).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var labels []string
	if err := json.Unmarshal([]byte(js), &labels); err != nil {
		return nil, fmt.Errorf("labels of a model: %w", err)
	}
	return labels, nil
}

// groupsWith is the condition on a summary's party_key that keeps the
// groups of parties that include every name of with, and its values.
func groupsWith(with []string) (string, []any) {
	cond := []string{"1 = 1"}
	var args []any
	for _, p := range with {
		cond = append(cond, "instr('|' || party_key || '|', '|' || ? || '|') > 0")
		args = append(args, p)
	}
	return strings.Join(cond, " AND "), args
}

// groupParties are the parties of a group's key, each as often as the
// statements name it.
func groupParties(key string) []string {
	if key == "" {
		return nil
	}
	return strings.Split(key, "|")
}

// PartnerTally counts the commitments of each partner in each domain. A
// statement's partners are its parties other than the home party (see
// figures.PartnerTally.Home), so a statement between three states counts
// for each of its two partners; with names parties, only statements whose
// parties include them all count. It adds up the counts the database
// keeps per group of parties.
func (s *Store) PartnerTally(ctx context.Context, with ...string) (*figures.PartnerTally, error) {
	home, err := s.home(ctx)
	if err != nil {
		return nil, err
	}
	cond, args := groupsWith(with)
	// A group's partners, or figures.UnknownPartner for the statements
	// without parties.
	partners := func(key string) []string {
		if key == "" {
			return []string{figures.UnknownPartner}
		}
		var out []string
		for _, p := range groupParties(key) {
			if p != home {
				out = append(out, p)
			}
		}
		return out
	}
	groups, err := domainCounts[string](ctx, s.db, `SELECT party_key, domain, recurring, sum(n) FROM tally_cells
		WHERE `+cond+` GROUP BY party_key, domain, recurring HAVING sum(n) > 0`, args...)
	if err != nil {
		return nil, err
	}
	var counts []figures.Count[string]
	for _, g := range groups {
		for _, p := range partners(g.Row) {
			counts = append(counts, figures.Count[string]{Row: p, Domain: g.Domain, Recurring: g.Recurring, N: g.N})
		}
	}
	byGroup, err := rowCounts[string](ctx, s.db, `SELECT party_key, sum(n) FROM tally_statements
		WHERE `+cond+` GROUP BY party_key HAVING sum(n) > 0`, args...)
	if err != nil {
		return nil, err
	}
	statements := map[string]int{}
	for key, n := range byGroup {
		for _, p := range partners(key) {
			statements[p] += n
		}
	}
	t := figures.NewPartnerTally(home, counts, statements)
	labels, err := modelLabels(ctx, s.db)
	t.Include(labels)
	return t, err
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
