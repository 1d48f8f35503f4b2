/*
Command pledge finds the commitments in joint statements between
governments and tracks them over time.

It reads Chinese-language statements — text, saved web pages, Word files,
PDFs through poppler's pdftotext, news feeds — finds every statement in
them, its date and parties and every commitment (GUIDE §1–2), labels each
commitment with one of ten policy domains, and keeps everything in one
SQLite file (pledge.db, or --db FILE, or $PLEDGE_DB). It links each
commitment to the earlier commitment it repeats, within the same parties,
and so tells recurring commitments from new ones.

Usage:

	pledge <command> [flags] [arguments]

The commands:

	ingest      store the statements of files and folders in the database
	tally       commitments per domain per year (or per partner)
	new         new policy areas and new commitments of a year
	list        list commitments by year, domain, status or text
	stats       what the database holds, and how it links
	show        one commitment and the earlier ones it recurs from
	export      every commitment as CSV, JSON or an Excel workbook
	report      an HTML report with charts, to read or print
	serve       review and correct the database in the browser
	label       correct the domain of a commitment
	link        correct what a commitment repeats, or mark it new
	reclassify  label the stored commitments again with a model
	relink      link commitments again, within or across parties
	forget      remove what deleted or unwanted files held
	common      what one party promises several partners
	extract     find the statements, dates and commitments in files
	classify    label texts with their policy domain
	eval        measure how well the domain model labels
	train       train a domain model on labelled data
	demo        run pledge on the demo statements built into it

Each command's --help gives its flags and examples. A folder ingested again
costs only what changed: an edited file replaces what it alone held
(people's labels and link decisions follow their text), a deleted one is
named and pledge forget removes it. Every problem is one line naming the
file or value and what to do, and pledge exits with status 1 (2 for a usage
error). The README says how accurate each figure is, and how it was
measured.
*/
package main
