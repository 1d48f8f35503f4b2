package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
)

const labelUsage = `Usage: pledge label [--db FILE] [--new-label] ID DOMAIN
       pledge label [--db FILE] --undo ID

Records your domain for a commitment, correcting the model. Your label is
kept when commitments are labelled again (pledge reclassify), and
pledge train --from-db trains on your labels. --undo takes your label back:
the model's label comes back.

Flags:
` + dbFlagUsage + `  --new-label    accept a domain no model or commitment uses yet
  --undo         take your label back

Examples:
  pledge label 212 finance
  pledge label --undo 212
`

func runLabel(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("label", flag.ContinueOnError)
	db := dbFlag(fl)
	newLabel := fl.Bool("new-label", false, "accept a new domain")
	undo := fl.Bool("undo", false, "take the label back")
	rest, err := parseFlags(fl, labelUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if *undo {
		return unlabel(ctx, *db, rest, std)
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
		return fmt.Errorf("label: unknown domain %q: give one of %s, or --new-label to add it", domain, strings.Join(orderedDomains(ds), ", "))
	}
	if err := store.Label(ctx, id, domain); err != nil {
		return fmt.Errorf("label %d: %w", id, err)
	}
	if err := linkPending(ctx, store, std.Stderr); err != nil {
		return err
	}
	fmt.Fprintf(std.Stdout, "commitment %d labelled %s\n", id, domain)
	return nil
}

// unlabel takes back the label of the commitment args names.
func unlabel(ctx context.Context, db string, args []string, std IO) error {
	if len(args) != 1 {
		return usageError{"label: --undo takes one commitment id"}
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return usageError{fmt.Sprintf("label: %q is not a commitment id", args[0])}
	}
	store, err := openToWrite(ctx, db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Unlabel(ctx, id); err != nil {
		return fmt.Errorf("label %d: %w", id, err)
	}
	if err := linkPending(ctx, store, std.Stderr); err != nil {
		return err
	}
	c, err := store.Commitment(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(std.Stdout, "commitment %d labelled %s again, by the model (%.2f)\n", id, c.Domain, c.Probability)
	return nil
}
