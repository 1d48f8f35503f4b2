package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"pledge/classify"
	"pledge/data"
)

const trainUsage = `Usage: pledge train [--data FILE] [--from-db [--db FILE]] -o MODEL [model flags]

Trains a naive Bayes model on a labelled file and saves it. The file holds
label<TAB>text a line (UTF-8, UTF-16 or GB18030; # starts a comment); the
labels may be any set, such as your own taxonomy. With --from-db, the
commitments you labelled with pledge label are added to the data (to the
built-in data when --data is not given). Use the model with
pledge classify --model MODEL or pledge reclassify --model MODEL. The same
data and flags give the same model, byte for byte.

Flags:
  --data FILE    labelled training data
  --from-db      add your labels from the database
` + dbFlagUsage + `  -o MODEL       where to save the model
` + trainingFlagsUsage + `
Examples:
  pledge train --data my-labels.tsv -o my-model.json
  pledge classify --model my-model.json 双方将扩大本币结算规模。
  pledge train --from-db -o corrected.json && pledge reclassify --model corrected.json
`

func runTrain(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("train", flag.ContinueOnError)
	dataPath := fl.String("data", "", "labelled training data")
	fromDB := fl.Bool("from-db", false, "add the labels given with pledge label")
	db := dbFlag(fl)
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
	case *dataPath == "" && !*fromDB:
		return usageError{"train: --data FILE or --from-db is required"}
	case *out == "":
		return usageError{"train: -o MODEL is required"}
	}
	opt, err := tf.options()
	if err != nil {
		return err
	}
	seg, err := segmenter()
	if err != nil {
		return err
	}
	tok := classify.DefaultTokenizer(seg)
	t, err := classify.NewTrainer(opt)
	if err != nil {
		return err
	}
	// The file is read a row at a time: a large one costs no more memory
	// than its words.
	var in io.Reader = strings.NewReader(data.Labelled())
	if *dataPath != "" {
		f, err := os.Open(*dataPath)
		if err != nil {
			return fmt.Errorf("%s: %w", *dataPath, unwrapPath(err))
		}
		defer f.Close()
		in = f
	}
	rows := 0
	err = classify.EachLabelled(in, func(l classify.Labelled) error {
		if rows++; rows%10000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		t.Add(l.Label, tok.Tokens(l.Text))
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", dataName(*dataPath), err)
	}
	if rows == 0 {
		return fmt.Errorf("%s: no labelled rows", dataName(*dataPath))
	}
	if *fromDB {
		store, err := openExisting(ctx, *db, std.Stderr)
		if err != nil {
			return err
		}
		mine, err := store.PersonLabels(ctx)
		store.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(std.Stdout, "adding %s labelled in %s\n", plural(len(mine), "commitment"), *db)
		for _, l := range mine {
			t.Add(l.Label, tok.Tokens(l.Text))
		}
	}
	m, err := t.Model()
	if err != nil {
		return fmt.Errorf("%s: %w", dataName(*dataPath), err)
	}
	if err := writeOutput(*out, std.Stdout, m.Save); err != nil {
		return err
	}
	fmt.Fprintf(std.Stdout, "trained %s naive Bayes on %d examples of %d labels (%s)\nsaved to %s, hash %.12s\n",
		m.Variant, m.TrainingSize(), len(m.Labels), strings.Join(m.Labels, ", "), *out, m.Hash)
	return nil
}
