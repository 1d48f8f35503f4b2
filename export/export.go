// Package export writes the commitments of a pledge database for other
// programs: CSV for spreadsheets (RFC 4180, UTF-8 with a byte-order mark,
// formula-looking cells defused) or JSON, one object a line. It writes as
// the database reads, so its memory does not grow with the database.
package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"pledge/track"
)

// Export formats.
const (
	CSV  = "csv"
	JSON = "json"
	// XLSX is an Excel workbook: the commitments, the tallies per domain
	// and year and per partner, the new areas of each year, and what each
	// column means and how the figures were made (see Sheets).
	XLSX = "xlsx"
)

// Options say how to export.
type Options struct {
	Format string // CSV (the default) or JSON
	// NoBOM leaves out the byte-order mark that makes Excel read a CSV file
	// as UTF-8.
	NoBOM bool
	// Raw writes CSV text cells as they are. Otherwise a cell a spreadsheet
	// would run as a formula (starting with = + - @, a tab or a carriage
	// return) gets a ' before it, which spreadsheets show as text.
	Raw bool
	// With keeps the commitments of statements whose parties include every
	// name it holds.
	With []string
	// Now is when the export was made, and Version the pledge that made
	// it, which a workbook's About sheet gives; zero Now is the time of
	// writing.
	Now     time.Time
	Version string
}

// Write writes every commitment of store to w, in the order of
// track.Store.Commitments: as CSV (RFC 4180, UTF-8 with a byte-order mark,
// a header of the names of Columns) or as JSON, one object per line with
// the same keys (see Record). Unknown numbers (the year of an undated
// statement, the earlier commitment of a new one) are empty in CSV and
// null in JSON.
func Write(ctx context.Context, w io.Writer, store *track.Store, opt Options) error {
	bw := bufio.NewWriter(w)
	f := track.Filter{With: opt.With}
	cols := Columns()
	switch opt.Format {
	case JSON:
		err := store.EachCommitment(ctx, f, func(c track.Commitment) error {
			b, err := recordOf(cols, c).MarshalJSON()
			if err != nil {
				return err
			}
			bw.Write(b)
			return bw.WriteByte('\n')
		})
		if err != nil {
			return err
		}
	case XLSX:
		if err := writeXLSX(ctx, bw, store, opt); err != nil {
			return err
		}
	case CSV, "":
		cw := newCSV(bw, opt.NoBOM)
		row := make([]string, len(cols))
		for i, col := range cols {
			row[i] = col.Name
		}
		cw.write(row)
		err := store.EachCommitment(ctx, f, func(c track.Commitment) error {
			for i, col := range cols {
				v, err := cell(col, c, opt.Raw)
				if err != nil {
					return err
				}
				row[i] = v
			}
			cw.write(row)
			return cw.err
		})
		if err != nil {
			return err
		}
		if err := cw.flush(); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown export format %q (want csv, xlsx or json)", opt.Format)
	}
	return bw.Flush()
}

// cell is column col of c as CSV writes it; a text cell is defused unless
// raw.
func cell(col Column, c track.Commitment, raw bool) (string, error) {
	var s string
	switch v := col.Value(c).(type) {
	case string:
		s = v
	case []string:
		s = strings.Join(v, ";")
	case int64:
		return strconv.FormatInt(v, 10), nil
	case *int64:
		if v == nil {
			return "", nil
		}
		return strconv.FormatInt(*v, 10), nil
	case float64:
		return strconv.FormatFloat(v, 'f', 4, 64), nil
	default:
		return "", fmt.Errorf("column %s: no CSV form for a %T", col.Name, v)
	}
	if col.Text && !raw {
		s = defuse(s)
	}
	return s, nil
}

// defuse keeps a spreadsheet from running a cell as a formula (CSV
// injection): a text that starts with = + - @, a tab or a carriage return
// gets a ' before it.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
