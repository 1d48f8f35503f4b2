package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"pledge/export"
)

const exportUsage = `Usage: pledge export [--db FILE] [--format csv|json] [-o FILE] [--no-bom] [--raw] [--with NAME]...

Writes every commitment, in date order, as CSV (the default) or JSON, one
object a line. The CSV columns are:
  id,statement,date,year,ordinal,section,domain,probability,label_source,
  status,first_year,previous_id,text,parties,link_source
label_source says who gave the domain, the model or a person (pledge
label, pledge serve); previous_id is the earlier commitment a recurring
one recurs from; first_year the year its thread began; parties the
statement's states, joined by ;; link_source who decided the link, the
model or a person (pledge link, pledge serve). CSV is UTF-8 with a byte-order mark,
so that Excel shows the Chinese correctly. A text cell that a spreadsheet
would run as a formula (one that starts with = + - or @) gets a ' before
it, which spreadsheets show as text; --raw writes it as it is.

Flags:
` + dbFlagUsage + `  --format F     csv or json (default csv)
  -o FILE        write to FILE instead of standard output
  --no-bom       leave out the byte-order mark

Examples:
  pledge export -o commitments.csv
  pledge export --format json | jq .text
`

func runExport(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	db := dbFlag(fl)
	format := fl.String("format", export.CSV, "csv or json")
	out := fl.String("o", "", "output file")
	noBOM := fl.Bool("no-bom", false, "leave out the byte-order mark")
	raw := fl.Bool("raw", false, "write cells that look like formulas as they are")
	with := withFlag(fl)
	rest, err := parseFlags(fl, exportUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if err := noArgs("export", rest); err != nil {
		return err
	}
	if *format != export.CSV && *format != export.JSON {
		return usageError{fmt.Sprintf("export: --format %q: want csv or json", *format)}
	}
	store, err := openExisting(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := checkNames(ctx, store, "export", "", *with, 0); err != nil {
		return err
	}
	opt := export.Options{Format: *format, NoBOM: *noBOM, Raw: *raw, With: *with}
	if *out == "" {
		*out = "-"
	}
	return writeOutput(*out, std.Stdout, func(w io.Writer) error { return export.Write(ctx, w, store, opt) })
}
