package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"pledge/data"
	"pledge/figures"
	"pledge/ingest"
	"pledge/track"
)

const demoUsage = `Usage: pledge demo [--db FILE]

Shows pledge at work without files of your own: it ingests invented
statements between invented states, 甲国 and 乙国, and 甲国 and 丙国, built
into pledge (a web page, a hard-wrapped newspaper page saved as GB18030, a
news feed with half-width punctuation that reprints the newspaper's
statement, and another web page), into a temporary database, then prints
the tally of commitments per domain and year and per partner, what the
latest year brought overall and with each partner, and what 甲国 promised
both partners.

Flags:
  --db FILE      keep the demo database in FILE to explore it with the
                 other commands (by default it is thrown away)

Example:
  pledge demo
  pledge demo --db demo.db && pledge list --db demo.db --status recurring
`

func runDemo(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("demo", flag.ContinueOnError)
	keep := fl.String("db", "", "keep the demo database in FILE")
	rest, err := parseFlags(fl, demoUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if err := noArgs("demo", rest); err != nil {
		return err
	}
	path := *keep
	if path == "" {
		dir, err := os.MkdirTemp("", "pledge-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "demo.db")
	}
	names, err := fs.Glob(data.Demo(), "demo/*.txt")
	if err != nil {
		return err
	}
	var inputs []input
	for _, n := range names {
		inputs = append(inputs, input{name: n, read: func() ([]byte, error) { return fs.ReadFile(data.Demo(), n) }})
	}
	c, err := newClassifier("")
	if err != nil {
		return err
	}
	store, err := openStore(ctx, path)
	if err != nil {
		return err
	}
	defer store.Close()
	in, err := ingest.New(ctx, store, c)
	if err != nil {
		return err
	}
	fmt.Fprintf(std.Stdout, "pledge demo: ingesting %d files of invented statements, built into pledge\n\n", len(inputs))
	if err := ingestAll(ctx, store, in, inputs, runCounts{}, true, std); err != nil {
		return err
	}
	t, err := store.Tally(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(std.Stdout)
	if err := writeTally(std.Stdout, t, true); err != nil {
		return err
	}
	pt, err := store.PartnerTally(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(std.Stdout)
	if err := writePartnerTally(std.Stdout, pt, false); err != nil {
		return err
	}
	year, err := latestYear(ctx, store)
	if err != nil {
		return err
	}
	fmt.Fprintln(std.Stdout)
	if err := printNew(ctx, store, year, 10, nil, std); err != nil {
		return err
	}
	fmt.Fprintln(std.Stdout)
	if err := printPartnerAreas(ctx, store, pt, 6, std); err != nil {
		return err
	}
	groups, err := store.CommonOf(ctx, 2, track.DefaultThreshold())
	if err != nil {
		return err
	}
	fmt.Fprintln(std.Stdout)
	if err := printCommon(ctx, std, groups, 2); err != nil {
		return err
	}
	if *keep != "" {
		fmt.Fprintf(std.Stdout, "\nThe demo database is %s: try pledge list --db %[1]s, pledge show --db %[1]s ID, pledge export --db %[1]s\n", path)
	}
	return nil
}

// printPartnerAreas prints, for each partner, the policy areas new with
// that partner in its latest year, top at most.
func printPartnerAreas(ctx context.Context, store *track.Store, pt *figures.PartnerTally, top int, std IO) error {
	w := &errWriter{w: std.Stdout}
	w.printf("New policy areas per partner, in its latest year (pledge new --with NAME):\n")
	for _, r := range pt.Rows {
		year, err := latestYear(ctx, store, r.Partner)
		if err != nil {
			return err
		}
		areas, err := store.NewAreas(ctx, year, r.Partner)
		if err != nil {
			return err
		}
		var terms []string
		for _, a := range areas[:min(top, len(areas))] {
			terms = append(terms, a.Term)
		}
		if terms == nil {
			terms = []string{"none"}
		}
		w.printf("  %s %d: %s\n", r.Partner, year, strings.Join(terms, ", "))
	}
	return w.err
}
