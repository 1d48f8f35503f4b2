package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"pledge/extract"
	"pledge/track"
)

// defaultDB is where the database is when neither --db nor $PLEDGE_DB says.
const defaultDB = "pledge.db"

// dbFlag registers --db on fl.
func dbFlag(fl *flag.FlagSet) *string {
	d := defaultDB
	if env := os.Getenv("PLEDGE_DB"); env != "" {
		d = env
	}
	return fl.String("db", d, "the database file")
}

const dbFlagUsage = `  --db FILE      the database (default pledge.db in the current folder,
                 or $PLEDGE_DB)
`

// openStore opens the database, naming it in any error.
func openStore(ctx context.Context, path string) (*track.Store, error) {
	s, err := track.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return s, nil
}

// openExisting opens a database that must exist already, to read it: a
// report on a mistyped name should say so, not make an empty database. It
// is opened read-only, so that it can be read in a read-only folder. A
// database of an older pledge is brought up to date first where it can be
// written; commitments a stopped run stored but did not link are linked
// first, with a note on stderr, or, where the database cannot be written,
// a note says that they read as new until pledge relink links them.
func openExisting(ctx context.Context, path string, stderr io.Writer) (*track.Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("database %s: %w (pledge ingest makes one)", path, unwrapPath(err))
	}
	s, err := track.OpenReadOnly(ctx, path)
	if errors.Is(err, track.ErrOutdated) {
		w, werr := openStore(ctx, path)
		if werr != nil {
			return nil, werr
		}
		w.Close()
		s, err = track.OpenReadOnly(ctx, path)
	}
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	pending, err := s.Pending(ctx)
	if err != nil {
		return nil, err
	}
	outdated, err := s.LinkerOutdated(ctx)
	if err != nil || !pending && !outdated {
		return s, err
	}
	w, err := track.Open(ctx, path)
	if err == nil {
		defer w.Close()
		if !outdated {
			fmt.Fprintln(stderr, "pledge: linking the commitments a stopped run stored but did not link")
		}
		err = linkPending(ctx, w, stderr)
	}
	switch {
	case (errors.Is(err, track.ErrReadOnly) || err != nil && w == nil) && outdated:
		fmt.Fprintf(stderr, "pledge: the links of %s were made by another version of pledge's linker; they stay as they are until pledge relink makes them again\n", path)
	case errors.Is(err, track.ErrReadOnly) || err != nil && w == nil:
		fmt.Fprintf(stderr, "pledge: some commitments of %s were stored but not linked (a run was stopped); they read as new until pledge relink links them\n", path)
	case err != nil:
		s.Close()
		return nil, err
	}
	return s, nil
}

// openToWrite opens a database that must exist already, to change it.
func openToWrite(ctx context.Context, path string, stderr io.Writer) (*track.Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("database %s: %w (pledge ingest makes one)", path, unwrapPath(err))
	}
	s, err := openStore(ctx, path)
	if err != nil {
		return nil, err
	}
	if pending, err := s.Pending(ctx); err != nil || !pending {
		return s, err
	}
	fmt.Fprintln(stderr, "pledge: linking the commitments a stopped run stored but did not link")
	if err := linkPending(ctx, s, stderr); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// linkPending links the groups of commitments that changed, with the
// threshold the database's links were made with, and says on stderr when
// it made every link again for another version of the linker; then it
// brings up to date what the database keeps for the commands that read.
func linkPending(ctx context.Context, s *track.Store, stderr io.Writer) error {
	d, err := s.LinkPending(ctx)
	if err != nil {
		return fmt.Errorf("linking commitments: %w", err)
	}
	noteLinked(stderr, d)
	if err := s.Summarise(ctx); err != nil {
		return fmt.Errorf("summarising: %w", err)
	}
	return nil
}

// noteLinked says what linking changed that a person should know.
func noteLinked(stderr io.Writer, d track.Linked) {
	if d.Outdated {
		fmt.Fprintln(stderr, "pledge: the links were made by another version of the linker: every link was made again, your link decisions kept")
	}
	if d.ThresholdReset {
		fmt.Fprintf(stderr, "pledge: the threshold set before was for that linker; links now recur at a chance of %g or more (--threshold sets another)\n", track.DefaultThreshold())
	}
}

// noArgs refuses arguments a command does not take.
func noArgs(name string, rest []string) error {
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q (pledge %[1]s --help shows how)", name, rest[0])}
	}
	return nil
}

// partyNames is a repeatable flag of party names, read as pledge stores
// them (俄罗斯联邦 and 俄 are 俄罗斯).
type partyNames []string

func (p *partyNames) String() string { return strings.Join(*p, ",") }

func (p *partyNames) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("empty party name")
	}
	*p = append(*p, extract.CanonicalParty(v))
	return nil
}

// withFlag registers --with on fl.
func withFlag(fl *flag.FlagSet) *partyNames {
	var p partyNames
	fl.Var(&p, "with", "keep statements whose parties include this state (repeatable)")
	return &p
}

const withFlagUsage = `  --with NAME    keep only statements whose parties include NAME (中国,
                 俄罗斯, 俄罗斯联邦, 俄, …); given more than once, all of them
`

// thresholdFlag registers --threshold on fl: the chance at or above which
// a commitment recurs. Its value is 0 unless given.
func thresholdFlag(fl *flag.FlagSet) *float64 {
	return fl.Float64("threshold", 0, "chance at or above which a commitment recurs")
}

// thresholdUsage describes thresholdFlag.
const thresholdUsage = `  --threshold T  chance (0 to 1) at or above which a commitment recurs
                 from an earlier one; the database keeps it for the runs
                 after (default: the one set before, else the linker's
                 own; pledge stats shows it)
`

// givenThreshold returns the --threshold given on fl, checked, and whether
// one was given.
func givenThreshold(command string, fl *flag.FlagSet, t float64) (bool, error) {
	given := false
	fl.Visit(func(f *flag.Flag) { given = given || f.Name == "threshold" })
	if !given {
		return false, nil
	}
	if !(t > 0 && t <= 1) {
		return false, usageError{fmt.Sprintf("%s: --threshold %v: want a chance above 0 and at most 1", command, t)}
	}
	return true, nil
}
