// Package ingest stores the statements of files in a pledge database. Each
// file is read, its statements found and their commitments labelled by
// workers on every core; one writer stores them in the order the files
// came in, each statement in a transaction of its own, so that the
// database is the same as a serial run would make it; then the groups of
// parties that changed are linked again, and what the database keeps for
// its readers brought up to date (track's Summarise). A file read before,
// unchanged, is skipped without being read for statements.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"pledge/classify"
	"pledge/decode"
	"pledge/extract"
	"pledge/label"
	"pledge/track"
)

// Ingester stores the statements of files: it extracts them, labels their
// commitments with a classifier and stores each statement in a transaction
// of its own.
type Ingester struct {
	store      *track.Store
	classifier func() (*classify.Classifier, error)
	modelID    int64
	// Workers is how many files are read and labelled at once: 0 for one
	// per core.
	Workers int
	// MaxWeight, when not 0, refuses a file whose text weighs more (see
	// Weight) before its statements are read.
	MaxWeight int64
	// Linked is what the last Run's linking did.
	Linked track.Linked
}

// New returns an Ingester into store that labels with c, whose model it
// records in the database.
func New(ctx context.Context, store *track.Store, c *classify.Classifier) (*Ingester, error) {
	return Lazy(ctx, store, c.Model, func() (*classify.Classifier, error) { return c, nil })
}

// Lazy returns an Ingester into store that labels with the classifier
// classifier returns, and asks for it only when a file holds statements to
// label: a run over files read before, unchanged, never loads the
// segmenter. model is that classifier's model, recorded in the database.
func Lazy(ctx context.Context, store *track.Store, model *classify.Model, classifier func() (*classify.Classifier, error)) (*Ingester, error) {
	id, err := store.RegisterModel(ctx, track.ModelOf(model))
	if err != nil {
		return nil, fmt.Errorf("recording the model: %w", err)
	}
	return &Ingester{store: store, classifier: sync.OnceValues(classifier), modelID: id}, nil
}

// Input is one file to ingest: its name and how to read its bytes.
type Input struct {
	Name string
	Read func() ([]byte, error)
	// Date, when not zero, dates the statements of the file whose text
	// gives no year (pledge ingest --date); else its name may (see
	// Hint). A file with a Date is read even when unchanged.
	Date extract.Date
}

// Hint returns the date hint for the statements of a file: the date the
// user gave (--date), else the date its name starts with.
func Hint(name string, date extract.Date) extract.DateHint {
	if !date.IsZero() {
		return extract.DateHint{Date: date, From: "--date"}
	}
	return extract.NameDate(name)
}

// Found is what ingesting did with one statement of a file.
type Found struct {
	ID          int64
	Title       string
	Date        extract.Date
	DateFrom    string // see extract.Statement.DateFrom
	Commitments int
	Added       bool     // false when the statement was stored already
	Problems    []string // see extract.Statement.Problems
	// Changes says where this reading and the stored statement disagree,
	// and which was kept (see track.Stored).
	Changes []string
}

// Result is what ingesting did with one file.
type Result struct {
	Name  string
	Found []Found
	// Unchanged says the file was read before as it is, and skipped.
	Unchanged bool
	// NoStatement says, with Unchanged, that the file held no statement
	// when it was read before, and is as it was.
	NoStatement bool
	// Copy says the file is a copy, under another name, of one read before:
	// its statements were stored already and it was recorded as theirs.
	Copy bool
	// Edited says the file was read before with other content: what it
	// holds now replaced what it held then (see track.ReplaceFile), and
	// Removed, Moved and SetAside say how.
	Edited   bool
	Removed  []track.Removed
	Moved    int
	SetAside []track.Decision
	Err      error
}

// prepared is a file as a worker leaves it for the writer.
type prepared struct {
	Result
	source     track.Source
	copyOf     []int64 // for a copy: the stored statements
	statements []extract.Statement
	labelled   [][]label.Commitment // per statement; nil for one stored already
	weight     int64                // taken from the budget, given back once stored
}

// Run ingests the inputs, calls each with the result of each file in the
// order given, and then links the commitments of the groups of parties
// that changed. When ctx is cancelled it stops after the statement in
// progress, which is stored whole or not at all, and still links what was
// stored; it returns how many inputs it went through (the one it stopped
// in counts if part of it was stored) and ctx's error.
func (in *Ingester) Run(ctx context.Context, inputs []Input, each func(Result)) (done int, err error) {
	var known knownFiles
	if known.byPath, known.byHash, err = in.store.Files(ctx); err != nil {
		return 0, err
	}
	if known.noStatement, err = in.store.NoStatementFiles(ctx); err != nil {
		return 0, err
	}
	workers := in.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Workers run at most 2×workers files ahead of the writer, which takes
	// the files in order.
	out := make([]chan prepared, len(inputs))
	for i := range out {
		out[i] = make(chan prepared, 1)
	}
	ahead := make(chan struct{}, 2*workers)
	next := make(chan int)
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	b := newBudget(wctx, in.MaxWeight)
	go func() {
		defer close(next)
		for i := range inputs {
			select {
			case ahead <- struct{}{}:
			case <-wctx.Done():
				return
			}
			select {
			case next <- i:
			case <-wctx.Done():
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range next {
				out[i] <- in.prepare(wctx, i, inputs[i], known, b)
			}
		}()
	}
	for i := range inputs {
		if ctx.Err() != nil {
			break
		}
		p := <-out[i]
		<-ahead
		partial, err := in.store1(ctx, &p)
		b.give(p.weight)
		if err != nil && ctx.Err() != nil {
			// Interrupted: what this file stored is whole, and counts.
			each(p.Result)
			if partial {
				done++
			}
			break
		}
		p.Err = err
		each(p.Result)
		done++
	}
	stop()
	// Link even after an interruption: what was stored is whole, and its
	// links should be too.
	if in.Linked, err = in.store.LinkPending(context.WithoutCancel(ctx)); err != nil {
		return done, fmt.Errorf("linking commitments: %w", err)
	}
	// What the readers find kept, unless stopped: a stopped run leaves it
	// to the next (readers compute what is out of date themselves).
	if ctx.Err() == nil {
		if err := in.store.Summarise(ctx); err != nil {
			return done, fmt.Errorf("summarising: %w", err)
		}
	}
	return done, ctx.Err()
}

// File ingests the statements in the bytes of the file name, a file with
// none being extract.ErrNoStatement, and links what changed.
func (in *Ingester) File(ctx context.Context, name string, data []byte) ([]Found, error) {
	var r Result
	_, err := in.Run(ctx, []Input{{Name: name, Read: func() ([]byte, error) { return data, nil }}}, func(x Result) { r = x })
	if err == nil {
		err = r.Err
	}
	return r.Found, err
}

// prepare reads an input and, unless it was read before unchanged, finds
// its statements and labels the commitments of those not stored yet. It
// is input i of the run: before it finds statements, it takes the weight
// of the file's text from b, in its turn, so that what the workers hold is
// bounded however heavy the files are.
func (in *Ingester) prepare(ctx context.Context, i int, input Input, known knownFiles, b *budget) prepared {
	p := prepared{Result: Result{Name: input.Name}}
	text, err := in.read(ctx, &p, input, known)
	if err == nil {
		p.weight, _ = Weight(text.Text)
	}
	if terr := b.take(i, p.weight); terr != nil {
		p.weight = 0
		err = terr
	}
	switch {
	case err != nil:
		p.Err = err
		return p
	case p.Unchanged || p.Copy:
		return p
	}
	sts := statements(text, Hint(input.Name, input.Date))
	if len(sts) == 0 && !p.Edited {
		// An edited file that holds none now still replaces what it held.
		p.Err = extract.ErrNoStatement
		return p
	}
	p.statements = sts
	p.labelled = make([][]label.Commitment, len(sts))
	first := map[string]bool{} // a copy later in the file is stored by then
	for i, st := range sts {
		if first[st.Fingerprint] {
			continue
		}
		first[st.Fingerprint] = true
		// A statement stored already is labelled only if this reading has
		// more commitments, which then replace the stored ones.
		if _, n, stored, err := in.store.StatementID(ctx, st.Fingerprint); err != nil {
			p.Err = err
			return p
		} else if !stored || len(st.Commitments) > n {
			c, err := in.classifier()
			if err != nil {
				p.Err = err
				return p
			}
			p.labelled[i] = label.Commitments(c, st.Commitments)
		}
	}
	return p
}

// knownFiles are the files the database has read: those statements were
// read from, by path and by hash, and those that held none.
type knownFiles struct {
	byPath      map[string]*track.File
	byHash      map[string][]string
	noStatement map[string]track.File
}

// read reads an input: it records in p that the file is unchanged since it
// was read, or a copy of one read, or returns its text.
func (in *Ingester) read(ctx context.Context, p *prepared, input Input, known knownFiles) (decode.Text, error) {
	data, err := input.Read()
	if err != nil {
		return decode.Text{}, err
	}
	sum := sha256.Sum256(data)
	p.source = track.Source{Path: input.Name, Size: int64(len(data)), Hash: hex.EncodeToString(sum[:])}
	byPath, byHash := known.byPath, known.byHash
	f := byPath[input.Name]
	if e, ok := known.noStatement[input.Name]; ok && f == nil && e.Size == p.source.Size && e.Hash == p.source.Hash && input.Date.IsZero() {
		p.Unchanged, p.NoStatement = true, true
		return decode.Text{}, nil
	}
	switch {
	case f != nil && f.Size == p.source.Size && f.Hash == p.source.Hash && input.Date.IsZero():
		p.Unchanged = true
		return decode.Text{}, nil
	case f != nil && f.Hash != p.source.Hash:
		p.Edited = true
	case f == nil && len(byHash[p.source.Hash]) > 0:
		p.Copy, p.copyOf = true, byPath[byHash[p.source.Hash][0]].Statements
		return decode.Text{}, nil
	}
	return Decode(ctx, data, in.MaxWeight)
}

// budget is the weight of the files that workers read for statements and
// labelled, and the writer has not stored yet (see Weight): a file takes
// its weight before it is read for statements, the inputs in their order,
// so that a file waits only for earlier ones, which the writer stores
// first, and gives it back when it is stored. A file heavier than all of
// it takes all of it. A budget of 0 bounds nothing.
type budget struct {
	mu   sync.Mutex
	cond *sync.Cond
	ctx  context.Context
	next int   // the input whose turn it is
	free int64 // of max
	max  int64
}

// newBudget returns a budget of max, whose waits end when ctx is done.
func newBudget(ctx context.Context, max int64) *budget {
	b := &budget{ctx: ctx, free: max, max: max}
	b.cond = sync.NewCond(&b.mu)
	context.AfterFunc(ctx, func() {
		b.mu.Lock()
		b.cond.Broadcast()
		b.mu.Unlock()
	})
	return b
}

// take takes weight w for input i, when it is i's turn and the budget
// holds it, or returns ctx's error.
func (b *budget) take(i int, w int64) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.max > 0 {
		w = min(w, b.max)
	} else {
		w = 0
	}
	for b.next != i || b.free < w {
		if err := b.ctx.Err(); err != nil {
			return err
		}
		b.cond.Wait()
	}
	b.next++
	b.free -= w
	b.cond.Broadcast()
	return nil
}

// give gives back what a file took.
func (b *budget) give(w int64) {
	b.mu.Lock()
	b.free += min(w, b.max)
	b.cond.Broadcast()
	b.mu.Unlock()
}

// store1 stores what a worker prepared: the statements of a file, or the
// record that a copy holds stored statements. partial reports whether
// something was stored before an error.
func (in *Ingester) store1(ctx context.Context, p *prepared) (partial bool, err error) {
	switch {
	case errors.Is(p.Err, extract.ErrNoStatement) && p.source.Hash != "":
		// Said this once: while the file stays as it is, later runs skip it.
		if err := in.store.RecordNoStatement(ctx, p.source); err != nil {
			return false, err
		}
		return false, p.Err
	case p.Err != nil || p.Unchanged:
		return false, p.Err
	case p.Copy:
		if err := in.store.AddSource(ctx, p.copyOf, p.source); err != nil {
			return false, err
		}
		sts, err := in.store.StatementsByID(ctx, p.copyOf)
		for _, s := range sts {
			p.Found = append(p.Found, Found{ID: s.ID, Title: s.Title, Date: parseDate(s.Date), Commitments: s.Commitments})
		}
		return false, err
	}
	if p.Edited {
		// Whole or not at all: what the file held and holds are one change.
		r, err := in.store.ReplaceFile(ctx, p.source, p.statements, p.labelled, in.modelID)
		if err != nil {
			return false, err
		}
		for i, st := range p.statements {
			p.Found = append(p.Found, found(st, r.Statements[i]))
		}
		p.Removed, p.Moved, p.SetAside = r.Removed, r.Moved, r.SetAside
		return true, nil
	}
	for i, st := range p.statements {
		if err := ctx.Err(); err != nil {
			return len(p.Found) > 0, err
		}
		r, err := in.store.StoreStatement(ctx, st, p.source, p.labelled[i], in.modelID)
		if err != nil {
			return len(p.Found) > 0, fmt.Errorf("storing %q: %w", st.Title, err)
		}
		p.Found = append(p.Found, found(st, r))
	}
	return true, nil
}

// found is what storing st did, as r says.
func found(st extract.Statement, r track.Stored) Found {
	return Found{ID: r.ID, Added: r.Added, Title: st.Title, Date: st.Date, DateFrom: st.DateFrom, Commitments: len(st.Commitments),
		Problems: st.Problems, Changes: r.Changes}
}

func parseDate(s string) extract.Date {
	d, _ := extract.ParseDate(s)
	return d
}

// Read returns the statements in a file's bytes: its text (package decode)
// read for statements (package extract), with hint for those whose text
// gives no year. What decoding left out of the file is the first of each
// statement's problems. A text that weighs more than maxWeight (see
// Weight; 0 for no limit) is a *TooHeavyError, and not read.
func Read(ctx context.Context, data []byte, hint extract.DateHint, maxWeight int64) ([]extract.Statement, error) {
	t, err := Decode(ctx, data, maxWeight)
	if err != nil {
		return nil, err
	}
	return statements(t, hint), nil
}

// statements are the statements of a file's text, with what decoding left
// out of the file as the first of each one's problems.
func statements(t decode.Text, hint extract.DateHint) []extract.Statement {
	sts := extract.ParseDated(t.Text, hint)
	for i := range sts {
		ps := make([]string, 0, len(t.Problems)+len(sts[i].Problems))
		for _, p := range t.Problems {
			ps = append(ps, p.String())
		}
		sts[i].Problems = append(ps, sts[i].Problems...)
	}
	return sts
}

// Decode returns the text of a file's bytes (see decode.File), or a
// *TooHeavyError when it weighs more than maxWeight (0 for no limit).
func Decode(ctx context.Context, data []byte, maxWeight int64) (decode.Text, error) {
	t, err := decode.File(ctx, data)
	if err != nil {
		return t, err
	}
	if w, units := Weight(t.Text); maxWeight > 0 && w > maxWeight {
		return decode.Text{}, &TooHeavyError{Size: len(t.Text), Units: units, Weight: w, Max: maxWeight}
	}
	return t, nil
}

// UnitWeight is what each line, list item and sentence of a text weighs
// beside its bytes (see Weight).
const UnitWeight = 40

// Weight is what reading text for statements takes memory in proportion
// to, some six to nine bytes for each of its: its size in bytes, and
// UnitWeight for each of its lines, list items (——), paragraphs run
// together on one line (　　) and sentences. A statement as printed weighs
// twice its size or less; a file of a million short list items, five times
// its size. It returns the weight and how many lines, items and sentences
// it counted.
func Weight(text string) (weight int64, units int) {
	for _, sep := range []string{"\n", "——", "\u3000\u3000", "。", "！", "？", "；"} {
		units += strings.Count(text, sep)
	}
	return int64(len(text)) + UnitWeight*int64(units), units
}

// TooHeavyError is a file whose text weighs more than a limit allows (see
// Weight).
type TooHeavyError struct {
	Size, Units int   // the text's bytes, and its lines, items and sentences
	Weight, Max int64 // its weight, and the limit
}

func (e *TooHeavyError) Error() string {
	return fmt.Sprintf("its text weighs %d MB (%d MB, and %d bytes for each of its %d lines, list items and sentences), over the %d MB limit",
		mb(e.Weight), mb(int64(e.Size)), UnitWeight, e.Units, mb(e.Max))
}

// mb is n bytes in megabytes, rounded up.
func mb(n int64) int64 { return (n + 1<<20 - 1) >> 20 }
