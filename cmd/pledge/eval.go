package main

import (
	"context"
	"flag"
	"fmt"

	"pledge/classify"
)

const evalUsage = `Usage: pledge eval [--data FILE] [--folds K] [--seed S] [--test FILE] [model flags]

Measures how well naive Bayes labels the commitments of a labelled file
(label<TAB>text a line; the built-in data by default), by stratified K-fold
cross-validation: the data is cut into K parts with the same mix of labels,
and each part is labelled by a model trained on the others. With --test,
the model is trained on all of --data and measured on the labelled file
FILE instead. Prints accuracy, macro-F1, precision, recall and F1 per label,
and the confusion matrix.

Flags:
  --data FILE    labelled training data (default: the data built into pledge)
  --folds K      number of folds (default 10)
  --seed S       seed of the random split into folds (default 1)
  --test FILE    measure on this labelled file instead of cross-validating
` + trainingFlagsUsage + `
Examples:
  pledge eval
  pledge eval --data my-labels.tsv --folds 5
  pledge eval --test held-out.tsv
`

func runEval(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("eval", flag.ContinueOnError)
	dataPath := fl.String("data", "", "labelled training data")
	folds := fl.Int("folds", 10, "number of folds")
	seed := fl.Uint64("seed", 1, "seed of the split into folds")
	testPath := fl.String("test", "", "a labelled file to measure on")
	var tf trainingFlags
	tf.register(fl)
	rest, err := parseFlags(fl, evalUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("eval: unexpected argument %q (pledge eval --help shows the flags)", rest[0])}
	}
	opt, err := tf.options()
	if err != nil {
		return err
	}
	rows, err := readLabelled(*dataPath)
	if err != nil {
		return err
	}
	var testRows []classify.Labelled
	if *testPath != "" {
		if testRows, err = readLabelled(*testPath); err != nil {
			return err
		}
	}
	seg, err := segmenter()
	if err != nil {
		return err
	}
	tok := classify.DefaultTokenizer(seg)
	examples := classify.Examples(rows, tok)
	model := fmt.Sprintf("%s naive Bayes (alpha %g, bigrams %v)", opt.Variant, opt.Alpha, opt.Bigrams)
	var e *classify.Evaluation
	if *testPath != "" {
		m, err := classify.Train(examples, opt)
		if err != nil {
			return fmt.Errorf("training on %s: %w", dataName(*dataPath), err)
		}
		e = classify.Evaluate(m, classify.Examples(testRows, tok))
		fmt.Fprintf(std.Stdout, "%s trained on %s (%d examples), measured on %s\n\n", model, dataName(*dataPath), len(rows), *testPath)
	} else {
		if e, err = classify.CrossValidate(examples, opt, *folds, *seed); err != nil {
			return fmt.Errorf("%s: %w", dataName(*dataPath), err)
		}
		fmt.Fprintf(std.Stdout, "%d-fold cross-validation (seed %d) of %s on %s\n\n", *folds, *seed, model, dataName(*dataPath))
	}
	return e.Write(std.Stdout)
}
