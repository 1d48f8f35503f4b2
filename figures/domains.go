package figures

import (
	"slices"

	"pledge/classify"
)

// withDomains returns domains and those of also it lacks, in the order of
// orderDomains: a tally's columns are every domain of the model, counted
// or not, so that two tallies line up column by column.
func withDomains(domains, also []string) []string {
	set := map[string]bool{}
	for _, d := range append(slices.Clone(domains), also...) {
		set[d] = true
	}
	return orderDomains(set)
}

// Include makes the domains columns of the tally, counted or not.
func (t *Tally) Include(domains []string) { t.Domains = withDomains(t.Domains, domains) }

// Include makes the domains columns of the tally, counted or not.
func (t *PartnerTally) Include(domains []string) { t.Domains = withDomains(t.Domains, domains) }

// orderDomains puts the GUIDE's domains first, in its order, then others
// (a user's own labels) alphabetically.
func orderDomains(set map[string]bool) []string {
	var out []string
	for _, d := range classify.Domains() {
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
