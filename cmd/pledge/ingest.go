package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"pledge/classify"
	"pledge/ingest"
	"pledge/track"
)

const ingestUsage = `Usage: pledge ingest [--db FILE] [--model FILE] [--threshold T] [--across-parties] [--verbose]
                    [--prune] [--date YYYY-MM-DD] [--max-size MB] PATH...

Reads files and folders of statements, finds the commitments in them,
labels each with its domain and stores everything in the database, then
links each commitment to its best match in earlier statements, to tell
recurring commitments from new ones. Folders are read with everything in
them; of their files, those ending in .txt, .htm, .html, .pdf (read with
poppler's pdftotext) or .docx are read, and the others (a README, images,
hidden files) counted at the end and named with --verbose.
Files are read on every core; each statement is stored in one
transaction, whole or not at all; a statement stored already (from another
file or an earlier run) is not stored again, and a file read before and
unchanged since is not read again. A file that cannot be read is reported
with its reason, the others still go in, and pledge exits with status 1.

The folder is the truth. An edited file replaces, in one transaction,
what it alone held: a corrected date, title or parties is taken, and
said; your labels and link decisions move to the commitments of the same
text, and those that cannot are listed and set aside (pledge forget
--undo gives them back when the text returns). Files read before from a
folder given and gone from it now are named; --prune forgets them.

On a terminal a progress bar shows how far it got; a line at the end says
what the run did.

Flags:
` + dbFlagUsage + `  --model FILE   label with a model saved by pledge train (default: the
                 model the database was last labelled with by pledge
                 reclassify or a retraining in pledge serve, else the
                 built-in model)
` + thresholdUsage + `  --across-parties
                 link commitments across statements between different
                 parties (by default only within the same parties; see
                 pledge relink)
  --verbose      print what became of each file's statements, and name
                 the files of folders that are not read
  --prune        forget the files read before from a folder given that
                 are gone from it now (see pledge forget)
` + dateUsage + maxSizeUsage + `
Examples:
  pledge ingest ~/statements
  pledge ingest --db russia.db 2019-visit.txt 2024-visit.html
`

func runIngest(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("ingest", flag.ContinueOnError)
	db := dbFlag(fl)
	model := fl.String("model", "", "a model saved by pledge train")
	threshold := thresholdFlag(fl)
	maxSize := maxSizeFlag(fl)
	across := fl.Bool("across-parties", false, "link across statements between different parties")
	verbose := fl.Bool("verbose", false, "print what became of each file's statements")
	prune := fl.Bool("prune", false, "forget the files gone from the folders given")
	date := dateFlag(fl)
	paths, err := parseFlags(fl, ingestUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageError{"ingest: no files or folders given (pledge ingest --help shows how)"}
	}
	setThreshold, err := givenThreshold("ingest", fl, *threshold)
	if err != nil {
		return err
	}
	limit, err := sizeLimit("ingest", *maxSize)
	if err != nil {
		return err
	}
	// Files are known by their absolute paths, whatever folder pledge runs
	// in.
	var inputs []input
	others := 0
	for i, p := range paths {
		if paths[i], err = filepath.Abs(p); err != nil {
			return fmt.Errorf("ingest %s: %w", p, err)
		}
		inputs = append(inputs, expand(paths[i], limit, statementFile, quietSkipper(std.Stderr, *verbose, &others))...)
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
	_, statErr := os.Stat(*db)
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
	in.MaxWeight = limit
	if setThreshold {
		if err := store.SetThreshold(ctx, *threshold); err != nil {
			return err
		}
	}
	if *across {
		if err := store.SetAcrossParties(ctx, true); err != nil {
			return err
		}
	}
	if err := adoptPaths(ctx, store, inputs); err != nil {
		return err
	}
	err = ingestAll(ctx, store, in, inputs, runCounts{others: others, emptyFolders: emptyFolders, created: statErr != nil}, *verbose, std)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return errors.Join(err, gone(context.WithoutCancel(ctx), store, paths, inputs, *prune, std))
}

// adoptPaths records under their absolute paths the files being read that
// an earlier version of pledge recorded by the relative path they were
// given by, so that they are known unchanged.
func adoptPaths(ctx context.Context, store *track.Store, inputs []input) error {
	known, err := store.RelativePaths(ctx)
	if err != nil {
		return err
	}
	reading := map[string]bool{}
	for _, in := range inputs {
		reading[in.name] = true
	}
	renames := map[string]string{}
	for _, p := range known {
		if abs, err := filepath.Abs(p); err == nil && reading[abs] {
			renames[p] = abs
		}
	}
	return store.RenamePaths(ctx, renames)
}

// gone names the files read before from under the paths given that are
// gone from them now (or no longer read: hidden, or of another kind), and
// with prune forgets them.
func gone(ctx context.Context, store *track.Store, paths []string, inputs []input, prune bool, std IO) error {
	known, err := store.PathsUnder(ctx, paths...)
	if err != nil {
		return err
	}
	reading := map[string]bool{}
	for _, in := range inputs {
		reading[in.name] = true
	}
	var lost []string
	for _, p := range known {
		if _, err := os.Stat(p); err != nil || !reading[p] {
			lost = append(lost, p)
		}
	}
	if len(lost) == 0 {
		return nil
	}
	slices.Sort(lost)
	if !prune {
		names := make([]string, len(lost))
		for i, p := range lost {
			names[i] = shown(p)
		}
		fmt.Fprintf(std.Stderr, "pledge: ingest: %s read before %s gone or no longer read: %s; pledge forget FILE… or pledge ingest --prune removes what only %s held\n",
			plural(len(lost), "file"), one(len(lost), "is", "are"), listSome(names, 5), one(len(lost), "it", "they"))
		return nil
	}
	f, err := store.Forget(ctx, lost)
	if err != nil {
		return err
	}
	if err := linkPending(ctx, store, std.Stderr); err != nil {
		return err
	}
	printForgotten(std.Stdout, f)
	sts, commitments, err := store.Count(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(std.Stdout, "the database %s now holds %s and %s\n", store.Path(), plural(sts, "statement"), plural(commitments, "commitment"))
	return nil
}

// listSome lists up to n items, and how many more there are.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
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
	summary := runCounts{failed: len(inputs), emptyFolders: emptyFolders}.summary(false)
	fmt.Fprintf(std.Stdout, "%s; nothing stored, and %s\n", summary, made)
	return reported{summary}
}

// runCounts are what a run of ingest did with the files it was given.
type runCounts struct {
	ok, edited, unchanged, failed int
	noStatement                   int  // of unchanged, those that held no statement before
	others                        int  // files of folders plainly not statements, skipped
	emptyFolders                  int  // folders given that held no file
	created                       bool // the database was made by this run
}

// summary says how a run of ingest went, for its last line.
func (c runCounts) summary(verbose bool) string {
	s := plural(c.ok, "file") + " ingested"
	var notes []string
	if c.edited > 0 {
		notes = append(notes, fmt.Sprintf("%d edited, read again", c.edited))
	}
	if n := c.unchanged - c.noStatement; n > 0 {
		notes = append(notes, fmt.Sprintf("%d unchanged, not read again", n))
	}
	if c.noStatement > 0 {
		notes = append(notes, fmt.Sprintf("%d holding no statement when read before, unchanged", c.noStatement))
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	s += fmt.Sprintf(", %d failed", c.failed)
	if c.others > 0 {
		s += ", " + plural(c.others, "other file") + " skipped"
		if !verbose {
			s += " (--verbose names " + one(c.others, "it", "them") + ")"
		}
	}
	if c.emptyFolders > 0 {
		s += ", " + plural(c.emptyFolders, "folder") + " without files"
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
// what the run did, with counts the files of folders left out. An
// interruption stops after the statement in progress, which is stored
// whole or not at all; what was stored is linked and reported.
func ingestAll(ctx context.Context, store *track.Store, in *ingest.Ingester, inputs []input, counts runCounts, verbose bool, std IO) error {
	var failed, stored, known, unchanged, noStatement, edited, seen int
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
			if r.NoStatement {
				noStatement++
			}
			if verbose {
				bar.clear()
				what := "unchanged since it was read"
				if r.NoStatement {
					what = "held no statement when read before, and is unchanged"
				}
				fmt.Fprintf(std.Stdout, "%s: %s\n", shown(r.Name), what)
			}
		case r.Edited:
			edited++
			bar.clear()
			printEdited(std.Stdout, r)
		case verbose:
			bar.clear()
			printFound(std.Stdout, r.Name, r.Found, r.Copy)
		}
		for _, f := range r.Found {
			if f.Added {
				bar.clear()
				printProblems(std.Stderr, "ingest", r.Name, f.Title, f.Problems)
			}
			if !r.Edited {
				bar.clear()
				printProblems(std.Stderr, "ingest", r.Name, f.Title, f.Changes)
			}
		}
		bar.set(seen)
	})
	bar.clear()
	noteLinked(std.Stderr, in.Linked)
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
	counts.ok, counts.edited, counts.unchanged, counts.noStatement, counts.failed = ok, edited, unchanged, noStatement, failed
	which := "the database"
	if counts.created {
		which = "the new database"
	}
	fmt.Fprintf(std.Stdout, "%s; %s stored, %d already there; %s %s holds %s and %s\n",
		counts.summary(verbose), plural(stored, "statement"), known, which, store.Path(), plural(sts, "statement"), plural(commitments, "commitment"))
	if stored > 0 {
		if n, err := store.Restorable(ctx); err != nil {
			return err
		} else if n > 0 {
			fmt.Fprintf(std.Stdout, "%s, set aside before, can come back now: pledge forget --undo gives %s back\n",
				yourDecisions(n), one(n, "it", "them"))
		}
	}
	switch {
	case interrupted:
		return fmt.Errorf("interrupted after %d of %d files; what was stored is whole, and running the same command again finishes the job", done, len(inputs))
	case failed > 0 || counts.emptyFolders > 0:
		// The error says what failed, not what was skipped as it should be.
		counts.edited, counts.unchanged, counts.others = 0, 0, 0
		return reported{counts.summary(verbose)}
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
		fmt.Fprintf(w, "  %s  %s  %s (%s%s)\n", what, dateOrUnknown(s.Date), s.Title, plural(s.Commitments, "commitment"), hintNote(s.DateFrom))
	}
}

// printEdited prints what reading an edited file again changed: the
// statements it replaced or removed, what changed of those it still holds,
// and what became of people's decisions on what went.
func printEdited(w io.Writer, r ingest.Result) {
	fmt.Fprintf(w, "%s: edited since it was read\n", shown(r.Name))
	for _, s := range r.Removed {
		if s.Became != 0 {
			fmt.Fprintf(w, "  replaced  %s  %s: %s (its commitments have new ids)\n", dateOr(s.Date), s.Title, strings.Join(s.Changes, "; "))
		} else {
			fmt.Fprintf(w, "  removed   %s  %s (%s): no longer in the file\n", dateOr(s.Date), s.Title, plural(s.Commitments, "commitment"))
		}
	}
	replaced := map[int64]bool{}
	for _, s := range r.Removed {
		replaced[s.Became] = true
	}
	for _, f := range r.Found {
		switch {
		case len(f.Changes) > 0:
			fmt.Fprintf(w, "  changed   %s  %s: %s\n", dateOrUnknown(f.Date), f.Title, strings.Join(f.Changes, "; "))
		case f.Added && !replaced[f.ID]:
			fmt.Fprintf(w, "  stored    %s  %s (%s%s)\n", dateOrUnknown(f.Date), f.Title, plural(f.Commitments, "commitment"), hintNote(f.DateFrom))
		}
	}
	if r.Moved > 0 {
		fmt.Fprintf(w, "  %s moved to the same text in the edited file\n", yourDecisions(r.Moved))
	}
	printSetAside(w, "  ", r.SetAside, "the text is no longer in the file")
}

// printSetAside lists decisions set aside, and how they come back.
func printSetAside(w io.Writer, indent string, ds []track.Decision, why string) {
	if len(ds) == 0 {
		return
	}
	fmt.Fprintf(w, "%s%s set aside, as %s (pledge forget --undo gives %s back once the text is in the database again):\n",
		indent, yourDecisions(len(ds)), why, one(len(ds), "it", "them"))
	for _, d := range ds {
		fmt.Fprintf(w, "%s  %s\n", indent, decisionLine(d))
	}
}

// yourDecisions counts a person's decisions, as the person reads them.
func yourDecisions(n int) string {
	if n == 1 {
		return "your decision"
	}
	return fmt.Sprintf("%d of your decisions", n)
}

// decisionLine says a decision set aside in a line.
func decisionLine(d track.Decision) string {
	what := "labelled " + d.Domain
	switch {
	case d.Kind == "link" && d.Previous == "":
		what = "judged new"
	case d.Kind == "link":
		what = fmt.Sprintf("repeats %q", clip(d.Previous, 30))
	}
	return fmt.Sprintf("%q (%s) %s", clip(d.Text, 30), d.Statement, what)
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
