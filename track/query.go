package track

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Commitment is a stored commitment with its statement, label and link.
type Commitment struct {
	ID          int64
	StatementID int64
	Statement   string // the statement's title
	Fingerprint string
	Date        string   // YYYY-MM-DD, "" when unknown
	Year        int      // 0 when unknown
	Parties     []string // its statement's parties, in the order of its title
	Ordinal     int
	Section     string
	Text        string
	Words       []string // the words jieba cut it into, sentence after sentence
	Domain      string
	Probability float64
	LabelSource string // "model" or "person"
	Status      string // "new" or "recurring"
	FirstYear   int    // the year its thread began, 0 when unknown
	// Previous is its best match in an earlier statement (0 when none), and
	// Similarity how close it is; the commitment recurs from it when Status
	// is "recurring".
	Previous   int64
	Similarity float64
}

// Filter selects commitments; its zero value selects all.
type Filter struct {
	Year   int    // 0 for every year
	Domain string // "" for every domain
	Status string // "new", "recurring" or "" for both
	Search string // text the commitment holds, "" for any
	IDs    []int64
	// With keeps the commitments of statements whose parties include every
	// name it holds (canonical names: 俄罗斯, not 俄罗斯联邦).
	With []string
}

// withParties adds to a query's conditions that statement s has every
// party of with.
func withParties(where []string, args []any, with []string) ([]string, []any) {
	for _, p := range with {
		where = append(where, "EXISTS (SELECT 1 FROM statement_parties sp WHERE sp.statement_id = s.id AND sp.party = ?)")
		args = append(args, p)
	}
	return where, args
}

const commitmentColumns = `c.id, s.id, s.title, s.fingerprint, s.date, COALESCE(s.year, 0), c.ordinal, c.section, c.text, c.tokens,
	c.domain, c.probability, c.label_source, COALESCE(l.status, 'new'), COALESCE(l.first_year, 0),
	COALESCE(l.previous_id, 0), COALESCE(l.similarity, 0)`

const commitmentJoins = `FROM commitments c JOIN statements s ON s.id = c.statement_id LEFT JOIN links l ON l.commitment_id = c.id`

// Commitments returns the commitments f selects, in the order of their
// statements' dates, then fingerprints, then ordinals, which does not
// depend on the order they were ingested in. Every value of f reaches the
// database as a bound parameter.
func (s *Store) Commitments(ctx context.Context, f Filter) ([]Commitment, error) {
	var where []string
	var args []any
	if f.Year != 0 {
		where, args = append(where, "s.year = ?"), append(args, f.Year)
	}
	if f.Domain != "" {
		where, args = append(where, "c.domain = ?"), append(args, f.Domain)
	}
	if f.Status != "" {
		where, args = append(where, "COALESCE(l.status, 'new') = ?"), append(args, f.Status)
	}
	if f.Search != "" {
		where, args = append(where, "instr(c.text, ?) > 0"), append(args, f.Search)
	}
	where, args = withParties(where, args, f.With)
	if f.IDs != nil {
		marks := strings.TrimSuffix(strings.Repeat("?,", len(f.IDs)), ",")
		if marks == "" {
			return nil, nil
		}
		where = append(where, "c.id IN ("+marks+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	q := "SELECT " + commitmentColumns + " " + commitmentJoins
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY s.date, s.fingerprint, c.ordinal"
	parties, err := partiesOf(ctx, s.db)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Commitment
	for rows.Next() {
		var c Commitment
		var tokens string
		if err := rows.Scan(&c.ID, &c.StatementID, &c.Statement, &c.Fingerprint, &c.Date, &c.Year, &c.Ordinal, &c.Section,
			&c.Text, &tokens, &c.Domain, &c.Probability, &c.LabelSource, &c.Status, &c.FirstYear, &c.Previous, &c.Similarity); err != nil {
			return nil, err
		}
		for _, s := range splitSentences(tokens) {
			c.Words = append(c.Words, s...)
		}
		c.Parties = parties[c.StatementID]
		out = append(out, c)
	}
	return out, rows.Err()
}

// ErrNotFound is returned for an id that no commitment has.
var ErrNotFound = errors.New("no such commitment")

// Commitment returns one commitment.
func (s *Store) Commitment(ctx context.Context, id int64) (Commitment, error) {
	cs, err := s.Commitments(ctx, Filter{IDs: []int64{id}})
	if err != nil {
		return Commitment{}, err
	}
	if len(cs) == 0 {
		return Commitment{}, fmt.Errorf("%w: %d", ErrNotFound, id)
	}
	return cs[0], nil
}

// Thread returns the commitment id and the earlier commitments it recurs
// from, each from the one before, newest first.
func (s *Store) Thread(ctx context.Context, id int64) ([]Commitment, error) {
	var out []Commitment
	for {
		c, err := s.Commitment(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
		if c.Status != "recurring" || c.Previous == 0 {
			return out, nil
		}
		id = c.Previous
	}
}

// Statement is a stored statement.
type Statement struct {
	ID          int64
	Title       string
	Date        string
	Year        int
	Fingerprint string
	Parties     []string
	Sources     []string
	Commitments int
}

// Statements returns every stored statement, in date order.
func (s *Store) Statements(ctx context.Context) ([]Statement, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.title, s.date, COALESCE(s.year, 0), s.fingerprint,
		(SELECT count(*) FROM commitments WHERE statement_id = s.id)
		FROM statements s ORDER BY s.date, s.fingerprint`)
	if err != nil {
		return nil, err
	}
	var out []Statement
	index := map[int64]int{}
	for rows.Next() {
		var st Statement
		if err := rows.Scan(&st.ID, &st.Title, &st.Date, &st.Year, &st.Fingerprint, &st.Commitments); err != nil {
			rows.Close()
			return nil, err
		}
		index[st.ID] = len(out)
		out = append(out, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// File names may hold any character, so they are read row by row, not
	// joined into one string.
	src, err := s.db.QueryContext(ctx, `SELECT statement_id, path FROM sources ORDER BY path`)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	for src.Next() {
		var id int64
		var path string
		if err := src.Scan(&id, &path); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			out[i].Sources = append(out[i].Sources, path)
		}
	}
	if err := src.Err(); err != nil {
		return nil, err
	}
	parties, err := partiesOf(ctx, s.db)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Parties = parties[out[i].ID]
	}
	return out, nil
}
