package classify

import (
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
)

// Evaluation is how a model's predictions compare with true labels: a
// confusion matrix, from which the figures follow.
type Evaluation struct {
	Labels []string
	// Confusion[i][j] counts examples of label i predicted as label j.
	Confusion [][]int
}

func newEvaluation(labels []string) *Evaluation {
	e := &Evaluation{Labels: labels, Confusion: make([][]int, len(labels))}
	for i := range e.Confusion {
		e.Confusion[i] = make([]int, len(labels))
	}
	return e
}

func (e *Evaluation) add(truth, predicted string) {
	e.Confusion[slices.Index(e.Labels, truth)][slices.Index(e.Labels, predicted)]++
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
		e.add(x.Label, m.Predict(x.Tokens)[0].Label)
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
			e.add(x.Label, m.Predict(x.Tokens)[0].Label)
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

// Write prints the evaluation for a reader: accuracy and macro-F1, then
// precision, recall and F1 per label, then the confusion matrix, its rows
// the true labels and its columns the predicted ones.
func (e *Evaluation) Write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "examples  %d\naccuracy  %.3f\nmacro-F1  %.3f\n\n", e.Total(), e.Accuracy(), e.MacroF1())
	width := 8
	for _, l := range e.Labels {
		width = max(width, len(l))
	}
	fmt.Fprintf(&b, "%-*s  precision  recall     F1  support\n", width, "label")
	for i, l := range e.Labels {
		p, r, f1, n := e.Scores(i)
		fmt.Fprintf(&b, "%-*s  %9.3f  %6.3f  %5.3f  %7d\n", width, l, p, r, f1, n)
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
