package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"pledge/track"
)

const ingestUsage = `Usage: pledge ingest [--db FILE] [--model FILE] PATH...

Reads files and folders of statements, finds the commitments in them,
labels each with its domain and stores everything in the database, then
links each commitment to its best match in earlier statements, to tell
recurring commitments from new ones. Folders are read with everything in
them; of their files, those ending in .txt, .htm, .html, .pdf (read with
poppler's pdftotext) or .docx are read and the others skipped with a note. Each statement is stored in one transaction,
whole or not at all; a statement stored already (from another file or an
earlier run) is not stored again. A file that cannot be read is reported
with its reason, the others still go in, and pledge exits with status 1.

Flags:
` + dbFlagUsage + `  --model FILE   label with a model saved by pledge train (default: the
                 built-in model)
  --threshold T  similarity at which a commitment recurs (default 0.15)
  --across-parties
                 link commitments across statements between different
                 parties (by default only within the same parties; see
                 pledge relink)
` + maxSizeUsage + `
Examples:
  pledge ingest ~/statements
  pledge ingest --db russia.db 2019-visit.txt 2024-visit.html
`

// progressEvery is how many files pass between progress lines on a long run.
const progressEvery = 25

func runIngest(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("ingest", flag.ContinueOnError)
	db := dbFlag(fl)
	model := fl.String("model", "", "a model saved by pledge train")
	threshold := fl.Float64("threshold", track.DefaultThreshold, "similarity at which a commitment recurs")
	maxSize := maxSizeFlag(fl)
	across := fl.Bool("across-parties", false, "link across statements between different parties")
	paths, err := parseFlags(fl, ingestUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageError{"ingest: no files or folders given (pledge ingest --help shows how)"}
	}
	var inputs []input
	for _, p := range paths {
		inputs = append(inputs, expand(p, *maxSize<<20, statementFile, func(p string) {
			fmt.Fprintf(std.Stderr, "pledge: skipped %s: not a .txt, .html, .pdf or .docx file\n", p)
		})...)
	}
	c, done, err := newClassifier(*model)
	if err != nil {
		return err
	}
	defer done()
	store, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	in, err := track.NewIngester(ctx, store, c)
	if err != nil {
		return err
	}
	if *across {
		if err := store.SetAcrossParties(ctx, true); err != nil {
			return err
		}
	}
	return ingestAll(ctx, store, in, inputs, *threshold, std)
}

// statementFile reports whether a file in a folder is read by ingest.
func statementFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".htm", ".html", ".pdf", ".docx", ".doc":
		return true
	}
	return false
}

// ingestAll stores the inputs one by one, reporting each, then relinks. An
// interruption stops after the statement in progress, which is stored
// whole or not at all; what was stored is linked and reported.
func ingestAll(ctx context.Context, store *track.Store, in *track.Ingester, inputs []input, threshold float64, std IO) error {
	var failed, stored, known, read int
	var interrupted error
	for k, f := range inputs {
		if err := ctx.Err(); err != nil {
			interrupted = err
			break
		}
		read = k
		if len(inputs) > progressEvery && k > 0 && k%progressEvery == 0 {
			fmt.Fprintf(std.Stderr, "pledge: %d of %d files read\n", k, len(inputs))
		}
		data, err := f.text(ctx)
		var found []track.Found
		if err == nil {
			found, err = in.File(ctx, f.name, data)
		}
		printFound(std.Stdout, f.name, found)
		for _, s := range found {
			if s.Added {
				stored++
			} else {
				known++
			}
		}
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			interrupted = err
			break
		}
		read = k + 1
		if err != nil {
			fmt.Fprintf(std.Stderr, "pledge: ingest %s: %v\n", f.name, explainHint(f.name, unwrapPath(err)))
			failed++
		}
	}
	// Link even after an interruption: what was stored is complete, and its
	// links should be too.
	if err := store.Relink(context.WithoutCancel(ctx), threshold); err != nil {
		return fmt.Errorf("linking commitments: %w", err)
	}
	sts, err := store.Statements(context.WithoutCancel(ctx))
	if err != nil {
		return err
	}
	commitments := 0
	for _, s := range sts {
		commitments += s.Commitments
	}
	done := read - failed
	fmt.Fprintf(std.Stdout, "\n%s ingested, %d failed; %s stored, %d already there; the database %s holds %s and %s\n",
		plural(done, "file"), failed, plural(stored, "statement"), known, store.Path(),
		plural(len(sts), "statement"), plural(commitments, "commitment"))
	switch {
	case interrupted != nil:
		return fmt.Errorf("interrupted after %d of %d files; what was stored is whole, and running the same command again finishes the job", read, len(inputs))
	case failed > 0:
		return fmt.Errorf("%s ingested, %d failed", plural(done, "file"), failed)
	}
	return nil
}

func printFound(w io.Writer, name string, found []track.Found) {
	if len(found) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", name)
	for _, s := range found {
		what := "stored"
		if !s.Added {
			what = "already stored"
		}
		fmt.Fprintf(w, "  %s  %s  %s (%s)\n", what, dateOrUnknown(s.Date), s.Title, plural(s.Commitments, "commitment"))
	}
}
