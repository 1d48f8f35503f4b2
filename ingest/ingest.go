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
	"fmt"
	"runtime"
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
}

// Run ingests the inputs, calls each with the result of each file in the
// order given, and then links the commitments of the groups of parties
// that changed. When ctx is cancelled it stops after the statement in
// progress, which is stored whole or not at all, and still links what was
// stored; it returns how many inputs it went through (the one it stopped
// in counts if part of it was stored) and ctx's error.
func (in *Ingester) Run(ctx context.Context, inputs []Input, each func(Result)) (done int, err error) {
	byPath, byHash, err := in.store.Files(ctx)
	if err != nil {
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
				out[i] <- in.prepare(wctx, inputs[i], byPath, byHash)
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
// its statements and labels the commitments of those not stored yet.
func (in *Ingester) prepare(ctx context.Context, input Input, byPath map[string]*track.File, byHash map[string][]string) prepared {
	p := prepared{Result: Result{Name: input.Name}}
	data, err := input.Read()
	if err != nil {
		p.Err = err
		return p
	}
	sum := sha256.Sum256(data)
	p.source = track.Source{Path: input.Name, Size: int64(len(data)), Hash: hex.EncodeToString(sum[:])}
	f := byPath[input.Name]
	switch {
	case f != nil && f.Size == p.source.Size && f.Hash == p.source.Hash && input.Date.IsZero():
		p.Unchanged = true
		return p
	case f != nil && f.Hash != p.source.Hash:
		p.Edited = true
	case f == nil && len(byHash[p.source.Hash]) > 0:
		p.Copy, p.copyOf = true, byPath[byHash[p.source.Hash][0]].Statements
		return p
	}
	sts, err := Read(ctx, data, Hint(input.Name, input.Date))
	if err != nil {
		p.Err = err
		return p
	}
	if len(sts) == 0 && !p.Edited {
		// An edited file that holds none now still replaces what it held.
		p.Err = extract.ErrNoStatement
		return p
	}
	p.statements = sts
	p.labelled = make([][]label.Commitment, len(sts))
	for i, st := range sts {
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

// store1 stores what a worker prepared: the statements of a file, or the
// record that a copy holds stored statements. partial reports whether
// something was stored before an error.
func (in *Ingester) store1(ctx context.Context, p *prepared) (partial bool, err error) {
	switch {
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
	return Found{ID: r.ID, Added: r.Added, Title: st.Title, Date: st.Date, Commitments: len(st.Commitments),
		Problems: st.Problems, Changes: r.Changes}
}

func parseDate(s string) extract.Date {
	d, _ := extract.ParseDate(s)
	return d
}

// Read returns the statements in a file's bytes: its text (package decode)
// read for statements (package extract), with hint for those whose text
// gives no year. What decoding left out of the file is the first of each
// statement's problems.
func Read(ctx context.Context, data []byte, hint extract.DateHint) ([]extract.Statement, error) {
	t, err := decode.File(ctx, data)
	if err != nil {
		return nil, err
	}
	sts := extract.ParseDated(t.Text, hint)
	for i := range sts {
		ps := make([]string, 0, len(t.Problems)+len(sts[i].Problems))
		for _, p := range t.Problems {
			ps = append(ps, p.String())
		}
		sts[i].Problems = append(ps, sts[i].Problems...)
	}
	return sts, nil
}
