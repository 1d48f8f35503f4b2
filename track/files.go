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

// Removed is a statement that left the database with the last file that
// held it.
type Removed struct {
	ID          int64
	Title, Date string
	Commitments int
	// Became is the statement an edit made of it, holding the most of its
	// commitments' texts, or 0; Changes then says how it changed.
	Became  int64
	Changes []string
}

// Replaced is what reading an edited file again did.
type Replaced struct {
	Statements []Stored  // the statements it holds now, in order
	Removed    []Removed // those only its old version held, gone now
	// Moved counts people's decisions moved from the removed statements'
	// commitments to those of the same text in the file's statements now;
	// SetAside lists those that could not move.
	Moved    int
	SetAside []Decision
}

// ReplaceFile stores what the edited file source holds now, the statements
// sts with the commitments cs labelled by model modelID (cs[i] may be nil
// for a statement stored already), in place of what it held before, in
// one transaction. A statement it held before and holds no more goes,
// unless another file holds it too; people's decisions on its commitments
// move to the commitments of the same text in the file's statements now,
// and those that cannot are set aside (see Restore). A statement it held
// before and still holds takes the date, parties and title it gives now,
// and Stored.Changes says so.
func (s *Store) ReplaceFile(ctx context.Context, source Source, sts []extract.Statement, cs [][]label.Commitment, modelID int64) (Replaced, error) {
	var r Replaced
	err := s.tx(ctx, func(tx *sql.Tx) error {
		r = Replaced{}
		old, err := fileStatements(ctx, tx, source.Path)
		if err != nil {
			return err
		}
		held := map[int64]bool{}
		for _, id := range old {
			held[id] = true
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE path = ?`, source.Path); err != nil {
			return err
		}
		var now []int64
		for i, st := range sts {
			var c []label.Commitment
			if i < len(cs) {
				c = cs[i]
			}
			stored, err := addStatement(ctx, tx, st, source, c, modelID, held)
			if err != nil {
				return fmt.Errorf("storing %q: %w", st.Title, err)
			}
			r.Statements = append(r.Statements, stored)
			now = append(now, stored.ID)
		}
		gone, err := unheld(ctx, tx, old, now)
		if err != nil {
			return err
		}
		var left []aside
		r.Removed, r.Moved, left, err = removeStatements(ctx, tx, gone, now)
		if err != nil {
			return err
		}
		r.SetAside = decisions(left, source.Path, reasonEdited)
		return saveAside(ctx, tx, left, source.Path, reasonEdited)
	})
	return r, err
}

// Forgotten is what Forget did.
type Forgotten struct {
	Files    []string  // the files forgotten
	Removed  []Removed // the statements only they held
	Kept     int       // the statements they held that other files hold too
	SetAside []Decision
}

// ErrNotIngested is Forget's error for a path no statement was read from.
var ErrNotIngested = errors.New("no statement was ingested from it")

// Forget removes from the database the files paths (a folder stands for
// the files read from under it), in one transaction: the statements only
// they held, with their commitments, go; people's decisions on those are
// set aside, for Restore to give back if the files return. Nothing changes
// when a path names no file read before (ErrNotIngested).
func (s *Store) Forget(ctx context.Context, paths []string) (Forgotten, error) {
	var f Forgotten
	err := s.tx(ctx, func(tx *sql.Tx) error {
		f = Forgotten{}
		for _, p := range paths {
			under, err := pathsUnder(ctx, tx, p)
			if err != nil {
				return err
			}
			if len(under) == 0 {
				return fmt.Errorf("%s: %w", p, ErrNotIngested)
			}
			f.Files = append(f.Files, under...)
		}
		slices.Sort(f.Files)
		f.Files = slices.Compact(f.Files)
		var old []int64
		for _, p := range f.Files {
			ids, err := fileStatements(ctx, tx, p)
			if err != nil {
				return err
			}
			old = append(old, ids...)
			if _, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE path = ?`, p); err != nil {
				return err
			}
		}
		slices.Sort(old)
		old = slices.Compact(old)
		gone, err := unheld(ctx, tx, old, nil)
		if err != nil {
			return err
		}
		f.Kept = len(old) - len(gone)
		removed, _, left, err := removeStatements(ctx, tx, gone, nil)
		if err != nil {
			return err
		}
		f.Removed = removed
		path := strings.Join(f.Files, ", ")
		if len(f.Files) > 1 {
			path = fmt.Sprintf("%s and %d more", f.Files[0], len(f.Files)-1)
		}
		f.SetAside = decisions(left, path, reasonForgotten)
		return saveAside(ctx, tx, left, path, reasonForgotten)
	})
	return f, err
}

// RenamePaths records the files read before under the paths in the
// map's keys under its values: the paths an earlier version stored as
// given on the command line, now known by their absolute paths.
func (s *Store) RenamePaths(ctx context.Context, renames map[string]string) error {
	if len(renames) == 0 {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for from, to := range renames {
			if _, err := tx.ExecContext(ctx, `UPDATE OR IGNORE sources SET path = ? WHERE path = ?`, to, from); err != nil {
				return err
			}
			// A source recorded under both paths keeps the new one.
			if _, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE path = ?`, from); err != nil {
				return err
			}
		}
		return nil
	})
}

// pathsUnder returns, in order, the paths of the files statements were
// read from that are p or, p being a folder, under it: a range of the
// index of paths, those that begin with p and the separator (the next
// character after the separator ends it).
func pathsUnder(ctx context.Context, q querier, p string) ([]string, error) {
	p = strings.TrimSuffix(p, string(filepath.Separator))
	return column[string](ctx, q, `SELECT DISTINCT path FROM sources WHERE path = ?1 OR path >= ?2 AND path < ?3 ORDER BY path`,
		p, p+string(filepath.Separator), p+string(rune(filepath.Separator+1)))
}

// PathsUnder returns, in order, the paths of the files read from under
// each of paths (or that are one of them), each once.
func (s *Store) PathsUnder(ctx context.Context, paths ...string) ([]string, error) {
	var out []string
	for _, p := range paths {
		under, err := pathsUnder(ctx, s.db, p)
		if err != nil {
			return nil, err
		}
		out = append(out, under...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// fileStatements returns the statements read from the file path.
func fileStatements(ctx context.Context, q querier, path string) ([]int64, error) {
	return column[int64](ctx, q, `SELECT statement_id FROM sources WHERE path = ? ORDER BY statement_id`, path)
}

// unheld returns the statements of old, not in kept, that no file holds.
func unheld(ctx context.Context, tx *sql.Tx, old, kept []int64) ([]int64, error) {
	var out []int64
	for _, id := range old {
		if slices.Contains(kept, id) {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sources WHERE statement_id = ?`, id).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			out = append(out, id)
		}
	}
	return out, nil
}

// removeStatements deletes the statements ids with their commitments,
// marks their groups for linking afresh, and moves people's decisions on
// them to the commitments of the same text in the statements in. It
// returns what it removed, how many decisions moved and those that could
// not.
func removeStatements(ctx context.Context, tx *sql.Tx, ids, in []int64) ([]Removed, int, []aside, error) {
	if len(ids) == 0 {
		return nil, 0, nil, nil
	}
	asides, err := collectAside(ctx, tx, ids)
	if err != nil {
		return nil, 0, nil, err
	}
	removed := make([]Removed, 0, len(ids))
	texts := map[int64][]string{}
	for _, id := range ids {
		r := Removed{ID: id}
		var key string
		if err := tx.QueryRowContext(ctx, `SELECT title, date, party_key FROM statements WHERE id = ?`, id).Scan(&r.Title, &r.Date, &key); err != nil {
			return nil, 0, nil, err
		}
		if texts[id], err = commitmentTexts(ctx, tx, id); err != nil {
			return nil, 0, nil, err
		}
		r.Commitments = len(texts[id])
		if r.Became, r.Changes, err = became(ctx, tx, r, texts[id], in); err != nil {
			return nil, 0, nil, err
		}
		if err := markPending(ctx, tx, key); err != nil {
			return nil, 0, nil, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM statements WHERE id = ?`, id); err != nil {
			return nil, 0, nil, err
		}
		removed = append(removed, r)
	}
	if err := bump(ctx, tx); err != nil {
		return nil, 0, nil, err
	}
	left, err := restoreAside(ctx, tx, asides, in)
	if err != nil {
		return nil, 0, nil, err
	}
	return removed, len(asides) - len(left), left, nil
}

// became finds, among the statements in, the one an edit made of the
// removed statement r (not deleted yet), whose commitments' texts are
// texts: the one that shares the most of them, else the only one with r's
// title. It returns it, with what changed, a line each.
func became(ctx context.Context, tx *sql.Tx, r Removed, texts []string, in []int64) (int64, []string, error) {
	mine := map[string]bool{}
	for _, t := range texts {
		mine[t] = true
	}
	best, shared := int64(0), 0
	var titled []int64
	for _, id := range in {
		ts, err := commitmentTexts(ctx, tx, id)
		if err != nil {
			return 0, nil, err
		}
		n := 0
		for _, t := range ts {
			if mine[t] {
				n++
			}
		}
		if n > shared {
			best, shared = id, n
		}
		var title string
		if err := tx.QueryRowContext(ctx, `SELECT title FROM statements WHERE id = ?`, id).Scan(&title); err != nil {
			return 0, nil, err
		}
		if title == r.Title {
			titled = append(titled, id)
		}
	}
	if best == 0 && len(titled) == 1 {
		best = titled[0]
	}
	if best == 0 {
		return 0, nil, nil
	}
	var title, date string
	if err := tx.QueryRowContext(ctx, `SELECT title, date FROM statements WHERE id = ?`, best).Scan(&title, &date); err != nil {
		return 0, nil, err
	}
	was, err := statementParties(ctx, tx, r.ID)
	if err != nil {
		return 0, nil, err
	}
	is, err := statementParties(ctx, tx, best)
	if err != nil {
		return 0, nil, err
	}
	var says []string
	if date != r.Date {
		says = append(says, fmt.Sprintf("date %s → %s", orNone(r.Date), orNone(date)))
	}
	if title != r.Title {
		says = append(says, fmt.Sprintf("title %q → %q", r.Title, title))
	}
	if !slices.Equal(was, is) {
		says = append(says, fmt.Sprintf("parties %s → %s", orNone(strings.Join(was, "、")), orNone(strings.Join(is, "、"))))
	}
	says = append(says, fmt.Sprintf("%d of its %d commitments unchanged", shared, len(texts)))
	return best, says, nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// commitmentTexts returns the texts of statement id's commitments.
func commitmentTexts(ctx context.Context, q querier, id int64) ([]string, error) {
	return column[string](ctx, q, `SELECT text FROM commitments WHERE statement_id = ? ORDER BY ordinal`, id)
}

// decisions says the decisions of asides, set aside by a change to path.
func decisions(asides []aside, path, reason string) []Decision {
	out := make([]Decision, len(asides))
	for i, a := range asides {
		out[i] = a.decision(path, reason)
	}
	return out
}
