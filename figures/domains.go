package figures

import (
	"slices"

	"pledge/classify"
)

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
