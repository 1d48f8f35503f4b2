// Package track is pledge's database: one SQLite file that holds every
// statement, the files it was found in, its parties and commitments, each
// commitment's label and link, the models that labelled them and what a
// person decided, so that each run adds to the last.
//
// It holds the schema (the numbered migrations in migrations/, applied
// when a database is opened) and the transactions that store and change
// what the database holds, and answers queries about it. What is computed
// from the data happens elsewhere, on what its queries read: linking in
// package link, the tallies, new policy areas and common commitments in
// package figures; and the commitments it stores come labelled by package
// label.
package track
