package classify

import (
	"fmt"
	"strings"

	"pledge/data"
)

// Domain is one of the policy domains of GUIDE section 3.
type Domain struct {
	ID, Chinese, English string
}

// Domains returns the ten domains of the default taxonomy, in the GUIDE's
// order, in a new slice. A model trained on a user's own labels has its
// own label set instead.
func Domains() []Domain {
	return []Domain{
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

// DefaultTokenizer is seg with the stop words built into pledge
// (data/stopwords.txt) and each state's side (巴方, 哈方, …; see sides).
func DefaultTokenizer(seg Segmenter) *Tokenizer {
	return NewTokenizer(seg, append(data.Lines(data.StopWords()), sides()...))
}

// sides returns the words by which statements name each state as a party,
// its abbreviation in data/states.tsv and 方 (中方, 俄方, 巴方, …): subjects
// of commitments (GUIDE §2), which say nothing of their domain. 西方, 东方,
// 南方 and 北方 are not among them: they are also the West, the East, the
// South and the North.
func sides() []string {
	var out []string
	for _, l := range data.Lines(data.States()) {
		f := strings.Split(l, "\t")
		if len(f) < 2 || f[1] == "" || strings.Contains("西东南北", f[1]) {
			continue
		}
		out = append(out, f[1]+"方")
	}
	return out
}

// Default returns pledge's default classifier: seg, the stop words and
// the model trained on the labelled bullets built into pledge
// (data/labelled.tsv) with DefaultOptions. The model ships trained
// (data/model.json, made by go generate ./data), so Default only reads it.
func Default(seg Segmenter) (*Classifier, error) {
	m, err := DefaultModel()
	if err != nil {
		return nil, err
	}
	return &Classifier{DefaultTokenizer(seg), m}, nil
}

// DefaultModel reads the default model built into pledge.
func DefaultModel() (*Model, error) {
	m, err := Load(strings.NewReader(data.Model()))
	if err != nil {
		return nil, fmt.Errorf("built-in model: %w (run go generate ./data)", err)
	}
	return m, nil
}

// TrainDefault trains the default model afresh: the labelled bullets built
// into pledge, cut by seg, with DefaultOptions. It gives the model that
// data/model.json holds.
func TrainDefault(seg Segmenter) (*Model, error) {
	rows, err := ReadLabelled([]byte(data.Labelled()))
	if err != nil {
		return nil, fmt.Errorf("built-in labelled data: %w", err)
	}
	return Train(Examples(rows, DefaultTokenizer(seg)), DefaultOptions())
}
