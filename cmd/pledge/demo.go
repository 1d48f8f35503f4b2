package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"

	"pledge/data"
)

const demoUsage = `Usage: pledge demo [--json]

Runs pledge extract on three invented statements built into pledge: a web
page, a hard-wrapped newspaper page saved as GB18030, and a news feed with
half-width punctuation that reprints the newspaper's statement. It shows
what pledge does without any files of your own.

Flags:
  --json   print one JSON object per commitment per line, as pledge extract does

Example:
  pledge demo
`

func runDemo(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("demo", flag.ContinueOnError)
	asJSON := fl.Bool("json", false, "print one JSON object per commitment per line")
	rest, err := parseFlags(fl, demoUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("demo: unexpected argument %q", rest[0])}
	}
	names, err := fs.Glob(data.Demo, "demo/*.txt")
	if err != nil {
		return err
	}
	var inputs []input
	for _, n := range names {
		inputs = append(inputs, input{n, func() ([]byte, error) { return fs.ReadFile(data.Demo, n) }})
	}
	if !*asJSON {
		fmt.Fprintf(std.Stdout, "pledge demo: %d files of invented statements, built into pledge\n\n", len(names))
	}
	return extractAndPrint(ctx, inputs, *asJSON, std.Stdout, std.Stderr)
}
