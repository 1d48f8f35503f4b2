package label

import (
	"reflect"
	"strings"
	"testing"

	"pledge/classify"
	"pledge/extract"
)

// spaces is a segmenter for tests: the words of a text are what spaces
// separate.
type spaces struct{}

func (spaces) Cut(text string) []string { return strings.Fields(text) }

// TestCommitments labels commitments with a small model: each gets the
// words of each of its sentences, the model's most probable domain, and
// the terms of all its words.
func TestCommitments(t *testing.T) {
	model, err := classify.Train([]classify.Example{
		{Label: "finance", Tokens: strings.Fields("本币 结算 金融")},
		{Label: "energy", Tokens: strings.Fields("核电 油气 管道")},
	}, classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := &classify.Classifier{Tokenizer: classify.NewTokenizer(spaces{}, nil), Model: model}
	tests := []struct {
		name      string
		text      string
		sentences [][]string
		domain    string
	}{
		{"one sentence", "扩大 本币 结算 。", [][]string{{"扩大", "本币", "结算"}}, "finance"},
		{"sentences and the parts of an item", "深化 核电 合作 ； 保障 油气 供应 。 推进 管道",
			[][]string{{"深化", "核电", "合作"}, {"保障", "油气", "供应"}, {"推进", "管道"}}, "energy"},
		{"no words", "。", nil, model.Predict(nil)[0].Label},
	}
	for i, tt := range tests {
		x := extract.Commitment{Ordinal: i + 1, Section: "一", Text: tt.text}
		got := Commitments(c, []extract.Commitment{x})
		if len(got) != 1 {
			t.Fatalf("%s: %d commitments labelled, want 1", tt.name, len(got))
		}
		l := got[0]
		var words []string
		for _, s := range tt.sentences {
			words = append(words, s...)
		}
		best := model.Predict(words)[0]
		switch {
		case l.Commitment != x:
			t.Errorf("%s: commitment %+v, want %+v", tt.name, l.Commitment, x)
		case !reflect.DeepEqual(l.Sentences, tt.sentences):
			t.Errorf("%s: sentences %q, want %q", tt.name, l.Sentences, tt.sentences)
		case l.Domain != tt.domain || l.Probability != best.Prob:
			t.Errorf("%s: %s %.3f, want %s %.3f", tt.name, l.Domain, l.Probability, tt.domain, best.Prob)
		case !reflect.DeepEqual(l.Terms, Terms(tt.text)):
			t.Errorf("%s: terms %q, want %q", tt.name, l.Terms, Terms(tt.text))
		}
	}
}
