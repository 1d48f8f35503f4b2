package track

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"pledge/classify"
)

// Cell counts the commitments of one year in one domain.
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

// add counts n commitments of the domain with the status.
func (cs Cells) add(domain, status string, n int) {
	c := cs[domain]
	if status == "recurring" {
		c.Recurring += n
	} else {
		c.New += n
	}
	cs[domain] = c
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

// Tally counts the commitments of every year in every domain, new and
// recurring, and the statements of every year; with names parties, only
// those of statements whose parties include them all.
func (s *Store) Tally(ctx context.Context, with ...string) (*Tally, error) {
	where, args := withParties([]string{"1 = 1"}, nil, with)
	rows, err := s.db.QueryContext(ctx, `SELECT COALESCE(s.year, 0), c.domain, COALESCE(l.status, 'new'), count(*)
		FROM commitments c JOIN statements s ON s.id = c.statement_id LEFT JOIN links l ON l.commitment_id = c.id
		WHERE `+strings.Join(where, " AND ")+` GROUP BY 1, 2, 3`, args...)
	if err != nil {
		return nil, err
	}
	byYear := map[int]*TallyRow{}
	domains := map[string]bool{}
	row := func(y int) *TallyRow {
		if byYear[y] == nil {
			byYear[y] = &TallyRow{Year: y, Cells: Cells{}}
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
		row(year).add(domain, status, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	st, err := s.db.QueryContext(ctx, `SELECT COALESCE(s.year, 0), count(*) FROM statements s WHERE `+strings.Join(where, " AND ")+` GROUP BY 1`, args...)
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

// PartnerRow is one partner of a PartnerTally.
type PartnerRow struct {
	Partner    string
	Statements int
	Cells
}

// PartnerTally is commitments per domain per partner.
type PartnerTally struct {
	// Home is the party the partners are partners of: the party of most
	// of the database's statements (China, in a folder of China's
	// statements), the one named first more often when two tie.
	Home    string
	Domains []string
	Rows    []PartnerRow // most statements first
}

// UnknownPartner is the partner of statements whose parties pledge could
// not read, so that the rows add up to every commitment.
const UnknownPartner = "(parties unknown)"

// PartnerTally counts the commitments of each partner in each domain. A
// statement's partners are its parties other than the home party (see
// PartnerTally.Home), so a statement between three states counts for each
// of its two partners; with names parties, only statements whose parties
// include them all count. The database does the counting.
func (s *Store) PartnerTally(ctx context.Context, with ...string) (*PartnerTally, error) {
	counts := map[string]*partyCount{}
	rows, err := s.db.QueryContext(ctx, `SELECT party, count(*), sum(position = 0) FROM statement_parties GROUP BY party`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var p string
		var c partyCount
		if err := rows.Scan(&p, &c.in, &c.first); err != nil {
			rows.Close()
			return nil, err
		}
		counts[p] = &c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	t := &PartnerTally{Home: pickHome(counts)}
	byPartner := map[string]*PartnerRow{}
	row := func(p string) *PartnerRow {
		if byPartner[p] == nil {
			byPartner[p] = &PartnerRow{Partner: p, Cells: Cells{}}
		}
		return byPartner[p]
	}
	where, args := withParties([]string{"1 = 1"}, nil, with)
	cond := strings.Join(where, " AND ")
	// A statement's partners, or UnknownPartner for one without parties.
	partner := `(SELECT sp.party AS partner, sp.statement_id AS statement_id FROM statement_parties sp WHERE sp.party != ?1
		UNION ALL SELECT ?2, st.id FROM statements st WHERE NOT EXISTS (SELECT 1 FROM statement_parties x WHERE x.statement_id = st.id))`
	pargs := append([]any{t.Home, UnknownPartner}, args...)
	sts, err := s.db.QueryContext(ctx, `SELECT p.partner, count(*) FROM statements s JOIN `+partner+` p ON p.statement_id = s.id
		WHERE `+cond+` GROUP BY 1`, pargs...)
	if err != nil {
		return nil, err
	}
	for sts.Next() {
		var p string
		var n int
		if err := sts.Scan(&p, &n); err != nil {
			sts.Close()
			return nil, err
		}
		row(p).Statements = n
	}
	sts.Close()
	if err := sts.Err(); err != nil {
		return nil, err
	}
	cs, err := s.db.QueryContext(ctx, `SELECT p.partner, c.domain, COALESCE(l.status, 'new'), count(*)
		FROM commitments c JOIN statements s ON s.id = c.statement_id LEFT JOIN links l ON l.commitment_id = c.id
		JOIN `+partner+` p ON p.statement_id = s.id WHERE `+cond+` GROUP BY 1, 2, 3`, pargs...)
	if err != nil {
		return nil, err
	}
	defer cs.Close()
	domains := map[string]bool{}
	for cs.Next() {
		var p, domain, status string
		var n int
		if err := cs.Scan(&p, &domain, &status, &n); err != nil {
			return nil, err
		}
		domains[domain] = true
		row(p).add(domain, status, n)
	}
	if err := cs.Err(); err != nil {
		return nil, err
	}
	t.Domains = orderDomains(domains)
	for _, r := range byPartner {
		t.Rows = append(t.Rows, *r)
	}
	slices.SortFunc(t.Rows, func(a, b PartnerRow) int {
		return cmp.Or(cmp.Compare(b.Statements, a.Statements), strings.Compare(a.Partner, b.Partner))
	})
	return t, nil
}

// partyCount is how many statements a party is in, and how many name it
// first.
type partyCount struct{ in, first int }

// pickHome is the party of most statements, the one named first more
// often when two tie, then the first by name, from the counts of each
// party; "" when there are none.
func pickHome(counts map[string]*partyCount) string {
	home := ""
	for p, c := range counts {
		h := counts[home]
		if h == nil || c.in > h.in || c.in == h.in && (c.first > h.first || c.first == h.first && p < home) {
			home = p
		}
	}
	return home
}
