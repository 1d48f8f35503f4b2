package track

import (
	"context"
	"database/sql"
	"strings"

	"pledge/label"
)

// settingTerms is the label.TermsVersion() the stored terms were found by.
const settingTerms = "terms"

// staleTerms reports whether the stored commitments' terms were found
// otherwise than label.Terms finds them now: Open finds them again.
func staleTerms(ctx context.Context, q querier) (bool, error) {
	return staleSince(ctx, q, settingTerms, label.TermsVersion())
}

// staleSince reports whether the database holds commitments and the
// setting key names another version than want: what was found of them
// (their terms, their words' marks) must be found again.
func staleSince(ctx context.Context, q querier, key, want string) (bool, error) {
	v, err := setting(ctx, q, key)
	if err != nil || v == want {
		return false, err
	}
	var has bool
	err = q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM commitments)`).Scan(&has)
	return has, err
}

// recompute sets the column of every stored commitment (terms, tokens) to
// what f makes of its text and the column's value, where that differs.
func recompute(ctx context.Context, tx *sql.Tx, column string, f func(text, old string) string) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, text, `+column+` FROM commitments`)
	if err != nil {
		return err
	}
	values := map[int64]string{}
	for rows.Next() {
		var id int64
		var text, old string
		if err := rows.Scan(&id, &text, &old); err != nil {
			rows.Close()
			return err
		}
		if v := f(text, old); v != old {
			values[id] = v
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	up, err := tx.PrepareContext(ctx, `UPDATE commitments SET `+column+` = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer up.Close()
	for id, v := range values {
		if _, err := up.ExecContext(ctx, v, id); err != nil {
			return err
		}
	}
	return nil
}

// refreshTerms finds the terms of every stored commitment again when they
// were found otherwise than label.Terms finds them now, in the
// transaction that brings the database up to date.
func refreshTerms(ctx context.Context, tx *sql.Tx) error {
	stale, err := staleTerms(ctx, tx)
	if err != nil {
		return err
	}
	if stale {
		err := recompute(ctx, tx, "terms", func(text, _ string) string { return strings.Join(label.Terms(text), " ") })
		if err != nil {
			return err
		}
	}
	return setSetting(ctx, tx, settingTerms, label.TermsVersion())
}
