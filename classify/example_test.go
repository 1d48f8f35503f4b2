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
