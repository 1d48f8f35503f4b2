package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
)

const labelUsage = `Usage: pledge label [--db FILE] [--new-label] ID DOMAIN

Records your domain for a commitment, correcting the model. Your label is
kept when commitments are labelled again (pledge reclassify), and
pledge train --from-db trains on your labels.

Flags:
` + dbFlagUsage + `  --new-label    accept a domain no model or commitment uses yet

Example:
  pledge label 212 finance
`

func runLabel(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("label", flag.ContinueOnError)
	db := dbFlag(fl)
	newLabel := fl.Bool("new-label", false, "accept a new domain")
	rest, err := parseFlags(fl, labelUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if len(rest) != 2 {
		return usageError{"label: give a commitment id and a domain (pledge label --help shows how)"}
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil {
		return usageError{fmt.Sprintf("label: %q is not a commitment id", rest[0])}
	}
	domain := rest[1]
	store, err := openToWrite(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	known, err := store.Domains(ctx)
	if err != nil {
		return err
	}
	if !known[domain] && !*newLabel {
		var ds []string
		for d := range known {
			ds = append(ds, d)
		}
		return fmt.Errorf("label: unknown domain %q (known: %v; --new-label accepts a new one)", domain, orderedDomains(ds))
	}
	if err := store.Label(ctx, id, domain); err != nil {
		return err
	}
	if err := linkPending(ctx, store); err != nil {
		return err
	}
	fmt.Fprintf(std.Stdout, "commitment %d labelled %s\n", id, domain)
	return nil
}
