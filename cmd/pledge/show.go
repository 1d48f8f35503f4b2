package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"pledge/track"
)

const showUsage = `Usage: pledge show [--db FILE] ID

Shows one commitment: its statement, section, domain and text, and its
thread: the earlier commitments it recurs from, year by year, each with how
similar it is to the one after it. For a new commitment, the closest
earlier one is shown, below the threshold.

Flags:
` + dbFlagUsage + `
Example:
  pledge show 212
`

func runShow(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("show", flag.ContinueOnError)
	db := dbFlag(fl)
	rest, err := parseFlags(fl, showUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"show: give one commitment id (pledge list shows them)"}
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil {
		return usageError{fmt.Sprintf("show: %q is not a commitment id", rest[0])}
	}
	store, err := openExisting(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	thread, err := store.Thread(ctx, id)
	if errors.Is(err, track.ErrNotFound) {
		return fmt.Errorf("show: %w (a commitment gets a new id when the file of its statement is edited; pledge list --search WORDS finds it by its text)", err)
	}
	if err != nil {
		return err
	}
	c := thread[0]
	w := &errWriter{w: std.Stdout}
	w.printf("commitment %d  %s  %s\n", c.ID, dateOr(c.Date), c.Statement)
	if c.Section != "" {
		w.printf("section     %s\n", c.Section)
	}
	if len(c.Parties) > 0 {
		w.printf("parties     %s\n", strings.Join(c.Parties, ", "))
	}
	w.printf("domain      %s (%.3f, labelled by %s)\n", domainName(c.Domain), c.Probability, c.LabelSource)
	w.printf("status      %s", c.Status)
	if c.FirstYear != 0 {
		w.printf(", thread since %d", c.FirstYear)
	}
	w.printf(" (linked by %s)", c.LinkSource)
	if c.DecisionAside {
		w.printf("\nwarning     your link decision is kept aside: linking as set now cannot apply it (to a commitment of\n" +
			"            other parties, or one no longer earlier); the model's link is shown (pledge relink\n" +
			"            --across-parties applies a link across parties; pledge link --undo takes the decision back)")
	}
	w.printf("\n\n  %s\n", c.Text)
	if len(thread) > 1 {
		w.printf("\nrecurs from:\n")
		for k, e := range thread[1:] {
			w.printf("\n  %d  commitment %d  %s  (chance %.2f)\n  %s\n", e.Year, e.ID, e.Statement, thread[k].Similarity, e.Text)
		}
	} else if c.Previous != 0 {
		closest, err := store.Commitment(ctx, c.Previous)
		if err != nil {
			return err
		}
		th, err := store.LinkThreshold(ctx)
		if err != nil {
			return err
		}
		w.printf("\nlikeliest earlier commitment (chance %.2f, below %.2f):\n  %d  commitment %d  %s\n  %s\n",
			c.Similarity, th, closest.Year, closest.ID, closest.Statement, closest.Text)
	}
	return w.err
}
