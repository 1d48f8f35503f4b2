package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"pledge/track"
)

const forgetUsage = `Usage: pledge forget [--db FILE] PATH...
       pledge forget [--db FILE] --undo

Removes from the database what the files PATH held that no other file
holds: their statements, with their commitments, in one transaction; a
folder PATH stands for the files read from under it. Use it for a file
you deleted or no longer want counted (pledge ingest names the files gone
from a folder, and pledge ingest --prune forgets them). A statement that
another file holds too stays.

A person's labels and link decisions on what is removed are set aside,
not lost: when the file comes back (pledge ingest), --undo gives them
back. --undo also gives back those set aside when an edited file no
longer held their commitment's text and it returned, and lists those still
waiting.

Flags:
` + dbFlagUsage + `  --undo         give back the decisions set aside whose commitments are
                 in the database again

Examples:
  pledge forget ~/statements/2019-draft.txt
  pledge forget --undo
`

func runForget(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("forget", flag.ContinueOnError)
	db := dbFlag(fl)
	undo := fl.Bool("undo", false, "give back the decisions set aside")
	paths, err := parseFlags(fl, forgetUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	switch {
	case *undo && len(paths) > 0:
		return usageError{"forget: --undo takes no paths: it gives back every decision it can"}
	case !*undo && len(paths) == 0:
		return usageError{"forget: no files or folders given (pledge forget --help shows how)"}
	}
	store, err := openToWrite(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if *undo {
		return restore(ctx, store, std)
	}
	byPath, _, err := store.Files(ctx)
	if err != nil {
		return err
	}
	for i, p := range paths {
		// A path as an earlier version recorded it, else its absolute one.
		if _, ok := byPath[p]; ok {
			continue
		}
		if paths[i], err = filepath.Abs(p); err != nil {
			return fmt.Errorf("forget %s: %w", p, err)
		}
	}
	f, err := store.Forget(ctx, paths)
	if errors.Is(err, track.ErrNotIngested) {
		return fmt.Errorf("forget %w (pledge ingest --verbose lists what it reads; nothing was removed)", err)
	}
	if err != nil {
		return err
	}
	if err := linkPending(ctx, store, std.Stderr); err != nil {
		return err
	}
	printForgotten(std.Stdout, f)
	return nil
}

// printForgotten says what forgetting files removed.
func printForgotten(w io.Writer, f track.Forgotten) {
	n := 0
	for _, s := range f.Removed {
		n += s.Commitments
	}
	fmt.Fprintf(w, "forgot %s: removed %s (%s) that only %s held", plural(len(f.Files), "file"),
		plural(len(f.Removed), "statement"), plural(n, "commitment"), one(len(f.Files), "it", "they"))
	if f.Kept > 0 {
		fmt.Fprintf(w, "; %s other files hold too %s", plural(f.Kept, "statement"), one(f.Kept, "stays", "stay"))
	}
	fmt.Fprintln(w)
	for _, s := range f.Removed {
		fmt.Fprintf(w, "  removed  %s  %s (%s)\n", dateOr(s.Date), s.Title, plural(s.Commitments, "commitment"))
	}
	printSetAside(w, "", f.SetAside, one(len(f.Files), "the file is", "the files are")+" forgotten")
}

// restore gives back the decisions set aside that can be.
func restore(ctx context.Context, store *track.Store, std IO) error {
	back, waiting, err := store.Restore(ctx)
	if err != nil {
		return err
	}
	if err := linkPending(ctx, store, std.Stderr); err != nil {
		return err
	}
	fmt.Fprintf(std.Stdout, "gave back %s", plural(len(back), "decision"))
	if len(back) > 0 {
		fmt.Fprint(std.Stdout, ":")
	}
	fmt.Fprintln(std.Stdout)
	for _, d := range back {
		fmt.Fprintf(std.Stdout, "  %s\n", decisionLine(d))
	}
	if len(waiting) > 0 {
		fmt.Fprintf(std.Stdout, "%s still %s for %s commitment to return:\n", plural(len(waiting), "decision"),
			one(len(waiting), "waits", "wait"), one(len(waiting), "its", "their"))
		for _, d := range waiting {
			fmt.Fprintf(std.Stdout, "  %s (set aside when %s was %s)\n", decisionLine(d), shown(d.Path), d.Reason)
		}
	}
	return nil
}
