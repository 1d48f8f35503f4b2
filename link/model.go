package link

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"

	"pledge/data"
)

// Model is what the linker knows of words and of pairs of commitments: a
// weight for each word of its reference corpus (the labelled commitments
// the domain model learns from), so that a word weighs the same whatever
// else a database holds, and a logistic model, over the features of a pair
// (see features), of the chance that the later commitment holds the same
// action on the same object as the earlier one (GUIDE §4).
//
// Because the weights are fixed, the chance for two commitments does not
// change when other statements arrive: a group's links change only where a
// new statement offers a better match, which is what lets ingest link only
// what a new statement touches.
type Model struct {
	// Words are the reference corpus's words: weight (inverse document
	// frequency) and class (n a noun or name, v a verb, o other).
	Words map[string]Word `json:"words"`
	// Unknown is the weight of a word the reference corpus lacks: most are
	// names and terms of one partner's statements.
	Unknown float64 `json:"unknown"`
	// Features name the features, in the order of Coef.
	Features []string  `json:"features"`
	Coef     []float64 `json:"coef"`
	Bias     float64   `json:"bias"`
	// Threshold is the default chance at which a commitment recurs.
	Threshold float64 `json:"threshold"`
}

// Word is one word of a Model's reference corpus.
type Word struct {
	Weight float64
	Class  byte // 'n', 'v' or 'o'
}

func (w Word) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{math.Round(w.Weight*1e6) / 1e6, string(w.Class)})
}

func (w *Word) UnmarshalJSON(b []byte) error {
	var v []any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	weight, ok1 := v[0].(float64)
	class, ok2 := v[1].(string)
	if len(v) != 2 || !ok1 || !ok2 || len(class) != 1 || !strings.Contains("nvo", class) {
		return fmt.Errorf("a word is [weight, class], class n, v or o; have %s", b)
	}
	w.Weight, w.Class = weight, class[0]
	return nil
}

// DefaultModel returns the linker built into pledge (data/linker.json).
var DefaultModel = sync.OnceValues(func() (*Model, error) { return ParseModel([]byte(data.Linker())) })

// ParseModel reads a Model saved as JSON and checks it is whole.
func ParseModel(b []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("malformed linker: %w", err)
	}
	if len(m.Coef) != len(featureNames) || strings.Join(m.Features, ",") != strings.Join(featureNames[:], ",") {
		return nil, fmt.Errorf("malformed linker: its features %v are not this pledge's %v", m.Features, featureNames)
	}
	if m.Unknown <= 0 || m.Threshold <= 0 || m.Threshold >= 1 || len(m.Words) == 0 {
		return nil, fmt.Errorf("malformed linker: no words, or a weight or threshold out of range")
	}
	return &m, nil
}

// JSON returns the model as saved: words in order, so that the same model
// is the same file.
func (m *Model) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Version names the linker: its method and a hash of its model and word
// lists. A database records the version its links were made with; another
// version links them again.
func (m *Model) Version() string {
	h := sha256.New()
	b, _ := m.JSON()
	h.Write(b)
	h.Write([]byte(data.LinkWords()))
	return "pairs-1:" + hex.EncodeToString(h.Sum(nil))[:12]
}

// word returns a word's weight and class: a word the reference corpus
// lacks weighs Unknown and is classed by jieba's dictionary (频繁 is no
// noun), as the reference's words are (wordClass).
func (m *Model) word(w string) Word {
	if x, ok := m.Words[w]; ok {
		return x
	}
	return Word{m.Unknown, wordClass(w)}
}

// chance is the model's chance that features x are those of a repetition.
func (m *Model) chance(x *[nFeatures]float64) float64 {
	if x[objectSwap] == 1 {
		return 0
	}
	z := m.Bias
	for k, c := range m.Coef {
		z += c * x[k]
	}
	return 1 / (1 + math.Exp(-z))
}
