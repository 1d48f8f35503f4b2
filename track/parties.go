package track

import (
	"cmp"
	"context"
	"database/sql"
	"maps"
	"slices"
	"strings"

	"pledge/extract"
)

// setParties records a statement's parties.
func setParties(ctx context.Context, tx *sql.Tx, id int64, parties []string) error {
	for i, p := range parties {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO statement_parties (statement_id, position, party) VALUES (?, ?, ?)`, id, i, p); err != nil {
			return err
		}
	}
	return nil
}

// backfillParties gives the statements stored before parties were (schema
// version 1) the parties their titles name: the statement's own, else a
// source's. It runs once, in the transaction of migration 2.
func backfillParties(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.title, COALESCE(src.title, '') FROM statements s
			LEFT JOIN sources src ON src.statement_id = s.id
			WHERE NOT EXISTS (SELECT 1 FROM statement_parties p WHERE p.statement_id = s.id)
			ORDER BY s.id, src.path`)
	if err != nil {
		return err
	}
	found := map[int64][]string{}
	var order []int64
	for rows.Next() {
		var id int64
		var title, sourceTitle string
		if err := rows.Scan(&id, &title, &sourceTitle); err != nil {
			rows.Close()
			return err
		}
		if _, seen := found[id]; !seen {
			order = append(order, id)
			found[id] = nil
		}
		for _, t := range []string{title, sourceTitle} {
			if ps := extract.Parties(t); found[id] == nil && ps != nil {
				found[id] = ps
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range order {
		if err := setParties(ctx, tx, id, found[id]); err != nil {
			return err
		}
	}
	return nil
}

// partiesOf returns the parties of the statements ids.
func partiesOf(ctx context.Context, q querier, ids []int64) (map[int64][]string, error) {
	if len(ids) > 20*maxIDs {
		// Many: reading every statement's is quicker than part by part.
		return partiesWhere(ctx, q, "", nil)
	}
	out := map[int64][]string{}
	for part := range slices.Chunk(ids, maxIDs) {
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		if err := readParties(ctx, q, out, `SELECT statement_id, party FROM statement_parties
			WHERE statement_id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(part)), ",")+`) ORDER BY statement_id, position`, args...); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// partiesWhere returns the parties of the statements s that where (a
// WHERE clause on statements s, or "" for all) selects.
func partiesWhere(ctx context.Context, q querier, where string, args []any) (map[int64][]string, error) {
	out := map[int64][]string{}
	query := `SELECT sp.statement_id, sp.party FROM statement_parties sp ORDER BY sp.statement_id, sp.position`
	if where != "" {
		query = `SELECT sp.statement_id, sp.party FROM statement_parties sp JOIN statements s ON s.id = sp.statement_id` +
			where + ` ORDER BY sp.statement_id, sp.position`
	}
	return out, readParties(ctx, q, out, query, args...)
}

// readParties adds to out the parties query selects: statement ids and
// parties, in order.
func readParties(ctx context.Context, q querier, out map[int64][]string, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p string
		if err := rows.Scan(&id, &p); err != nil {
			return err
		}
		out[id] = append(out[id], p)
	}
	return rows.Err()
}

// Has reports whether the statement's parties include every name given,
// as Filter.With selects.
func (st Statement) Has(names ...string) bool {
	for _, w := range names {
		if !slices.Contains(st.Parties, w) {
			return false
		}
	}
	return true
}

// backfillGroups gives the statements stored before schema version 3 their
// party keys. It runs once, in the transaction of migration 3.
func backfillGroups(ctx context.Context, tx *sql.Tx) error {
	parties, err := partiesWhere(ctx, tx, "", nil)
	if err != nil {
		return err
	}
	for id, ps := range parties {
		if _, err := tx.ExecContext(ctx, `UPDATE statements SET party_key = ? WHERE id = ?`, PartyKey(ps), id); err != nil {
			return err
		}
	}
	return nil
}

// Parties returns every party of the stored statements, those of most
// statements first (then by name), from the statements the database
// counts per group of parties.
func (s *Store) Parties(ctx context.Context) ([]string, error) {
	groups, err := rowCounts[string](ctx, s.db, `SELECT party_key, sum(n) FROM tally_statements GROUP BY party_key HAVING sum(n) > 0`)
	if err != nil {
		return nil, err
	}
	count := map[string]int{}
	for key, n := range groups {
		for _, p := range groupParties(key) {
			count[p] += n
		}
	}
	out := slices.Collect(maps.Keys(count))
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(count[b], count[a]), strings.Compare(a, b)) })
	return out, nil
}
