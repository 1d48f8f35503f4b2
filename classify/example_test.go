package classify_test

import (
	"fmt"
	"strings"

	"pledge/classify"
)

// words is a Segmenter for the examples: words are separated by spaces.
// Pledge itself uses segment.NewJieba.
type words struct{}

func (words) Cut(text string) []string { return strings.Fields(text) }

func ExampleTrain() {
	tok := classify.NewTokenizer(words{}, []string{"双方", "将"})
	rows := []classify.Labelled{
		{Label: "energy", Text: "双方 将 扩大 原油 贸易"},
		{Label: "energy", Text: "推进 天然气 管道 建设"},
		{Label: "finance", Text: "扩大 本币 结算"},
		{Label: "finance", Text: "推动 本币 债券 发行"},
	}
	m, err := classify.Train(classify.Examples(rows, tok), classify.Options{Variant: classify.Multinomial})
	if err != nil {
		panic(err)
	}
	// 贷款 is unseen and left out; 扩大 is as likely in both labels, 本币
	// three times as likely in finance: (1+2)/19 against (0+1)/19.
	for _, p := range m.Predict(tok.Tokens("双方 将 扩大 本币 贷款")) {
		fmt.Printf("%s %.2f\n", p.Label, p.Prob)
	}
	fmt.Println(m.TrainingSize(), m.Labels)
	// Output:
	// finance 0.75
	// energy 0.25
	// 4 [energy finance]
}

func ExampleReadLabelled() {
	rows, err := classify.ReadLabelled([]byte("# my taxonomy\ntrade\t扩大贸易\nfinance 扩大本币结算\n"))
	fmt.Println(rows, err)
	// Output:
	// [] line 3: no tab between label and text
}

// ExampleCompare measures what a person's labels add: the base data never
// saw 核电 (nuclear power), which the person's labels call energy.
func ExampleCompare() {
	var base, mine []classify.Example
	for range 10 {
		base = append(base,
			classify.Example{Label: "energy", Tokens: []string{"原油", "管道"}},
			classify.Example{Label: "finance", Tokens: []string{"本币", "结算"}})
	}
	for range 4 {
		mine = append(mine, classify.Example{Label: "energy", Tokens: []string{"核电", "核电", "本币"}})
	}
	c, err := classify.Compare(base, mine, classify.DefaultOptions(), 2, 1)
	if err != nil {
		panic(err)
	}
	fmt.Printf("base data: %.2f before, %.2f after\n", c.BeforeBase.Accuracy(), c.AfterBase.Accuracy())
	fmt.Printf("my labels: %.2f before, %.2f after\n", c.BeforeAdded.Accuracy(), c.AfterAdded.Accuracy())
	// Output:
	// base data: 1.00 before, 1.00 after
	// my labels: 0.00 before, 1.00 after
}
