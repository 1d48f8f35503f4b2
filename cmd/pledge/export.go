package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pledge/export"
)

const exportUsage = `Usage: pledge export [--db FILE] [--format csv|xlsx|json] [-o FILE] [--no-bom] [--raw] [--with NAME]...

Writes every commitment, in date order, as CSV (the default), as an Excel
workbook, or as JSON, one object a line. The columns are:
  id,statement,date,year,ordinal,section,domain,probability,label_source,
  status,first_year,previous_id,text,parties,link_source
label_source says who gave the domain, the model or a person (pledge
label, pledge serve); previous_id is the earlier commitment a recurring
one recurs from; first_year the year its thread began; parties the
statement's states, joined by ;; link_source who decided the link, the
model or a person (pledge link, pledge serve).

CSV is RFC 4180 (CRLF line ends), UTF-8 with a byte-order mark, so that
Excel shows the Chinese. A text cell that a spreadsheet would run as a
formula (one that starts with = + - or @) gets a ' before it, which
spreadsheets show as text.

The workbook (--format xlsx, or -o FILE.xlsx) has five sheets: the
commitments (numbers, dates and probabilities as such, the header frozen,
filters on), the tally per domain and year with new and recurring in
columns of their own, the tally per partner, the new policy areas of each
year with their commitments, and About: what each column means and how the
figures were made (the model, the linking threshold, the date).

Flags:
` + dbFlagUsage + `  --format F     csv, xlsx or json (default csv, or what the name -o gives
                 ends in: .xlsx, .json)
  -o FILE        write to FILE instead of standard output (a workbook
                 needs one)
  --no-bom       leave the byte-order mark out of the CSV
  --raw          write CSV cells that look like formulas as they are
` + withFlagUsage + `
Examples:
  pledge export -o commitments.csv
  pledge export -o commitments.xlsx
  pledge export --with 俄罗斯 --format xlsx -o russia.xlsx
  pledge export --format json | jq .text
`

func runExport(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	db := dbFlag(fl)
	format := fl.String("format", "", "csv, xlsx or json")
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
	if *format == "" {
		*format = export.CSV
		switch ext := filepath.Ext(*out); {
		case strings.EqualFold(ext, ".xlsx"):
			*format = export.XLSX
		case strings.EqualFold(ext, ".json"), strings.EqualFold(ext, ".jsonl"):
			*format = export.JSON
		}
	}
	switch *format {
	case export.CSV, export.JSON:
	case export.XLSX:
		if *out == "" || *out == "-" && toTerminal(std.Stdout) {
			return usageError{"export: a workbook is a file for Excel, not text for the terminal: give -o FILE.xlsx"}
		}
	default:
		return usageError{fmt.Sprintf("export: --format %q: want csv, xlsx or json", *format)}
	}
	store, err := openExisting(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := checkNames(ctx, store, "export", "", *with, 0); err != nil {
		return err
	}
	opt := export.Options{Format: *format, NoBOM: *noBOM, Raw: *raw, With: *with, Now: time.Now(), Version: "pledge " + version()}
	if *out == "" {
		*out = "-"
	}
	if err := writeOutput(*out, std.Stdout, func(w io.Writer) error { return export.Write(ctx, w, store, opt) }); err != nil {
		return err
	}
	if *out != "-" {
		_, n, err := store.Count(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(std.Stderr, "wrote %s: %s as %s\n", *out, plural(n, "commitment"), *format)
	}
	return nil
}

// toTerminal reports whether w is a terminal, where a binary file would
// come out as noise.
func toTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}
