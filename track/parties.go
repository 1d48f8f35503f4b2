package track

import (
	"context"
	"database/sql"
	"slices"

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

// partiesOf returns every statement's parties.
func partiesOf(ctx context.Context, q querier) (map[int64][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT statement_id, party FROM statement_parties ORDER BY statement_id, position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var p string
		if err := rows.Scan(&id, &p); err != nil {
			return nil, err
		}
		out[id] = append(out[id], p)
	}
	return out, rows.Err()
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
	parties, err := partiesOf(ctx, tx)
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
// statements first (then by name).
func (s *Store) Parties(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT party FROM statement_parties GROUP BY party ORDER BY count(*) DESC, party`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
