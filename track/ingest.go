package track

import (
	"context"
	"database/sql"
	"errors"
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

// StatementID returns the id of the stored statement with this fingerprint.
func (s *Store) StatementID(ctx context.Context, fingerprint string) (int64, bool, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM statements WHERE fingerprint = ?`, fingerprint).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// AddStatement stores a statement found in the file source, with its
// commitments labelled by model modelID, in one transaction: the statement
// is stored whole or not at all, and its group of parties is marked for
// linking in the same transaction (see LinkPending). When a statement with
// the same fingerprint is stored already (a copy from another file, or
// another process that got there first), the copy only adds its source,
// and what it has that the stored statement lacks (section numerals a
// reprint dropped, a title); added is false, and cs may be nil.
func (s *Store) AddStatement(ctx context.Context, st extract.Statement, source Source, cs []label.Commitment, modelID int64) (id int64, added bool, err error) {
	var title any
	if !st.Untitled {
		title = st.Title
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id FROM statements WHERE fingerprint = ?`, st.Fingerprint).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			added = true
			if id, err = insertStatement(ctx, tx, st, cs, modelID); err != nil {
				return err
			}
			if err := setParties(ctx, tx, id, st.Parties); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			if err := fillGaps(ctx, tx, id, st); err != nil {
				return err
			}
		}
		return addSource(ctx, tx, id, source, title)
	})
	return id, added, err
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

// addSource records a source of statement id, with the title that copy
// gave it, or updates the size and hash of one recorded before.
func addSource(ctx context.Context, tx *sql.Tx, id int64, source Source, title any) error {
	var size, hash any
	if source.Hash != "" {
		size, hash = source.Size, source.Hash
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sources (statement_id, path, title, size, hash) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (statement_id, path) DO UPDATE SET size = excluded.size, hash = excluded.hash`, id, source.Path, title, size, hash); err != nil {
		return err
	}
	// The title of the first source by path that has one.
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
	rows, err := s.db.QueryContext(ctx, `SELECT path, size, hash, statement_id FROM sources WHERE hash IS NOT NULL ORDER BY path, statement_id`)
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
			byHash[hash] = append(byHash[hash], path)
		}
		f.Statements = append(f.Statements, id)
	}
	return byPath, byHash, rows.Err()
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
	ins, err := tx.PrepareContext(ctx, `INSERT INTO commitments
		(statement_id, ordinal, section, text, tokens, terms, domain, probability, label_source, model_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'model', ?)`)
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	ids := make([]int64, 0, len(cs))
	for _, c := range cs {
		res, err := ins.ExecContext(ctx, id, c.Ordinal, c.Section, c.Text, joinSentences(c.Sentences), strings.Join(c.Terms, " "),
			c.Domain, c.Probability, modelID)
		if err != nil {
			return 0, err
		}
		cid, err := res.LastInsertId()
		if err != nil {
			return 0, err
		}
		ids = append(ids, cid)
	}
	// Its commitments wait to be linked, with what they touch.
	if err := markItems(ctx, tx, PartyKey(st.Parties), ids...); err != nil {
		return 0, err
	}
	return id, bump(ctx, tx)
}

// fillGaps gives the stored statement id what its copy st has and it lacks:
// a date, parties, and the sections of commitments. Filling only gaps keeps
// the result the same whichever copy came first. A date or parties change
// how the statement's commitments link, so their groups are marked.
func fillGaps(ctx context.Context, tx *sql.Tx, id int64, st extract.Statement) error {
	var known int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM statement_parties WHERE statement_id = ?`, id).Scan(&known); err != nil {
		return err
	}
	changed := false
	if known == 0 && len(st.Parties) > 0 {
		if err := setParties(ctx, tx, id, st.Parties); err != nil {
			return err
		}
		// The commitments leave the group of unknown parties for theirs.
		if err := markPending(ctx, tx, ""); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE statements SET party_key = ? WHERE id = ?`, PartyKey(st.Parties), id); err != nil {
			return err
		}
		changed = true
	}
	if !st.Date.IsZero() {
		res, err := tx.ExecContext(ctx, `UPDATE statements SET date = ?, year = ? WHERE id = ? AND date = ''`,
			st.Date.String(), st.Date.Year, id)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		changed = changed || n > 0
	}
	if changed {
		var key string
		if err := tx.QueryRowContext(ctx, `SELECT party_key FROM statements WHERE id = ?`, id).Scan(&key); err != nil {
			return err
		}
		if err := markPending(ctx, tx, key); err != nil {
			return err
		}
		if err := bump(ctx, tx); err != nil {
			return err
		}
	}
	for _, c := range st.Commitments {
		if c.Section == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE commitments SET section = ? WHERE statement_id = ? AND ordinal = ? AND section = ''`,
			c.Section, id, c.Ordinal); err != nil {
			return err
		}
	}
	return nil
}
