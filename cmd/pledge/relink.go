package main

import (
	"context"
	"flag"
	"fmt"
)

const relinkUsage = `Usage: pledge relink [--db FILE] [--across-parties | --within-parties] [--threshold T]

Links every commitment again to its best match in earlier statements. By
default a commitment recurs only from statements between the same parties:
a promise to Russia is not a repetition of one to Brazil. --across-parties
links across them, and the database remembers it (ingest, label and
reclassify link the same way after) until --within-parties.

Flags:
` + dbFlagUsage + `  --across-parties
                 link across statements between different parties
  --within-parties
                 link only within the same parties (the default)
` + thresholdUsage + `
Example:
  pledge relink --across-parties
`

func runRelink(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("relink", flag.ContinueOnError)
	db := dbFlag(fl)
	across := fl.Bool("across-parties", false, "link across statements between different parties")
	within := fl.Bool("within-parties", false, "link only within the same parties")
	threshold := thresholdFlag(fl)
	rest, err := parseFlags(fl, relinkUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	setThreshold, err := givenThreshold("relink", fl, *threshold)
	if err != nil {
		return err
	}
	if err := noArgs("relink", rest); err != nil {
		return err
	}
	if *across && *within {
		return usageError{"relink: --across-parties and --within-parties exclude each other"}
	}
	store, err := openToWrite(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if *across || *within {
		if err := store.SetAcrossParties(ctx, *across); err != nil {
			return err
		}
	}
	if setThreshold {
		if err := store.SetThreshold(ctx, *threshold); err != nil {
			return err
		}
	}
	bar := newProgress(std.Stderr, "relink", 2)
	bar.set(1)
	_, err = store.Relink(ctx)
	if err == nil {
		err = store.Summarise(ctx)
	}
	bar.clear()
	if err != nil {
		return err
	}
	t, err := store.Tally(ctx)
	if err != nil {
		return err
	}
	total, _ := t.Total()
	mode := "within the same parties"
	if on, _ := store.AcrossParties(ctx); on {
		mode = "across parties"
	}
	th, err := store.LinkThreshold(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(std.Stdout, "linked %s: %d new, %d recurring (recurring at a chance of %g or more)\n", mode, total.New, total.Recurring, th)
	return nil
}
