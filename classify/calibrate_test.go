package classify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pledge/data"
)

// TestFitCalibration draws labels from softmax(scores/T(n)) for a known
// temperature and length exponent, and checks that fitting finds them.
func TestFitCalibration(t *testing.T) {
	tests := []struct {
		name        string
		temperature float64
		exponent    float64
		maxKnown    int // each example knows 1 to maxKnown words
	}{
		{"sharper than softmax", 0.5, 0, 1},
		{"flatter than softmax", 4, 0, 1},
		{"flatter for longer texts", 0.8, 0.5, 30},
		{"much flatter for longer texts", 0.3, 1, 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			var held []heldOutScore
			for range 6000 {
				known := 1 + rng.IntN(tt.maxKnown)
				s := make([]float64, 5)
				for c := range s {
					// Scores grow with the words known, as naive Bayes's do.
					s[c] = rng.NormFloat64() * float64(known)
				}
				p := softmaxAt(s, tt.temperature*math.Pow(float64(known), tt.exponent))
				u, y := rng.Float64(), 0
				for ; y < len(p)-1 && u > p[y]; y++ {
					u -= p[y]
				}
				held = append(held, heldOutScore{s, known, y})
			}
			temp, exp := fitCalibration(held)
			if math.Abs(temp/tt.temperature-1) > 0.15 || math.Abs(exp-tt.exponent) > 0.1 {
				t.Errorf("fitted temperature %g, exponent %g; drawn with %g, %g", temp, exp, tt.temperature, tt.exponent)
			}
		})
	}
}

func softmaxAt(s []float64, t float64) []float64 {
	p := make([]float64, len(s))
	var sum float64
	for c, v := range s {
		p[c] = math.Exp(v / t)
		sum += p[c]
	}
	for c := range p {
		p[c] /= sum
	}
	return p
}

// TestCalibrationImprovesECE cross-validates the default model with and
// without calibration on the built-in training data: calibrated, its
// expected calibration error must be lower, and at most 0.05; and its labels
// must be the same, since calibration divides the scores, which keeps
// their order.
func TestCalibrationImprovesECE(t *testing.T) {
	rows, err := ReadLabelled([]byte(data.Labelled()))
	if err != nil {
		t.Fatal(err)
	}
	ex := Examples(rows, DefaultTokenizer(testJieba(t)))
	raw, cal := DefaultOptions(), DefaultOptions()
	raw.Calibrate = false
	before, err := CrossValidate(ex, raw, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	after, err := CrossValidate(ex, cal, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("10-fold cross-validation: ECE %.3f uncalibrated, %.3f calibrated; log-loss %.3f, %.3f", before.ECE(), after.ECE(), before.LogLoss(), after.LogLoss())
	if after.ECE() >= before.ECE() || after.ECE() > 0.05 {
		t.Errorf("ECE %.3f calibrated, %.3f not: want lower, and at most 0.05", after.ECE(), before.ECE())
	}
	if after.LogLoss() >= before.LogLoss() {
		t.Errorf("log-loss %.3f calibrated, %.3f not: want lower", after.LogLoss(), before.LogLoss())
	}
	if fmt.Sprint(after.Confusion) != fmt.Sprint(before.Confusion) {
		t.Error("calibration changed labels")
	}
}

// synthetic returns n examples of three labels, each a few words of its
// label's vocabulary and of words shared by all, some of them misleading.
func synthetic(n int) []Example {
	vocab := map[string][]string{
		"energy":  {"油气", "电力", "核电", "煤炭", "氢能"},
		"finance": {"本币", "结算", "银行", "债券", "保险"},
		"culture": {"留学生", "博物馆", "旅游", "青年", "媒体"},
	}
	shared := []string{"机制", "项目", "交流", "论坛"}
	labels := []string{"culture", "energy", "finance"}
	rng := rand.New(rand.NewPCG(3, 4))
	var out []Example
	for i := range n {
		l := labels[i%3]
		var toks []string
		for range 1 + rng.IntN(4) {
			if rng.IntN(5) == 0 {
				toks = append(toks, vocab[labels[rng.IntN(3)]][rng.IntN(5)])
			} else {
				toks = append(toks, vocab[l][rng.IntN(5)])
			}
			toks = append(toks, shared[rng.IntN(len(shared))])
		}
		out = append(out, Example{l, toks})
	}
	return out
}

// TestCalibratedSaveLoad checks that a calibrated model saves its
// calibration, loads it and predicts as before; and that training on too
// few examples to calibrate leaves the model uncalibrated.
func TestCalibratedSaveLoad(t *testing.T) {
	m, err := Train(synthetic(300), Options{Variant: Complement, Calibrate: true})
	if err != nil {
		t.Fatal(err)
	}
	if m.Temperature <= 0 {
		t.Fatalf("temperature %v after calibration", m.Temperature)
	}
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(b.Bytes(), &fields); err != nil || fields["temperature"] != m.Temperature {
		t.Errorf("saved temperature %v, want %v (%v)", fields["temperature"], m.Temperature, err)
	}
	l, err := Load(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if l.Temperature != m.Temperature || l.LengthExponent != m.LengthExponent || l.Hash != m.Hash {
		t.Errorf("loaded %v·n^%v (%s), saved %v·n^%v (%s)", l.Temperature, l.LengthExponent, l.Hash, m.Temperature, m.LengthExponent, m.Hash)
	}
	for _, doc := range [][]string{{"本币", "结算"}, {"油气", "交流", "银行", "项目", "核电", "论坛"}, {"未知"}} {
		if pm, pl := m.Predict(doc), l.Predict(doc); fmt.Sprint(pm) != fmt.Sprint(pl) {
			t.Errorf("%v: loaded model predicts %v, trained one %v", doc, pl, pm)
		}
	}
	// Calibrated and not, the same counts: the same labels in the same
	// order, other probabilities.
	u, _ := Train(synthetic(300), Options{Variant: Complement})
	doc := []string{"油气", "交流", "银行", "项目", "核电"}
	pm, pu := m.Predict(doc), u.Predict(doc)
	for i := range pm {
		if pm[i].Label != pu[i].Label {
			t.Fatalf("calibration reordered the labels: %v, uncalibrated %v", pm, pu)
		}
	}
	if pm[0].Prob == pu[0].Prob {
		t.Errorf("calibration changed no probability: %v", pm)
	}
	if small, _ := Train(textbook, Options{Calibrate: true}); small.Temperature != 0 || small.LengthExponent != 0 {
		t.Errorf("four examples calibrated: temperature %v, exponent %v", small.Temperature, small.LengthExponent)
	}
}

// TestOldModelLoads loads the default model pledge shipped before it
// calibrated its models (testdata/model_v1.json, the data/model.json of
// then), as users' databases and files keep such models: it must load, and
// give the probabilities it gave then, uncalibrated.
func TestOldModelLoads(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "model_v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	if m.Temperature != 0 || m.LengthExponent != 0 || m.TrainingSize() != 772 {
		t.Errorf("old model: temperature %v, exponent %v, %d examples", m.Temperature, m.LengthExponent, m.TrainingSize())
	}
	tests := []struct {
		tokens []string
		label  string
		prob   float64 // as the pledge of then printed it, to 15 places
	}{
		{[]string{"本币", "结算", "规模"}, "finance", 0.947477495062263},
		{[]string{"北极", "航道", "开发", "利用"}, "transport", 0.532729290085901},
		{[]string{"未知词"}, "economy", 0.103626943005181},
	}
	for _, tt := range tests {
		p := m.Predict(tt.tokens)[0]
		if p.Label != tt.label || math.Abs(p.Prob-tt.prob) > 1e-12 {
			t.Errorf("%s: %s %.15f, then %s %.15f", strings.Join(tt.tokens, " "), p.Label, p.Prob, tt.label, tt.prob)
		}
	}
}
