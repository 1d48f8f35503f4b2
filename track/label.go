package track

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"pledge/classify"
)

// Label records a person's domain for commitment id, and marks the group of
// its statement for linking (see LinkPending). A person's label is never
// replaced by a model's: Reclassify leaves it alone.
func (s *Store) Label(ctx context.Context, id int64, domain string) error {
	domain = strings.TrimSpace(domain)
	if domain == "" {
		return fmt.Errorf("empty domain")
	}
	if !utf8.ValidString(domain) {
		return fmt.Errorf("domain %q is not UTF-8 text", domain)
	}
	if strings.IndexFunc(domain, unicode.IsControl) >= 0 {
		// A line break in a label breaks every table it is printed in.
		return fmt.Errorf("domain %q holds a control character (a line break, a tab)", domain)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if ok, err := personLabel(ctx, tx, id, domain, true); err != nil || !ok {
			if err == nil {
				err = fmt.Errorf("%w: %d", ErrNotFound, id)
			}
			return err
		}
		// A domain changes how the commitment matches others.
		return changed(ctx, tx, id)
	})
}

// personLabel gives commitment id the person's label domain, keeping the
// model's beside it for Unlabel; over a person's label given before only
// when replace is true. It reports whether it changed the commitment.
func personLabel(ctx context.Context, tx *sql.Tx, id int64, domain string, replace bool) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE commitments SET
		model_domain = CASE label_source WHEN 'model' THEN domain ELSE model_domain END,
		model_probability = CASE label_source WHEN 'model' THEN probability ELSE model_probability END,
		domain = ?, probability = 1, label_source = 'person' WHERE id = ? AND (? OR label_source = 'model')`, domain, id, replace)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Unlabel takes back a person's label of commitment id: the model's label
// recorded beside it comes back.
func (s *Store) Unlabel(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var source string
		var model sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT label_source, model_domain FROM commitments WHERE id = ?`, id).Scan(&source, &model)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("%w: %d", ErrNotFound, id)
		case err != nil:
			return err
		case source == "model":
			return nil
		case !model.Valid:
			return fmt.Errorf("commitment %d: %w", id, ErrNoModelLabel)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE commitments SET domain = model_domain, probability = model_probability,
			label_source = 'model', model_domain = NULL, model_probability = NULL WHERE id = ?`, id); err != nil {
			return err
		}
		return changed(ctx, tx, id)
	})
}

// ErrNoModelLabel is Unlabel's error for a person's label given before
// pledge kept the model's label beside it.
var ErrNoModelLabel = errors.New("no model's label is recorded to go back to (pledge reclassify records one)")

// changed marks commitment id for linking, with what it touches, and
// counts a change: after its label or its link decision changed.
func changed(ctx context.Context, tx *sql.Tx, id int64) error {
	var group string
	if err := tx.QueryRowContext(ctx, `SELECT s.party_key FROM statements s JOIN commitments c ON c.statement_id = s.id WHERE c.id = ?`, id).Scan(&group); err != nil {
		return err
	}
	if err := markItems(ctx, tx, group, id); err != nil {
		return err
	}
	return bump(ctx, tx)
}

// Domains returns every domain in use, and every label of the models that
// labelled commitments: the labels a person may give.
func (s *Store) Domains(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	// The cells the database keeps say which domains are in use without
	// reading every commitment.
	rows, err := s.db.QueryContext(ctx, `SELECT domain FROM tally_cells GROUP BY domain HAVING sum(n) > 0`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			rows.Close()
			return nil, err
		}
		out[d] = true
	}
	rows.Close()
	labels, err := s.db.QueryContext(ctx, `SELECT labels FROM models`)
	if err != nil {
		return nil, err
	}
	defer labels.Close()
	for labels.Next() {
		var js string
		var ls []string
		if err := labels.Scan(&js); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(js), &ls); err != nil {
			return nil, fmt.Errorf("labels of a model: %w", err)
		}
		for _, l := range ls {
			out[l] = true
		}
	}
	return out, labels.Err()
}

// Reclassify labels again, with c, every commitment that a model labelled,
// and returns how many changed domain. Person's labels stay; the model's
// label of each is recorded beside it, for Unlabel. Every group is marked
// for linking, which LinkPending does, and the model becomes the
// database's model (see CurrentModel).
func (s *Store) Reclassify(ctx context.Context, c *classify.Classifier) (changed int, err error) {
	modelID, err := s.RegisterModel(ctx, ModelOf(c.Model))
	if err != nil {
		return 0, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		type relabel struct {
			id     int64
			person bool
			best   classify.Prediction
		}
		var todo []relabel
		err := predictStored(ctx, tx, c.Model, func(id int64, old string, person bool, best classify.Prediction) {
			if !person && best.Label != old {
				changed++
			}
			todo = append(todo, relabel{id, person, best})
		})
		if err != nil {
			return err
		}
		up, err := tx.PrepareContext(ctx, `UPDATE commitments SET domain = ?, probability = ?, model_id = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer up.Close()
		upPerson, err := tx.PrepareContext(ctx, `UPDATE commitments SET model_domain = ?, model_probability = ?, model_id = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer upPerson.Close()
		for _, r := range todo {
			stmt := up
			if r.person {
				stmt = upPerson
			}
			if _, err := stmt.ExecContext(ctx, r.best.Label, r.best.Prob, modelID, r.id); err != nil {
				return err
			}
		}
		if err := setSetting(ctx, tx, settingModel, strconv.FormatInt(modelID, 10)); err != nil {
			return err
		}
		if err := markPending(ctx, tx, allGroups); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
	return changed, err
}

// Relabel is a commitment whose domain a model would change.
type Relabel struct {
	ID       int64
	From, To string
	// Probability is the model's, of To.
	Probability float64
}

// Relabels returns the commitments labelled by a model whose domain m
// would change, in the order of their ids: what Reclassify with m would
// change, without changing anything.
func (s *Store) Relabels(ctx context.Context, m *classify.Model) ([]Relabel, error) {
	var out []Relabel
	err := predictStored(ctx, s.db, m, func(id int64, old string, person bool, best classify.Prediction) {
		if !person && best.Label != old {
			out = append(out, Relabel{id, old, best.Label, best.Prob})
		}
	})
	slices.SortFunc(out, func(a, b Relabel) int { return cmp.Compare(a.ID, b.ID) })
	return out, err
}

// predictStored labels every stored commitment with m, from its stored
// words, and calls fn with its id, its domain, whether a person gave it,
// and m's best label.
func predictStored(ctx context.Context, q querier, m *classify.Model, fn func(id int64, domain string, person bool, best classify.Prediction)) error {
	rows, err := q.QueryContext(ctx, `SELECT id, tokens, domain, label_source = 'person' FROM commitments`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tokens, domain string
		var person bool
		if err := rows.Scan(&id, &tokens, &domain, &person); err != nil {
			return err
		}
		fn(id, domain, person, m.Predict(storedWords(tokens))[0])
	}
	return rows.Err()
}

// PersonLabels returns the commitments a person labelled, as training rows.
func (s *Store) PersonLabels(ctx context.Context) ([]classify.Labelled, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT domain, text FROM commitments WHERE label_source = 'person' ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []classify.Labelled
	for rows.Next() {
		var l classify.Labelled
		if err := rows.Scan(&l.Label, &l.Text); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
