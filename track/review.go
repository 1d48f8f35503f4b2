package track

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"pledge/link"
)

// LinkConflict is DecideLink's error for a link that the dates or the
// parties do not allow.
type LinkConflict struct{ Reason string }

func (e *LinkConflict) Error() string { return "cannot link: " + e.Reason }

// DecideLink records a person's judgement of commitment id's link: it
// repeats commitment previous, which must belong to a statement dated
// earlier (between the same parties, unless links cross parties), or,
// when previous is 0, it is new, not a repetition. Linking keeps the
// judgement over what similarity says (links are marked link_source
// person) until UndecideLink takes it back; its group is marked for
// linking, which LinkPending does.
func (s *Store) DecideLink(ctx context.Context, id, previous int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		across, err := setting(ctx, tx, settingAcrossParties)
		if err != nil {
			return err
		}
		date, group, err := dateAndGroup(ctx, tx, id)
		if err != nil {
			return err
		}
		var prev any
		if previous != 0 {
			pdate, pgroup, err := dateAndGroup(ctx, tx, previous)
			if err != nil {
				return err
			}
			switch {
			case previous == id:
				return &LinkConflict{"a commitment does not repeat itself"}
			case date == "":
				return &LinkConflict{fmt.Sprintf("the statement of commitment %d has no date, so nothing is earlier", id)}
			case pdate == "":
				return &LinkConflict{fmt.Sprintf("the statement of commitment %d has no date", previous)}
			case pdate >= date:
				return &LinkConflict{fmt.Sprintf("commitment %d (%s) is not earlier than commitment %d (%s)", previous, pdate, id, date)}
			case across != "true" && pgroup != group:
				return &LinkConflict{fmt.Sprintf("commitment %d is of a statement between other parties (pledge relink --across-parties links across them)", previous)}
			}
			prev = previous
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO link_decisions (commitment_id, previous_id, decided_at) VALUES (?, ?, ?)
			ON CONFLICT (commitment_id) DO UPDATE SET previous_id = excluded.previous_id, decided_at = excluded.decided_at`,
			id, prev, now()); err != nil {
			return err
		}
		return changed(ctx, tx, id)
	})
}

// UndecideLink takes back a person's judgement of commitment id's link:
// the linker decides it again at the next LinkPending.
func (s *Store) UndecideLink(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, _, err := dateAndGroup(ctx, tx, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM link_decisions WHERE commitment_id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return changed(ctx, tx, id)
	})
}

// dateAndGroup returns the date and the group of parties of commitment
// id's statement.
func dateAndGroup(ctx context.Context, q querier, id int64) (date, group string, err error) {
	err = q.QueryRowContext(ctx, `SELECT s.date, s.party_key FROM commitments c JOIN statements s ON s.id = c.statement_id
		WHERE c.id = ?`, id).Scan(&date, &group)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", fmt.Errorf("%w: %d", ErrNotFound, id)
	}
	return date, group, err
}

// Candidate is an earlier commitment that a commitment may repeat.
type Candidate struct {
	Commitment
	Similarity float64 // to the commitment asked about
}

// Candidates returns the k earlier commitments most similar to commitment
// id that it may be linked to (see DecideLink), most similar first, found
// as linking finds its best match.
func (s *Store) Candidates(ctx context.Context, id int64, k int) ([]Candidate, error) {
	across, err := s.AcrossParties(ctx)
	if err != nil {
		return nil, err
	}
	_, group, err := dateAndGroup(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	items, err := linkItems(ctx, s.db, across, group, across)
	if err != nil {
		return nil, err
	}
	matches := link.Nearest(items, id, k)
	ids := make([]int64, len(matches))
	for i, m := range matches {
		ids[i] = m.ID
	}
	cs, err := s.Commitments(ctx, Filter{IDs: ids})
	if err != nil {
		return nil, err
	}
	out := make([]Candidate, 0, len(matches))
	for _, m := range matches {
		if i := slices.IndexFunc(cs, func(c Commitment) bool { return c.ID == m.ID }); i >= 0 {
			out = append(out, Candidate{cs[i], m.Similarity})
		}
	}
	return out, nil
}

// LabelQueue selects the labels that wait for a person: the model's, with
// a probability under doubtBelow.
func LabelQueue(doubtBelow float64) Filter { return Filter{LabelSource: "model", Below: doubtBelow} }

// LinkQueue selects the links that wait for a person: the linker's, of
// the commitments that can recur (see Filter.CanRecur). Those that cannot
// are left out: there is nothing to decide.
func LinkQueue() Filter { return Filter{LinkSource: "model", CanRecur: true} }

// Reviewed counts what people decided, labels and links, and what waits
// for them: the commitments of LabelQueue and LinkQueue.
type Reviewed struct {
	Labels, Links                 int
	DoubtfulLabels, DoubtfulLinks int
}

// Reviewed counts the labels and links a person gave, and the
// commitments of LabelQueue(doubtBelow) and LinkQueue, as Page counts
// them.
func (s *Store) Reviewed(ctx context.Context, doubtBelow float64) (Reviewed, error) {
	var r Reviewed
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM commitments WHERE label_source = 'person'),
		(SELECT count(*) FROM link_decisions)`).Scan(&r.Labels, &r.Links)
	if err != nil {
		return r, err
	}
	if r.DoubtfulLabels, err = s.CountCommitments(ctx, LabelQueue(doubtBelow)); err != nil {
		return r, err
	}
	r.DoubtfulLinks, err = s.CountCommitments(ctx, LinkQueue())
	return r, err
}
