package track

import (
	"context"
	"slices"

	"pledge/classify"
)

// Cell counts the commitments of one year in one domain.
type Cell struct {
	New, Recurring int
}

// Total is New + Recurring.
func (c Cell) Total() int { return c.New + c.Recurring }

// TallyRow is one year of a Tally.
type TallyRow struct {
	Year       int // 0 for statements without a date
	Statements int
	Cells      map[string]Cell // by domain
}

// Total counts the row's commitments.
func (r TallyRow) Total() (t Cell) {
	for _, c := range r.Cells {
		t.New += c.New
		t.Recurring += c.Recurring
	}
	return t
}

// Tally is commitments per domain per year.
type Tally struct {
	Domains []string // the GUIDE's domains in its order, then any others
	Rows    []TallyRow
}

// Column totals one domain over the years.
func (t *Tally) Column(domain string) (c Cell) {
	for _, r := range t.Rows {
		x := r.Cells[domain]
		c.New += x.New
		c.Recurring += x.Recurring
	}
	return c
}

// Total counts every commitment, and every statement.
func (t *Tally) Total() (commitments Cell, statements int) {
	for _, r := range t.Rows {
		x := r.Total()
		commitments.New += x.New
		commitments.Recurring += x.Recurring
		statements += r.Statements
	}
	return commitments, statements
}

// Tally counts the commitments of every year in every domain, new and
// recurring, and the statements of every year.
func (s *Store) Tally(ctx context.Context) (*Tally, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT COALESCE(s.year, 0), c.domain, COALESCE(l.status, 'new'), count(*)
		FROM commitments c JOIN statements s ON s.id = c.statement_id LEFT JOIN links l ON l.commitment_id = c.id
		GROUP BY 1, 2, 3`)
	if err != nil {
		return nil, err
	}
	byYear := map[int]*TallyRow{}
	domains := map[string]bool{}
	row := func(y int) *TallyRow {
		if byYear[y] == nil {
			byYear[y] = &TallyRow{Year: y, Cells: map[string]Cell{}}
		}
		return byYear[y]
	}
	for rows.Next() {
		var year, n int
		var domain, status string
		if err := rows.Scan(&year, &domain, &status, &n); err != nil {
			rows.Close()
			return nil, err
		}
		domains[domain] = true
		r := row(year)
		c := r.Cells[domain]
		if status == "recurring" {
			c.Recurring += n
		} else {
			c.New += n
		}
		r.Cells[domain] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	st, err := s.db.QueryContext(ctx, `SELECT COALESCE(year, 0), count(*) FROM statements GROUP BY 1`)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	for st.Next() {
		var year, n int
		if err := st.Scan(&year, &n); err != nil {
			return nil, err
		}
		row(year).Statements = n
	}
	t := &Tally{Domains: orderDomains(domains)}
	for _, r := range byYear {
		t.Rows = append(t.Rows, *r)
	}
	// Years in order, statements without a date last.
	slices.SortFunc(t.Rows, func(a, b TallyRow) int {
		switch {
		case a.Year == b.Year:
			return 0
		case a.Year == 0:
			return 1
		case b.Year == 0:
			return -1
		}
		return a.Year - b.Year
	})
	return t, st.Err()
}

// orderDomains puts the GUIDE's domains first, in its order, then others
// (a user's own labels) alphabetically.
func orderDomains(set map[string]bool) []string {
	var out []string
	for _, d := range classify.Domains {
		if set[d.ID] {
			out = append(out, d.ID)
			delete(set, d.ID)
		}
	}
	var rest []string
	for d := range set {
		rest = append(rest, d)
	}
	slices.Sort(rest)
	return append(out, rest...)
}
