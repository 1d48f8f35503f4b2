package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"pledge/classify"
	"pledge/ingest"
	"pledge/track"
)

const ingestUsage = `Usage: pledge ingest [--db FILE] [--model FILE] [--date YYYY-MM-DD] [--verbose] PATH...

Reads files and folders of statements, finds the commitments in them,
labels each with its domain and stores everything in the database, then
links each commitment to its best match in earlier statements, to tell
recurring commitments from new ones. Folders are read with everything in
them; of their files, those ending in .txt, .htm, .html, .pdf (read with
poppler's pdftotext) or .docx are read and the others skipped with a note.
Files are read on every core; each statement is stored in one
transaction, whole or not at all; a statement stored already (from another
file or an earlier run) is not stored again, and a file read before and
unchanged since is not read again. A file that cannot be read is reported
with its reason, the others still go in, and pledge exits with status 1.

On a terminal a progress bar shows how far it got; a line at the end says
what the run did.

Flags:
` + dbFlagUsage + `  --model FILE   label with a model saved by pledge train (default: the
                 model the database was last labelled with by pledge
                 reclassify or a retraining in pledge serve, else the
                 built-in model)
  --threshold T  similarity at which a commitment recurs (default 0.15)
  --across-parties
                 link commitments across statements between different
                 parties (by default only within the same parties; see
                 pledge relink)
  --verbose      print what became of each file's statements
` + dateUsage + maxSizeUsage + `
Examples:
  pledge ingest ~/statements
  pledge ingest --db russia.db 2019-visit.txt 2024-visit.html
`

func runIngest(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("ingest", flag.ContinueOnError)
	db := dbFlag(fl)
	model := fl.String("model", "", "a model saved by pledge train")
	threshold := fl.Float64("threshold", track.DefaultThreshold, "similarity at which a commitment recurs")
	maxSize := maxSizeFlag(fl)
	across := fl.Bool("across-parties", false, "link across statements between different parties")
	verbose := fl.Bool("verbose", false, "print what became of each file's statements")
	date := dateFlag(fl)
	paths, err := parseFlags(fl, ingestUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageError{"ingest: no files or folders given (pledge ingest --help shows how)"}
	}
	if err := checkThreshold("ingest", *threshold); err != nil {
		return err
	}
	limit, err := sizeLimit("ingest", *maxSize)
	if err != nil {
		return err
	}
	var inputs []input
	for _, p := range paths {
		inputs = append(inputs, expand(p, limit, statementFile, skipper(std.Stderr))...)
	}
	inputs, emptyFolders := withoutEmptyFolders("ingest", inputs, std.Stderr)
	if len(inputs) > 0 {
		if inputs[0].date, err = givenDate("ingest", *date, inputs); err != nil {
			return err
		}
	}
	if !readable(inputs) {
		// Nothing to store: the database is not opened, so not made.
		return nothingToIngest(inputs, emptyFolders, *db, std)
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	m, err := ingestModel(ctx, store, *model, std.Stderr)
	if err != nil {
		return err
	}
	in, err := ingest.Lazy(ctx, store, m, func() (*classify.Classifier, error) {
		seg, err := segmenter()
		if err != nil {
			return nil, err
		}
		return &classify.Classifier{Tokenizer: classify.DefaultTokenizer(seg), Model: m}, nil
	})
	if err != nil {
		return err
	}
	in.Threshold = *threshold
	in.MaxWeight = limit
	if *across {
		if err := store.SetAcrossParties(ctx, true); err != nil {
			return err
		}
	}
	return ingestAll(ctx, store, in, inputs, emptyFolders, *verbose, std)
}

// nothingToIngest reports inputs of which none can be read, and what the
// run did, which is nothing.
func nothingToIngest(inputs []input, emptyFolders int, db string, std IO) error {
	for _, in := range inputs {
		fmt.Fprintf(std.Stderr, "pledge: ingest %s: %v\n", shown(in.name), unwrapPath(in.err))
	}
	made := "the database " + db + " holds what it held"
	if _, err := os.Stat(db); err != nil {
		made = "no database was made"
	}
	summary := runSummary(0, 0, len(inputs), emptyFolders)
	fmt.Fprintf(std.Stdout, "%s; nothing stored, and %s\n", summary, made)
	return reported{summary}
}

// runSummary is how a run of ingest went: the files ingested, those of
// them unchanged, those that failed, and the folders given that held no
// file.
func runSummary(ok, unchanged, failed, emptyFolders int) string {
	s := plural(ok, "file") + " ingested"
	if unchanged > 0 {
		s += fmt.Sprintf(" (%d unchanged, not read again)", unchanged)
	}
	s += fmt.Sprintf(", %d failed", failed)
	if emptyFolders > 0 {
		s += ", " + plural(emptyFolders, "folder") + " without files"
	}
	return s
}

// statementFile reports whether a file in a folder is read by ingest.
func statementFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".htm", ".html", ".pdf", ".docx", ".doc":
		return true
	}
	return false
}

// ingestAll stores the inputs, reporting the problems of each and, when
// verbose, what became of each file's statements, and ends with a line of
// what the run did. An interruption stops after the statement in
// progress, which is stored whole or not at all; what was stored is
// linked and reported.
func ingestAll(ctx context.Context, store *track.Store, in *ingest.Ingester, inputs []input, emptyFolders int, verbose bool, std IO) error {
	var failed, stored, known, unchanged, seen int
	bar := newProgress(std.Stderr, "ingest", len(inputs))
	ins := make([]ingest.Input, len(inputs))
	for i, f := range inputs {
		ins[i] = ingest.Input{Name: f.name, Read: f.read, Date: f.date}
	}
	done, err := in.Run(ctx, ins, func(r ingest.Result) {
		seen++
		for _, s := range r.Found {
			if s.Added {
				stored++
			} else {
				known++
			}
		}
		switch {
		case r.Err != nil && !errors.Is(r.Err, context.Canceled) && !errors.Is(r.Err, context.DeadlineExceeded):
			failed++
			bar.clear()
			fmt.Fprintf(std.Stderr, "pledge: ingest %s: %v\n", shown(r.Name), explainHint(r.Name, unwrapPath(r.Err)))
		case r.Unchanged:
			unchanged++
			if verbose {
				bar.clear()
				fmt.Fprintf(std.Stdout, "%s: unchanged since it was read\n", shown(r.Name))
			}
		case verbose:
			bar.clear()
			printFound(std.Stdout, r.Name, r.Found, r.Copy)
		}
		for _, f := range r.Found {
			if f.Added {
				bar.clear()
				printProblems(std.Stderr, "ingest", r.Name, f.Title, f.Problems)
			}
		}
		bar.set(seen)
	})
	bar.clear()
	interrupted := errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
	if err != nil && !interrupted {
		return err
	}
	ctx = context.WithoutCancel(ctx)
	sts, commitments, err := store.Count(ctx)
	if err != nil {
		return err
	}
	ok := done - failed
	summary := runSummary(ok, unchanged, failed, emptyFolders)
	fmt.Fprintf(std.Stdout, "%s; %s stored, %d already there; the database %s holds %s and %s\n",
		summary, plural(stored, "statement"), known, store.Path(), plural(sts, "statement"), plural(commitments, "commitment"))
	switch {
	case interrupted:
		return fmt.Errorf("interrupted after %d of %d files; what was stored is whole, and running the same command again finishes the job", done, len(inputs))
	case failed > 0 || emptyFolders > 0:
		return reported{summary}
	}
	return nil
}

// printProblems prints, one line each, what was wrong with a statement of
// a file that was still read.
func printProblems(w io.Writer, command, file, title string, problems []string) {
	for _, p := range problems {
		fmt.Fprintf(w, "pledge: %s %s: warning: %s: %s\n", command, shown(file), title, p)
	}
}

// printFound prints what became of the statements of a file.
func printFound(w io.Writer, name string, found []ingest.Found, copy bool) {
	if len(found) == 0 {
		return
	}
	note := ""
	if copy {
		note = " (a copy of a file read before)"
	}
	fmt.Fprintf(w, "%s:%s\n", shown(name), note)
	for _, s := range found {
		what := "stored"
		if !s.Added {
			what = "already stored"
		}
		fmt.Fprintf(w, "  %s  %s  %s (%s)\n", what, dateOrUnknown(s.Date), s.Title, plural(s.Commitments, "commitment"))
	}
}

// ingestModel is the model ingest labels with: the one in file path, or
// the one the database was last labelled again with, so that what is
// added is labelled as what is stored, or the built-in one.
func ingestModel(ctx context.Context, store *track.Store, path string, stderr io.Writer) (*classify.Model, error) {
	if path != "" {
		return loadModel(path)
	}
	m, _, err := store.CurrentModel(ctx)
	if err != nil {
		return nil, fmt.Errorf("the database's model: %w", err)
	}
	if m == nil {
		return loadModel("")
	}
	if builtin, err := loadModel(""); err == nil && builtin.Hash != m.Hash {
		fmt.Fprintf(stderr, "pledge: labelling with the model the database was last labelled with (%.12s), not the built-in one\n", m.Hash)
	}
	return m, nil
}
