package track

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"pledge/extract"
	"pledge/label"
)

// merge brings into stored statement id what st, another reading of it,
// has and it lacks (a date, parties, section numerals), so that the result
// is the same whichever copy came first; when edited (st is the edited
// file's reading of it), st's date and parties are taken over the stored
// ones. It returns, a line each, what it changed or kept where they
// disagree.
func merge(ctx context.Context, tx *sql.Tx, id int64, st extract.Statement, edited bool) ([]string, error) {
	var date, key string
	if err := tx.QueryRowContext(ctx, `SELECT date, party_key FROM statements WHERE id = ?`, id).Scan(&date, &key); err != nil {
		return nil, err
	}
	stored, err := statementParties(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	var says []string
	changed := false
	newKey := PartyKey(st.Parties)
	switch {
	case len(st.Parties) == 0 || newKey == key:
	case len(stored) == 0 || edited:
		if len(stored) > 0 {
			says = append(says, fmt.Sprintf("parties %s → %s", strings.Join(stored, "、"), strings.Join(st.Parties, "、")))
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM statement_parties WHERE statement_id = ?`, id); err != nil {
			return nil, err
		}
		if err := setParties(ctx, tx, id, st.Parties); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE statements SET party_key = ? WHERE id = ?`, newKey, id); err != nil {
			return nil, err
		}
		// The commitments leave their group for another.
		if err := markPending(ctx, tx, key); err != nil {
			return nil, err
		}
		key, changed = newKey, true
	default:
		says = append(says, fmt.Sprintf("this file names the parties %s; kept %s, read from another file",
			strings.Join(st.Parties, "、"), strings.Join(stored, "、")))
	}
	switch d := st.Date.String(); {
	case st.Date.IsZero() || d == date:
	case date == "" || edited:
		if date != "" {
			says = append(says, fmt.Sprintf("date %s → %s", date, d))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE statements SET date = ?, year = ? WHERE id = ?`, d, st.Date.Year, id); err != nil {
			return nil, err
		}
		changed = true
	default:
		says = append(says, fmt.Sprintf("this file dates it %s; kept %s, read from another file", d, date))
	}
	if changed {
		// A date or parties change how the statement's commitments link.
		if err := markPending(ctx, tx, key); err != nil {
			return nil, err
		}
		if err := bump(ctx, tx); err != nil {
			return nil, err
		}
	}
	for _, c := range st.Commitments {
		if c.Section == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE commitments SET section = ? WHERE statement_id = ? AND ordinal = ? AND section = ''`,
			c.Section, id, c.Ordinal); err != nil {
			return nil, err
		}
	}
	return says, nil
}

// reread compares the commitments of stored statement id with st's, a
// reading of it from the file path (by another version of pledge, or
// within other text). The more complete reading is kept: given cs for more
// commitments than are stored, they replace the stored ones, people's
// decisions moving to the commitments of the same text (those that cannot
// are set aside). It returns a line saying what it did, if anything.
func reread(ctx context.Context, tx *sql.Tx, id int64, st extract.Statement, cs []label.Commitment, modelID int64, path string) ([]string, error) {
	var n int
	var key string
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM commitments WHERE statement_id = s.id), party_key
		FROM statements s WHERE id = ?`, id).Scan(&n, &key); err != nil {
		return nil, err
	}
	switch {
	case len(st.Commitments) == n:
		return nil, nil
	case len(st.Commitments) < n || cs == nil:
		return []string{fmt.Sprintf("this file gives %d commitments where the stored reading has %d: kept the stored one", len(st.Commitments), n)}, nil
	}
	asides, err := collectAside(ctx, tx, []int64{id})
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM commitments WHERE statement_id = ?`, id); err != nil {
		return nil, err
	}
	if err := insertCommitments(ctx, tx, id, key, cs, modelID); err != nil {
		return nil, err
	}
	// Links to the commitments that went are made afresh.
	if err := markPending(ctx, tx, key); err != nil {
		return nil, err
	}
	if err := bump(ctx, tx); err != nil {
		return nil, err
	}
	left, err := restoreAside(ctx, tx, asides, []int64{id})
	if err != nil {
		return nil, err
	}
	if err := saveAside(ctx, tx, left, path, reasonReread); err != nil {
		return nil, err
	}
	say := fmt.Sprintf("read again with %d commitments where %d were stored: the new reading replaces the old", len(cs), n)
	if len(left) > 0 {
		say += fmt.Sprintf("; %d of your decisions on the old reading set aside (pledge forget --undo lists them)", len(left))
	}
	return []string{say}, nil
}

// statementParties returns the parties of statement id, in order.
func statementParties(ctx context.Context, q querier, id int64) ([]string, error) {
	return column[string](ctx, q, `SELECT party FROM statement_parties WHERE statement_id = ? ORDER BY position`, id)
}
