package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"pledge/extract"
	"pledge/internal/pdftext"
)

const extractUsage = `Usage: pledge extract [--json | --explain] FILE|FOLDER...

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
  --json     print one JSON object per commitment per line, with the keys
             file, statement, date, year, ordinal, section, text and parties
  --explain  show what pledge saw in each file: the role it gave each
             paragraph and the cues for it, and every stretch of text that
             could be a statement, with its score and why it was kept or
             dropped

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
	var inputs []input
	for _, p := range paths {
		inputs = append(inputs, expand(p, *maxSize<<20, nil, nil)...)
	}
	if *explain {
		return explainAll(ctx, inputs, std)
	}
	return extractAndPrint(ctx, inputs, *asJSON, std.Stdout, std.Stderr)
}

// input is one file to read: a path on disk, or a file built into pledge.
type input struct {
	name string
	read func() ([]byte, error)
}

// expand turns a command-line path into the files to read: the file itself,
// or the files under a folder that accept takes (every file when accept is
// nil), in name order, leaving out hidden ones. A path that cannot be
// listed becomes an input that fails when read, so it is reported with the
// others. skip is told of each file of a folder that accept refused.
func expand(path string, limit int64, accept func(name string) bool, skip func(path string)) []input {
	info, err := os.Stat(path)
	if err != nil || !info.IsDir() {
		return []input{diskInput(path, limit)}
	}
	var out []input
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, failedInput(p, err))
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != path {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if accept != nil && !accept(d.Name()) {
			skip(p)
			return nil
		}
		out = append(out, diskInput(p, limit))
		return nil
	})
	if err == nil && len(out) == 0 {
		err = errors.New("folder holds no files to read")
	}
	if err != nil {
		out = append(out, failedInput(path, err))
	}
	return out
}

// text reads the input and, for a PDF, its text through pdftotext: what
// extract.Document reads.
func (in input) text(ctx context.Context) ([]byte, error) {
	data, err := in.read()
	if err == nil && pdftext.IsPDF(data) {
		return pdftext.Text(ctx, data)
	}
	return data, err
}

func failedInput(path string, err error) input {
	return input{path, func() ([]byte, error) { return nil, err }}
}

func diskInput(path string, limit int64) input {
	return input{path, func() ([]byte, error) { return readLimited(path, limit) }}
}

// defaultMaxSize bounds the files pledge reads: reading takes about six
// times a file's size in memory, and a statement is rarely over 1 MB, so a
// larger file is more likely a mistake than a statement.
const defaultMaxSize = 32 << 20

const maxSizeUsage = `  --max-size MB  refuse files larger than this (default 32); reading a
                 file takes about six times its size in memory
`

// maxSizeFlag registers --max-size on fl, in megabytes.
func maxSizeFlag(fl *flag.FlagSet) *int64 {
	return fl.Int64("max-size", defaultMaxSize>>20, "refuse files larger than this many megabytes")
}

// readLimited reads a file of at most limit bytes. A larger one is refused
// before it is read, with the size and how to raise the limit.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	tooLarge := func(size int64) error {
		return fmt.Errorf("file is %d MB, larger than the %d MB limit (--max-size %d reads it)",
			(size+1<<20-1)>>20, limit>>20, (size+1<<20-1)>>20)
	}
	if info.Size() > limit {
		return nil, tooLarge(info.Size())
	}
	// The file may grow while it is read: read no more than the limit.
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(b)) > limit {
		return nil, tooLarge(int64(len(b)))
	}
	return b, err
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
			fmt.Fprintf(stderr, "pledge: extract %s: %v\n", in.name, err)
			failed++
			continue
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
	data, err := in.text(ctx)
	if err != nil {
		return nil, unwrapPath(err)
	}
	return extract.Document(data)
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
		ew.printf("%s: %s\n", d.name, plural(len(d.statements), "statement"))
		if len(d.statements) == 0 {
			ew.printf("  no joint statement found (pledge extract --explain %s shows why)\n", d.name)
		}
		for i, st := range d.statements {
			ew.printf("  %d. %s  %s  %s", i+1, dateOrUnknown(st.Date), st.Title, plural(len(st.Commitments), "commitment"))
			if len(st.Parties) > 0 {
				ew.printf("  [%s]", strings.Join(st.Parties, ", "))
			}
			if o := d.firsts[i]; o != nil {
				ew.printf("  (duplicate of %s statement %d)", o.File, o.Index)
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

func dateOrUnknown(d extract.Date) string {
	if d.IsZero() {
		return "(no date found)"
	}
	return d.String()
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
