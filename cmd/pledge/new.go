package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"pledge/track"
)

const newUsage = `Usage: pledge new [--db FILE] [--year Y] [--top N] [--with NAME]...

Prints what is new in year Y (by default the latest year in the database):
the policy areas that first appear in it (terms no commitment of an earlier
year used, in any of their forms: 化武 is 化学武器, 亚太地区 is 亚太; the most
used and rarest first, each with the commitments that use it),
then the year's new commitments, grouped by domain. With --with, only the
statements with that partner count: the areas new with that partner.

Flags:
` + dbFlagUsage + `  --year Y       the year (default: the latest)
  --top N        show at most N areas (default 20, 0 for all)
` + withFlagUsage + `
Example:
  pledge new --year 2024
`

func runNew(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("new", flag.ContinueOnError)
	db := dbFlag(fl)
	year := fl.Int("year", 0, "the year")
	top := fl.Int("top", 20, "how many areas")
	with := withFlag(fl)
	rest, err := parseFlags(fl, newUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if err := noArgs("new", rest); err != nil {
		return err
	}
	if *top < 0 {
		return usageError{fmt.Sprintf("new: --top %d: want a number of areas, or 0 for all", *top)}
	}
	store, err := openExisting(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := checkNames(ctx, store, "new", "", *with, *year); err != nil {
		return err
	}
	if *year == 0 {
		if *year, err = latestYear(ctx, store, *with...); err != nil {
			return err
		}
	}
	return printNew(ctx, store, *year, *top, *with, std)
}

// latestYear is the year of the latest dated statement with the parties.
func latestYear(ctx context.Context, store *track.Store, with ...string) (int, error) {
	y, err := store.LatestYear(ctx, with...)
	if err != nil {
		return 0, err
	}
	if y == 0 {
		return 0, fmt.Errorf("database %s holds no dated statement", store.Path())
	}
	return y, nil
}

func printNew(ctx context.Context, store *track.Store, year, top int, with []string, std IO) error {
	areas, err := store.NewAreas(ctx, year, with...)
	if err != nil {
		return err
	}
	fresh, err := store.Commitments(ctx, track.Filter{Year: year, Status: "new", With: with})
	if err != nil {
		return err
	}
	w := &errWriter{w: std.Stdout}
	if len(with) > 0 {
		w.printf("With %s only.\n", strings.Join(with, " and "))
	}
	w.printf("New policy areas in %d: terms no commitment of an earlier year used, in any of their forms;\n"+
		"the most used and rarest first, each with its commitments:\n", year)
	if len(areas) == 0 {
		years, err := store.Years(ctx)
		if err != nil {
			return err
		}
		first := 0
		for _, y := range years {
			if y != 0 && (first == 0 || y < first) {
				first = y
			}
		}
		if year == first {
			w.printf("  none: %d is the database's first year, with nothing earlier to be new against\n", year)
		} else {
			w.printf("  none\n")
		}
	}
	if top > 0 && len(areas) > top {
		w.printf("  (%d of %d; --top 0 shows all)\n", top, len(areas))
		areas = areas[:top]
	}
	for _, a := range areas {
		var ids []string
		for _, id := range a.IDs {
			ids = append(ids, fmt.Sprint(id))
		}
		name := a.Term
		if len(a.Forms) > 0 {
			name += " (" + strings.Join(a.Forms, ", ") + ")"
		}
		w.printf("  %s%s  %s of %s: %s\n", name, strings.Repeat(" ", max(0, 16-displayWidth(name))),
			plural(len(a.IDs), "commitment"), plural(a.Statements, "statement"), strings.Join(ids, ", "))
	}
	w.printf("\nNew commitments in %d (no earlier statement holds one like it): %d\n", year, len(fresh))
	byDomain := map[string][]track.Commitment{}
	var domains []string
	for _, c := range fresh {
		if byDomain[c.Domain] == nil {
			domains = append(domains, c.Domain)
		}
		byDomain[c.Domain] = append(byDomain[c.Domain], c)
	}
	for _, d := range orderedDomains(domains) {
		w.printf("\n  %s (%d)\n", domainName(d), len(byDomain[d]))
		for _, c := range byDomain[d] {
			w.printf("  %5d  %s\n", c.ID, c.Text)
		}
	}
	return w.err
}
