package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"pledge/classify"
)

const evalUsage = `Usage: pledge eval [--data FILE] [--folds K] [--seed S] [--test FILE | --heldout FILE] [model flags]

Measures how well naive Bayes labels the commitments of a labelled file
(label<TAB>text a line; the built-in data by default), by stratified K-fold
cross-validation: the data is cut into K parts with the same mix of labels,
and each part is labelled by a model trained on the others (and calibrated
on them alone). Prints accuracy, macro-F1 and the expected calibration
error (ECE: how far, on average, the probabilities shown are from the share
of labels right), then precision, recall and F1 per label, the reliability
table (per bin of probability: the mean probability predicted, the share
right and the number of examples) and the confusion matrix.

With --heldout, the model trained on all of --data is then measured on
FILE, which it never saw: a held-out file of statement<TAB>label<TAB>text
rows, such as classify/testdata/heldout_domains.tsv in pledge's source, and
the figures of both are summed up at the end. With --test, the model is
measured on the labelled file FILE (label<TAB>text) instead of
cross-validated.

Flags:
  --data FILE    labelled training data (default: the data built into pledge)
  --folds K      number of folds (default 10)
  --seed S       seed of the random split into folds (default 1)
  --heldout FILE also measure on this held-out file (statement, label, text)
  --test FILE    measure on this labelled file instead of cross-validating
` + trainingFlagsUsage + `
Examples:
  pledge eval
  pledge eval --heldout classify/testdata/heldout_domains.tsv
  pledge eval --data my-labels.tsv --folds 5
  pledge eval --test held-out.tsv
`

func runEval(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("eval", flag.ContinueOnError)
	dataPath := fl.String("data", "", "labelled training data")
	folds := fl.Int("folds", 10, "number of folds")
	seed := fl.Uint64("seed", 1, "seed of the split into folds")
	testPath := fl.String("test", "", "a labelled file to measure on")
	heldoutPath := fl.String("heldout", "", "a held-out file to measure on as well")
	var tf trainingFlags
	tf.register(fl)
	rest, err := parseFlags(fl, evalUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	switch {
	case len(rest) > 0:
		return usageError{fmt.Sprintf("eval: unexpected argument %q (pledge eval --help shows the flags)", rest[0])}
	case *testPath != "" && *heldoutPath != "":
		return usageError{"eval: --test or --heldout, not both"}
	}
	opt, err := tf.options()
	if err != nil {
		return err
	}
	rows, err := readLabelled(*dataPath)
	if err != nil {
		return err
	}
	var testRows, heldRows []classify.Labelled
	if *testPath != "" {
		if testRows, err = readLabelled(*testPath); err != nil {
			return err
		}
	}
	if *heldoutPath != "" {
		if heldRows, err = readHeldOut(*heldoutPath); err != nil {
			return err
		}
	}
	seg, err := segmenter()
	if err != nil {
		return err
	}
	tok := classify.DefaultTokenizer(seg)
	examples := classify.Examples(rows, tok)
	model := describeOptions(opt)
	train := func() (*classify.Model, error) {
		m, err := classify.Train(examples, opt)
		if err != nil {
			return nil, fmt.Errorf("training on %s: %w", dataName(*dataPath), err)
		}
		return m, nil
	}
	ew := &errWriter{w: std.Stdout}
	if *testPath != "" {
		m, err := train()
		if err != nil {
			return err
		}
		ew.printf("%s trained on %s (%d examples%s), measured on %s\n\n", model, dataName(*dataPath), len(rows), temperatureNote(m), *testPath)
		if ew.err != nil {
			return ew.err
		}
		return classify.Evaluate(m, classify.Examples(testRows, tok)).Write(std.Stdout)
	}
	cv, err := classify.CrossValidate(examples, opt, *folds, *seed)
	if err != nil {
		return fmt.Errorf("%s: %w", dataName(*dataPath), err)
	}
	ew.printf("%d-fold cross-validation (seed %d) of %s on %s\n\n", *folds, *seed, model, dataName(*dataPath))
	if ew.err == nil {
		ew.err = cv.Write(std.Stdout)
	}
	if *heldoutPath == "" || ew.err != nil {
		return ew.err
	}
	m, err := train()
	if err != nil {
		return err
	}
	held := classify.Evaluate(m, classify.Examples(heldRows, tok))
	ew.printf("\nheld-out: %s trained on all of %s (%d examples%s), measured on %s\n\n", model, dataName(*dataPath), len(rows), temperatureNote(m), *heldoutPath)
	if ew.err == nil {
		ew.err = held.Write(std.Stdout)
	}
	ew.printf("\n%-28s  examples  accuracy  macro-F1    ECE\n", "summary")
	ew.printf("%-28s  %8d  %8.3f  %8.3f  %5.3f\n", fmt.Sprintf("%d-fold cross-validation", *folds), cv.Total(), cv.Accuracy(), cv.MacroF1(), cv.ECE())
	ew.printf("%-28s  %8d  %8.3f  %8.3f  %5.3f\n", "held-out", held.Total(), held.Accuracy(), held.MacroF1(), held.ECE())
	return ew.err
}

// temperatureNote says how a model's probabilities are calibrated.
func temperatureNote(m *classify.Model) string {
	if m.Temperature == 0 {
		return ", uncalibrated"
	}
	return fmt.Sprintf(", temperature %g·n^%g for n known words", m.Temperature, m.LengthExponent)
}

// readHeldOut reads a held-out file: statement<TAB>label<TAB>text a line.
func readHeldOut(path string) ([]classify.Labelled, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	rows, err := classify.ReadHeldOut(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no labelled rows", path)
	}
	return rows, nil
}

// describeOptions says in words how a model is trained: "complement naive
// Bayes (smoothing 1, words, calibrated)".
func describeOptions(opt classify.Options) string {
	features, calibrated := "words", "calibrated"
	if opt.Bigrams {
		features = "words and pairs of words"
	}
	if !opt.Calibrate {
		calibrated = "uncalibrated"
	}
	return fmt.Sprintf("%s naive Bayes (smoothing %g, %s, %s)", opt.Variant, opt.Alpha, features, calibrated)
}
