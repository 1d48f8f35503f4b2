package track

import (
	"context"
	"database/sql"

	"pledge/link"
)

// settingMarks is the link.MarksVersion() the stored words' marks were
// found by.
const settingMarks = "marks"

// staleMarks reports whether the stored commitments' marks were found
// otherwise than link.Marks finds them now: Open finds them again.
func staleMarks(ctx context.Context, q querier) (bool, error) {
	return staleSince(ctx, q, settingMarks, link.MarksVersion())
}

// refreshMarks brings the marks of every stored commitment's words
// (link.WithMarks) up to date when they were found otherwise, or not at
// all (a database made before marks were), in the transaction that brings
// the database up to date. The words change, so the links are made again
// by the next command that writes (Relink: the linker's version changed
// with them).
func refreshMarks(ctx context.Context, tx *sql.Tx) error {
	stale, err := staleMarks(ctx, tx)
	if err != nil {
		return err
	}
	if !stale {
		return setSetting(ctx, tx, settingMarks, link.MarksVersion())
	}
	err = recompute(ctx, tx, "tokens", func(text, tokens string) string {
		return joinSentences(link.WithMarks(text, splitSentences(tokens)))
	})
	if err != nil {
		return err
	}
	return setSetting(ctx, tx, settingMarks, link.MarksVersion())
}
