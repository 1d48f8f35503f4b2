package figures

import "slices"

// Cell counts the commitments of one year (or partner) in one domain.
type Cell struct {
	New, Recurring int
}

// Total is New + Recurring.
func (c Cell) Total() int { return c.New + c.Recurring }

// Cells are the counts of a row of a tally, by domain.
type Cells map[string]Cell

// Total counts the row's commitments.
func (cs Cells) Total() (t Cell) {
	for _, c := range cs {
		t.New += c.New
		t.Recurring += c.Recurring
	}
	return t
}

// add counts n commitments of the domain, recurring or new.
func (cs Cells) add(domain string, recurring bool, n int) {
	c := cs[domain]
	if recurring {
		c.Recurring += n
	} else {
		c.New += n
	}
	cs[domain] = c
}

// Count is how many commitments of one domain, new or recurring, the
// database counted in one row of a tally: a year (0 for statements without
// a date), or a partner.
type Count[K comparable] struct {
	Row       K
	Domain    string
	Recurring bool
	N         int
}

// TallyRow is one year of a Tally.
type TallyRow struct {
	Year       int // 0 for statements without a date
	Statements int
	Cells
}

// Tally is commitments per domain per year.
type Tally struct {
	Domains []string // the GUIDE's domains in its order, then any others
	Rows    []TallyRow
}

// NewTally makes the tally of the commitments counted per year, domain and
// status, and the statements counted per year: a row for each year either
// counts, in order, statements without a date last.
func NewTally(counts []Count[int], statements map[int]int) *Tally {
	rows, domains := gather(counts, statements)
	t := &Tally{Domains: domains}
	for y, r := range rows {
		t.Rows = append(t.Rows, TallyRow{y, r.statements, r.cells})
	}
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
	return t
}

// row is a row of a tally being gathered.
type row struct {
	statements int
	cells      Cells
}

// gather adds up counts and statements in a row for each key either has,
// and returns the rows and the domains of the counts, in the GUIDE's
// order (see orderDomains).
func gather[K comparable](counts []Count[K], statements map[K]int) (map[K]*row, []string) {
	rows := map[K]*row{}
	get := func(k K) *row {
		if rows[k] == nil {
			rows[k] = &row{cells: Cells{}}
		}
		return rows[k]
	}
	for k, n := range statements {
		get(k).statements = n
	}
	domains := map[string]bool{}
	for _, c := range counts {
		domains[c.Domain] = true
		get(c.Row).cells.add(c.Domain, c.Recurring, c.N)
	}
	return rows, orderDomains(domains)
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

// Years are the tally's dated years, in order.
func (t *Tally) Years() []int {
	var out []int
	for _, r := range t.Rows {
		if r.Year != 0 {
			out = append(out, r.Year)
		}
	}
	return out
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
