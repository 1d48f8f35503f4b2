package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"pledge/extract"
	"pledge/ingest"
)

const extractUsage = `Usage: pledge extract [--json | --explain] [--date YYYY-MM-DD] [--max-size MB] FILE|FOLDER...

Reads each file, finds every joint statement in it with its date and its
commitments, and prints, per file, the statements found and then their
commitments. Files may be text (PDF text, news feeds), saved web pages,
Word documents (.docx) or PDFs (read with poppler's pdftotext), in UTF-8,
UTF-16 (with a byte-order mark), GB18030/GBK or Big5, in simplified or
traditional script; the encoding is detected. Folders are read with
everything in them.

A statement found in several files, or twice in one file, is listed once,
under the first file given that holds it; its other copies are reported as
duplicates. A file that cannot be read is reported on its own line and the
others are still read; pledge then exits with status 1.

A file that holds no statement is reported as such, and pledge then exits
with status 1 too; --explain shows why.

Flags:
  --json         print one JSON object per commitment per line, with the
                 keys file, statement, date, year, ordinal, section, text
                 and parties
  --explain      show what pledge saw in each file: the role it gave each
                 paragraph and the cues for it, and every stretch of text
                 that could be a statement, with its score and why it was
                 kept or dropped
` + dateUsage + maxSizeUsage + `
Examples:
  pledge extract 2021-treaty.txt
  pledge extract ~/statements
  pledge extract --json ~/statements > commitments.jsonl
  pledge extract --explain visit.txt
`

func runExtract(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("extract", flag.ContinueOnError)
	asJSON := fl.Bool("json", false, "print one JSON object per commitment per line")
	explain := fl.Bool("explain", false, "show the role of each paragraph and the score of each candidate statement")
	date := dateFlag(fl)
	maxSize := maxSizeFlag(fl)
	paths, err := parseFlags(fl, extractUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageError{"extract: no files given (pledge extract --help shows how)"}
	}
	if *asJSON && *explain {
		return usageError{"extract: --json and --explain do not go together"}
	}
	limit, err := sizeLimit("extract", *maxSize)
	if err != nil {
		return err
	}
	var inputs []input
	for _, p := range paths {
		inputs = append(inputs, expand(p, limit, nil, skipper(std.Stderr))...)
	}
	inputs, emptyFolders := withoutEmptyFolders("extract", inputs, std.Stderr)
	if len(inputs) == 0 {
		return reported{plural(emptyFolders, "folder") + " without files"}
	}
	if inputs[0].date, err = givenDate("extract", *date, inputs); err != nil {
		return err
	}
	if *explain {
		err = explainAll(ctx, inputs, std)
	} else {
		err = extractAndPrint(ctx, inputs, *asJSON, std.Stdout, std.Stderr)
	}
	if emptyFolders > 0 {
		if err == nil {
			err = fmt.Errorf("%s read", plural(len(inputs), "file"))
		}
		err = fmt.Errorf("%w, %s without files", err, plural(emptyFolders, "folder"))
	}
	return err
}

// document is what one input yielded: its statements, and for each the
// first copy when it is a duplicate.
type document struct {
	name       string
	statements []extract.Statement
	firsts     []*extract.Origin
}

// extractAndPrint reads every input, reports each that cannot be read on
// its own line, and prints what the others hold. All inputs are read before
// anything is printed, so that a later copy of a statement can supply what
// the first lacks (section numerals a reprint dropped).
func extractAndPrint(ctx context.Context, inputs []input, asJSON bool, stdout, stderr io.Writer) error {
	var docs []*document
	var seen extract.Seen
	failed := 0
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		sts, err := readStatements(ctx, in)
		if err != nil {
			fmt.Fprintf(stderr, "pledge: extract %s: %v\n", shown(in.name), explainHint(in.name, err))
			failed++
			continue
		}
		for _, st := range sts {
			printProblems(stderr, "extract", in.name, st.Title, st.Problems)
		}
		d := &document{name: in.name, statements: sts, firsts: make([]*extract.Origin, len(sts))}
		for i := range d.statements {
			if o, dup := seen.Add(in.name, i+1, &d.statements[i]); dup {
				d.firsts[i] = &o
			}
		}
		docs = append(docs, d)
	}
	var err error
	if asJSON {
		err = printJSON(stdout, docs)
	} else {
		err = printText(stdout, docs)
	}
	if err != nil {
		return err
	}
	empty := 0
	for _, d := range docs {
		if len(d.statements) == 0 {
			empty++
		}
	}
	switch {
	case empty > 0:
		return fmt.Errorf("%s read, %d failed, %d without a statement (pledge extract --explain FILE shows what pledge saw in it)",
			plural(len(inputs)-failed, "file"), failed, empty)
	case failed > 0:
		return fmt.Errorf("%s read, %d failed", plural(len(inputs)-failed, "file"), failed)
	}
	return nil
}

func readStatements(ctx context.Context, in input) ([]extract.Statement, error) {
	data, err := in.read()
	if err != nil {
		return nil, unwrapPath(err)
	}
	return ingest.Read(ctx, data, in.hint(), in.limit)
}

// unwrapPath drops the path from a file system error, which the caller
// names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func printText(w io.Writer, docs []*document) error {
	ew := &errWriter{w: w}
	for k, d := range docs {
		if k > 0 {
			ew.printf("\n")
		}
		ew.printf("%s: %s\n", shown(d.name), plural(len(d.statements), "statement"))
		if len(d.statements) == 0 {
			ew.printf("  no joint statement found (pledge extract --explain %s shows why)\n", shown(d.name))
		}
		for i, st := range d.statements {
			ew.printf("  %d. %s  %s  %s", i+1, dateOrUnknown(st.Date), st.Title, plural(len(st.Commitments), "commitment"))
			if len(st.Parties) > 0 {
				ew.printf("  [%s]", strings.Join(st.Parties, ", "))
			}
			if o := d.firsts[i]; o != nil {
				ew.printf("  (duplicate of %s statement %d)", shown(o.File), o.Index)
			}
			if note := dateNote(st); note != "" {
				ew.printf("  (%s)", note)
			}
			ew.printf("\n")
		}
		for i, st := range d.statements {
			if d.firsts[i] != nil || len(st.Commitments) == 0 {
				continue
			}
			ew.printf("\n  %s  %s\n", dateOrUnknown(st.Date), st.Title)
			for _, c := range st.Commitments {
				section := ""
				if c.Section != "" {
					section = "[" + c.Section + "] "
				}
				ew.printf("  %4d. %s%s\n", c.Ordinal, section, c.Text)
			}
		}
	}
	return ew.err
}

// jsonCommitment is one line of pledge extract --json.
type jsonCommitment struct {
	File      string   `json:"file"`
	Statement string   `json:"statement"`
	Date      string   `json:"date"`
	Year      *int     `json:"year"` // null when the statement has no date
	Ordinal   int      `json:"ordinal"`
	Section   string   `json:"section"`
	Text      string   `json:"text"`
	Parties   []string `json:"parties"` // [] when the statement names none
}

func printJSON(w io.Writer, docs []*document) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		for i, st := range d.statements {
			if d.firsts[i] != nil {
				continue
			}
			var year *int
			if !st.Date.IsZero() {
				year = &st.Date.Year
			}
			parties := st.Parties
			if parties == nil {
				parties = []string{}
			}
			for _, c := range st.Commitments {
				err := enc.Encode(jsonCommitment{d.name, st.Title, st.Date.String(), year, c.Ordinal, c.Section, c.Text, parties})
				if err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// dateNote says where a statement's date came from when the text did not
// give it whole: the file's name or --date, or a dateline's year taken
// from one of them.
func dateNote(st extract.Statement) string { return strings.TrimPrefix(hintNote(st.DateFrom), "; ") }

// hintNote says, after a count on ingest's lines, that a date came (whole
// or its year) from the file's name or --date rather than the text.
func hintNote(from string) string {
	if strings.Contains(from, "file name") || strings.Contains(from, "--date") {
		return "; dated by " + from
	}
	return ""
}

func dateOrUnknown(d extract.Date) string {
	if d.IsZero() {
		return "(no date found)"
	}
	return d.String()
}

// one is singular when n is 1, else plural: "is" or "are".
func one(n int, singular, plural string) string {
	if n == 1 {
		return singular
	}
	return plural
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// errWriter keeps the first write error, so that printing a long report
// (to a closed pipe, say) is checked once at the end.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
