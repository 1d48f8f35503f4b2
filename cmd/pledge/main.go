// Command pledge finds the commitments in joint statements between
// governments and tracks them over time. Run pledge --help for its commands.
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
	{"show", "one commitment and the earlier ones it recurs from", runShow},
	{"export", "every commitment as CSV or JSON", runExport},
	{"report", "an HTML report with charts, to read or print", runReport},
	{"serve", "review and correct the database in the browser", runServe},
	{"label", "correct the domain of a commitment", runLabel},
	{"link", "correct what a commitment repeats, or mark it new", runLink},
	{"reclassify", "label the stored commitments again with a model", runReclassify},
	{"relink", "link commitments again, within or across parties", runRelink},
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
Run 'pledge <command> --help' for a command's flags and examples.

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
			return nil, usageError{fmt.Sprintf("%s: %v (pledge %[1]s --help shows the flags)", fs.Name(), err)}
		}
		if fs.NArg() == 0 {
			return append(rest, after...), nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
