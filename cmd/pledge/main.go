package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C (or SIGTERM) asks the command to stop after the
	// statement in progress; a command busy with one thing for long (a huge
	// file) is stopped after stopGrace all the same, and a second signal
	// stops the program at once. The database survives either: each
	// statement is stored in a transaction, and links left undone are
	// recorded for the next command.
	finished := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
		case <-finished:
			return
		}
		stop()
		select {
		case <-finished:
		case <-time.After(stopGrace):
			fmt.Fprintln(os.Stderr, "pledge: stopped")
			os.Exit(1)
		}
	}()
	// PLEDGE_CPUPROFILE=FILE writes a CPU profile of the run: for finding
	// where a slow command spends its time (go tool pprof FILE).
	if path := os.Getenv("PLEDGE_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil && pprof.StartCPUProfile(f) == nil {
			defer f.Close()
		}
	}
	err := Run(ctx, os.Args[1:], IO{os.Stdin, os.Stdout, os.Stderr})
	close(finished)
	pprof.StopCPUProfile()
	stop()
	if err != nil {
		var r reported
		if errors.As(err, &r) {
			os.Exit(1) // said already
		}
		fmt.Fprintln(os.Stderr, "pledge:", err)
		var u usageError
		if errors.As(err, &u) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// stopGrace is how long a command has to stop after the first signal.
const stopGrace = time.Second

// IO is where a command reads and writes.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// command is one subcommand of pledge.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, std IO) error
}

var commands = []command{
	{"ingest", "store the statements of files and folders in the database", runIngest},
	{"tally", "commitments per domain per year", runTally},
	{"new", "new policy areas and new commitments of a year", runNew},
	{"list", "list commitments by year, domain, status or text", runList},
	{"stats", "what the database holds, and how it links", runStats},
	{"show", "one commitment and the earlier ones it recurs from", runShow},
	{"export", "every commitment as CSV or JSON", runExport},
	{"report", "an HTML report with charts, to read or print", runReport},
	{"serve", "review and correct the database in the browser", runServe},
	{"label", "correct the domain of a commitment", runLabel},
	{"link", "correct what a commitment repeats, or mark it new", runLink},
	{"reclassify", "label the stored commitments again with a model", runReclassify},
	{"relink", "link commitments again, within or across parties", runRelink},
	{"forget", "remove what deleted or unwanted files held", runForget},
	{"common", "what one party promises several partners", runCommon},
	{"extract", "find the statements, dates and commitments in files", runExtract},
	{"classify", "label texts with their policy domain", runClassify},
	{"eval", "measure how well the domain model labels", runEval},
	{"train", "train a domain model on labelled data", runTrain},
	{"demo", "run pledge on the demo statements built into it", runDemo},
}

const usage = `pledge finds the commitments in joint statements between governments.

Usage:
  pledge <command> [flags] [arguments]

Commands:
%s
Run 'pledge <command> --help' for a command's flags and examples, and
'pledge --version' for the versions of pledge, its model and its linker.

Examples:
  pledge ingest ~/statements      # store them in pledge.db
  pledge tally                    # commitments per domain per year
  pledge new                      # what the latest year brought
  pledge export -o commitments.csv
  pledge report -o report.html
  pledge serve                    # review and correct in the browser
`

// Run runs pledge with the command-line arguments args (without the program
// name). Errors come back to the caller, which prints them; a usageError
// means the command line itself was wrong.
func Run(ctx context.Context, args []string, std IO) error {
	if len(args) == 0 || isHelp(args[0]) || args[0] == "help" && len(args) == 1 {
		printUsage(std.Stdout)
		return nil
	}
	if args[0] == "--version" || args[0] == "-version" || args[0] == "version" {
		return printVersion(std.Stdout)
	}
	name := args[0]
	if name == "help" {
		name, args = args[1], []string{args[1], "--help"}
	}
	for _, c := range commands {
		if c.name == name {
			err := c.run(ctx, args[1:], std)
			if errors.Is(err, flag.ErrHelp) {
				return nil // the command printed its usage
			}
			return err
		}
	}
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	if near := nearest(name, names); near != "" {
		return usageError{fmt.Sprintf("unknown command %q; did you mean %s? (pledge --help lists the commands)", name, near)}
	}
	return usageError{fmt.Sprintf("unknown command %q (pledge --help lists the commands)", name)}
}

func printUsage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, usage, b.String())
}

func isHelp(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

// reported is the error of a command that has said what went wrong
// already: each problem on its own line, then what the run did. pledge
// exits with status 1 and prints nothing more.
type reported struct{ msg string }

func (e reported) Error() string { return e.msg }

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// parseFlags parses a subcommand's flags wherever they stand among its
// arguments (pledge extract a.txt --json), and returns the other arguments.
// Everything after "--" is an argument. --help prints usage to stdout and
// returns flag.ErrHelp; a wrong flag is a usageError of one line.
func parseFlags(fs *flag.FlagSet, usage string, args []string, stdout io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var rest, after []string
	for i, a := range args {
		if a == "--" {
			args, after = args[:i], args[i+1:]
			break
		}
	}
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage)
				return nil, err
			}
			return nil, usageError{fmt.Sprintf("%s: %s (pledge %[1]s --help lists the flags)", fs.Name(), flagError(fs, err))}
		}
		if fs.NArg() == 0 {
			return append(rest, after...), nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// flagError says what was wrong with a flag as a user reads it: the flag
// as they type it (--status, -o), what it wants, and for one that does
// not exist the flag they likely meant, instead of package flag's words
// (flag provided but not defined: -statuz).
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	// The messages of package flag, whose words are stable: it has no
	// error types to tell them apart.
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		s := "unknown flag " + dashed(name)
		if near := nearestFlag(fs, name); near != "" {
			s += "; did you mean " + dashed(near) + "?"
		}
		return s
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		name = strings.TrimLeft(name, "-")
		if w := wants(fs.Lookup(name)); w != "" {
			return dashed(name) + " needs a value: " + w
		}
		return dashed(name) + " needs a value"
	}
	for _, prefix := range []string{"invalid boolean value ", "invalid value "} {
		rest, ok := strings.CutPrefix(msg, prefix)
		if !ok {
			continue
		}
		value, err := strconv.QuotedPrefix(rest)
		if err != nil {
			break
		}
		rest = strings.TrimPrefix(strings.TrimPrefix(rest[len(value):], " for flag "), " for ")
		name, why, _ := strings.Cut(strings.TrimLeft(rest, "-"), ": ")
		if w := wants(fs.Lookup(name)); w != "" && (why == "parse error" || why == "value out of range" || prefix == "invalid boolean value ") {
			why = "want " + w
		}
		sep := " "
		if prefix == "invalid boolean value " {
			sep = "=" // --csv maybe would be --csv and an argument
		}
		if unquoted, _ := strconv.Unquote(value); unquoted != "" && !strings.ContainsAny(unquoted, " \t\"") {
			value = unquoted
		}
		return dashed(name) + sep + value + ": " + why
	}
	if arg, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return fmt.Sprintf("%q is not a flag: flags are --name or --name=value", arg)
	}
	return msg
}

// dashed is a flag as it is written: -o, --status.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// wants says what value a flag takes, or "" when its usage says better.
func wants(f *flag.Flag) string {
	if f == nil {
		return ""
	}
	if g, ok := f.Value.(flag.Getter); ok {
		switch g.Get().(type) {
		case bool:
			return "true or false"
		case int, int64:
			return "a whole number"
		case uint, uint64:
			return "a whole number, 0 or more"
		case float64:
			return "a number"
		}
	}
	return ""
}

// nearestFlag is the flag of fs whose name is nearest to name, within two
// edits (or, for a short name, one), or whose name starts with it; "" when
// none is near.
func nearestFlag(fs *flag.FlagSet, name string) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return nearest(name, names)
}

// nearest returns the one of names that name is most likely a mistyping
// of (a letter or two off, or its start), or "".
func nearest(name string, names []string) string {
	best, bestDist := "", 0
	for _, n := range names {
		d := editDistance(name, n)
		if strings.HasPrefix(n, name) && len(name) >= 2 {
			d = min(d, 1)
		}
		if d <= min(2, max(1, len(name)/3)) && (best == "" || d < bestDist) {
			best, bestDist = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, in bytes: flag
// names are ASCII.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
