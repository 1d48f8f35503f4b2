package classify

import (
	"maps"
	"math"
	"slices"
	"strconv"
)

// Calibration. Naive Bayes counts every word of a text as independent
// evidence, so its scores grow with the length of the text and its
// probabilities say little about how often it is right: uncalibrated,
// pledge's complement model is too unsure of the short bullets it is
// trained on and too sure of long commitments. A calibrated model divides
// the scores of a text in which it knows n words by
//
//	T(n) = Temperature · n^LengthExponent
//
// before the softmax: temperature scaling (Guo et al. 2017, "On
// calibration of modern neural networks") with a temperature that grows
// with the evidence. Dividing every score by the same number keeps their
// order, so calibration never changes a label, only its probability.
// Training fits both numbers by cross-validation on the training data (see
// Trainer): LengthExponent on a grid of twentieths from 0 to 1, and for
// each the Temperature that gives the true labels of the held-out examples
// the highest likelihood; the pair with the highest likelihood wins. The
// README compares this with one temperature for every text (exponent 0),
// and with Platt scaling and isotonic regression per label.

// temperature is the number the scores of a text in which the model knows
// known features are divided by.
func (m *Model) temperature(known int) float64 {
	if m.Temperature == 0 {
		return 1
	}
	if m.LengthExponent == 0 || known <= 1 {
		return m.Temperature
	}
	return m.Temperature * math.Pow(float64(known), m.LengthExponent)
}

// heldOutScore is an example of the calibration sample as a model that
// never saw it scores it: its scores, the features the model knew, and its
// label's place in the scores.
type heldOutScore struct {
	scores []float64
	known  int
	truth  int
}

// calibration fits the model's Temperature and LengthExponent by
// cross-validation: each example of the sample is scored by the model of
// the folds it is not in. It returns 0, 0 (uncalibrated) when too few
// examples can be scored: a fold's model needs two labels, and the
// example's own.
func (t *Trainer) calibration() (temperature, exponent float64) {
	var held []heldOutScore
	labels := slices.Sorted(maps.Keys(t.index))
	for f := range calibrationFolds {
		var m *Model
		for _, x := range t.sample {
			if x.fold != f {
				continue
			}
			if m == nil {
				if m = t.model(f); m.knownLabels() < 2 {
					break
				}
			}
			y := slices.Index(labels, t.labels[x.label])
			if m.Docs[y] == 0 {
				continue
			}
			s, known := m.scores(x.tokens)
			held = append(held, heldOutScore{s, known, y})
		}
	}
	if len(held) < minCalibration {
		return 0, 0
	}
	return fitCalibration(held)
}

// knownLabels is the number of labels with examples.
func (m *Model) knownLabels() int {
	n := 0
	for _, d := range m.Docs {
		if d > 0 {
			n++
		}
	}
	return n
}

// fitCalibration returns the temperature and length exponent that give
// the true labels of held the highest likelihood. The temperature is
// rounded to four significant digits, so that the saved model is the same
// bytes on every machine whatever the last bits of its arithmetic.
func fitCalibration(held []heldOutScore) (temperature, exponent float64) {
	// z[i] are example i's scores less their maximum, divided by its
	// known^exponent: then the probabilities are softmax(b·z) with b the
	// inverse temperature.
	z := make([][]float64, len(held))
	for i, h := range held {
		z[i] = make([]float64, len(h.scores))
	}
	best := math.Inf(1)
	for k := 0; k <= 20; k++ {
		g := float64(k) / 20
		for i, h := range held {
			max := slices.Max(h.scores)
			d := 1.0
			if g > 0 && h.known > 1 {
				d = math.Pow(float64(h.known), g)
			}
			for c, s := range h.scores {
				z[i][c] = (s - max) / d
			}
		}
		b := fitInverse(z, held)
		if loss, _, _ := logLikelihood(z, held, b); loss < best {
			best, temperature, exponent = loss, 1/b, g
		}
	}
	temperature, _ = strconv.ParseFloat(strconv.FormatFloat(temperature, 'g', 4, 64), 64)
	return temperature, exponent
}

// logLikelihood returns, at inverse temperature b, the negative
// log-likelihood of the true labels under softmax(b·z) and its first and
// second derivatives in b. A score of -Inf (a label without examples in
// the fold) has probability 0.
func logLikelihood(z [][]float64, held []heldOutScore, b float64) (loss, slope, curve float64) {
	for i, zi := range z {
		var sum, mean, sq float64
		for _, v := range zi {
			if !math.IsInf(v, -1) {
				e := math.Exp(b * v) // v ≤ 0: no overflow
				sum += e
				mean += e * v
				sq += e * v * v
			}
		}
		mean, sq = mean/sum, sq/sum
		y := zi[held[i].truth]
		loss += math.Log(sum) - b*y
		slope += mean - y
		curve += sq - mean*mean
	}
	return loss, slope, curve
}

// fitInverse returns the inverse temperature b in [1e-4, 1e4] that
// minimises the negative log-likelihood, which is convex in b: Newton's
// method, kept inside a bracket of the minimum and halving it when a step
// would leave it.
func fitInverse(z [][]float64, held []heldOutScore) float64 {
	lo, hi := 1e-4, 1e4
	if _, s, _ := logLikelihood(z, held, hi); s <= 0 {
		return hi // the held-out labels are separated: as sure as allowed
	}
	if _, s, _ := logLikelihood(z, held, lo); s >= 0 {
		return lo
	}
	b := 1.0
	for range 100 {
		_, s, c := logLikelihood(z, held, b)
		if s > 0 {
			hi = b
		} else {
			lo = b
		}
		next := b - s/c
		if !(next > lo && next < hi) {
			next = math.Sqrt(lo * hi)
		}
		if math.Abs(next-b) <= 1e-12*b {
			return next
		}
		b = next
	}
	return b
}
