package track

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"pledge/classify"
)

// Model identifies the model that labelled commitments.
type Model struct {
	Hash         string
	Variant      string
	Labels       []string
	TrainingSize int
	// Body is the model as classify.Model.Save writes it, kept so that the
	// model can be used again; nil when it is not to be kept.
	Body []byte
}

// ModelOf describes a classify model for the database, with its body.
func ModelOf(m *classify.Model) Model {
	var body bytes.Buffer
	if err := m.Save(&body); err != nil {
		body.Reset() // a model that cannot be saved is recorded without its body
	}
	return Model{Hash: m.Hash, Variant: string(m.Variant), Labels: m.Labels, TrainingSize: m.TrainingSize(), Body: body.Bytes()}
}

// RegisterModel records a model, once, and returns its id.
func (s *Store) RegisterModel(ctx context.Context, m Model) (int64, error) {
	labels, err := json.Marshal(m.Labels)
	if err != nil {
		return 0, err
	}
	var body any
	if len(m.Body) > 0 {
		body = string(m.Body)
	}
	var id int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO models (hash, variant, labels, training_size, created_at, body)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO UPDATE SET body = COALESCE(models.body, excluded.body)`,
			m.Hash, m.Variant, string(labels), m.TrainingSize, now(), body); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT id FROM models WHERE hash = ?`, m.Hash).Scan(&id)
	})
	return id, err
}

// ErrNoModelBody is the error for a model recorded without its body, by a
// pledge from before models were kept whole.
var ErrNoModelBody = errors.New("the model is recorded without its body")

// LoadModel returns the model recorded with id.
func (s *Store) LoadModel(ctx context.Context, id int64) (*classify.Model, error) {
	if m, ok := s.models.Load(id); ok {
		return m.(*classify.Model), nil
	}
	var body sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT body FROM models WHERE id = ?`, id).Scan(&body)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("no model %d", id)
	case err != nil:
		return nil, err
	case !body.Valid:
		return nil, fmt.Errorf("model %d: %w", id, ErrNoModelBody)
	}
	m, err := classify.Load(strings.NewReader(body.String))
	if err != nil {
		return nil, fmt.Errorf("model %d: %w", id, err)
	}
	s.models.Store(id, m)
	return m, nil
}

// Alternatives returns the k domains most probable for commitment id, by
// the model that labelled it (for a person's label, the model that
// labelled it before, or since with Reclassify), from its stored words,
// most probable first. It is nil when that model is not recorded whole.
func (s *Store) Alternatives(ctx context.Context, id int64, k int) ([]classify.Prediction, error) {
	var model sql.NullInt64
	var tokens string
	err := s.db.QueryRowContext(ctx, `SELECT model_id, tokens FROM commitments WHERE id = ?`, id).Scan(&model, &tokens)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("%w: %d", ErrNotFound, id)
	case err != nil || !model.Valid:
		return nil, err
	}
	m, err := s.LoadModel(ctx, model.Int64)
	if errors.Is(err, ErrNoModelBody) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p := m.Predict(storedWords(tokens))
	return p[:min(k, len(p))], nil
}

// CurrentModel returns the model that Reclassify last labelled the
// database with, and its id: the model later commitments should be
// labelled with, so that all are labelled alike. It is nil when the
// database was never labelled again (the built-in model, or the one given
// to ingest, labelled it), or when the model is recorded without its body.
func (s *Store) CurrentModel(ctx context.Context) (*classify.Model, int64, error) {
	v, err := setting(ctx, s.db, settingModel)
	if err != nil || v == "" {
		return nil, 0, err
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return nil, 0, fmt.Errorf("setting %s: %w", settingModel, err)
	}
	m, err := s.LoadModel(ctx, id)
	if errors.Is(err, ErrNoModelBody) {
		return nil, 0, nil
	}
	return m, id, err
}

// ModelUse is a model recorded in the database, with how many stored
// labels it gave.
type ModelUse struct {
	Model
	// Labelled counts the commitments whose label the model gave and no
	// person has changed since.
	Labelled int
	// Recorded is when the model was first recorded, in RFC 3339.
	Recorded string
}

// Models returns the models whose labels the stored commitments carry, the
// one that gave the most first, without their bodies.
func (s *Store) Models(ctx context.Context) ([]ModelUse, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT m.hash, m.variant, m.labels, m.training_size, m.created_at, count(*)
		FROM models m JOIN commitments c ON c.model_id = m.id AND c.label_source = 'model'
		GROUP BY m.id ORDER BY count(*) DESC, m.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ModelUse
	for rows.Next() {
		var m ModelUse
		var labels string
		if err := rows.Scan(&m.Hash, &m.Variant, &labels, &m.TrainingSize, &m.Recorded, &m.Labelled); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(labels), &m.Labels); err != nil {
			return nil, fmt.Errorf("model %.12s: its labels: %w", m.Hash, err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
