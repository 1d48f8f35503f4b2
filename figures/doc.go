// Package figures computes what pledge reports from what the database
// holds: the tally of commitments per domain and year or partner, new and
// recurring, the policy areas that first appear in each year, and the
// commitments one party makes to several partners. It works on plain
// values that package track reads from the database (counts, terms, pairs
// of alike commitments) and holds no database itself, so that every figure
// is tested on values written out in its tests.
package figures
