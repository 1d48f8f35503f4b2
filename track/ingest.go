package track

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"pledge/extract"
	"pledge/label"
)

// Source is a file statements were read from, as it was read: its size and
// SHA-256, by which ingest knows it unchanged.
type Source struct {
	Path string
	Size int64
	Hash string
}

// StatementID returns the id of the stored statement with this
// fingerprint, and how many commitments it holds.
func (s *Store) StatementID(ctx context.Context, fingerprint string) (id int64, commitments int, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT s.id, (SELECT count(*) FROM commitments c WHERE c.statement_id = s.id)
		FROM statements s WHERE s.fingerprint = ?`, fingerprint).Scan(&id, &commitments)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, false, nil
	}
	return id, commitments, err == nil, err
}

// Stored is what storing one statement of a file did.
type Stored struct {
	ID    int64
	Added bool // false when it was stored already
	// Changes says, a line each, where this reading of a statement stored
	// already differs from what is stored, and which was kept.
	Changes []string
}

// AddStatement stores a statement found in the file source, with its
// commitments labelled by model modelID, in one transaction: the statement
// is stored whole or not at all, and its group of parties is marked for
// linking in the same transaction (see LinkPending). When a statement with
// the same fingerprint is stored already (a copy from another file, or
// another process that got there first), the copy only adds its source,
// and what it has that the stored statement lacks (section numerals a
// reprint dropped, a title, a date, parties); added is false, and cs may
// be nil. See StoreStatement for what it says of a copy that disagrees.
func (s *Store) AddStatement(ctx context.Context, st extract.Statement, source Source, cs []label.Commitment, modelID int64) (id int64, added bool, err error) {
	r, err := s.StoreStatement(ctx, st, source, cs, modelID)
	return r.ID, r.Added, err
}

// StoreStatement is AddStatement, saying where a statement stored already
// and this reading of it disagree: on the date or the parties (the stored
// ones are kept), or on the commitments, where the more complete reading
// is kept: given cs for more commitments than are stored, they replace the
// stored ones, and people's decisions move to the commitments of the same
// text (the others are set aside, see SetAside).
func (s *Store) StoreStatement(ctx context.Context, st extract.Statement, source Source, cs []label.Commitment, modelID int64) (Stored, error) {
	var r Stored
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		r, err = addStatement(ctx, tx, st, source, cs, modelID, nil)
		return err
	})
	return r, err
}

// addStatement stores st from source in tx. A statement stored already
// takes what st has and it lacks; one that edited holds (the file source
// held it before it was edited) takes st's date and parties over the
// stored ones.
func addStatement(ctx context.Context, tx *sql.Tx, st extract.Statement, source Source, cs []label.Commitment, modelID int64, edited map[int64]bool) (Stored, error) {
	var title any
	if !st.Untitled {
		title = st.Title
	}
	var r Stored
	var before string
	err := tx.QueryRowContext(ctx, `SELECT id, title FROM statements WHERE fingerprint = ?`, st.Fingerprint).Scan(&r.ID, &before)
	if errors.Is(err, sql.ErrNoRows) {
		// Not this text, but perhaps a copy of a stored statement with a
		// word changed: the same statement, counted once.
		id, differ, n, err := nearCopy(ctx, tx, st, edited)
		if err != nil {
			return r, err
		}
		if id != 0 {
			r.ID = id
			r.Changes = []string{fmt.Sprintf("this file's copy words %d of its %d commitments otherwise than the stored statement: the same statement, kept as stored", differ, n)}
			return r, addSource(ctx, tx, id, source, title)
		}
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		r.Added = true
		if r.ID, err = insertStatement(ctx, tx, st, cs, modelID); err != nil {
			return r, err
		}
		if err := setParties(ctx, tx, r.ID, st.Parties); err != nil {
			return r, err
		}
		return r, addSource(ctx, tx, r.ID, source, title)
	case err != nil:
		return r, err
	}
	if r.Changes, err = merge(ctx, tx, r.ID, st, edited[r.ID]); err != nil {
		return r, err
	}
	reread, err := reread(ctx, tx, r.ID, st, cs, modelID, source.Path)
	if err != nil {
		return r, err
	}
	if err := addSource(ctx, tx, r.ID, source, title); err != nil {
		return r, err
	}
	var after string
	if err := tx.QueryRowContext(ctx, `SELECT title FROM statements WHERE id = ?`, r.ID).Scan(&after); err != nil {
		return r, err
	}
	if after != before {
		r.Changes = append(r.Changes, fmt.Sprintf("title %q → %q", before, after))
	}
	r.Changes = append(r.Changes, reread...)
	return r, nil
}

// nearCopy finds the stored statement st is a copy of, worded otherwise
// in a few places (a typo, a reprint's edits): of the same date and
// parties, with at least nine in ten of its commitments word for word.
// The statements an edited file held before (edited) are not candidates:
// what becomes of them is the edit's. It returns the statement, how many
// commitments differ and how many st has; 0 when there is none.
func nearCopy(ctx context.Context, tx *sql.Tx, st extract.Statement, edited map[int64]bool) (id int64, differ, n int, err error) {
	n = len(st.Commitments)
	if st.Date.IsZero() || n == 0 {
		return 0, 0, n, nil
	}
	// By the index of dates (+ keeps SQLite off that of parties, which
	// would read every statement of the group).
	rows, err := tx.QueryContext(ctx, `SELECT id FROM statements WHERE date = ? AND +party_key = ? ORDER BY id`, st.Date.String(), PartyKey(st.Parties))
	if err != nil {
		return 0, 0, n, err
	}
	var ids []int64
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return 0, 0, n, err
		}
		if !edited[c] {
			ids = append(ids, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, n, err
	}
	for _, c := range ids {
		texts, err := commitmentTexts(ctx, tx, c)
		if err != nil {
			return 0, 0, n, err
		}
		have := map[string]bool{}
		for _, t := range texts {
			have[t] = true
		}
		same := 0
		for _, x := range st.Commitments {
			if have[x.Text] {
				same++
			}
		}
		if same*10 >= 9*max(n, len(texts)) {
			return c, n - same, n, nil
		}
	}
	return 0, 0, n, nil
}

// AddSource records that the file source holds the stored statements ids:
// a copy of a file read before, under another name.
func (s *Store) AddSource(ctx context.Context, ids []int64, source Source) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			var title any
			if err := tx.QueryRowContext(ctx, `SELECT title FROM sources WHERE statement_id = ? AND hash = ? LIMIT 1`, id, source.Hash).Scan(&title); err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if err := addSource(ctx, tx, id, source, title); err != nil {
				return err
			}
		}
		return nil
	})
}

// NoStatementFiles returns the files read before that held no statement,
// by path, as they were then (see RecordNoStatement).
func (s *Store) NoStatementFiles(ctx context.Context) (map[string]File, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT path, size, hash FROM no_statement_files`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]File{}
	for rows.Next() {
		var path string
		var f File
		if err := rows.Scan(&path, &f.Size, &f.Hash); err != nil {
			return nil, err
		}
		out[path] = f
	}
	return out, rows.Err()
}

// RecordNoStatement records that the file source holds no statement, so
// that ingest skips it while it is unchanged; a statement read from that
// path later takes the record away (addSource).
func (s *Store) RecordNoStatement(ctx context.Context, source Source) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO no_statement_files (path, size, hash, read_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (path) DO UPDATE SET size = excluded.size, hash = excluded.hash, read_at = excluded.read_at`,
			source.Path, source.Size, source.Hash, now())
		return err
	})
}

// addSource records a source of statement id, with the title that copy
// gave it, or updates the size and hash of one recorded before.
func addSource(ctx context.Context, tx *sql.Tx, id int64, source Source, title any) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM no_statement_files WHERE path = ?`, source.Path); err != nil {
		return err
	}
	var size, hash any
	if source.Hash != "" {
		size, hash = source.Size, source.Hash
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sources (statement_id, path, title, size, hash) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (statement_id, path) DO UPDATE SET size = excluded.size, hash = excluded.hash, title = excluded.title`, id, source.Path, title, size, hash); err != nil {
		return err
	}
	return retitle(ctx, tx, id)
}

// retitle gives statement id the title of its first source by path that
// has one.
func retitle(ctx context.Context, tx *sql.Tx, id int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE statements SET title = COALESCE(
		(SELECT title FROM sources WHERE statement_id = ?1 AND title IS NOT NULL ORDER BY path LIMIT 1), title)
		WHERE id = ?1`, id)
	return err
}

// File is what the database knows of a file read before: its size and
// hash then, and the statements it held.
type File struct {
	Size       int64
	Hash       string
	Statements []int64
}

// Files returns what the database knows of every file it read, by path,
// and the paths of the files with each hash, for ingest to skip what it
// has read before.
func (s *Store) Files(ctx context.Context) (byPath map[string]*File, byHash map[string][]string, err error) {
	// A file read before sizes and hashes were recorded has neither: it is
	// read again as edited, once.
	rows, err := s.db.QueryContext(ctx, `SELECT path, COALESCE(size, -1), COALESCE(hash, ''), statement_id FROM sources ORDER BY path, statement_id`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	byPath, byHash = map[string]*File{}, map[string][]string{}
	for rows.Next() {
		var path, hash string
		var size, id int64
		if err := rows.Scan(&path, &size, &hash, &id); err != nil {
			return nil, nil, err
		}
		f := byPath[path]
		if f == nil {
			f = &File{Size: size, Hash: hash}
			byPath[path] = f
			if hash != "" {
				byHash[hash] = append(byHash[hash], path)
			}
		}
		f.Statements = append(f.Statements, id)
	}
	return byPath, byHash, rows.Err()
}

// RelativePaths returns the paths of the files read before that are not
// absolute: an earlier version of pledge recorded files by the path they
// were given by. Where absolute paths are those that begin with / (not on
// Windows, where \stmts is relative), that bounds them in the index of
// paths; elsewhere every path is read and the absolute ones left out.
func (s *Store) RelativePaths(ctx context.Context) ([]string, error) {
	query := `SELECT DISTINCT path FROM sources ORDER BY path`
	if filepath.Separator == '/' {
		query = `SELECT DISTINCT path FROM sources WHERE path < '/' OR path >= '0' ORDER BY path`
	}
	paths, err := column[string](ctx, s.db, query)
	return slices.DeleteFunc(paths, filepath.IsAbs), err
}

func insertStatement(ctx context.Context, tx *sql.Tx, st extract.Statement, cs []label.Commitment, modelID int64) (int64, error) {
	var year any
	if !st.Date.IsZero() {
		year = st.Date.Year
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO statements (fingerprint, title, date, year, ingested_at, party_key) VALUES (?, ?, ?, ?, ?, ?)`,
		st.Fingerprint, st.Title, st.Date.String(), year, now(), PartyKey(st.Parties))
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	if err := insertCommitments(ctx, tx, id, PartyKey(st.Parties), cs, modelID); err != nil {
		return 0, err
	}
	return id, bump(ctx, tx)
}

// insertCommitments stores the commitments of statement id, of the group
// of parties group, and marks them for linking with what they touch.
func insertCommitments(ctx context.Context, tx *sql.Tx, id int64, group string, cs []label.Commitment, modelID int64) error {
	ins, err := tx.PrepareContext(ctx, `INSERT INTO commitments
		(statement_id, ordinal, section, text, tokens, terms, domain, probability, label_source, model_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'model', ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	ids := make([]int64, 0, len(cs))
	for _, c := range cs {
		res, err := ins.ExecContext(ctx, id, c.Ordinal, c.Section, c.Text, joinSentences(c.Sentences), strings.Join(c.Terms, " "),
			c.Domain, c.Probability, modelID)
		if err != nil {
			return err
		}
		cid, err := res.LastInsertId()
		if err != nil {
			return err
		}
		ids = append(ids, cid)
	}
	return markItems(ctx, tx, group, ids...)
}
