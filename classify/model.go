package classify

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
)

// Variant is a kind of naive Bayes model.
type Variant string

const (
	// Multinomial is multinomial naive Bayes: each label's token
	// distribution estimated from its own examples (Manning, Raghavan and
	// Schütze, Introduction to Information Retrieval, chapter 13).
	Multinomial Variant = "multinomial"
	// Complement estimates each label's distribution from the examples of
	// all the other labels and picks the label whose complement fits the
	// text worst (Rennie, Shih, Teevan and Karger 2003, equation 6). It is
	// steadier than Multinomial when labels have unequal amounts of data.
	Complement Variant = "complement"
)

// Options are how a model is trained.
type Options struct {
	Variant Variant
	// Alpha is the additive (Laplace, Lidstone) smoothing added to every
	// token count; 0 means 1.
	Alpha float64
	// Bigrams adds each pair of neighbouring tokens as a feature.
	Bigrams bool
	// Calibrate fits the model's temperature (see Model.Temperature) by
	// cross-validation on the training data, so that its probabilities
	// say how often it is right. Without it the probabilities are the
	// plain softmax of the scores, which for naive Bayes say little of
	// that: pledge's default model would be too unsure of short texts and
	// too sure of long ones.
	Calibrate bool
}

// DefaultOptions returns the options of pledge's default model, chosen by
// 10-fold cross-validation on data/labelled.tsv (see the README).
func DefaultOptions() Options { return Options{Variant: Complement, Alpha: 1, Calibrate: true} }

// Example is one labelled text, as tokens.
type Example struct {
	Label  string
	Tokens []string
}

// Model is a trained naive Bayes model. It keeps the counts it was trained
// on, which are exact, and derives its weights from them; saved as JSON it is
// the same bytes for the same training data.
type Model struct {
	Format  string  `json:"format"`
	Variant Variant `json:"variant"`
	Alpha   float64 `json:"alpha"`
	Bigrams bool    `json:"bigrams"`
	// Labels are sorted; Docs and Counts follow their order.
	Labels []string `json:"labels"`
	// Docs is the number of training examples of each label.
	Docs []int `json:"docs"`
	// Counts is how often each token occurs in each label's examples.
	Counts []map[string]int `json:"counts"`
	// Temperature and LengthExponent calibrate the probabilities: the
	// scores of a text in which the model knows n words are divided by
	// Temperature·n^LengthExponent before the softmax that makes them
	// probabilities. Naive Bayes counts every word as independent
	// evidence, so its scores grow with the length of a text faster than
	// its chance of being right; a temperature that grows with n tempers
	// that, and dividing all the scores of a text by one number keeps
	// their order, so calibration changes no label. Training with
	// Options.Calibrate fits both numbers by cross-validation on the
	// training data, to give the true labels of the held-out examples the
	// highest likelihood. A model saved before pledge calibrated its
	// models has neither, and Temperature 0 means 1: the scores as they
	// are.
	Temperature    float64 `json:"temperature,omitempty"`
	LengthExponent float64 `json:"length_exponent,omitempty"`
	// Hash is the SHA-256 of the model saved with an empty Hash: it names
	// this model wherever a label it gave is stored.
	Hash string `json:"hash"`

	weights map[string][]float64 // per token, per label
	base    []float64            // per label: log prior, and for Complement nothing else
}

const modelFormat = "pledge-naive-bayes/1"

// Train trains a model on examples, which must hold at least two labels.
func Train(examples []Example, opt Options) (*Model, error) {
	t, err := NewTrainer(opt)
	if err != nil {
		return nil, err
	}
	for _, e := range examples {
		t.Add(e.Label, e.Tokens)
	}
	return t.Model()
}

// Trainer counts examples one at a time into a model, so that training on
// a file of any size holds only its counts: memory grows with the number
// of distinct words, not of examples.
//
// With Options.Calibrate it also deals each label's examples in turn to
// calibrationFolds folds and keeps each fold's counts apart, so that the
// model of all folds but one is the whole count less that fold's; and it
// keeps a sample of at most calibrationSample examples, which the model of
// the folds without them scores to fit the temperature and its length
// exponent. Memory then grows with the words of each fold, and the sample.
type Trainer struct {
	opt    Options
	index  map[string]int // label → place in docs and counts, in order of arrival
	labels []string
	docs   []int
	counts []map[string]int
	tokens int

	foldDocs   [][]int            // per fold, per label (in order of arrival)
	foldCounts [][]map[string]int // per fold, per label
	sample     []heldOut
	seen       int // examples offered to the sample
	rng        *rand.Rand
}

// heldOut is an example of the calibration sample: its label (in order of
// arrival), its fold and its tokens.
type heldOut struct {
	label, fold int
	tokens      []string
}

const (
	// calibrationFolds is the number of folds the calibration is fitted
	// by: each example is scored by a model trained on the other nine
	// tenths of the data, as in pledge eval.
	calibrationFolds = 10
	// calibrationSample bounds the examples kept to fit the calibration,
	// two numbers: a few thousand fix them to the third digit.
	calibrationSample = 10_000
	// minCalibration is the fewest scored examples a calibration is
	// fitted on; with fewer, the model stays uncalibrated (temperature 1).
	minCalibration = 30
)

// NewTrainer returns a Trainer of a model with the options opt.
func NewTrainer(opt Options) (*Trainer, error) {
	if opt.Variant == "" {
		opt.Variant = Multinomial
	}
	if opt.Variant != Multinomial && opt.Variant != Complement {
		return nil, fmt.Errorf("unknown model variant %q (want %s or %s)", opt.Variant, Multinomial, Complement)
	}
	if opt.Alpha == 0 {
		opt.Alpha = 1
	}
	if !(opt.Alpha > 0) || math.IsInf(opt.Alpha, 0) {
		return nil, fmt.Errorf("smoothing alpha must be a positive number, not %v", opt.Alpha)
	}
	t := &Trainer{opt: opt, index: map[string]int{}}
	if opt.Calibrate {
		t.foldDocs = make([][]int, calibrationFolds)
		t.foldCounts = make([][]map[string]int, calibrationFolds)
		t.rng = rand.New(rand.NewPCG(1, 0x706c65646765)) // "pledge"
	}
	return t, nil
}

// Add counts one example.
func (t *Trainer) Add(label string, tokens []string) {
	c, ok := t.index[label]
	if !ok {
		c = len(t.labels)
		t.index[label] = c
		t.labels = append(t.labels, label)
		t.docs = append(t.docs, 0)
		t.counts = append(t.counts, map[string]int{})
		for f := range t.foldDocs {
			t.foldDocs[f] = append(t.foldDocs[f], 0)
			t.foldCounts[f] = append(t.foldCounts[f], map[string]int{})
		}
	}
	fold := (t.docs[c] + c) % calibrationFolds
	t.docs[c]++
	m := Model{Bigrams: t.opt.Bigrams}
	features := m.features(tokens)
	for _, tok := range features {
		t.counts[c][tok]++
		t.tokens++
	}
	if !t.opt.Calibrate {
		return
	}
	t.foldDocs[fold][c]++
	for _, tok := range features {
		t.foldCounts[fold][c][tok]++
	}
	// Reservoir sampling (Vitter's algorithm R): every example is in the
	// sample with the same chance, whatever the order of the file.
	x := heldOut{c, fold, slices.Clone(tokens)}
	t.seen++
	if len(t.sample) < calibrationSample {
		t.sample = append(t.sample, x)
	} else if j := t.rng.IntN(t.seen); j < calibrationSample {
		t.sample[j] = x
	}
}

// Model returns the model the examples added make. It needs two labels at
// least, and words: examples that are all punctuation, numbers or stop
// words teach nothing.
func (t *Trainer) Model() (*Model, error) {
	if len(t.labels) < 2 {
		return nil, fmt.Errorf("training needs examples of at least two labels, have %d", len(t.labels))
	}
	if t.tokens == 0 {
		return nil, errors.New("no usable words: every text is punctuation, numbers or stop words")
	}
	m := t.model(-1)
	if t.opt.Calibrate {
		m.Temperature, m.LengthExponent = t.calibration()
	}
	m.Hash = m.contentHash()
	return m, nil
}

// model returns the model of every example but those of fold skip (of
// none when skip is -1), derived but without its hash.
func (t *Trainer) model(skip int) *Model {
	m := &Model{Format: modelFormat, Variant: t.opt.Variant, Alpha: t.opt.Alpha, Bigrams: t.opt.Bigrams}
	m.Labels = slices.Sorted(maps.Keys(t.index))
	for _, l := range m.Labels {
		c := t.index[l]
		docs, counts := t.docs[c], t.counts[c]
		if skip >= 0 {
			docs -= t.foldDocs[skip][c]
			counts = maps.Clone(counts)
			for w, n := range t.foldCounts[skip][c] {
				if counts[w] -= n; counts[w] == 0 {
					delete(counts, w)
				}
			}
		}
		m.Docs = append(m.Docs, docs)
		m.Counts = append(m.Counts, counts)
	}
	m.derive()
	return m
}

// TrainingSize is the number of examples the model was trained on.
func (m *Model) TrainingSize() int {
	n := 0
	for _, d := range m.Docs {
		n += d
	}
	return n
}

func (m *Model) features(tokens []string) []string {
	if m.Bigrams {
		return withBigrams(tokens)
	}
	return tokens
}

// derive computes the log weights from the counts. For Multinomial, the
// weight of token t for label c is log P(t|c) = log((T_ct + α) / (T_c +
// α|V|)), and base is log P(c). For Complement, the weight is the negated
// log of the same estimate over all labels but c, so that a larger score is
// better in both variants.
func (m *Model) derive() {
	k := len(m.Labels)
	vocab := map[string]bool{}
	totals := make([]float64, k)
	for c, counts := range m.Counts {
		for t, n := range counts {
			vocab[t] = true
			totals[c] += float64(n)
		}
	}
	var all float64
	for _, t := range totals {
		all += t
	}
	v := float64(len(vocab))
	n := float64(m.TrainingSize())
	m.base = make([]float64, k)
	for c := range m.Labels {
		m.base[c] = math.Log(float64(m.Docs[c]) / n)
	}
	m.weights = make(map[string][]float64, len(vocab))
	for t := range vocab {
		w := make([]float64, k)
		var sum float64
		for c := range m.Labels {
			sum += float64(m.Counts[c][t])
		}
		for c := range m.Labels {
			tc := float64(m.Counts[c][t])
			if m.Variant == Complement {
				w[c] = -math.Log((sum - tc + m.Alpha) / (all - totals[c] + m.Alpha*v))
			} else {
				w[c] = math.Log((tc + m.Alpha) / (totals[c] + m.Alpha*v))
			}
		}
		m.weights[t] = w
	}
}

// Prediction is a label and its probability.
type Prediction struct {
	Label string
	Prob  float64
}

// Predict returns every label with its probability, most probable first;
// the probabilities sum to 1. Tokens the model never saw are left out, so a
// text with none of its tokens gets the prior. The probabilities are the
// softmax of the scores divided by the model's temperature for the text
// (see Model.Temperature): for Multinomial uncalibrated, the posterior of
// naive Bayes; for Complement, whose scores order the labels but are no
// log-probabilities, only calibration makes them mean what they say. The
// order of the labels is that of the scores, calibrated or not.
func (m *Model) Predict(tokens []string) []Prediction {
	scores, known := m.scores(tokens)
	t := m.temperature(known)
	max := math.Inf(-1)
	for _, s := range scores {
		max = math.Max(max, s)
	}
	var sum float64
	for c := range scores {
		scores[c] = math.Exp((scores[c] - max) / t)
		sum += scores[c]
	}
	out := make([]Prediction, len(scores))
	for c, s := range scores {
		out[c] = Prediction{m.Labels[c], s / sum}
	}
	// Insertion sort: ten labels or so, and stable, so ties keep label order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Prob > out[j-1].Prob; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// scores returns the score of each label for tokens, in the order of
// m.Labels (the log prior plus the weights of the features the model
// knows), and how many of the features it knows.
func (m *Model) scores(tokens []string) (scores []float64, known int) {
	scores = slices.Clone(m.base)
	for _, t := range m.features(tokens) {
		if w, ok := m.weights[t]; ok {
			known++
			for c := range scores {
				scores[c] += w[c]
			}
		}
	}
	return scores, known
}

// Save writes the model as indented JSON.
func (m *Model) Save(w io.Writer) error {
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Load reads a model written by Save and checks it against its hash, so a
// damaged or hand-edited file is refused rather than used.
func Load(r io.Reader) (*Model, error) {
	var m Model
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("not a pledge model: %w", err)
	}
	if m.Format != modelFormat {
		return nil, fmt.Errorf("not a pledge model (format %q, want %q)", m.Format, modelFormat)
	}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("malformed pledge model: %w", err)
	}
	if h := m.contentHash(); h != m.Hash {
		return nil, fmt.Errorf("model file damaged or edited: its hash is %.12s…, its content gives %.12s…", m.Hash, h)
	}
	m.derive()
	return &m, nil
}

// check refuses a model no training makes: a hash that matches does not
// make a file a model, since anyone can compute one.
func (m *Model) check() error {
	k := len(m.Labels)
	switch {
	case m.Variant != Multinomial && m.Variant != Complement:
		return fmt.Errorf("variant %q", m.Variant)
	case !(m.Alpha > 0) || math.IsInf(m.Alpha, 0):
		return fmt.Errorf("smoothing %v", m.Alpha)
	case m.Temperature < 0 || math.IsInf(m.Temperature, 0):
		return fmt.Errorf("temperature %v", m.Temperature)
	case m.LengthExponent < 0 || m.LengthExponent > 1 || m.LengthExponent > 0 && m.Temperature == 0:
		return fmt.Errorf("length exponent %v (temperature %v)", m.LengthExponent, m.Temperature)
	case k < 2:
		return fmt.Errorf("%d labels, want two at least", k)
	case len(m.Docs) != k || len(m.Counts) != k:
		return errors.New("labels, document counts and word counts differ in number")
	}
	for i, l := range m.Labels {
		switch {
		case strings.TrimSpace(l) == "" || strings.IndexFunc(l, unicode.IsControl) >= 0:
			return fmt.Errorf("label %q", l)
		case i > 0 && l <= m.Labels[i-1]:
			return fmt.Errorf("labels out of order or twice: %q", l)
		case m.Docs[i] < 0:
			return fmt.Errorf("label %q has %d examples", l, m.Docs[i])
		}
		for w, n := range m.Counts[i] {
			if n < 1 || w == "" {
				return fmt.Errorf("label %q counts the word %q %d times", l, w, n)
			}
		}
	}
	if m.TrainingSize() == 0 {
		return errors.New("no examples")
	}
	return nil
}

// contentHash is the SHA-256 of the model's JSON without its hash.
func (m *Model) contentHash() string {
	c := *m
	c.Hash = ""
	b, err := json.Marshal(&c)
	if err != nil {
		panic(err) // a Model always marshals
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
