package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"pledge/extract"
	"pledge/script"
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

// openStore opens the database, making it when it does not exist, naming
// it in any error.
func openStore(ctx context.Context, path string) (*track.Store, error) {
	if err := checkDBPath(path, false); err != nil {
		return nil, err
	}
	s, err := track.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return s, nil
}

// checkDBPath refuses a --db that names no file a database can be: a
// folder, a device (/dev/null), a pipe. Unless exist, a path where nothing
// is yet is a database to make.
func checkDBPath(path string, exist bool) error {
	info, err := os.Stat(path)
	switch {
	case err != nil && (exist || !errors.Is(err, fs.ErrNotExist)):
		return fmt.Errorf("database %s: %w (pledge ingest makes one)", path, unwrapPath(err))
	case err != nil:
		return nil
	case info.IsDir():
		return fmt.Errorf("database %s: it is a folder; give a file name in it (--db %s)", path, filepath.Join(path, defaultDB))
	case !info.Mode().IsRegular():
		return fmt.Errorf("database %s: not a regular file (a device, a pipe or a socket); give the name of a database file", path)
	}
	return nil
}

// openExisting opens a database that must exist already, to read it: a
// report on a mistyped name should say so, not make an empty database. It
// is opened read-only, so that it can be read in a read-only folder. A
// database of an older pledge (or an empty file) is brought up to date
// first where it can be written; commitments a stopped run stored but did
// not link are linked first, with a note on stderr, or, where the database
// cannot be written, a note says that they read as new until pledge relink
// links them.
func openExisting(ctx context.Context, path string, stderr io.Writer) (*track.Store, error) {
	if err := checkDBPath(path, true); err != nil {
		return nil, err
	}
	s, err := track.OpenReadOnly(ctx, path)
	if errors.Is(err, track.ErrOutdated) {
		w, werr := track.Open(ctx, path)
		if werr != nil {
			what := "written by an older version of pledge, and it cannot be brought up to date"
			if info, err := os.Stat(path); err == nil && info.Size() == 0 {
				what = "an empty file, and it cannot be made a pledge database"
			}
			return nil, fmt.Errorf("database %s: %s: %w", path, what, werr)
		}
		w.Close()
		s, err = track.OpenReadOnly(ctx, path)
	}
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	pending, err := s.Pending(ctx)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	outdated, err := s.LinkerOutdated(ctx)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	if !pending && !outdated {
		return s, nil
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

// openUnchanged opens a database that must exist already, to read it and
// leave it as it is, byte for byte: it neither brings an older database up
// to date, which it refuses, saying how, nor links what a stopped run
// left unlinked, which it says on stderr.
func openUnchanged(ctx context.Context, command, path string, stderr io.Writer) (*track.Store, error) {
	if err := checkDBPath(path, true); err != nil {
		return nil, err
	}
	s, err := track.OpenReadOnly(ctx, path)
	if errors.Is(err, track.ErrOutdated) {
		return nil, fmt.Errorf("database %s: written by an older version of pledge, and %s does not change it: pledge relink --db %s brings it up to date", path, command, path)
	}
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	pending, err := s.Pending(ctx)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	if pending {
		fmt.Fprintf(stderr, "pledge: some commitments of %s were stored but not linked (a run was stopped); %s shows them as not yet linked, and pledge relink --db %[1]s links them\n", path, command)
	}
	return s, nil
}

// openToWrite opens a database that must exist already, to change it.
func openToWrite(ctx context.Context, path string, stderr io.Writer) (*track.Store, error) {
	if err := checkDBPath(path, true); err != nil {
		return nil, err
	}
	s, err := openStore(ctx, path)
	if err != nil {
		return nil, err
	}
	if pending, err := s.Pending(ctx); err != nil || !pending {
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("database %s: %w", path, err)
		}
		return s, nil
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
	if utf8.RuneCountInString(strings.TrimSpace(v)) == 1 {
		// One character (俄, 巴) is resolved against the database's
		// parties (checkNames): 巴 is Pakistan or Brazil.
		*p = append(*p, strings.TrimSpace(v))
		return nil
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
const thresholdUsage = `  --threshold T  chance (above 0, at most 1) at or above which a
                 commitment recurs from an earlier one; the database keeps
                 it for the runs after (default: the one set before, else
                 the linker's own, which pledge --version shows and giving
                 it sets back; pledge stats shows which)
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

// checkNames refuses a filter that names what the database does not hold:
// a domain no commitment or model has, a party of no statement, a year of
// no statement (0: none given). A mistyped name selects nothing, and
// should say so, with the names there are, not print an empty list.
func checkNames(ctx context.Context, store *track.Store, command, domain string, with []string, year int) error {
	if domain != "" {
		known, err := store.Domains(ctx)
		if err != nil {
			return err
		}
		if !known[domain] {
			return fmt.Errorf("%s: --domain %q: not a domain of %s (its domains: %s)",
				command, domain, store.Path(), listed(orderedDomains(slices.Collect(maps.Keys(known)))))
		}
	}
	if len(with) > 0 {
		parties, err := store.Parties(ctx)
		if err != nil {
			return err
		}
		for i, p := range with {
			if slices.Contains(parties, p) && utf8.RuneCountInString(p) > 1 {
				continue
			}
			// A short name (巴, 云岚 of 云岚王国) or one in traditional
			// script stands for the one party of the database that
			// starts so.
			short := script.Simplify(p)
			var starts []string
			for _, q := range parties {
				if strings.HasPrefix(q, short) {
					starts = append(starts, q)
				}
			}
			switch {
			case slices.Contains(parties, short) && utf8.RuneCountInString(short) > 1:
				with[i] = short
			case len(starts) > 1:
				return fmt.Errorf("%s: --with %s: more than one party of %s starts so (%s): give the name", command, p, store.Path(), listed(starts))
			case len(starts) == 1:
				with[i] = starts[0]
			default:
				return fmt.Errorf("%s: --with %s: no statement of %s has that party (its parties: %s)", command, p, store.Path(), listed(parties))
			}
		}
	}
	if year != 0 {
		years, err := store.Years(ctx)
		if err != nil {
			return err
		}
		if !slices.Contains(years, year) {
			var ys []string
			for _, y := range years {
				if y == 0 {
					ys = append(ys, "undated")
				} else {
					ys = append(ys, strconv.Itoa(y))
				}
			}
			return fmt.Errorf("%s: --year %d: no statement of %s is of that year (its years: %s)", command, year, store.Path(), listed(ys))
		}
	}
	return nil
}

// listed lists names for a message, the first 20 of them.
func listed(names []string) string {
	switch {
	case len(names) == 0:
		return "none yet"
	case len(names) > 20:
		return strings.Join(names[:20], ", ") + fmt.Sprintf(", … (%d in all)", len(names))
	}
	return strings.Join(names, ", ")
}
