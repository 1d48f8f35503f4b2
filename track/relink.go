package track

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"pledge/link"
)

// DefaultThreshold is the chance at or above which a commitment recurs
// from its likeliest earlier match (see package link).
func DefaultThreshold() float64 { return link.DefaultThreshold() }

// allGroups in pending_links asks for every group to be linked again.
const allGroups = "*"

// Settings keys.
const (
	settingAcrossParties = "link_across_parties"
	settingThreshold     = "link_threshold"
	settingGeneration    = "generation"
	// settingCommonGeneration is the generation common_matches were
	// computed for.
	settingCommonGeneration = "common_generation"
	// settingModel is the id of the model Reclassify last labelled with.
	settingModel = "model"
)

// PartyKey names a set of parties, whatever their order: statements with
// the same key are between the same states, and their commitments link
// with each other.
func PartyKey(parties []string) string {
	s := slices.Clone(parties)
	slices.Sort(s)
	return strings.Join(s, "|")
}

// markPending records, in the transaction that changes them, that the
// commitments of a group must be linked again.
func markPending(ctx context.Context, tx *sql.Tx, group string) error {
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO pending_links (party_key) VALUES (?)`, group)
	return err
}

// bump counts a change to the statements, commitments or their labels, so
// that what was computed from them before (common_matches) is known to be
// out of date.
func bump(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, '1')
		ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`, settingGeneration)
	return err
}

// generation is the count bump keeps.
func generation(ctx context.Context, q querier) (int64, error) {
	v, err := setting(ctx, q, settingGeneration)
	if err != nil || v == "" {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

// setting returns a setting, "" when it is not set.
func setting(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func setSetting(ctx context.Context, e execer, key, value string) error {
	_, err := e.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// querier runs queries: the database or a transaction.
type querier interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

// execer runs statements: the database or a transaction.
type execer interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}

// SetAcrossParties says whether commitments link to earlier commitments of
// statements between other parties (on) or only between the same parties
// (off, the default). Every link is computed again at the next LinkPending.
func (s *Store) SetAcrossParties(ctx context.Context, on bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := setSetting(ctx, tx, settingAcrossParties, strconv.FormatBool(on)); err != nil {
			return err
		}
		return markPending(ctx, tx, allGroups)
	})
}

// AcrossParties reports the setting SetAcrossParties made.
func (s *Store) AcrossParties(ctx context.Context) (bool, error) {
	v, err := setting(ctx, s.db, settingAcrossParties)
	return v == "true", err
}

// Pending reports whether some commitments wait to be linked: a run was
// stopped between storing them and linking them.
func (s *Store) Pending(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pending_links`).Scan(&n)
	return n > 0, err
}

// Relink computes every commitment's link to earlier commitments again; see
// LinkPending.
func (s *Store) Relink(ctx context.Context, threshold float64) error {
	if err := s.tx(ctx, func(tx *sql.Tx) error { return markPending(ctx, tx, allGroups) }); err != nil {
		return err
	}
	_, err := s.LinkPending(ctx, threshold)
	return err
}

// LinkPending computes again the links of the commitments of every group of
// parties that changed since the last time (see package link): each one's
// best earlier match, whether it recurs, and the year its thread began.
// Only statements between the same parties count as earlier, unless
// SetAcrossParties turned that off; a group's links depend on its own
// commitments alone, so linking the groups that changed gives what linking
// all would, whatever order statements arrived in. A threshold other than
// the one the links were made with links every group. It reads the groups
// and writes their links, where they changed, in one transaction, so that
// a second process's statement cannot slip in between, and returns how
// many commitments it linked.
func (s *Store) LinkPending(ctx context.Context, threshold float64) (linked int, err error) {
	across, err := s.AcrossParties(ctx)
	if err != nil {
		return 0, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		groups, all, err := pendingGroups(ctx, tx, threshold)
		if err != nil || len(groups) == 0 && !all {
			return err
		}
		items, err := linkItems(ctx, tx, across, groups, all || across)
		if err != nil {
			return err
		}
		links := link.All(items, threshold)
		if err := writeLinks(ctx, tx, items, links); err != nil {
			return err
		}
		linked = len(items)
		if _, err := tx.ExecContext(ctx, `DELETE FROM pending_links`); err != nil {
			return err
		}
		return setSetting(ctx, tx, settingThreshold, strconv.FormatFloat(threshold, 'g', -1, 64))
	})
	return linked, err
}

// pendingGroups returns the groups to link again, or all when every group
// is to be linked: asked for, or the threshold is not the one the links
// were made with.
func pendingGroups(ctx context.Context, tx *sql.Tx, threshold float64) (groups []string, all bool, err error) {
	was, err := setting(ctx, tx, settingThreshold)
	if err != nil {
		return nil, false, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT party_key FROM pending_links ORDER BY party_key`)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var g string
		if err := rows.Scan(&g); err != nil {
			return nil, false, err
		}
		all = all || g == allGroups
		groups = append(groups, g)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if was != "" && was != strconv.FormatFloat(threshold, 'g', -1, 64) {
		all = true
	}
	return groups, all, nil
}

// linkItems reads the commitments of the groups (or all of them) as the
// linker sees them. Unless across, each one's group is its statement's
// parties; across, they are one group.
func linkItems(ctx context.Context, q querier, across bool, groups []string, all bool) ([]link.Item, error) {
	query := `SELECT c.id, s.party_key, s.date, COALESCE(s.year, 0), s.fingerprint, c.ordinal, c.domain, c.tokens,
		d.commitment_id IS NOT NULL, COALESCE(d.previous_id, 0)
		FROM commitments c JOIN statements s ON s.id = c.statement_id LEFT JOIN link_decisions d ON d.commitment_id = c.id`
	var args []any
	if !all {
		query += ` WHERE s.party_key IN (` + strings.TrimSuffix(strings.Repeat("?,", len(groups)), ",") + `)`
		for _, g := range groups {
			args = append(args, g)
		}
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []link.Item
	for rows.Next() {
		var it link.Item
		var fp, tokens string
		var ordinal int
		var decided bool
		var previous int64
		if err := rows.Scan(&it.ID, &it.Group, &it.Date, &it.Year, &fp, &ordinal, &it.Domain, &tokens, &decided, &previous); err != nil {
			return nil, err
		}
		if decided {
			it.Decision = &link.Decision{Previous: previous}
		}
		if across {
			it.Group = ""
		}
		it.Order = fmt.Sprintf("%s %s %06d", it.Date, fp, ordinal)
		it.Sentences = splitSentences(tokens)
		items = append(items, it)
	}
	return items, rows.Err()
}

// writeLinks stores the links of the items, writing only those that
// changed: linking a group again mostly confirms what is stored.
func writeLinks(ctx context.Context, tx *sql.Tx, items []link.Item, links map[int64]link.Link) error {
	type row struct {
		prev, first    sql.NullInt64
		sim            sql.NullFloat64
		status, source string
	}
	want := func(l link.Link) row {
		r := row{status: "new", source: "model"}
		if l.Person {
			r.source = "person"
		}
		if l.Previous != 0 {
			r.prev = sql.NullInt64{Int64: l.Previous, Valid: true}
			r.sim = sql.NullFloat64{Float64: l.Similarity, Valid: true}
		}
		if l.FirstYear != 0 {
			r.first = sql.NullInt64{Int64: int64(l.FirstYear), Valid: true}
		}
		if l.Recurring {
			r.status = "recurring"
		}
		return r
	}
	stored := make(map[int64]row, len(items))
	ids := make(map[int64]bool, len(items))
	for _, it := range items {
		ids[it.ID] = true
	}
	// One pass over the stored links beats asking for them by id.
	rows, err := tx.QueryContext(ctx, `SELECT commitment_id, previous_id, similarity, status, first_year, link_source FROM links`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var r row
		if err := rows.Scan(&id, &r.prev, &r.sim, &r.status, &r.first, &r.source); err != nil {
			rows.Close()
			return err
		}
		if ids[id] {
			stored[id] = r
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	up, err := tx.PrepareContext(ctx, `INSERT INTO links (commitment_id, previous_id, similarity, status, first_year, link_source) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (commitment_id) DO UPDATE SET previous_id = excluded.previous_id, similarity = excluded.similarity,
		status = excluded.status, first_year = excluded.first_year, link_source = excluded.link_source`)
	if err != nil {
		return err
	}
	defer up.Close()
	for _, it := range items {
		r := want(links[it.ID])
		if old, ok := stored[it.ID]; ok && old == r {
			continue
		}
		if _, err := up.ExecContext(ctx, it.ID, r.prev, r.sim, r.status, r.first, r.source); err != nil {
			return err
		}
	}
	return nil
}

// LinkThreshold is the threshold the stored links were made with, or
// DefaultThreshold() before any were made.
func (s *Store) LinkThreshold(ctx context.Context) (float64, error) {
	v, err := setting(ctx, s.db, settingThreshold)
	if err != nil || v == "" {
		return DefaultThreshold(), err
	}
	return strconv.ParseFloat(v, 64)
}
