package track

import (
	"context"
	"fmt"
	"regexp"

	"pledge/classify"
	"pledge/extract"
)

// Ingester stores the statements of files: it extracts them, labels their
// commitments with a classifier and stores each statement in a transaction
// of its own.
type Ingester struct {
	store      *Store
	classifier *classify.Classifier
	modelID    int64
}

// NewIngester returns an Ingester into store that labels with c, whose
// model it records in the database.
func NewIngester(ctx context.Context, store *Store, c *classify.Classifier) (*Ingester, error) {
	id, err := store.RegisterModel(ctx, ModelOf(c.Model))
	if err != nil {
		return nil, fmt.Errorf("recording the model: %w", err)
	}
	return &Ingester{store, c, id}, nil
}

// ModelOf describes a classify model for the database.
func ModelOf(m *classify.Model) Model {
	return Model{Hash: m.Hash, Variant: string(m.Variant), Labels: m.Labels, TrainingSize: m.TrainingSize()}
}

// Found is what ingesting did with one statement of a file.
type Found struct {
	ID          int64
	Title       string
	Date        extract.Date
	Commitments int
	Added       bool // false when the statement was stored already
}

// File ingests the statements in the bytes of the file name; a file with
// none is extract.ErrNoStatement. A statement
// stored already is not labelled again; the file is recorded as one of its
// sources. Links are not updated: call Store.Relink when the files are in.
func (in *Ingester) File(ctx context.Context, name string, data []byte) ([]Found, error) {
	sts, err := extract.Document(data)
	if err != nil {
		return nil, err
	}
	if len(sts) == 0 {
		return nil, extract.ErrNoStatement
	}
	var out []Found
	for _, st := range sts {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		f := Found{Title: st.Title, Date: st.Date, Commitments: len(st.Commitments)}
		var labelled []Labelled
		if _, stored, err := in.store.StatementID(ctx, st.Fingerprint); err != nil {
			return out, err
		} else if !stored {
			labelled = in.label(st.Commitments)
		}
		if f.ID, f.Added, err = in.store.AddStatement(ctx, st, name, labelled, in.modelID); err != nil {
			return out, fmt.Errorf("storing %q: %w", st.Title, err)
		}
		out = append(out, f)
	}
	return out, nil
}

func (in *Ingester) label(cs []extract.Commitment) []Labelled {
	out := make([]Labelled, len(cs))
	for i, c := range cs {
		var sentences [][]string
		var all []string
		for _, s := range sentenceRe.Split(c.Text, -1) {
			if ws := in.classifier.Tokenizer.Tokens(s); len(ws) > 0 {
				sentences = append(sentences, ws)
				all = append(all, ws...)
			}
		}
		best := in.classifier.Model.Predict(all)[0]
		out[i] = Labelled{c, sentences, best.Label, best.Prob}
	}
	return out
}

// sentenceRe splits a commitment into sentences and the parts of a list
// item that ；separates.
var sentenceRe = regexp.MustCompile(`[。；！？]`)
