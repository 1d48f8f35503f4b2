package classify

import (
	"fmt"

	"pledge/data"
)

// Domain is one of the policy domains of GUIDE section 3.
type Domain struct {
	ID, Chinese, English string
}

// Domains are the ten domains of the default taxonomy, in the GUIDE's order.
// A model trained on a user's own labels has its own label set instead.
var Domains = []Domain{
	{"politics", "政治", "Politics"},
	{"security", "安全", "Security"},
	{"economy", "经贸", "Economy and trade"},
	{"energy", "能源", "Energy"},
	{"finance", "财金", "Finance"},
	{"technology", "科技", "Science and technology"},
	{"transport", "交通", "Transport"},
	{"environment", "环境", "Environment"},
	{"culture", "人文", "People-to-people exchange"},
	{"multilateral", "国际", "International and multilateral"},
}

// Classifier labels commitments: a Tokenizer and the Model it feeds.
type Classifier struct {
	Tokenizer *Tokenizer
	Model     *Model
}

// Classify returns every label of the model for text, most probable first.
func (c *Classifier) Classify(text string) []Prediction {
	return c.Model.Predict(c.Tokenizer.Tokens(text))
}

// DefaultTokenizer is seg with the stop words built into pledge.
func DefaultTokenizer(seg Segmenter) *Tokenizer {
	return NewTokenizer(seg, data.Lines(data.StopWords))
}

// Default returns pledge's default classifier: the labelled bullets built
// into pledge (data/labelled.tsv), trained with DefaultOptions. Training
// takes a moment and gives the same model every time.
func Default(seg Segmenter) (*Classifier, error) {
	rows, err := ReadLabelled(data.Labelled)
	if err != nil {
		return nil, fmt.Errorf("built-in labelled data: %w", err)
	}
	tok := DefaultTokenizer(seg)
	m, err := Train(Examples(rows, tok), DefaultOptions)
	if err != nil {
		return nil, err
	}
	return &Classifier{tok, m}, nil
}
