package track

import (
	"context"
	"database/sql"
)

// Why a person's decision was set aside.
const (
	reasonEdited    = "edited"
	reasonForgotten = "forgotten"
	reasonReread    = "read again"
)

// Decision is a person's decision that was set aside because its
// commitment left the database: the file it came from was edited and no
// longer holds its text, or was forgotten (Forget), or the statement was
// read again more completely. It comes back (Restore) when its commitment
// does.
type Decision struct {
	Kind      string // "label" or "link"
	Statement string // the title of the commitment's statement
	Text      string // the commitment's text
	Domain    string // a label's domain
	// Previous is the text of the earlier commitment a link decision says
	// it repeats; "" when the person judged it new.
	Previous string
	Path     string // the file whose change set it aside
	Reason   string // "edited", "forgotten" or "read again"
}

// end is a commitment as a decision set aside knows it: by its statement's
// fingerprint, its ordinal and its text, which outlive its id.
type end struct {
	fingerprint string
	ordinal     int
	text, title string
}

// aside is a person's decision on commitments about to leave the database.
type aside struct {
	id     int64 // in set_aside, once saved
	kind   string
	c      end
	domain string
	prev   *end // a link's earlier commitment; nil when judged new
}

func (a aside) decision(path, reason string) Decision {
	d := Decision{Kind: a.kind, Statement: a.c.title, Text: a.c.text, Domain: a.domain, Path: path, Reason: reason}
	if a.prev != nil {
		d.Previous = a.prev.text
	}
	return d
}

// collectAside returns the decisions people made on the commitments of the
// statements ids: their labels, and the link decisions of which one end
// is among them, each once.
func collectAside(ctx context.Context, tx *sql.Tx, ids []int64) ([]aside, error) {
	var out []aside
	seen := map[int64]bool{}
	for _, id := range ids {
		rows, err := tx.QueryContext(ctx, `SELECT s.fingerprint, c.ordinal, c.text, s.title, c.domain
			FROM commitments c JOIN statements s ON s.id = c.statement_id
			WHERE c.statement_id = ? AND c.label_source = 'person' ORDER BY c.ordinal`, id)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			a := aside{kind: "label"}
			if err := rows.Scan(&a.c.fingerprint, &a.c.ordinal, &a.c.text, &a.c.title, &a.domain); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		var links [][2]int64
		rows, err = tx.QueryContext(ctx, `SELECT d.commitment_id, COALESCE(d.previous_id, 0) FROM link_decisions d
			WHERE d.commitment_id IN (SELECT id FROM commitments WHERE statement_id = ?1)
			OR d.previous_id IN (SELECT id FROM commitments WHERE statement_id = ?1) ORDER BY d.commitment_id`, id)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var l [2]int64
			if err := rows.Scan(&l[0], &l[1]); err != nil {
				rows.Close()
				return nil, err
			}
			links = append(links, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, l := range links {
			if seen[l[0]] {
				continue
			}
			seen[l[0]] = true
			a := aside{kind: "link"}
			if a.c, err = endOf(ctx, tx, l[0]); err != nil {
				return nil, err
			}
			if l[1] != 0 {
				p, err := endOf(ctx, tx, l[1])
				if err != nil {
					return nil, err
				}
				a.prev = &p
			}
			out = append(out, a)
		}
	}
	return out, nil
}

func endOf(ctx context.Context, q querier, id int64) (end, error) {
	var e end
	err := q.QueryRowContext(ctx, `SELECT s.fingerprint, c.ordinal, c.text, s.title FROM commitments c
		JOIN statements s ON s.id = c.statement_id WHERE c.id = ?`, id).Scan(&e.fingerprint, &e.ordinal, &e.text, &e.title)
	return e, err
}

// resolve finds the commitment e is now: of the same text in a statement
// of the same fingerprint, else in one of the statements in, nearest its
// old place. It returns 0 when there is none.
func resolve(ctx context.Context, q querier, e end, in []int64) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT c.id FROM commitments c JOIN statements s ON s.id = c.statement_id
		WHERE s.fingerprint = ? AND c.text = ? ORDER BY abs(c.ordinal - ?), c.id LIMIT 1`, e.fingerprint, e.text, e.ordinal).Scan(&id)
	if err == nil || err != sql.ErrNoRows {
		return id, err
	}
	for _, st := range in {
		err := q.QueryRowContext(ctx, `SELECT id FROM commitments WHERE statement_id = ? AND text = ?
			ORDER BY abs(ordinal - ?), id LIMIT 1`, st, e.text, e.ordinal).Scan(&id)
		if err == nil || err != sql.ErrNoRows {
			return id, err
		}
	}
	return 0, nil
}

// restoreAside gives back each decision whose commitments are in the
// database (see resolve, with the statements in to look in besides), and
// returns those that are not. A label does not replace a person's label
// given since, nor a link decision one made since.
func restoreAside(ctx context.Context, tx *sql.Tx, asides []aside, in []int64) (left []aside, err error) {
	for _, a := range asides {
		id, err := resolve(ctx, tx, a.c, in)
		if err != nil {
			return nil, err
		}
		var prev any
		if id != 0 && a.prev != nil {
			p, err := resolve(ctx, tx, *a.prev, in)
			if err != nil {
				return nil, err
			}
			if p == 0 || p == id {
				id = 0
			}
			prev = p
		}
		if id == 0 {
			left = append(left, a)
			continue
		}
		if a.kind == "label" {
			if _, err := personLabel(ctx, tx, id, a.domain, false); err != nil {
				return nil, err
			}
		} else if _, err := tx.ExecContext(ctx, `INSERT INTO link_decisions (commitment_id, previous_id, decided_at) VALUES (?, ?, ?)
			ON CONFLICT (commitment_id) DO NOTHING`, id, prev, now()); err != nil {
			return nil, err
		}
		if err := changed(ctx, tx, id); err != nil {
			return nil, err
		}
	}
	return left, nil
}

// saveAside keeps the decisions asides, set aside by a change to the file
// path, for Restore.
func saveAside(ctx context.Context, tx *sql.Tx, asides []aside, path, reason string) error {
	for _, a := range asides {
		var pf, pt, po any
		if a.prev != nil {
			pf, pt, po = a.prev.fingerprint, a.prev.text, a.prev.ordinal
		}
		var domain any
		if a.kind == "label" {
			domain = a.domain
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO set_aside (kind, fingerprint, ordinal, text, title, domain,
			previous_fingerprint, previous_ordinal, previous_text, path, reason, set_aside_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.kind, a.c.fingerprint, a.c.ordinal, a.c.text, a.c.title, domain, pf, po, pt, path, reason, now()); err != nil {
			return err
		}
	}
	return nil
}

// loadAside returns the decisions set aside, with the file and reason of
// each, oldest first.
func loadAside(ctx context.Context, q querier) ([]aside, []Decision, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, kind, fingerprint, ordinal, text, title, COALESCE(domain, ''),
		previous_fingerprint, previous_ordinal, previous_text, path, reason FROM set_aside ORDER BY id`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var as []aside
	var ds []Decision
	for rows.Next() {
		var a aside
		var pf, pt sql.NullString
		var po sql.NullInt64
		var path, reason string
		if err := rows.Scan(&a.id, &a.kind, &a.c.fingerprint, &a.c.ordinal, &a.c.text, &a.c.title, &a.domain,
			&pf, &po, &pt, &path, &reason); err != nil {
			return nil, nil, err
		}
		if pf.Valid {
			a.prev = &end{fingerprint: pf.String, ordinal: int(po.Int64), text: pt.String}
		}
		as = append(as, a)
		ds = append(ds, a.decision(path, reason))
	}
	return as, ds, rows.Err()
}

// SetAside returns the decisions set aside and not given back, oldest
// first.
func (s *Store) SetAside(ctx context.Context) ([]Decision, error) {
	_, ds, err := loadAside(ctx, s.db)
	return ds, err
}

// Restore gives back the decisions set aside whose commitments are in the
// database again (a forgotten or edited file came back as it was), in one
// transaction, and returns those it gave back and those still waiting.
func (s *Store) Restore(ctx context.Context) (restored, waiting []Decision, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		restored, waiting = nil, nil
		as, ds, err := loadAside(ctx, tx)
		if err != nil {
			return err
		}
		left, err := restoreAside(ctx, tx, as, nil)
		if err != nil {
			return err
		}
		wait := make(map[int64]bool, len(left))
		for _, l := range left {
			wait[l.id] = true
		}
		for i, a := range as {
			if wait[a.id] {
				waiting = append(waiting, ds[i])
				continue
			}
			restored = append(restored, ds[i])
			if _, err := tx.ExecContext(ctx, `DELETE FROM set_aside WHERE id = ?`, a.id); err != nil {
				return err
			}
		}
		return nil
	})
	return restored, waiting, err
}

// Restorable counts the decisions set aside that Restore would give back
// now.
func (s *Store) Restorable(ctx context.Context) (int, error) {
	as, _, err := loadAside(ctx, s.db)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range as {
		id, err := resolve(ctx, s.db, a.c, nil)
		if err != nil {
			return 0, err
		}
		if id != 0 && a.prev != nil {
			if id, err = resolve(ctx, s.db, *a.prev, nil); err != nil {
				return 0, err
			}
		}
		if id != 0 {
			n++
		}
	}
	return n, nil
}
