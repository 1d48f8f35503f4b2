package classify

import (
	"math"
	"strings"
	"testing"
)

func TestEvaluationFigures(t *testing.T) {
	// 10 a, 5 b: a predicted right 8 times (2 as b), b right 3 times (2 as a).
	e := &Evaluation{Labels: []string{"a", "b"}, Confusion: [][]int{{8, 2}, {2, 3}}}
	near := func(got, want float64) bool { return math.Abs(got-want) < 1e-12 }
	if !near(e.Accuracy(), 11.0/15) {
		t.Errorf("accuracy %v", e.Accuracy())
	}
	p, r, f1, n := e.Scores(0)
	if !near(p, 0.8) || !near(r, 0.8) || !near(f1, 0.8) || n != 10 {
		t.Errorf("a: %v %v %v %v", p, r, f1, n)
	}
	p, r, f1, n = e.Scores(1)
	if !near(p, 0.6) || !near(r, 0.6) || !near(f1, 0.6) || n != 5 {
		t.Errorf("b: %v %v %v %v", p, r, f1, n)
	}
	if !near(e.MacroF1(), 0.7) {
		t.Errorf("macro-F1 %v, want 0.7", e.MacroF1())
	}
	var b strings.Builder
	if err := e.Write(&b); err != nil || !strings.Contains(b.String(), "macro-F1  0.700") {
		t.Errorf("Write: %v\n%s", err, b.String())
	}
}

func TestCrossValidate(t *testing.T) {
	var ex []Example
	for i := 0; i < 30; i++ {
		ex = append(ex, Example{"energy", []string{"油气", "电力"}}, Example{"finance", []string{"本币", "结算"}})
	}
	for _, v := range []Variant{Multinomial, Complement} {
		a, err := CrossValidate(ex, Options{Variant: v}, 10, 7)
		if err != nil {
			t.Fatal(err)
		}
		if a.Total() != len(ex) || a.Accuracy() != 1 {
			t.Errorf("%s: %d examples, accuracy %v; want all %d right", v, a.Total(), a.Accuracy(), len(ex))
		}
	}
	// The same seed gives the same folds, another seed other folds.
	noisy := append([]Example{}, ex...)
	for i := 0; i < 12; i++ {
		noisy = append(noisy, Example{"energy", []string{"本币"}}, Example{"finance", []string{"电力", "油气"}})
	}
	a, _ := CrossValidate(noisy, Options{}, 5, 1)
	b, _ := CrossValidate(noisy, Options{}, 5, 1)
	if a.Accuracy() != b.Accuracy() {
		t.Error("cross-validation with the same seed differs")
	}
	for _, k := range []int{0, 1, len(ex) + 1} {
		if _, err := CrossValidate(ex, Options{}, k, 1); err == nil {
			t.Errorf("%d folds accepted", k)
		}
	}
}

// TestCompare adds a person's labels that teach what the base data never
// saw (核电 with 本币 is energy): before, the base model gets them wrong;
// after, cross-validated on them, right; on the base data, as well as
// before.
func TestCompare(t *testing.T) {
	var base, added []Example
	for i := 0; i < 20; i++ {
		base = append(base, Example{"energy", []string{"油气", "电力"}}, Example{"finance", []string{"本币", "结算"}})
	}
	for i := 0; i < 6; i++ {
		added = append(added, Example{"energy", []string{"核电", "核电", "本币"}})
	}
	c, err := Compare(base, added, Options{}, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	if c.BeforeBase.Total() != len(base) || c.AfterBase.Total() != len(base) || c.BeforeAdded.Total() != len(added) || c.AfterAdded.Total() != len(added) {
		t.Fatalf("totals %d %d %d %d", c.BeforeBase.Total(), c.AfterBase.Total(), c.BeforeAdded.Total(), c.AfterAdded.Total())
	}
	if c.BeforeAdded.Accuracy() != 0 || c.AfterAdded.Accuracy() != 1 {
		t.Errorf("on the added labels: before %.2f, after %.2f; want 0 and 1", c.BeforeAdded.Accuracy(), c.AfterAdded.Accuracy())
	}
	if c.BeforeBase.Accuracy() != 1 || c.AfterBase.Accuracy() != 1 {
		t.Errorf("on the base data: before %.2f, after %.2f; want 1", c.BeforeBase.Accuracy(), c.AfterBase.Accuracy())
	}
	// One added label makes no folds: after, on it, is not measured.
	if c, err := Compare(base, added[:1], Options{}, 5, 1); err != nil || c.AfterAdded != nil {
		t.Errorf("one added label: %v, %v", c, err)
	}
}

// TestReliability records predictions by hand and checks the reliability
// table, the expected calibration error and the log-loss.
func TestReliability(t *testing.T) {
	pred := func(best string, p float64) []Prediction {
		other := "a"
		if best == "a" {
			other = "b"
		}
		return []Prediction{{best, p}, {other, 1 - p}}
	}
	type rec struct {
		truth string
		p     []Prediction
	}
	tests := []struct {
		name    string
		records []rec
		ece     float64
		logLoss float64
		bins    map[int]Bin // the bins with examples, by index
	}{
		{"calibrated: 0.75 right 3 times in 4",
			[]rec{{"a", pred("a", 0.75)}, {"a", pred("a", 0.75)}, {"b", pred("b", 0.75)}, {"b", pred("a", 0.75)}},
			0, -(3*math.Log(0.75) + math.Log(0.25)) / 4,
			map[int]Bin{7: {0.7, 0.8, 4, 0.75, 0.75}}},
		{"too sure: 0.95 right once in 2",
			[]rec{{"a", pred("a", 0.95)}, {"a", pred("b", 0.95)}},
			0.45, -(math.Log(0.95) + math.Log(0.05)) / 2,
			map[int]Bin{9: {0.9, 1, 2, 0.95, 0.5}}},
		{"two bins, 1 in the last",
			[]rec{{"a", pred("a", 1)}, {"b", pred("b", 0.55)}, {"b", pred("a", 0.55)}},
			(0 + 2*0.05) / 3, -(math.Log(1) + math.Log(0.55) + math.Log(0.45)) / 3,
			map[int]Bin{9: {0.9, 1, 1, 1, 1}, 5: {0.5, 0.6, 2, 0.55, 0.5}}},
		{"a label the model does not know",
			[]rec{{"c", pred("a", 0.6)}},
			0.6, -math.Log(1e-12),
			map[int]Bin{6: {0.6, 0.7, 1, 0.6, 0}}},
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEvaluation([]string{"a", "b", "c"})
			for _, r := range tt.records {
				e.add(r.truth, r.p)
			}
			if !near(e.ECE(), tt.ece) || !near(e.LogLoss(), tt.logLoss) {
				t.Errorf("ECE %v, log-loss %v; want %v, %v", e.ECE(), e.LogLoss(), tt.ece, tt.logLoss)
			}
			r := e.Reliability()
			if len(r) != 10 {
				t.Fatalf("%d bins, want 10", len(r))
			}
			for i, b := range r {
				want, ok := tt.bins[i]
				if !ok {
					want = Bin{Low: float64(i) / 10, High: float64(i+1) / 10}
				}
				if b.Count != want.Count || !near(b.Low, want.Low) || !near(b.High, want.High) || !near(b.Predicted, want.Predicted) || !near(b.Observed, want.Observed) {
					t.Errorf("bin %d: %+v, want %+v", i, b, want)
				}
			}
			var w strings.Builder
			if err := e.Write(&w); err != nil || !strings.Contains(w.String(), "ECE       ") || !strings.Contains(w.String(), "reliability") {
				t.Errorf("Write: %v\n%s", err, w.String())
			}
		})
	}
	// A bare confusion matrix has no probabilities: no table, no ECE.
	bare := &Evaluation{Labels: []string{"a", "b"}, Confusion: [][]int{{1, 0}, {0, 1}}}
	var w strings.Builder
	bare.Write(&w)
	if bare.Reliability() != nil || bare.ECE() != 0 || strings.Contains(w.String(), "ECE") {
		t.Errorf("bare evaluation: %v, %v\n%s", bare.Reliability(), bare.ECE(), w.String())
	}
}
