package track

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// The order ByLinkDoubt puts first the links whose similarity is nearest
// the threshold, on either side: abs(similarity - threshold), which no
// index holds. Sorting every commitment by it made the first page of the
// review queue cost the whole database (1.5 s at 1.4 million). But on each
// side of the threshold that distance follows the similarity, which an
// index holds: above it, nearest first is the similarities rising from the
// threshold; below it, falling. So a page of the model's links is the
// first rows of two walks of the index of similarities, merged; the rest
// of the order (commitments with no earlier match, a person's links) is
// read by its own index. Every part is read after the cursor by the same
// keys the whole order sorts by, so a page is what sorting them all gives
// (TestLinkDoubtPages), and costs what it shows.

// doubtKeys are the keys of ByLinkDoubt at threshold th: a person's links
// last, then commitments without an earlier match, then the distance to
// the threshold, then, of two links as near, the one on the side and at
// the similarity its walk meets first (the lower one above the threshold,
// the higher one below: -similarity), then the date order.
func doubtKeys(th float64) ([]string, string) {
	sim := "COALESCE(l.similarity, 0)"
	return []string{"COALESCE(l.link_source, 'model') = 'person'", "COALESCE(l.previous_id, 0) = 0",
		fmt.Sprintf("abs(%s - %g)", sim, th), fmt.Sprintf("CASE WHEN %s >= %g THEN %s ELSE -%s END", sim, th, sim, sim),
		"s.date", "s.fingerprint", "c.ordinal"}, "nnnnssn"
}

// doubtPart is one part of the order ByLinkDoubt, read by its own index:
// the rows it selects (from and where), and the order in which reading
// them forward keeps the order of the keys (order), and backward.
type doubtPart struct {
	from, where       string
	forward, backward string
	// bound, when set, is an extra condition that lets the index start
	// near the cursor's values: a range the rows after (or before) it
	// must lie in. It may let a few more rows by: the keys decide.
	bound func(vals []any, backward bool) (string, []any)
}

// doubtParts returns the parts of ByLinkDoubt at threshold th, in the
// order's order, each with the segment (its first two keys) it is of.
func doubtParts(th float64) []struct {
	segment [2]float64
	parts   []doubtPart
} {
	links := `FROM links l JOIN commitments c ON c.id = l.commitment_id JOIN statements s ON s.id = c.statement_id`
	model := `l.link_source = 'model' AND l.previous_id IS NOT NULL`
	date := "s.date, s.fingerprint, c.ordinal"
	dateDesc := "s.date DESC, s.fingerprint DESC, c.ordinal DESC"
	keys, _ := doubtKeys(th)
	all := strings.Join(keys, ", ")
	allDesc := strings.Join(keys, " DESC, ") + " DESC"
	// The distance of the cursor, and a margin for the rounding of
	// th ± distance, far under any difference of two similarities.
	const margin = 1e-9
	dist := func(vals []any) float64 { f, _ := vals[2].(float64); return f }
	return []struct {
		segment [2]float64
		parts   []doubtPart
	}{
		{[2]float64{0, 0}, []doubtPart{
			{from: links, where: model + fmt.Sprintf(" AND l.similarity >= %g", th),
				forward: "l.similarity, " + date, backward: "l.similarity DESC, " + dateDesc,
				bound: func(vals []any, backward bool) (string, []any) {
					if backward {
						return "l.similarity <= ?", []any{th + dist(vals) + margin}
					}
					return "l.similarity >= ?", []any{th + dist(vals) - margin}
				}},
			{from: links, where: model + fmt.Sprintf(" AND l.similarity < %g", th),
				forward: "l.similarity DESC, " + date, backward: "l.similarity, " + dateDesc,
				bound: func(vals []any, backward bool) (string, []any) {
					if backward {
						return "l.similarity >= ?", []any{th - dist(vals) - margin}
					}
					return "l.similarity <= ?", []any{th - dist(vals) + margin}
				}},
			{from: links, where: model + " AND l.similarity IS NULL", forward: all, backward: allDesc},
		}},
		{[2]float64{0, 1}, []doubtPart{
			// No earlier match: all at one distance, in date order, read
			// by the statements' index of dates.
			{from: orderedJoins, where: "(l.commitment_id IS NULL OR l.link_source = 'model' AND l.previous_id IS NULL AND l.similarity IS NULL)",
				forward: date, backward: dateDesc,
				bound: func(vals []any, backward bool) (string, []any) {
					if dist(vals) != th || number64(vals[3]) != 0 {
						return "", nil // a cursor of the other part: the keys alone
					}
					op := ">="
					if backward {
						op = "<="
					}
					return "(s.date, s.fingerprint) " + op + " (?, ?)", []any{vals[4], vals[5]}
				}},
			{from: links, where: "l.link_source = 'model' AND l.previous_id IS NULL AND l.similarity IS NOT NULL", forward: all, backward: allDesc},
		}},
		{[2]float64{1, 0}, []doubtPart{{from: links, where: "l.link_source = 'person' AND l.previous_id IS NOT NULL", forward: all, backward: allDesc}}},
		{[2]float64{1, 1}, []doubtPart{{from: links, where: "l.link_source = 'person' AND l.previous_id IS NULL", forward: all, backward: allDesc}}},
	}
}

// doubtPage is PageOf for ByLinkDoubt from a cursor, or from the start
// and offset rows on: the parts after the cursor in turn, each read as far
// as the page needs, the parts of one segment merged by the keys.
func (s *Store) doubtPage(ctx context.Context, q PageQuery, th float64, offset int) ([]Commitment, [][]any, error) {
	keys, kinds := doubtKeys(th)
	where, fargs := q.Filter.where()
	cursor, backward := q.cursor()
	var vals []any
	if cursor != "" {
		var err error
		if vals, err = decodeCursor(cursor, kinds); err != nil {
			return nil, nil, err
		}
	}
	segments := doubtParts(th)
	if backward {
		slices.Reverse(segments)
	}
	want := offset + q.Limit + 1
	var items []Commitment
	var marks [][]any
	for _, seg := range segments {
		if len(items) >= want {
			break
		}
		if vals != nil {
			// A segment wholly before the cursor (after it, backward)
			// has nothing to give.
			c := cmp.Or(cmp.Compare(seg.segment[0], vals[0].(float64)), cmp.Compare(seg.segment[1], vals[1].(float64)))
			if !backward && c < 0 || backward && c > 0 {
				continue
			}
		}
		var segItems []Commitment
		var segMarks [][]any
		for _, p := range seg.parts {
			conds := []string{p.where}
			args := []any{}
			if where != "" {
				conds = append(conds, strings.TrimPrefix(where, " WHERE "))
				args = append(args, fargs...)
			}
			if vals != nil {
				cond, cargs := afterCondition(keys, vals, backward, false)
				conds, args = append(conds, cond), append(args, cargs...)
				sameSegment := seg.segment[0] == vals[0].(float64) && seg.segment[1] == vals[1].(float64)
				if p.bound != nil && sameSegment {
					if b, bargs := p.bound(vals, backward); b != "" {
						conds, args = append(conds, b), append(args, bargs...)
					}
				}
			}
			order := p.forward
			if backward {
				order = p.backward
			}
			query := `SELECT ` + commitmentColumns + `, ` + strings.Join(keys, ", ") + ` ` + p.from +
				whereClause(conds) + ` ORDER BY ` + order + ` LIMIT ?`
			cs, ms, err := s.scanKeyed(ctx, len(keys), query, append(args, want-len(items))...)
			if err != nil {
				return nil, nil, err
			}
			segItems, segMarks = append(segItems, cs...), append(segMarks, ms...)
		}
		idx := make([]int, len(segItems))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int {
			c := compareKeys(segMarks[a], segMarks[b], kinds)
			if backward {
				return -c
			}
			return c
		})
		for _, i := range idx[:min(len(idx), want-len(items))] {
			items, marks = append(items, segItems[i]), append(marks, segMarks[i])
		}
	}
	if offset >= len(items) {
		return nil, nil, nil
	}
	return items[offset:], marks[offset:], nil
}

// compareKeys compares two rows' values of keys of the kinds given as the
// database orders them: numbers by value, texts by their bytes.
func compareKeys(a, b []any, kinds string) int {
	for k := range kinds {
		var c int
		if kinds[k] == 's' {
			c = strings.Compare(a[k].(string), b[k].(string))
		} else {
			c = cmp.Compare(number64(a[k]), number64(b[k]))
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// number64 is a number the database gave, as a float64.
func number64(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	return 0
}
