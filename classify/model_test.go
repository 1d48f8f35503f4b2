package classify

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// The worked example of Manning, Raghavan and Schütze, Introduction to
// Information Retrieval (2008), Table 13.1 and Example 13.1: four training
// documents, one test document.
var textbook = []Example{
	{"China", strings.Fields("Chinese Beijing Chinese")},
	{"China", strings.Fields("Chinese Chinese Shanghai")},
	{"China", strings.Fields("Chinese Macao")},
	{"Japan", strings.Fields("Tokyo Japan Chinese")},
}

var textbookTest = strings.Fields("Chinese Chinese Chinese Tokyo Japan")

func posterior(p []Prediction, label string) float64 {
	for _, x := range p {
		if x.Label == label {
			return x.Prob
		}
	}
	return math.NaN()
}

func TestMultinomialByHand(t *testing.T) {
	m, err := Train(textbook, Options{Variant: Multinomial, Alpha: 1})
	if err != nil {
		t.Fatal(err)
	}
	// By hand, with |V| = 6 and add-one smoothing:
	// P(China) = 3/4, P(Chinese|China) = (5+1)/(8+6) = 3/7,
	// P(Tokyo|China) = P(Japan|China) = (0+1)/(8+6) = 1/14;
	// P(Japan) = 1/4, P(Chinese|Japan) = P(Tokyo|Japan) = P(Japan|Japan)
	// = (1+1)/(3+6) = 2/9.
	china := 3.0 / 4 * math.Pow(3.0/7, 3) * (1.0 / 14) * (1.0 / 14) // ≈ 0.0003 in the book
	japan := 1.0 / 4 * math.Pow(2.0/9, 3) * (2.0 / 9) * (2.0 / 9)   // ≈ 0.0001 in the book
	p := m.Predict(textbookTest)
	if p[0].Label != "China" {
		t.Errorf("best label %s, want China as in the book", p[0].Label)
	}
	if got, want := posterior(p, "China"), china/(china+japan); math.Abs(got-want) > 1e-9 {
		t.Errorf("P(China|d5) = %.12f, want %.12f", got, want)
	}
	if got, want := posterior(p, "Japan"), japan/(china+japan); math.Abs(got-want) > 1e-9 {
		t.Errorf("P(Japan|d5) = %.12f, want %.12f", got, want)
	}
}

func TestComplementByHand(t *testing.T) {
	m, err := Train(textbook, Options{Variant: Complement, Alpha: 1})
	if err != nil {
		t.Fatal(err)
	}
	// By hand (Rennie et al. 2003, equation 6): the estimate for a label is
	// made from the other label's documents. China's complement is document
	// 4: θ̃(Chinese) = θ̃(Tokyo) = θ̃(Japan) = (1+1)/(3+6) = 2/9. Japan's is
	// documents 1-3: θ̃(Chinese) = (5+1)/(8+6) = 3/7, θ̃(Tokyo) = θ̃(Japan) =
	// 1/14. score(c) = log P(c) - Σ f_i log θ̃_ci.
	china := math.Log(3.0/4) - 5*math.Log(2.0/9)
	japan := math.Log(1.0/4) - 3*math.Log(3.0/7) - 2*math.Log(1.0/14)
	wantChina := math.Exp(china) / (math.Exp(china) + math.Exp(japan))
	p := m.Predict(textbookTest)
	if p[0].Label != "China" {
		t.Errorf("best label %s, want China", p[0].Label)
	}
	if got := posterior(p, "China"); math.Abs(got-wantChina) > 1e-9 {
		t.Errorf("P(China|d5) = %.12f, want %.12f", got, wantChina)
	}
	if got := posterior(p, "Japan"); math.Abs(got-(1-wantChina)) > 1e-9 {
		t.Errorf("P(Japan|d5) = %.12f, want %.12f", got, 1-wantChina)
	}
}

func TestPredictSumsToOne(t *testing.T) {
	for _, v := range []Variant{Multinomial, Complement} {
		m, err := Train(textbook, Options{Variant: v, Bigrams: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range [][]string{textbookTest, nil, {"unseen"}, strings.Fields("Beijing Beijing Beijing Beijing Beijing Beijing Beijing Beijing Beijing Beijing Beijing Beijing")} {
			var sum float64
			p := m.Predict(doc)
			for i, x := range p {
				sum += x.Prob
				if i > 0 && x.Prob > p[i-1].Prob || math.IsNaN(x.Prob) {
					t.Errorf("%s %v: predictions out of order or NaN: %v", v, doc, p)
				}
			}
			if math.Abs(sum-1) > 1e-12 {
				t.Errorf("%s %v: probabilities sum to %v", v, doc, sum)
			}
		}
		// A text of unseen tokens gets the prior.
		if p := m.Predict([]string{"unseen"}); v == Multinomial && math.Abs(posterior(p, "China")-0.75) > 1e-12 {
			t.Errorf("unseen text: P(China) = %v, want the prior 0.75", posterior(p, "China"))
		}
	}
}

func TestTrainErrors(t *testing.T) {
	tests := []struct {
		name string
		ex   []Example
		opt  Options
	}{
		{"no examples", nil, Options{}},
		{"one label", textbook[:3], Options{}},
		{"negative alpha", textbook, Options{Alpha: -1}},
		{"unknown variant", textbook, Options{Variant: "bernoulli"}},
	}
	for _, tt := range tests {
		if _, err := Train(tt.ex, tt.opt); err == nil {
			t.Errorf("%s: Train succeeded, want an error", tt.name)
		}
	}
}

// TestSaveLoad checks that training is deterministic to the byte, that a
// saved model loads and predicts the same, and that a damaged file is
// refused.
func TestSaveLoad(t *testing.T) {
	save := func(m *Model) []byte {
		var b bytes.Buffer
		if err := m.Save(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, v := range []Variant{Multinomial, Complement} {
		a, _ := Train(textbook, Options{Variant: v})
		b, _ := Train(textbook, Options{Variant: v})
		if !bytes.Equal(save(a), save(b)) {
			t.Fatalf("%s: two trainings on the same data saved differently", v)
		}
		l, err := Load(bytes.NewReader(save(a)))
		if err != nil {
			t.Fatal(err)
		}
		if l.Hash != a.Hash || l.TrainingSize() != 4 || len(l.Labels) != 2 {
			t.Errorf("%s: loaded model: hash %s size %d labels %v", v, l.Hash, l.TrainingSize(), l.Labels)
		}
		pa, pl := a.Predict(textbookTest), l.Predict(textbookTest)
		if pa[0] != pl[0] || pa[1] != pl[1] {
			t.Errorf("%s: loaded model predicts %v, trained one %v", v, pl, pa)
		}
		edited := bytes.Replace(save(a), []byte(`"Tokyo": 1`), []byte(`"Tokyo": 9`), 1)
		if _, err := Load(bytes.NewReader(edited)); err == nil || !strings.Contains(err.Error(), "damaged") {
			t.Errorf("%s: an edited model loads (error %v)", v, err)
		}
	}
	for _, bad := range []string{"", "{}", `{"format":"other"}`, "not json"} {
		if _, err := Load(strings.NewReader(bad)); err == nil {
			t.Errorf("Load(%q) succeeded", bad)
		}
	}
}
