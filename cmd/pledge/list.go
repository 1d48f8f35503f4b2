package main

import (
	"context"
	"flag"
	"fmt"
	"slices"

	"pledge/classify"
	"pledge/track"
)

const listUsage = `Usage: pledge list [--db FILE] [--year Y] [--domain D] [--status new|recurring] [--search TERM] [--with NAME]...

Lists the commitments that match every filter given, in date order:
id, date, domain, probability, new or recurring, and text.

Flags:
` + dbFlagUsage + `  --year Y       commitments of statements of year Y
  --domain D     commitments labelled D (economy, energy, …)
  --status S     new or recurring commitments
  --search TERM  commitments whose text holds TERM
` + withFlagUsage + `
Examples:
  pledge list --year 2024 --domain energy
  pledge list --search 人工智能
`

func runList(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("list", flag.ContinueOnError)
	db := dbFlag(fl)
	var f track.Filter
	fl.IntVar(&f.Year, "year", 0, "year")
	fl.StringVar(&f.Domain, "domain", "", "domain")
	fl.StringVar(&f.Status, "status", "", "new or recurring")
	fl.StringVar(&f.Search, "search", "", "text to find")
	with := withFlag(fl)
	rest, err := parseFlags(fl, listUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if err := noArgs("list", rest); err != nil {
		return err
	}
	f.With = *with
	if f.Status != "" && f.Status != "new" && f.Status != "recurring" {
		return usageError{fmt.Sprintf("list: --status %q: want new or recurring", f.Status)}
	}
	store, err := openExisting(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := checkNames(ctx, store, "list", f.Domain, f.With, f.Year); err != nil {
		return err
	}
	cs, err := store.Commitments(ctx, f)
	if err != nil {
		return err
	}
	w := &errWriter{w: std.Stdout}
	for _, c := range cs {
		w.printf("%d\t%s\t%s\t%.3f\t%s\t%s\n", c.ID, dateOr(c.Date), c.Domain, c.Probability, c.Status, c.Text)
	}
	fmt.Fprintf(std.Stderr, "%s\n", plural(len(cs), "commitment"))
	return w.err
}

func dateOr(d string) string {
	if d == "" {
		return "(no date)"
	}
	return d
}

// domainName is a domain with its Chinese name, for the GUIDE's domains.
func domainName(id string) string {
	for _, d := range classify.Domains() {
		if d.ID == id {
			return d.ID + " " + d.Chinese
		}
	}
	return id
}

// orderedDomains sorts domains in the GUIDE's order, others after.
func orderedDomains(ds []string) []string {
	guide := classify.Domains()
	rank := func(id string) int {
		for i, d := range guide {
			if d.ID == id {
				return i
			}
		}
		return len(guide)
	}
	out := slices.Clone(ds)
	slices.SortStableFunc(out, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		if a < b {
			return -1
		}
		if a > b {
			return 1
		}
		return 0
	})
	return out
}
