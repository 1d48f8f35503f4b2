package track

import (
	"context"
	"database/sql"
	"fmt"
)

// Relink recomputes every commitment's link to earlier commitments: its
// best earlier match, whether it recurs, and the year its thread began.
// Only statements between the same parties count as earlier, unless
// SetAcrossParties turned that off. It reads and rewrites all links in one
// transaction, so the links always reflect the whole database, whatever
// order statements arrived in, and a second process's statement cannot
// slip in between.
func (s *Store) Relink(ctx context.Context, threshold float64) error {
	across, err := s.AcrossParties(ctx)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		items, err := linkItems(ctx, tx, across)
		if err != nil {
			return err
		}
		links := linkAll(items, threshold)
		if _, err := tx.ExecContext(ctx, `DELETE FROM links`); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO links (commitment_id, previous_id, similarity, status, first_year) VALUES (?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for _, it := range items {
			l := links[it.id]
			var prev, sim, first any
			if l.previous != 0 {
				prev, sim = l.previous, l.similarity
			}
			if l.firstYear != 0 {
				first = l.firstYear
			}
			status := "new"
			if l.recurring {
				status = "recurring"
			}
			if _, err := ins.ExecContext(ctx, it.id, prev, sim, status, first); err != nil {
				return err
			}
		}
		return nil
	})
}

// querier runs queries: the database or a transaction.
type querier interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}

// linkItems reads every commitment as the linker sees it. Unless across,
// its group is its statement's parties.
func linkItems(ctx context.Context, q querier, across bool) ([]linkItem, error) {
	parties, err := partiesOf(ctx, q)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT c.id, s.id, s.date, COALESCE(s.year, 0), s.fingerprint, c.ordinal, c.domain, c.tokens
		FROM commitments c JOIN statements s ON s.id = c.statement_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []linkItem
	for rows.Next() {
		var it linkItem
		var fp, tokens string
		var ordinal int
		var statement int64
		if err := rows.Scan(&it.id, &statement, &it.date, &it.year, &fp, &ordinal, &it.domain, &tokens); err != nil {
			return nil, err
		}
		if !across {
			it.group = partyKey(parties[statement])
		}
		it.order = fmt.Sprintf("%s %s %06d", it.date, fp, ordinal)
		it.sentences = splitSentences(tokens)
		items = append(items, it)
	}
	return items, rows.Err()
}
