package track

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"pledge/extract"
)

// Model identifies the model that labelled commitments.
type Model struct {
	Hash         string
	Variant      string
	Labels       []string
	TrainingSize int
}

// RegisterModel records a model, once, and returns its id.
func (s *Store) RegisterModel(ctx context.Context, m Model) (int64, error) {
	labels, err := json.Marshal(m.Labels)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO models (hash, variant, labels, training_size, created_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`, m.Hash, m.Variant, string(labels), m.TrainingSize, now()); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT id FROM models WHERE hash = ?`, m.Hash).Scan(&id)
	})
	return id, err
}

// Labelled is a commitment with its domain and the words of each of its
// sentences, which linking compares.
type Labelled struct {
	extract.Commitment
	Sentences   [][]string
	Domain      string
	Probability float64
}

// StatementID returns the id of the stored statement with this fingerprint.
func (s *Store) StatementID(ctx context.Context, fingerprint string) (int64, bool, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM statements WHERE fingerprint = ?`, fingerprint).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// AddStatement stores a statement found in the file source, with its
// commitments labelled by model modelID, in one transaction: the statement
// is stored whole or not at all. When a statement with the same fingerprint
// is stored already (a copy from another file, or another process that got
// there first), the copy only adds its source, and what it has that the
// stored statement lacks (section numerals a reprint dropped, a title);
// added is false, and cs may be nil.
func (s *Store) AddStatement(ctx context.Context, st extract.Statement, source string, cs []Labelled, modelID int64) (id int64, added bool, err error) {
	var title any
	if !st.Untitled {
		title = st.Title
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id FROM statements WHERE fingerprint = ?`, st.Fingerprint).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			added = true
			if id, err = insertStatement(ctx, tx, st, cs, modelID); err != nil {
				return err
			}
			if err := setParties(ctx, tx, id, st.Parties); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			if err := fillGaps(ctx, tx, id, st); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO sources (statement_id, path, title) VALUES (?, ?, ?)`, id, source, title); err != nil {
			return err
		}
		// The title of the first source by path that has one.
		_, err = tx.ExecContext(ctx, `UPDATE statements SET title = COALESCE(
			(SELECT title FROM sources WHERE statement_id = ?1 AND title IS NOT NULL ORDER BY path LIMIT 1), title)
			WHERE id = ?1`, id)
		return err
	})
	return id, added, err
}

func insertStatement(ctx context.Context, tx *sql.Tx, st extract.Statement, cs []Labelled, modelID int64) (int64, error) {
	var year any
	if !st.Date.IsZero() {
		year = st.Date.Year
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO statements (fingerprint, title, date, year, ingested_at) VALUES (?, ?, ?, ?, ?)`,
		st.Fingerprint, st.Title, st.Date.String(), year, now())
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO commitments
		(statement_id, ordinal, section, text, tokens, domain, probability, label_source, model_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, 'model', ?)`)
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	for _, c := range cs {
		if _, err := ins.ExecContext(ctx, id, c.Ordinal, c.Section, c.Text, joinSentences(c.Sentences), c.Domain, c.Probability, modelID); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// fillGaps gives the stored statement id what its copy st has and it lacks:
// a date, parties, and the sections of commitments. Filling only gaps keeps
// the result the same whichever copy came first.
func fillGaps(ctx context.Context, tx *sql.Tx, id int64, st extract.Statement) error {
	var known int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM statement_parties WHERE statement_id = ?`, id).Scan(&known); err != nil {
		return err
	}
	if known == 0 {
		if err := setParties(ctx, tx, id, st.Parties); err != nil {
			return err
		}
	}
	if !st.Date.IsZero() {
		if _, err := tx.ExecContext(ctx, `UPDATE statements SET date = ?, year = ? WHERE id = ? AND date = ''`,
			st.Date.String(), st.Date.Year, id); err != nil {
			return err
		}
	}
	for _, c := range st.Commitments {
		if c.Section == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE commitments SET section = ? WHERE statement_id = ? AND ordinal = ? AND section = ''`,
			c.Section, id, c.Ordinal); err != nil {
			return err
		}
	}
	return nil
}
