// Package extract reads joint statements from the files analysts have (PDF
// text, saved web pages, news feeds) and finds each statement in them, its
// title and date, and every commitment, as sections 1 and 2 of
// ../shared/GUIDE.md define them.
//
// The data path, top to bottom: Decode turns file bytes into text; the text
// is split into normalised paragraphs, with hard-wrapped lines joined and
// page markers dropped; statement bodies are found between an opening and a
// closing; and in each body the list items and sentences that commit the
// parties become Commitments. Document does it all for one file, and Seen
// recognises a statement met again in another file.
//
// The package needs no cgo and does no I/O.
package extract
