package track

import (
	"context"
	"database/sql"
	"errors"
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
	// settingLinker is the version of the linker the links were made with.
	settingLinker     = "linker"
	settingGeneration = "generation"
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

// markPending records, in the transaction that changes them, that every
// link of a group must be made afresh.
func markPending(ctx context.Context, tx *sql.Tx, group string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO pending_links (party_key, full) VALUES (?, 1)
		ON CONFLICT (party_key) DO UPDATE SET full = 1`, group)
	return err
}

// markItems records, in the transaction that stores, relabels or decides
// them, that commitments of a group wait to be linked, with what they
// touch (see link's Update).
func markItems(ctx context.Context, tx *sql.Tx, group string, ids ...int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO pending_links (party_key, full) VALUES (?, 0)`, group); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO pending_items (commitment_id, party_key) VALUES (?, ?)`, id, group); err != nil {
			return err
		}
	}
	return nil
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

// column returns the one column of the rows query selects, in order.
func column[T any](ctx context.Context, q querier, query string, args ...any) ([]T, error) {
	return scanColumn[T](q.QueryContext(ctx, query, args...))
}

// scanColumn returns the one column of rows, in order: what a query or a
// prepared statement gave.
func scanColumn[T any](rows *sql.Rows, err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
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

// Relink makes every commitment's link afresh; see LinkPending.
func (s *Store) Relink(ctx context.Context) (Linked, error) {
	if err := s.tx(ctx, func(tx *sql.Tx) error { return markPending(ctx, tx, allGroups) }); err != nil {
		return Linked{}, err
	}
	return s.LinkPending(ctx)
}

// SetThreshold makes t the chance at which commitments recur, in this
// database from now on: the next LinkPending links every group again with
// it, and later ones keep it.
func (s *Store) SetThreshold(ctx context.Context, t float64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		was, err := setting(ctx, tx, settingThreshold)
		if err != nil || was == formatThreshold(t) {
			return err
		}
		if t == DefaultThreshold() {
			if was == "" {
				return nil
			}
			// The linker's own again: a later linker brings its own.
			if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, settingThreshold); err != nil {
				return err
			}
			return markPending(ctx, tx, allGroups)
		}
		if err := setSetting(ctx, tx, settingThreshold, formatThreshold(t)); err != nil {
			return err
		}
		return markPending(ctx, tx, allGroups)
	})
}

func formatThreshold(t float64) string { return strconv.FormatFloat(t, 'g', -1, 64) }

// Linked is what LinkPending did.
type Linked struct {
	// Commitments counts the commitments of the groups linked; Read those
	// whose words were read to link them; Weighed those whose links were
	// weighed again, and Written those whose stored links changed.
	Commitments, Read, Weighed, Written int
	// Outdated says the links had been made by another version of the
	// linker, and every one was made afresh; ThresholdReset that the
	// threshold set for the old one was dropped for the new one's.
	Outdated, ThresholdReset bool
}

// LinkPending links the commitments that wait to be linked (see package
// link): each one's likeliest earlier match, whether it recurs at the
// database's threshold (LinkThreshold), and the year its thread began. Only
// statements between the same parties count as earlier, unless
// SetAcrossParties turned that off. A group is linked afresh when asked
// (Relink, a threshold set, commitments gone) or when the links were made
// by another linker; else only what its new, relabelled or decided
// commitments touch is weighed again (link's Update), which gives what
// linking afresh would, whatever order statements arrived in: of a group
// with few of them, only the words of the commitments from the earliest
// one's date on are read, and whole only those weighing needs (see
// linkTouched). Groups are read and written one at a time, each link only
// where it changed, in one transaction, so that a second process's
// statement cannot slip in between.
func (s *Store) LinkPending(ctx context.Context) (Linked, error) {
	var done Linked
	m, err := link.DefaultModel()
	if err != nil {
		return done, err
	}
	across, err := s.AcrossParties(ctx)
	if err != nil {
		return done, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		done = Linked{}
		version, err := setting(ctx, tx, settingLinker)
		if err != nil {
			return err
		}
		if version != m.Version() {
			// Links made by another linker, or none yet: all afresh, and a
			// threshold set for another linker is no chance of this one's.
			if outdated, err := linkerOutdated(ctx, tx, m); err != nil {
				return err
			} else if outdated {
				done.Outdated = true
				if th, err := setting(ctx, tx, settingThreshold); err != nil {
					return err
				} else if th != "" {
					done.ThresholdReset = true
					if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, settingThreshold); err != nil {
						return err
					}
				}
			}
			if err := markPending(ctx, tx, allGroups); err != nil {
				return err
			}
		}
		threshold, err := linkThreshold(ctx, tx)
		if err != nil {
			return err
		}
		groups, err := pendingGroups(ctx, tx, across)
		if err != nil {
			return err
		}
		for _, g := range groups {
			d, err := linkGroup(ctx, tx, m, g, across, threshold)
			if err != nil {
				return err
			}
			done.Commitments += d.Commitments
			done.Read += d.Read
			done.Weighed += d.Weighed
			done.Written += d.Written
		}
		for _, q := range []string{`DELETE FROM pending_links`, `DELETE FROM pending_items`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return setSetting(ctx, tx, settingLinker, m.Version())
	})
	return done, err
}

// LinkerOutdated reports whether the stored links were made by another
// linker than this pledge's (see link.Model.Version): the next command
// that writes makes them all again, keeping people's decisions.
func (s *Store) LinkerOutdated(ctx context.Context) (bool, error) {
	m, err := link.DefaultModel()
	if err != nil {
		return false, err
	}
	return linkerOutdated(ctx, s.db, m)
}

func linkerOutdated(ctx context.Context, q querier, m *link.Model) (bool, error) {
	version, err := setting(ctx, q, settingLinker)
	if err != nil || version == m.Version() {
		return false, err
	}
	var links bool
	err = q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM links)`).Scan(&links)
	return links, err
}

// pendingGroup is a group to link: all of it afresh (full), or what the
// seeds touch.
type pendingGroup struct {
	key   string
	full  bool
	seeds []int64
}

// pendingGroups returns the groups to link. Across parties, every
// commitment is in one group, "", linked afresh when anything changed.
func pendingGroups(ctx context.Context, tx *sql.Tx, across bool) ([]pendingGroup, error) {
	rows, err := tx.QueryContext(ctx, `SELECT party_key, full FROM pending_links ORDER BY party_key`)
	if err != nil {
		return nil, err
	}
	var out []pendingGroup
	all := false
	for rows.Next() {
		var g pendingGroup
		if err := rows.Scan(&g.key, &g.full); err != nil {
			rows.Close()
			return nil, err
		}
		all = all || g.key == allGroups
		out = append(out, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	switch {
	case len(out) == 0:
		return nil, nil
	case across:
		return []pendingGroup{{key: "", full: true}}, nil
	case all:
		// Every group afresh: the groups of every statement.
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT party_key FROM statements ORDER BY party_key`)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		out = out[:0]
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				return nil, err
			}
			out = append(out, pendingGroup{key: k, full: true})
		}
		return out, rows.Err()
	}
	for i := range out {
		if out[i].full {
			continue
		}
		r, err := tx.QueryContext(ctx, `SELECT commitment_id FROM pending_items WHERE party_key = ? ORDER BY commitment_id`, out[i].key)
		if err != nil {
			return nil, err
		}
		for r.Next() {
			var id int64
			if err := r.Scan(&id); err != nil {
				r.Close()
				return nil, err
			}
			out[i].seeds = append(out[i].seeds, id)
		}
		r.Close()
		if err := r.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// linkGroup links one group and writes the links that changed: from
// the group's words and what its seeds touch where it can (linkTouched),
// else from the whole group.
func linkGroup(ctx context.Context, tx *sql.Tx, m *link.Model, g pendingGroup, across bool, threshold float64) (Linked, error) {
	if !g.full && !across && len(g.seeds) <= maxTouchedSeeds {
		if d, ok, err := linkTouched(ctx, tx, m, g, threshold); err != nil || ok {
			return d, err
		}
	}
	items, err := linkItems(ctx, tx, across, g.key, across)
	if err != nil {
		return Linked{}, err
	}
	stored, err := storedLinks(ctx, tx, across, g.key)
	if err != nil {
		return Linked{}, err
	}
	var links map[int64]link.Link
	weighed := len(items)
	if g.full {
		links = m.All(items, threshold)
	} else {
		known := make(map[int64]link.Link, len(stored))
		for id, r := range stored {
			known[id] = r.link()
		}
		links = m.Update(items, known, g.seeds, threshold)
		weighed = len(g.seeds) // at least: those they touch were weighed too
	}
	written, err := writeLinks(ctx, tx, items, links, stored)
	if err != nil {
		return Linked{}, err
	}
	if !across {
		// Read whole: its tails made anew, for the statements to come.
		if err := keepTails(ctx, tx, g.key, tailsOf(items), nil, len(items)); err != nil {
			return Linked{}, err
		}
	}
	return Linked{Commitments: len(items), Read: len(items), Weighed: weighed, Written: written}, nil
}

// linkItems reads the commitments of a group as the linker sees them, or
// all of them; across parties, as one group.
func linkItems(ctx context.Context, q querier, across bool, group string, all bool) ([]link.Item, error) {
	query := `SELECT c.id, s.party_key, s.date, COALESCE(s.year, 0), s.fingerprint, c.ordinal, c.domain, c.tokens,
		d.commitment_id IS NOT NULL, COALESCE(d.previous_id, 0)
		FROM commitments c JOIN statements s ON s.id = c.statement_id LEFT JOIN link_decisions d ON d.commitment_id = c.id`
	var args []any
	if !all {
		query += ` WHERE s.party_key = ?`
		args = append(args, group)
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
		it.Order = link.OrderOf(it.Date, fp, ordinal)
		it.Sentences = splitSentences(tokens)
		items = append(items, it)
	}
	return items, rows.Err()
}

// linkRow is a commitment's link as stored.
type linkRow struct {
	prev, first    sql.NullInt64
	sim            sql.NullFloat64
	status, source string
}

func rowOf(l link.Link) linkRow {
	r := linkRow{status: "new", source: "model"}
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

func (r linkRow) link() link.Link {
	return link.Link{Previous: r.prev.Int64, Similarity: r.sim.Float64, Recurring: r.status == "recurring",
		FirstYear: int(r.first.Int64), Person: r.source == "person"}
}

// storedLinks reads the stored links of a group's commitments (or,
// across parties, of all).
func storedLinks(ctx context.Context, q querier, across bool, group string) (map[int64]linkRow, error) {
	query := `SELECT l.commitment_id, l.previous_id, l.similarity, l.status, l.first_year, l.link_source
		FROM links l JOIN commitments c ON c.id = l.commitment_id JOIN statements s ON s.id = c.statement_id`
	var args []any
	if !across {
		query += ` WHERE s.party_key = ?`
		args = append(args, group)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]linkRow{}
	for rows.Next() {
		var id int64
		var r linkRow
		if err := rows.Scan(&id, &r.prev, &r.sim, &r.status, &r.first, &r.source); err != nil {
			return nil, err
		}
		out[id] = r
	}
	return out, rows.Err()
}

// writeLinks stores the links of the items where they differ from what is
// stored, and returns how many it wrote.
func writeLinks(ctx context.Context, tx *sql.Tx, items []link.Item, links map[int64]link.Link, stored map[int64]linkRow) (int, error) {
	up, err := tx.PrepareContext(ctx, `INSERT INTO links (commitment_id, previous_id, similarity, status, first_year, link_source) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (commitment_id) DO UPDATE SET previous_id = excluded.previous_id, similarity = excluded.similarity,
		status = excluded.status, first_year = excluded.first_year, link_source = excluded.link_source`)
	if err != nil {
		return 0, err
	}
	defer up.Close()
	written := 0
	for _, it := range items {
		r := rowOf(links[it.ID])
		if old, ok := stored[it.ID]; ok && old == r {
			continue
		}
		if _, err := up.ExecContext(ctx, it.ID, r.prev, r.sim, r.status, r.first, r.source); err != nil {
			return written, err
		}
		written++
	}
	return written, nil
}

// LinkThreshold is the chance at which commitments recur in this
// database: the one SetThreshold set, else DefaultThreshold.
func (s *Store) LinkThreshold(ctx context.Context) (float64, error) { return linkThreshold(ctx, s.db) }

func linkThreshold(ctx context.Context, q querier) (float64, error) {
	v, err := setting(ctx, q, settingThreshold)
	if err != nil || v == "" {
		return DefaultThreshold(), err
	}
	return strconv.ParseFloat(v, 64)
}
