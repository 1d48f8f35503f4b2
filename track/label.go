package track

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"pledge/classify"
	"pledge/link"
)

// Label records a person's domain for commitment id, and marks the group of
// its statement for linking (see LinkPending). A person's label is never
// replaced by a model's: Reclassify leaves it alone.
func (s *Store) Label(ctx context.Context, id int64, domain string) error {
	domain = strings.TrimSpace(domain)
	if domain == "" {
		return fmt.Errorf("empty domain")
	}
	if strings.IndexFunc(domain, unicode.IsControl) >= 0 {
		// A line break in a label breaks every table it is printed in.
		return fmt.Errorf("domain %q holds a control character (a line break, a tab)", domain)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE commitments SET domain = ?, probability = 1, label_source = 'person', model_id = NULL WHERE id = ?`, domain, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: %d", ErrNotFound, id)
		}
		// A domain changes how the commitment matches others.
		var group string
		if err := tx.QueryRowContext(ctx, `SELECT s.party_key FROM statements s JOIN commitments c ON c.statement_id = s.id WHERE c.id = ?`, id).Scan(&group); err != nil {
			return err
		}
		if err := markPending(ctx, tx, group); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
}

// Domains returns every domain in use, and every label of the models that
// labelled commitments: the labels a person may give.
func (s *Store) Domains(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT domain FROM commitments`)
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
// and returns how many changed domain. Person's labels stay. Every group
// is marked for linking, which LinkPending does.
func (s *Store) Reclassify(ctx context.Context, c *classify.Classifier) (changed int, err error) {
	modelID, err := s.RegisterModel(ctx, ModelOf(c.Model))
	if err != nil {
		return 0, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, tokens, domain FROM commitments WHERE label_source = 'model'`)
		if err != nil {
			return err
		}
		type relabel struct {
			id     int64
			domain string
			prob   float64
		}
		var todo []relabel
		for rows.Next() {
			var id int64
			var tokens, old string
			if err := rows.Scan(&id, &tokens, &old); err != nil {
				rows.Close()
				return err
			}
			var words []string
			for _, s := range link.SplitSentences(tokens) {
				words = append(words, s...)
			}
			best := c.Model.Predict(words)[0]
			if best.Label != old {
				changed++
			}
			todo = append(todo, relabel{id, best.Label, best.Prob})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		up, err := tx.PrepareContext(ctx, `UPDATE commitments SET domain = ?, probability = ?, model_id = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer up.Close()
		for _, r := range todo {
			if _, err := up.ExecContext(ctx, r.domain, r.prob, modelID, r.id); err != nil {
				return err
			}
		}
		if err := markPending(ctx, tx, allGroups); err != nil {
			return err
		}
		return bump(ctx, tx)
	})
	return changed, err
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
