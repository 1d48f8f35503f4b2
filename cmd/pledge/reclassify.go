package main

import (
	"context"
	"flag"
	"fmt"
)

const reclassifyUsage = `Usage: pledge reclassify [--db FILE] [--model FILE]

Labels every commitment again with a model (the built-in one, or one saved
by pledge train), and links them again. Labels given with pledge label are
kept. The model becomes the database's: pledge ingest labels what it adds
with it too, unless its --model says otherwise.

Flags:
` + dbFlagUsage + `  --model FILE   a model saved by pledge train

Example:
  pledge train --data my-labels.tsv --from-db -o my.json
  pledge reclassify --model my.json
`

func runReclassify(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("reclassify", flag.ContinueOnError)
	db := dbFlag(fl)
	model := fl.String("model", "", "a model saved by pledge train")
	rest, err := parseFlags(fl, reclassifyUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if err := noArgs("reclassify", rest); err != nil {
		return err
	}
	store, err := openToWrite(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	c, err := newClassifier(*model)
	if err != nil {
		return err
	}
	changed, err := store.Reclassify(ctx, c)
	if err != nil {
		return err
	}
	if err := linkPending(ctx, store, std.Stderr); err != nil {
		return err
	}
	fmt.Fprintf(std.Stdout, "labelled again with model %.12s: %s changed domain\n", c.Model.Hash, plural(changed, "commitment"))
	return nil
}
