package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
)

const linkUsage = `Usage: pledge link [--db FILE] ID (--to EARLIER_ID | --new | --undo)

Records your judgement of what a commitment repeats, correcting the
linker: --to says it repeats commitment EARLIER_ID, which must be of a
statement dated earlier and between the same parties (unless links cross
parties: pledge relink --across-parties); --new says it is new, not a
repetition. Your judgement is kept when commitments are linked again
(pledge relink, ingest, reclassify), shown as yours (link_source person in
pledge export), until --undo gives the decision back to the linker.
pledge show ID shows a commitment's closest earlier ones.

Flags:
` + dbFlagUsage + `  --to ID        the earlier commitment it repeats
  --new          it is new, not a repetition
  --undo         take your judgement back

Examples:
  pledge link 212 --to 87
  pledge link 212 --new
  pledge link 212 --undo
`

func runLink(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("link", flag.ContinueOnError)
	db := dbFlag(fl)
	to := fl.Int64("to", 0, "the earlier commitment it repeats")
	isNew := fl.Bool("new", false, "it is new, not a repetition")
	undo := fl.Bool("undo", false, "take the judgement back")
	rest, err := parseFlags(fl, linkUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"link: give one commitment id (pledge link --help shows how)"}
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return usageError{fmt.Sprintf("link: %q is not a commitment id", rest[0])}
	}
	given := 0
	for _, b := range []bool{*to != 0, *isNew, *undo} {
		if b {
			given++
		}
	}
	if given != 1 || *to < 0 {
		return usageError{"link: give one of --to EARLIER_ID, --new or --undo"}
	}
	store, err := openToWrite(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	switch {
	case *undo:
		err = store.UndecideLink(ctx, id)
	default:
		err = store.DecideLink(ctx, id, *to)
	}
	if err != nil {
		return fmt.Errorf("link %d: %w", id, err)
	}
	if err := linkPending(ctx, store, std.Stderr); err != nil {
		return err
	}
	c, err := store.Commitment(ctx, id)
	if err != nil {
		return err
	}
	who := "the linker's judgement"
	if c.LinkSource == "person" {
		who = "your judgement"
	}
	if c.Status == "recurring" {
		fmt.Fprintf(std.Stdout, "commitment %d recurs from %d, thread since %d (%s)\n", id, c.Previous, c.FirstYear, who)
	} else {
		fmt.Fprintf(std.Stdout, "commitment %d is new (%s)\n", id, who)
	}
	return nil
}
