package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"pledge/track"
)

const commonUsage = `Usage: pledge common [--db FILE] [--min-partners N] [--threshold T]

Lists what one party promises several partners: similar commitments in
statements between that party and different others (for China: the same
promise to Russia, Brazil and Kazakhstan), grouped by domain, each with the
partners and the years. What a state promises everyone stands apart from
what it promises one partner.

Flags:
` + dbFlagUsage + `  --min-partners N
                 at least N different partners (default 2)
  --threshold T  chance at or above which two commitments are the same
                 promise (default: the database's, which pledge stats
                 shows)

Example:
  pledge common --min-partners 3
`

func runCommon(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("common", flag.ContinueOnError)
	db := dbFlag(fl)
	minPartners := fl.Int("min-partners", 2, "at least N partners")
	threshold := thresholdFlag(fl)
	rest, err := parseFlags(fl, commonUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	given, err := givenThreshold("common", fl, *threshold)
	if err != nil {
		return err
	}
	if err := noArgs("common", rest); err != nil {
		return err
	}
	if *minPartners < 1 {
		return usageError{"common: --min-partners must be at least 1"}
	}
	store, err := openExisting(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if !given {
		if *threshold, err = store.LinkThreshold(ctx); err != nil {
			return err
		}
	}
	groups, err := store.CommonOf(ctx, *minPartners, *threshold)
	if err != nil {
		return err
	}
	return printCommon(ctx, std, groups, *minPartners)
}

// printCommon prints the groups as it reads them, one at a time.
func printCommon(ctx context.Context, std IO, groups *track.CommonList, minPartners int) error {
	w := &errWriter{w: std.Stdout}
	w.printf("Commitments made to %d or more partners: %d\n", minPartners, groups.Len())
	domain := ""
	err := groups.Each(ctx, func(g track.CommonGroup) error {
		if g.Domain != domain {
			domain = g.Domain
			w.printf("\n%s\n", domainName(domain))
		}
		var years []string
		for _, y := range g.Years {
			years = append(years, fmt.Sprint(y))
		}
		w.printf("\n  %s to %s (%s)\n", g.Party, strings.Join(g.Partners, ", "), strings.Join(years, ", "))
		for _, c := range g.Commitments {
			w.printf("  %5d  %s  %s  %s\n", c.ID, dateOr(c.Date), strings.Join(c.Parties, "–"), c.Text)
		}
		return w.err
	})
	if err != nil {
		return err
	}
	return w.err
}
