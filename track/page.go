package track

import (
	"context"
	"fmt"
)

// Order is an order of the commitments of a Page.
type Order string

// Orders of a Page.
const (
	// ByDate is the order of Commitments: statements by date, then
	// fingerprint, commitments by ordinal.
	ByDate Order = "date"
	// ByLabelDoubt puts the model's least probable labels first, and a
	// person's labels last: the order to review labels in.
	ByLabelDoubt Order = "label"
	// ByLinkDoubt puts first the links whose similarity is closest to the
	// threshold, on either side, where the linker is least sure; a
	// person's links, and commitments without an earlier match, last.
	ByLinkDoubt Order = "link"
)

// Page returns up to limit commitments of those f selects, from offset on,
// in order, and how many f selects in all. The database sorts and counts,
// so a page costs what it shows, not what the database holds.
func (s *Store) Page(ctx context.Context, f Filter, order Order, limit, offset int) ([]Commitment, int, error) {
	where, args := f.where()
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) `+commitmentJoins+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	var by string
	switch order {
	case ByDate, "":
	case ByLabelDoubt:
		by = "c.label_source = 'person', c.probability, "
	case ByLinkDoubt:
		th, err := s.LinkThreshold(ctx)
		if err != nil {
			return nil, 0, err
		}
		by = fmt.Sprintf("COALESCE(l.link_source, 'model') = 'person', COALESCE(l.previous_id, 0) = 0, abs(COALESCE(l.similarity, 0) - %g), ", th)
	default:
		return nil, 0, fmt.Errorf("unknown order %q", order)
	}
	var out []Commitment
	q := `SELECT ` + commitmentColumns + ` ` + commitmentJoins + where + ` ORDER BY ` + by + `s.date, s.fingerprint, c.ordinal LIMIT ? OFFSET ?`
	err := s.scanCommitments(ctx, func(c Commitment) error {
		out = append(out, c)
		return nil
	}, q, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	return out, total, s.fillParties(ctx, out)
}
