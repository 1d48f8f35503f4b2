package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
)

const statsUsage = `Usage: pledge stats [--db FILE]

Says what the database holds and how its commitments are linked: the
statements, files, years and parties; the commitments, new and recurring;
what people decided; whether links are made within or across parties, at
what chance a commitment recurs, and by which linker. Quote it beside
figures taken from the database.

Flags:
` + dbFlagUsage + `
Example:
  pledge stats --db russia.db
`

func runStats(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("stats", flag.ContinueOnError)
	db := dbFlag(fl)
	rest, err := parseFlags(fl, statsUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if err := noArgs("stats", rest); err != nil {
		return err
	}
	store, err := openExisting(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.Stats(ctx)
	if err != nil {
		return err
	}
	w := &errWriter{w: std.Stdout}
	w.printf("database     %s\n", store.Path())
	years := "no dated statement"
	if st.FirstYear != 0 {
		years = fmt.Sprintf("%d–%d", st.FirstYear, st.LastYear)
	}
	byPath, _, err := store.Files(ctx)
	if err != nil {
		return err
	}
	gone := 0
	for p := range byPath {
		if _, err := os.Stat(p); err != nil {
			gone++
		}
	}
	files := plural(st.Files, "file")
	if gone > 0 {
		files += fmt.Sprintf(" (%d of them gone from where they were read: pledge forget or ingest --prune removes what only they held)", gone)
	}
	w.printf("statements   %d from %s, %s", st.Statements, files, years)
	if st.Undated > 0 {
		w.printf(", %d undated", st.Undated)
	}
	w.printf("\n")
	for i, g := range st.Groups {
		if i == 6 {
			w.printf("             and %s more\n", plural(len(st.Groups)-i, "set"))
			break
		}
		parties := "(parties unknown)"
		if len(g.Parties) > 0 {
			parties = strings.Join(g.Parties, "–")
		}
		head := "parties     "
		if i > 0 {
			head = "            "
		}
		w.printf("%s %s: %s\n", head, parties, plural(g.Statements, "statement"))
	}
	w.printf("commitments  %d: %d new, %d recurring\n", st.Commitments, st.New, st.Recurring)
	w.printf("by a person  %s, %s", plural(st.PersonLabels, "label"), plural(st.PersonLinks, "link decision"))
	if st.DecisionsAside > 0 {
		w.printf(" (%d kept aside: linking as set now cannot apply %s)", st.DecisionsAside, one(st.DecisionsAside, "it", "them"))
	}
	w.printf("\n")
	if st.SetAside > 0 {
		w.printf("set aside    %s whose commitments left with an edited or forgotten file (pledge forget --undo)\n",
			plural(st.SetAside, "decision"))
	}
	mode := "within the same parties"
	if st.Across {
		mode = "across parties"
	}
	chosen := "the linker's own"
	if st.ThresholdSet {
		chosen = "set with --threshold"
	}
	w.printf("linking      %s; recurring at a chance of %g or more (%s)\n", mode, st.Threshold, chosen)
	if st.Linker != "" {
		w.printf("linker       %s\n", st.Linker)
	}
	if st.Pending {
		w.printf("not linked   some commitments wait to be linked (a stopped run); the next command that writes links them\n")
	}
	return w.err
}
