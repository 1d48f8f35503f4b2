package track_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"pledge/classify"
	"pledge/extract"
	"pledge/label"
	"pledge/track"
)

// Example stores two statements between invented states, links them, and
// records a person's corrections: a label, and a commitment the linker
// took for a repetition marked new.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "pledge")
	defer os.RemoveAll(dir)
	s, err := track.Open(ctx, filepath.Join(dir, "pledge.db"))
	if err != nil {
		panic(err)
	}
	defer s.Close()
	m, _ := classify.Train([]classify.Example{
		{Label: "finance", Tokens: []string{"本币", "结算"}},
		{Label: "energy", Tokens: []string{"油气", "管道"}},
	}, classify.Options{})
	model, _ := s.RegisterModel(ctx, track.ModelOf(m))
	for i, year := range []int{2019, 2021} {
		st := extract.Statement{Title: fmt.Sprint("甲国和乙国联合声明", year), Parties: []string{"甲国", "乙国"},
			Date: extract.Date{Year: year, Month: 6, Day: 5}, Fingerprint: strings.Repeat(fmt.Sprint(i), 32)}
		words := []string{"扩大", "本币", "结算"}
		c := []label.Commitment{{Commitment: extract.Commitment{Ordinal: 1, Text: "双方将扩大本币结算。"},
			Sentences: [][]string{words}, Domain: "finance", Probability: m.Predict(words)[0].Prob}}
		if _, _, err := s.AddStatement(ctx, st, track.Source{Path: fmt.Sprint(year, ".txt")}, c, model); err != nil {
			panic(err)
		}
	}
	s.LinkPending(ctx)
	show := func() {
		cs, _ := s.Commitments(ctx, track.Filter{Year: 2021})
		c := cs[0]
		fmt.Printf("%s by %s, %s by %s\n", c.Domain, c.LabelSource, c.Status, c.LinkSource)
	}
	show()
	cs, _ := s.Commitments(ctx, track.Filter{Year: 2021})
	s.Label(ctx, cs[0].ID, "economy")
	s.DecideLink(ctx, cs[0].ID, 0) // new, not a repetition
	s.LinkPending(ctx)
	show()
	// Output:
	// finance by model, recurring by model
	// economy by person, new by person
}
