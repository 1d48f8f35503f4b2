package figures

import (
	"cmp"
	"slices"
	"strings"
)

// UnknownPartner is the partner of statements whose parties pledge could
// not read, so that the rows add up to every commitment.
const UnknownPartner = "(parties unknown)"

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

// NewPartnerTally makes the tally of the partners of home from the
// commitments counted per partner, domain and status, and the statements
// counted per partner: a row for each partner either counts, those of
// most statements first, then by name.
func NewPartnerTally(home string, counts []Count[string], statements map[string]int) *PartnerTally {
	rows, domains := gather(counts, statements)
	t := &PartnerTally{Home: home, Domains: domains}
	for p, r := range rows {
		t.Rows = append(t.Rows, PartnerRow{p, r.statements, r.cells})
	}
	slices.SortFunc(t.Rows, func(a, b PartnerRow) int {
		return cmp.Or(cmp.Compare(b.Statements, a.Statements), strings.Compare(a.Partner, b.Partner))
	})
	return t
}

// PartyCount is how many statements a party is in, and how many of them
// name it first.
type PartyCount struct {
	Party             string
	Statements, First int
}

// Home is the party of most statements, the one named first more often
// when two tie, then the first by name; "" when there are none.
func Home(counts []PartyCount) string {
	var home *PartyCount
	for i, c := range counts {
		if home == nil || c.Statements > home.Statements || c.Statements == home.Statements &&
			(c.First > home.First || c.First == home.First && c.Party < home.Party) {
			home = &counts[i]
		}
	}
	if home == nil {
		return ""
	}
	return home.Party
}
