package classify

import (
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// Evaluation is how a model's predictions compare with true labels: a
// confusion matrix, from which the figures follow, and how sure the model
// was of each, from which its calibration follows.
type Evaluation struct {
	Labels []string
	// Confusion[i][j] counts examples of label i predicted as label j.
	Confusion [][]int

	bins    [reliabilityBins]binSums // by the probability of the label predicted
	logLoss float64                  // sum of -log P(true label)
}

// reliabilityBins is the number of bins of a reliability table and of the
// expected calibration error: ten of equal width, as is usual.
const reliabilityBins = 10

type binSums struct {
	n, right int
	prob     float64
}

// Bin is one bin of a reliability table: the examples whose predicted
// label had a probability from Low up to High (0.9 to 1 includes 1).
type Bin struct {
	Low, High float64
	Count     int
	// Predicted is the mean probability of their predicted label;
	// Observed, the share of them labelled right. A calibrated model has
	// the two about equal in every bin.
	Predicted, Observed float64
}

func newEvaluation(labels []string) *Evaluation {
	e := &Evaluation{Labels: labels, Confusion: make([][]int, len(labels))}
	for i := range e.Confusion {
		e.Confusion[i] = make([]int, len(labels))
	}
	return e
}

// add records a prediction p (every label, most probable first) of an
// example of label truth.
func (e *Evaluation) add(truth string, p []Prediction) {
	best := p[0]
	e.Confusion[slices.Index(e.Labels, truth)][slices.Index(e.Labels, best.Label)]++
	b := &e.bins[min(int(best.Prob*reliabilityBins), reliabilityBins-1)]
	b.n++
	b.prob += best.Prob
	if best.Label == truth {
		b.right++
	}
	pTruth := 0.0
	for _, x := range p {
		if x.Label == truth {
			pTruth = x.Prob
		}
	}
	// A probability of 0 would make the loss infinite: one example
	// would hide all the others.
	e.logLoss -= math.Log(max(pTruth, 1e-12))
}

// Reliability returns the reliability table: the examples in ten bins by
// the probability of their predicted label, with the mean of that
// probability and the share right in each. It is empty for an Evaluation
// made without probabilities (a bare confusion matrix).
func (e *Evaluation) Reliability() []Bin {
	if e.scored() == 0 {
		return nil
	}
	out := make([]Bin, reliabilityBins)
	for i, b := range e.bins {
		out[i] = Bin{Low: float64(i) / reliabilityBins, High: float64(i+1) / reliabilityBins, Count: b.n}
		if b.n > 0 {
			out[i].Predicted, out[i].Observed = b.prob/float64(b.n), ratio(b.right, b.n)
		}
	}
	return out
}

// ECE is the expected calibration error: the mean, over the bins of the
// reliability table weighted by their examples, of the gap between the
// probability predicted and the share right (Guo et al. 2017, "On
// calibration of modern neural networks"). 0 is perfect; 0.15 means the
// probabilities shown are 15 points off on average.
func (e *Evaluation) ECE() float64 {
	n := e.scored()
	if n == 0 {
		return 0
	}
	var sum float64
	for _, b := range e.bins {
		if b.n > 0 {
			sum += math.Abs(b.prob - float64(b.right)) // = n_b·|mean probability − accuracy|
		}
	}
	return sum / float64(n)
}

// LogLoss is the mean negative log-probability the model gave the true
// labels (each at least 1e-12): lower is better, and it punishes a sure
// mistake more than an unsure one.
func (e *Evaluation) LogLoss() float64 {
	if n := e.scored(); n > 0 {
		return e.logLoss / float64(n)
	}
	return 0
}

// scored is the number of examples recorded with their probabilities.
func (e *Evaluation) scored() int {
	n := 0
	for _, b := range e.bins {
		n += b.n
	}
	return n
}

// Total is the number of examples evaluated.
func (e *Evaluation) Total() int {
	n := 0
	for _, row := range e.Confusion {
		for _, v := range row {
			n += v
		}
	}
	return n
}

// Accuracy is the share of examples given their true label.
func (e *Evaluation) Accuracy() float64 {
	right := 0
	for i := range e.Labels {
		right += e.Confusion[i][i]
	}
	return ratio(right, e.Total())
}

// Scores returns precision, recall, F1 and support (examples) of label i.
// A label never predicted has precision 0; one with no examples, recall 0.
func (e *Evaluation) Scores(i int) (precision, recall, f1 float64, support int) {
	predicted := 0
	for j := range e.Labels {
		support += e.Confusion[i][j]
		predicted += e.Confusion[j][i]
	}
	precision, recall = ratio(e.Confusion[i][i], predicted), ratio(e.Confusion[i][i], support)
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1, support
}

// MacroF1 is the mean F1 over the labels that have examples.
func (e *Evaluation) MacroF1() float64 {
	var sum float64
	n := 0
	for i := range e.Labels {
		if _, _, f1, support := e.Scores(i); support > 0 {
			sum += f1
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluate predicts each example with m and compares with its label.
// Labels the model does not know count as errors.
func Evaluate(m *Model, examples []Example) *Evaluation {
	e := newEvaluation(unionLabels(m.Labels, examples))
	for _, x := range examples {
		e.add(x.Label, m.Predict(x.Tokens))
	}
	return e
}

// CrossValidate trains and tests a model folds times, each time holding out
// one fold. Folds are stratified: each label's examples, shuffled with seed,
// are dealt to the folds in turn, so every fold has about the same mix of
// labels. The same examples, folds and seed give the same result.
func CrossValidate(examples []Example, opt Options, folds int, seed uint64) (*Evaluation, error) {
	return CrossValidateWith(examples, nil, opt, folds, seed)
}

// CrossValidateWith cross-validates over examples as CrossValidate does,
// with extra added to the training data of every fold and never tested:
// how well a model trained on extra and part of examples labels the rest.
func CrossValidateWith(examples, extra []Example, opt Options, folds int, seed uint64) (*Evaluation, error) {
	if folds < 2 || folds > len(examples) {
		return nil, fmt.Errorf("cannot make %d folds of %d examples", folds, len(examples))
	}
	byLabel := map[string][]int{}
	for i, x := range examples {
		byLabel[x.Label] = append(byLabel[x.Label], i)
	}
	rng := rand.New(rand.NewPCG(seed, 0x706c65646765)) // "pledge"
	fold := make([]int, len(examples))
	next := 0
	for _, l := range slices.Sorted(maps.Keys(byLabel)) {
		idx := byLabel[l]
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for _, i := range idx {
			fold[i] = next % folds
			next++
		}
	}
	e := newEvaluation(unionLabels(nil, append(slices.Clip(examples), extra...)))
	for f := 0; f < folds; f++ {
		train := slices.Clone(extra)
		var test []Example
		for i, x := range examples {
			if fold[i] == f {
				test = append(test, x)
			} else {
				train = append(train, x)
			}
		}
		m, err := Train(train, opt)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", f+1, err)
		}
		for _, x := range test {
			e.add(x.Label, m.Predict(x.Tokens))
		}
	}
	return e, nil
}

// Comparison is what adding examples to the training data does, measured
// on data no model that is measured was trained on.
type Comparison struct {
	// Before: the base data alone, cross-validated, and a model trained on
	// all of it labelling the added examples.
	BeforeBase, BeforeAdded *Evaluation
	// After: the base data cross-validated with every added example in
	// training, and the added examples cross-validated with every base
	// example in training. AfterAdded is nil when there are fewer than two
	// added examples to make folds of.
	AfterBase, AfterAdded *Evaluation
}

// Compare measures a model trained on base and one trained on base and
// added: on base by cross-validation, and on added, which the first model
// never saw, and the second is cross-validated on.
func Compare(base, added []Example, opt Options, folds int, seed uint64) (*Comparison, error) {
	var c Comparison
	var err error
	if c.BeforeBase, err = CrossValidate(base, opt, folds, seed); err != nil {
		return nil, err
	}
	m, err := Train(base, opt)
	if err != nil {
		return nil, err
	}
	c.BeforeAdded = Evaluate(m, added)
	if c.AfterBase, err = CrossValidateWith(base, added, opt, folds, seed); err != nil {
		return nil, err
	}
	if len(added) >= 2 {
		if c.AfterAdded, err = CrossValidateWith(added, base, opt, min(folds, len(added)), seed); err != nil {
			return nil, err
		}
	}
	return &c, nil
}

func unionLabels(labels []string, examples []Example) []string {
	set := map[string]bool{}
	for _, l := range labels {
		set[l] = true
	}
	for _, x := range examples {
		set[x.Label] = true
	}
	return slices.Sorted(maps.Keys(set))
}

// Write prints the evaluation for a reader: accuracy, macro-F1 and the
// expected calibration error, then precision, recall and F1 per label, the
// reliability table and the confusion matrix, its rows the true labels and
// its columns the predicted ones. An Evaluation without probabilities has
// no calibration error and no reliability table.
func (e *Evaluation) Write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "examples  %d\naccuracy  %.3f\nmacro-F1  %.3f\n", e.Total(), e.Accuracy(), e.MacroF1())
	if e.scored() > 0 {
		fmt.Fprintf(&b, "ECE       %.3f  (expected calibration error, %d bins)\nlog-loss  %.3f\n", e.ECE(), reliabilityBins, e.LogLoss())
	}
	b.WriteString("\n")
	width := 8
	for _, l := range e.Labels {
		width = max(width, len(l))
	}
	fmt.Fprintf(&b, "%-*s  precision  recall     F1  support\n", width, "label")
	for i, l := range e.Labels {
		p, r, f1, n := e.Scores(i)
		fmt.Fprintf(&b, "%-*s  %9.3f  %6.3f  %5.3f  %7d\n", width, l, p, r, f1, n)
	}
	if r := e.Reliability(); r != nil {
		b.WriteString("\nreliability (examples by the probability of the label predicted)\nprobability  predicted  observed  examples\n")
		for _, x := range r {
			if x.Count == 0 {
				fmt.Fprintf(&b, "%.1f–%.1f            –         –         0\n", x.Low, x.High)
				continue
			}
			fmt.Fprintf(&b, "%.1f–%.1f        %5.3f     %5.3f  %8d\n", x.Low, x.High, x.Predicted, x.Observed, x.Count)
		}
	}
	fmt.Fprintf(&b, "\nconfusion (rows: true label, columns: predicted)\n%-*s", width, "")
	for i := range e.Labels {
		fmt.Fprintf(&b, " %4s", abbrev(e.Labels[i]))
	}
	b.WriteString("\n")
	for i, l := range e.Labels {
		fmt.Fprintf(&b, "%-*s", width, l)
		for j := range e.Labels {
			fmt.Fprintf(&b, " %4d", e.Confusion[i][j])
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// abbrev shortens a label to a column heading of four characters.
func abbrev(l string) string {
	r := []rune(l)
	if len(r) > 4 {
		r = r[:4]
	}
	return string(r)
}
