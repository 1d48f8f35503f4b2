package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"pledge/report"
)

const reportUsage = `Usage: pledge report [--db FILE] [-o FILE] [--with NAME]... [--all]

Writes one HTML file to read in a browser, attach to an email or print: a
chart of commitments per domain and year with the tally beneath it, new and
recurring commitments per year, the new policy areas of each year linked to
their commitments, the commitments repeated in three or more years side by
side, and the commitments by domain, with uncertain labels marked for
review. The file needs no network: its styles and charts are inside it.

A large database gives a report a browser still opens at once: it shows
the 100 threads over the most years, and lists the commitments of the
latest years (some 3,000; of a latest year that holds more, its latest
3,000) and those the areas (20 each) and threads name; --all lists every
one, and pledge export writes them all as CSV.

Flags:
` + dbFlagUsage + `  -o FILE        where to write it (default report.html; - for standard
                 output)
  --all          list every commitment, however many
` + withFlagUsage + `
Example:
  pledge report -o russia-2019-2024.html
`

func runReport(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("report", flag.ContinueOnError)
	db := dbFlag(fl)
	out := fl.String("o", "report.html", "where to write the report")
	with := withFlag(fl)
	all := fl.Bool("all", false, "list every commitment, however many")
	rest, err := parseFlags(fl, reportUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if err := noArgs("report", rest); err != nil {
		return err
	}
	store, err := openExisting(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := checkNames(ctx, store, "report", "", *with, 0); err != nil {
		return err
	}
	bar := newProgress(std.Stderr, "report", report.Steps)
	d, err := report.Build(ctx, store, time.Now(), report.Options{With: *with, All: *all, Progress: bar.set})
	bar.clear()
	if err != nil {
		return err
	}
	if err := writeOutput(*out, std.Stdout, func(w io.Writer) error { return report.Write(w, d) }); err != nil {
		return err
	}
	if *out == "-" {
		return nil
	}
	fmt.Fprintf(std.Stdout, "wrote %s: %d statements, %d commitments\n", *out, d.Statements, d.Commitments)
	return nil
}
