package track

import (
	"context"
	"database/sql"
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

// partyKey names a set of parties, whatever their order: statements with
// the same key are between the same states.
func partyKey(parties []string) string {
	s := slices.Clone(parties)
	slices.Sort(s)
	return strings.Join(s, "|")
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

// Settings keys.
const settingAcrossParties = "link_across_parties"

// SetAcrossParties says whether commitments link to earlier commitments of
// statements between other parties (on) or only between the same parties
// (off, the default). It takes effect at the next Relink.
func (s *Store) SetAcrossParties(ctx context.Context, on bool) error {
	v := "false"
	if on {
		v = "true"
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, settingAcrossParties, v)
	return err
}

// AcrossParties reports the setting SetAcrossParties made.
func (s *Store) AcrossParties(ctx context.Context) (bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, settingAcrossParties).Scan(&v)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return v == "true", err
}
