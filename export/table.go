package export

import (
	"fmt"
	"io"
	"strconv"

	"pledge/figures"
)

// Table is a table of figures for a spreadsheet: a header of column names
// and rows of cells, each a string, an int or a float64. Each cell holds
// one value, so that a spreadsheet reads a number as a number: "2/9" for
// 2 new and 9 recurring is a date to Excel.
type Table struct {
	Header []string
	Rows   [][]any
}

// Row labels of a tally that are not years.
const (
	NoDate   = "no date"
	TotalRow = "total"
)

// TallyTable is the tally of commitments per domain and year as a table:
// a row a year (NoDate for statements without a date), then the TotalRow;
// a column a domain, then total and statements. With status each domain
// has two columns, DOMAIN_new and DOMAIN_recurring, and the total three,
// total_new, total_recurring and total.
func TallyTable(t *figures.Tally, status bool) Table {
	tb := Table{Header: append(append([]string{"year"}, countColumns(t.Domains, status)...), "statements")}
	for _, r := range t.Rows {
		var year any = r.Year
		if r.Year == 0 {
			year = NoDate
		}
		tb.Rows = append(tb.Rows, countRow(year, r.Cells, t.Domains, status, r.Statements))
	}
	columns := figures.Cells{}
	for _, d := range t.Domains {
		columns[d] = t.Column(d)
	}
	_, statements := t.Total()
	tb.Rows = append(tb.Rows, countRow(TotalRow, columns, t.Domains, status, statements))
	return tb
}

// PartnerTable is the tally of commitments per domain and partner as a
// table: a row a partner, with the columns of TallyTable after partner.
// It has no total row: a statement between three states counts for each
// of its two partners, so the rows add up to more than the commitments.
func PartnerTable(t *figures.PartnerTally, status bool) Table {
	tb := Table{Header: append(append([]string{"partner"}, countColumns(t.Domains, status)...), "statements")}
	for _, r := range t.Rows {
		tb.Rows = append(tb.Rows, countRow(r.Partner, r.Cells, t.Domains, status, r.Statements))
	}
	return tb
}

// countColumns are the names of the count columns of a tally's table.
func countColumns(domains []string, status bool) []string {
	var out []string
	for _, d := range append(domains[:len(domains):len(domains)], "total") {
		if status {
			out = append(out, d+"_new", d+"_recurring")
		} else {
			out = append(out, d)
		}
	}
	if status {
		out = append(out, "total")
	}
	return out
}

// countRow is a row of a tally's table: its label, the counts of cells in
// the domains' order, the row's total and its statements.
func countRow(label any, cells figures.Cells, domains []string, status bool, statements int) []any {
	row := []any{label}
	for _, d := range domains {
		if c := cells[d]; status {
			row = append(row, c.New, c.Recurring)
		} else {
			row = append(row, c.Total())
		}
	}
	total := cells.Total()
	if status {
		row = append(row, total.New, total.Recurring)
	}
	return append(row, total.Total(), statements)
}

// WriteCSV writes t as CSV for a spreadsheet (see csvWriter), with a
// byte-order mark unless noBOM; text that a spreadsheet would run as a
// formula is defused.
func WriteCSV(w io.Writer, t Table, noBOM bool) error {
	cw := newCSV(w, noBOM)
	cw.write(t.Header)
	row := make([]string, len(t.Header))
	for _, r := range t.Rows {
		if len(r) != len(t.Header) {
			return fmt.Errorf("a row of %d cells under a header of %d", len(r), len(t.Header))
		}
		for i, v := range r {
			switch v := v.(type) {
			case string:
				row[i] = defuse(v)
			case int:
				row[i] = strconv.Itoa(v)
			case float64:
				row[i] = strconv.FormatFloat(v, 'f', -1, 64)
			default:
				return fmt.Errorf("column %s: no CSV form for a %T", t.Header[i], v)
			}
		}
		cw.write(row)
	}
	return cw.flush()
}
