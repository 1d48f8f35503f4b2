package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"
)

const classifyUsage = `Usage: pledge classify [--top N] [--model FILE] [TEXT...]

Labels each TEXT, or each line of standard input when no TEXT is given, with
its policy domain, and prints domain<TAB>probability<TAB>text. Empty lines
are skipped. Without --model, the default model is used: naive Bayes
trained on the labelled commitments built into pledge, with the ten domains
of the GUIDE.

Flags:
  --top N        print the N most probable domains, as domain:probability
                 fields before the text
  --model FILE   a model saved by pledge train

Examples:
  pledge classify 双方将扩大本币结算规模。
  pledge classify --top 3 < commitments.txt
`

func runClassify(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("classify", flag.ContinueOnError)
	top := fl.Int("top", 0, "print the N most probable domains")
	model := fl.String("model", "", "a model saved by pledge train")
	texts, err := parseFlags(fl, classifyUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if *top < 0 {
		return usageError{"classify: --top must be a positive number"}
	}
	c, err := newClassifier(*model)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(std.Stdout)
	classifyOne := func(text string) {
		text = strings.TrimSpace(text)
		if text == "" {
			return
		}
		p := c.Classify(text)
		if *top == 0 {
			fmt.Fprintf(out, "%s\t%.3f\t%s\n", p[0].Label, p[0].Prob, text)
			return
		}
		for _, x := range p[:min(*top, len(p))] {
			fmt.Fprintf(out, "%s:%.3f\t", x.Label, x.Prob)
		}
		fmt.Fprintln(out, text)
	}
	if len(texts) > 0 {
		for _, t := range texts {
			classifyOne(t)
		}
		return out.Flush()
	}
	in := bufio.NewScanner(std.Stdin)
	in.Buffer(make([]byte, 64*1024), 16<<20)
	for in.Scan() {
		if err := ctx.Err(); err != nil {
			out.Flush()
			return err
		}
		classifyOne(in.Text())
	}
	if err := in.Err(); err != nil {
		return fmt.Errorf("reading standard input: %w", err)
	}
	return out.Flush()
}
