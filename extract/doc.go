// Package extract reads joint statements in the text of the files analysts
// have (PDF text, saved web pages, Word documents, news feeds, as package
// decode gives it) and finds each statement in it, its title, date and
// parties, and every commitment, as sections 1 and 2 of ../shared/GUIDE.md
// define them.
//
// The data path, top to bottom: the text is split into normalised
// paragraphs, with hard-wrapped lines and titles printed over several lines
// joined, each kept in two forms of the same byte layout, as written and
// simplified (package script), so that cues are matched on the one and
// reported in the words of the other. Each paragraph then gets a role from
// weighted cues (role.go); stretches that could be statements are scored
// by their evidence and the best kept (span.go); and in each statement's
// body the list items and sentences that commit the parties become
// Commitments (unit.go, commitment.go). Parse does it all for one text,
// Explain tells what it saw, and Seen recognises a statement met again in
// another file.
//
// The word lists the cues use are in data/extract.txt. The package needs
// no cgo and does no I/O.
package extract
