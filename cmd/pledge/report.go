package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"pledge/report"
)

const reportUsage = `Usage: pledge report [--db FILE] [-o FILE] [--with NAME]...

Writes one HTML file to read in a browser, attach to an email or print: a
chart of commitments per domain and year with the tally beneath it, new and
recurring commitments per year, the new policy areas of each year linked to
their commitments, the commitments repeated in three or more years side by
side, and every commitment by domain, with uncertain labels marked for
review. The file needs no network: its styles and charts are inside it.

Flags:
` + dbFlagUsage + `  -o FILE        where to write it (default report.html; - for standard output)

Example:
  pledge report -o russia-2019-2024.html
`

func runReport(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("report", flag.ContinueOnError)
	db := dbFlag(fl)
	out := fl.String("o", "report.html", "where to write the report")
	with := withFlag(fl)
	rest, err := parseFlags(fl, reportUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if err := noArgs("report", rest); err != nil {
		return err
	}
	store, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	d, err := report.Build(ctx, store, time.Now(), *with...)
	if err != nil {
		return err
	}
	if *out == "-" {
		return report.Write(std.Stdout, d)
	}
	if err := writeFileAtomic(*out, func(w io.Writer) error { return report.Write(w, d) }); err != nil {
		return err
	}
	fmt.Fprintf(std.Stdout, "wrote %s: %d statements, %d commitments\n", *out, d.Statements, d.Commitments)
	return nil
}
