// Package export writes the commitments of a pledge database for other
// programs: CSV for spreadsheets (RFC 4180, UTF-8 with a byte-order mark,
// formula-looking cells defused) or JSON, one object a line. It writes as
// the database reads, so its memory does not grow with the database.
package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"pledge/track"
)

// Columns are the columns of an export, in order. parties and link_source
// came after the others, so they are last, where they move no column a
// spreadsheet already refers to.
var Columns = []string{"id", "statement", "date", "year", "ordinal", "section", "domain", "probability",
	"label_source", "status", "first_year", "previous_id", "text", "parties", "link_source"}

// Export formats.
const (
	CSV  = "csv"
	JSON = "json"
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
}

// Write writes every commitment of store to w, in the order of
// track.Store.Commitments: as CSV (RFC 4180, UTF-8 with a byte-order mark,
// the header Columns, the parties joined by ;) or as JSON, one object per
// line with the same keys. Unknown numbers (the year of an undated
// statement, the earlier commitment of a new one) are empty in CSV and
// null in JSON.
func Write(ctx context.Context, w io.Writer, store *track.Store, opt Options) error {
	bw := bufio.NewWriter(w)
	f := track.Filter{With: opt.With}
	switch opt.Format {
	case JSON:
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		if err := store.EachCommitment(ctx, f, func(c track.Commitment) error { return enc.Encode(RecordOf(c)) }); err != nil {
			return err
		}
	case CSV, "":
		if !opt.NoBOM {
			bw.WriteString("\ufeff")
		}
		cw := csv.NewWriter(bw)
		cw.Write(Columns)
		text := func(s string) string { return s }
		if !opt.Raw {
			text = defuse
		}
		err := store.EachCommitment(ctx, f, func(c track.Commitment) error {
			r := RecordOf(c)
			return cw.Write([]string{itoa(&r.ID), text(r.Statement), r.Date, itoa(r.Year), itoa(&r.Ordinal), text(r.Section), text(r.Domain),
				strconv.FormatFloat(r.Probability, 'f', 4, 64), r.LabelSource, r.Status, itoa(r.FirstYear), itoa(r.PreviousID), text(r.Text),
				text(strings.Join(r.Parties, ";")), r.LinkSource})
		})
		if err != nil {
			return err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown export format %q (want csv or json)", opt.Format)
	}
	return bw.Flush()
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

// Record is one exported commitment, with the columns' names as its JSON
// keys. pledge serve's API gives commitments in the same form.
type Record struct {
	ID          int64    `json:"id"`
	Statement   string   `json:"statement"`
	Date        string   `json:"date"`
	Year        *int64   `json:"year"`
	Ordinal     int64    `json:"ordinal"`
	Section     string   `json:"section"`
	Domain      string   `json:"domain"`
	Probability float64  `json:"probability"`
	LabelSource string   `json:"label_source"`
	Status      string   `json:"status"`
	FirstYear   *int64   `json:"first_year"`
	PreviousID  *int64   `json:"previous_id"`
	Text        string   `json:"text"`
	Parties     []string `json:"parties"`
	LinkSource  string   `json:"link_source"`
}

// RecordOf is the record of c.
func RecordOf(c track.Commitment) Record {
	r := Record{ID: c.ID, Statement: c.Statement, Date: c.Date, Ordinal: int64(c.Ordinal), Section: c.Section,
		Domain: c.Domain, Probability: c.Probability, LabelSource: c.LabelSource, Status: c.Status, Text: c.Text, Parties: c.Parties,
		LinkSource: c.LinkSource}
	if r.Parties == nil {
		r.Parties = []string{}
	}
	r.Year, r.FirstYear = optional(int64(c.Year)), optional(int64(c.FirstYear))
	if c.Status == "recurring" {
		r.PreviousID = optional(c.Previous)
	}
	return r
}

func optional(n int64) *int64 {
	if n == 0 {
		return nil
	}
	return &n
}

func itoa(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}
