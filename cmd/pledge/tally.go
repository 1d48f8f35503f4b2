package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"pledge/export"
	"pledge/figures"
)

const tallyUsage = `Usage: pledge tally [--db FILE] [--status] [--csv] [--no-bom] [--with NAME]... [--by-partner]

Prints how many commitments fall in each domain in each year, with the
totals of each row and column and the number of statements of each year.
With --by-partner, the rows are partners instead of years: the parties other
than the home party, the one in most statements (China, in a folder of
China's statements); a statement between three states counts for each of
its two partners.

Flags:
` + dbFlagUsage + `  --status       split each count into new and recurring commitments:
                 new/recurring in the table, two columns in CSV
                 (politics_new, politics_recurring, …)
  --csv          print CSV for a spreadsheet instead of a table: one
                 number a cell, UTF-8 with a byte-order mark, CRLF line
                 ends (pledge export --format xlsx writes a workbook)
  --no-bom       leave the byte-order mark out of the CSV
` + withFlagUsage + `  --by-partner   partners × domains instead of years × domains

Examples:
  pledge tally
  pledge tally --status --csv > tally.csv
  pledge tally --with 俄罗斯
  pledge tally --by-partner
`

func runTally(ctx context.Context, args []string, std IO) error {
	fl := flag.NewFlagSet("tally", flag.ContinueOnError)
	db := dbFlag(fl)
	status := fl.Bool("status", false, "split counts into new and recurring")
	asCSV := fl.Bool("csv", false, "print CSV")
	noBOM := fl.Bool("no-bom", false, "leave out the byte-order mark")
	with := withFlag(fl)
	byPartner := fl.Bool("by-partner", false, "partners × domains")
	rest, err := parseFlags(fl, tallyUsage, args, std.Stdout)
	if err != nil {
		return err
	}
	if err := noArgs("tally", rest); err != nil {
		return err
	}
	store, err := openExisting(ctx, *db, std.Stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := checkNames(ctx, store, "tally", "", *with, 0); err != nil {
		return err
	}
	if len(*with) > 0 && !*asCSV {
		fmt.Fprintf(std.Stdout, "With %s only.\n", strings.Join(*with, " and "))
	}
	if *byPartner {
		pt, err := store.PartnerTally(ctx, *with...)
		if err != nil {
			return err
		}
		if *asCSV {
			return export.WriteCSV(std.Stdout, export.PartnerTable(pt, *status), *noBOM)
		}
		return writePartnerTally(std.Stdout, pt, *status)
	}
	t, err := store.Tally(ctx, *with...)
	if err != nil {
		return err
	}
	if *asCSV {
		return export.WriteCSV(std.Stdout, export.TallyTable(t, *status), *noBOM)
	}
	return writeTally(std.Stdout, t, *status)
}

// writePartnerTally prints partners × domains as a table.
func writePartnerTally(w io.Writer, t *figures.PartnerTally, status bool) error {
	header := append(append([]string{"partner"}, t.Domains...), "total", "statements")
	var rows [][]string
	for _, r := range t.Rows {
		row := []string{r.Partner}
		for _, d := range t.Domains {
			row = append(row, formatCell(r.Cells[d], status))
		}
		rows = append(rows, append(row, formatCell(r.Total(), status), strconv.Itoa(r.Statements)))
	}
	fmt.Fprintf(w, "Commitments per domain and partner of %s:\n", t.Home)
	return writeTable(w, header, rows)
}

// formatCell writes a count, or new/recurring: for a terminal, not a
// spreadsheet, which would read 2/9 as a date.
func formatCell(c figures.Cell, status bool) string {
	if status {
		return fmt.Sprintf("%d/%d", c.New, c.Recurring)
	}
	return strconv.Itoa(c.Total())
}

// writeTally prints t as an aligned table.
func writeTally(w io.Writer, t *figures.Tally, status bool) error {
	cell := func(c figures.Cell) string { return formatCell(c, status) }
	header := append(append([]string{"year"}, t.Domains...), "total", "statements")
	var rows [][]string
	for _, r := range t.Rows {
		year := strconv.Itoa(r.Year)
		if r.Year == 0 {
			year = export.NoDate
		}
		row := []string{year}
		for _, d := range t.Domains {
			row = append(row, cell(r.Cells[d]))
		}
		rows = append(rows, append(row, cell(r.Total()), strconv.Itoa(r.Statements)))
	}
	total, statements := t.Total()
	last := []string{export.TotalRow}
	for _, d := range t.Domains {
		last = append(last, cell(t.Column(d)))
	}
	rows = append(rows, append(last, cell(total), strconv.Itoa(statements)))
	if status {
		fmt.Fprintln(w, "Commitments per domain and year, new/recurring:")
	} else {
		fmt.Fprintln(w, "Commitments per domain and year:")
	}
	return writeTable(w, header, rows)
}

// writeTable prints rows under header in right-aligned columns, the first
// column left-aligned.
func writeTable(w io.Writer, header []string, rows [][]string) error {
	widths := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// displayWidth counts a Chinese character as two columns, as terminals
// show it.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
