package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"pledge/classify"
)

const trainUsage = `Usage: pledge train --data FILE -o MODEL [model flags]

Trains a naive Bayes model on a labelled file and saves it. The file holds
label<TAB>text a line (UTF-8, UTF-16 or GB18030; # starts a comment); the
labels may be any set, such as your own taxonomy. Use the model with
pledge classify --model MODEL. The same data and flags give the same model,
byte for byte.

Flags:
  --data FILE    labelled training data
  -o MODEL       where to save the model
` + trainingFlagsUsage + `
Example:
  pledge train --data my-labels.tsv -o my-model.json
  pledge classify --model my-model.json 双方将扩大本币结算规模。
`

func runTrain(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("train", flag.ContinueOnError)
	dataPath := fl.String("data", "", "labelled training data")
	out := fl.String("o", "", "where to save the model")
	var tf trainingFlags
	tf.register(fl)
	rest, err := parseFlags(fl, trainUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	switch {
	case len(rest) > 0:
		return usageError{fmt.Sprintf("train: unexpected argument %q (pledge train --help shows the flags)", rest[0])}
	case *dataPath == "":
		return usageError{"train: --data FILE is required"}
	case *out == "":
		return usageError{"train: -o MODEL is required"}
	}
	opt, err := tf.options()
	if err != nil {
		return err
	}
	rows, err := readLabelled(*dataPath)
	if err != nil {
		return err
	}
	seg, err := newJieba()
	if err != nil {
		return err
	}
	defer seg.Close()
	m, err := classify.Train(classify.Examples(rows, classify.DefaultTokenizer(seg)), opt)
	if err != nil {
		return fmt.Errorf("%s: %w", *dataPath, err)
	}
	if err := saveModel(m, *out); err != nil {
		return err
	}
	fmt.Fprintf(std.Stdout, "trained %s naive Bayes on %d examples of %d labels (%s)\nsaved to %s, hash %.12s\n",
		m.Variant, m.TrainingSize(), len(m.Labels), strings.Join(m.Labels, ", "), *out, m.Hash)
	return nil
}

// saveModel writes m to path through a temporary file renamed into place,
// so that an interrupted save never leaves half a model behind.
func saveModel(m *classify.Model, path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".pledge-model-*")
	if err != nil {
		return fmt.Errorf("saving model: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := m.Save(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("saving model %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("saving model %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("saving model: %w", err)
	}
	return nil
}
