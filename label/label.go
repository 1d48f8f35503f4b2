// Package label prepares the commitments of a statement for the database:
// each gets its policy domain from a classifier, the words of each of its
// sentences, which linking compares, and its terms, from which the policy
// areas new in a year are found. Ingest labels commitments with it before
// package track stores them; track's migrations make the terms of the
// commitments stored before terms were with Terms.
package label

import (
	"pledge/classify"
	"pledge/extract"
	"pledge/link"
)

// Commitment is a commitment with its domain, the words of each of its
// sentences and its terms (see Terms).
type Commitment struct {
	extract.Commitment
	Sentences   [][]string
	Domain      string
	Probability float64
	Terms       []string
}

// Commitments labels commitments with their domains, their words (for
// linking) and their terms (for new policy areas), for
// track.Store.AddStatement.
func Commitments(c *classify.Classifier, cs []extract.Commitment) []Commitment {
	out := make([]Commitment, len(cs))
	for i, x := range cs {
		sentences, all := link.Sentences(x.Text, c.Tokenizer.Tokens)
		best := c.Model.Predict(all)[0]
		out[i] = Commitment{Commitment: x, Sentences: sentences, Domain: best.Label, Probability: best.Prob, Terms: Terms(x.Text)}
	}
	return out
}
