package track

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Commitment is a stored commitment with its statement, label and link.
type Commitment struct {
	ID          int64
	StatementID int64
	Statement   string // the statement's title
	Fingerprint string
	Date        string   // YYYY-MM-DD, "" when unknown
	Year        int      // 0 when unknown
	Parties     []string // its statement's parties, China first, then in the order of its title
	Ordinal     int
	Section     string
	Text        string
	Domain      string
	Probability float64
	LabelSource string // "model" or "person"
	Status      string // "new" or "recurring"
	LinkSource  string // "model", or "person" when a person decided the link
	// DecisionAside says a person decided the link in a way linking now
	// cannot apply (to a commitment of other parties, linking within
	// parties; to one no longer earlier): the decision is kept, and the
	// model decides meanwhile.
	DecisionAside bool
	FirstYear     int // the year its thread began, 0 when unknown
	// Previous is its best match in an earlier statement (0 when none), and
	// Similarity how close it is; the commitment recurs from it when Status
	// is "recurring".
	Previous   int64
	Similarity float64
}

// Filter selects commitments; its zero value selects all.
type Filter struct {
	Year int // 0 for every year
	// FromYear keeps the commitments of that year and later ones; 0 for
	// every year.
	FromYear int
	Domain   string // "" for every domain
	Status   string // "new", "recurring" or "" for both
	Search   string // text the commitment holds, as Fold compares it; "" for any
	// Undated keeps the commitments of statements without a date.
	Undated bool
	// LabelSource keeps the commitments labelled by "model" or by
	// "person"; "" keeps both.
	LabelSource string
	// LinkSource keeps the commitments whose link was decided by "model"
	// (the linker) or by "person"; "" keeps both.
	LinkSource string
	// Below keeps the commitments whose probability is under it; 0 keeps
	// all.
	Below float64
	// CanRecur keeps the commitments that can recur: those of a dated
	// statement with an earlier dated statement they may link to, between
	// the same parties (between any, when links cross parties). A
	// commitment of the first statement of its parties, or of an undated
	// one, is new whatever anyone decides.
	CanRecur bool
	IDs      []int64
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

const commitmentColumns = `c.id, s.id, s.title, s.fingerprint, s.date, COALESCE(s.year, 0), c.ordinal, c.section, c.text,
	c.domain, c.probability, c.label_source, COALESCE(l.status, 'new'), COALESCE(l.first_year, 0),
	COALESCE(l.previous_id, 0), COALESCE(l.similarity, 0), COALESCE(l.link_source, 'model'),
	COALESCE(l.link_source, 'model') = 'model' AND EXISTS (SELECT 1 FROM link_decisions d WHERE d.commitment_id = c.id)`

const commitmentJoins = `FROM commitments c ` + joinsOfCommitment

// joinsOfCommitment join a commitment c to its statement s and its link l.
const joinsOfCommitment = `JOIN statements s ON s.id = c.statement_id LEFT JOIN links l ON l.commitment_id = c.id`

// orderedJoins are commitmentJoins for reading in date order: statements
// first (CROSS JOIN keeps SQLite to that), by their index in that order,
// each one's commitments by ordinal, so that nothing is sorted and a page
// reads only its rows. Left to choose, SQLite reads the commitments and
// sorts them all.
const orderedJoins = `FROM statements s CROSS JOIN commitments c ON c.statement_id = s.id LEFT JOIN links l ON l.commitment_id = c.id`

// joinsFor are the joins to read what f selects in date order: by ids,
// the commitments first.
func joinsFor(f Filter) string {
	if len(f.IDs) > 0 {
		return commitmentJoins
	}
	return orderedJoins
}

// maxIDs is how many ids one query binds.
const maxIDs = 500

// Commitments returns the commitments f selects, in the order of their
// statements' dates, then fingerprints, then ordinals, which does not
// depend on the order they were ingested in. Every value of f reaches the
// database as a bound parameter.
func (s *Store) Commitments(ctx context.Context, f Filter) ([]Commitment, error) {
	var out []Commitment
	collect := func(c Commitment) error {
		out = append(out, c)
		return nil
	}
	switch {
	case len(f.IDs) <= maxIDs:
		if err := s.eachCommitment(ctx, f, collect); err != nil {
			return nil, err
		}
	case len(f.IDs) > 20*maxIDs:
		// So many that reading every commitment and keeping theirs is
		// quicker than asking for them part by part.
		want := make(map[int64]bool, len(f.IDs))
		for _, id := range f.IDs {
			want[id] = true
		}
		all := f
		all.IDs = nil
		if err := s.eachCommitment(ctx, all, func(c Commitment) error {
			if want[c.ID] {
				out = append(out, c)
			}
			return nil
		}); err != nil {
			return nil, err
		}
	default:
		// SQLite binds a limited number of values to one statement.
		for ids := range slices.Chunk(f.IDs, maxIDs) {
			part := f
			part.IDs = ids
			if err := s.eachCommitment(ctx, part, collect); err != nil {
				return nil, err
			}
		}
		slices.SortFunc(out, func(a, b Commitment) int {
			return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Fingerprint, b.Fingerprint), cmp.Compare(a.Ordinal, b.Ordinal))
		})
	}
	return out, s.fillParties(ctx, out)
}

// EachCommitment calls fn with each commitment f selects, in the order of
// Commitments, as the database reads them: what it holds at once does not
// grow with the database (but for the parties of the statements f can
// select). An error from fn stops it.
func (s *Store) EachCommitment(ctx context.Context, f Filter, fn func(Commitment) error) error {
	if f.IDs != nil {
		cs, err := s.Commitments(ctx, f)
		for _, c := range cs {
			if err == nil {
				err = fn(c)
			}
		}
		return err
	}
	// The parties of the statements f can select, read first: a query
	// each statement as it comes would cost more than reading them all.
	where, args := f.statementWhere()
	parties, err := partiesWhere(ctx, s.db, where, args)
	if err != nil {
		return err
	}
	return s.eachCommitment(ctx, f, func(c Commitment) error {
		c.Parties = parties[c.StatementID]
		return fn(c)
	})
}

// eachCommitment calls fn with each commitment f selects, for at most
// maxIDs ids, without their parties.
func (s *Store) eachCommitment(ctx context.Context, f Filter, fn func(Commitment) error) error {
	if f.IDs != nil && len(f.IDs) == 0 {
		return nil
	}
	where, args := f.where()
	q := "SELECT " + commitmentColumns + " " + joinsFor(f) + where + " ORDER BY s.date, s.fingerprint, c.ordinal"
	return s.scanCommitments(ctx, fn, q, args...)
}

// fillParties gives the commitments their statements' parties, read for
// those statements only.
func (s *Store) fillParties(ctx context.Context, cs []Commitment) error {
	if len(cs) == 0 {
		return nil
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, c := range cs {
		if !seen[c.StatementID] {
			seen[c.StatementID] = true
			ids = append(ids, c.StatementID)
		}
	}
	parties, err := partiesOf(ctx, s.db, ids)
	if err != nil {
		return err
	}
	for i := range cs {
		cs[i].Parties = parties[cs[i].StatementID]
	}
	return nil
}

// where is the WHERE clause that selects what f selects, with its values.
func (f Filter) where() (string, []any) {
	where, args := f.statementConds()
	if f.Domain != "" {
		where, args = append(where, "c.domain = ?"), append(args, f.Domain)
	}
	if f.Status != "" {
		where, args = append(where, "COALESCE(l.status, 'new') = ?"), append(args, f.Status)
	}
	if f.LabelSource != "" {
		where, args = append(where, "c.label_source = ?"), append(args, f.LabelSource)
	}
	if f.LinkSource != "" {
		where, args = append(where, "COALESCE(l.link_source, 'model') = ?"), append(args, f.LinkSource)
	}
	if f.Below != 0 {
		where, args = append(where, "c.probability < ?"), append(args, f.Below)
	}
	if f.Search != "" {
		where, args = searchText(where, args, Fold(f.Search))
	}
	if len(f.IDs) > 0 {
		where = append(where, "c.id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(f.IDs)), ",")+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	return whereClause(where), args
}

// statementWhere is the WHERE clause, on statements s alone, that selects
// the statements whose commitments f can select.
func (f Filter) statementWhere() (string, []any) {
	where, args := f.statementConds()
	return whereClause(where), args
}

func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// statementConds are the conditions of f on statements s.
func (f Filter) statementConds() ([]string, []any) {
	var where []string
	var args []any
	if f.Year != 0 {
		where, args = append(where, "s.year = ?"), append(args, f.Year)
	}
	if f.FromYear != 0 {
		where, args = append(where, "s.year >= ?"), append(args, f.FromYear)
	}
	if f.Undated {
		where = append(where, "s.year IS NULL")
	}
	if f.CanRecur {
		// The first date of each group of parties is found once, for every
		// statement, not again for each commitment: that would read the
		// statements once a commitment.
		across := `(SELECT value FROM settings WHERE key = '` + settingAcrossParties + `') = 'true'`
		where = append(where, `(`+across+` AND s.date > (SELECT min(date) FROM statements WHERE date != '')
			OR NOT COALESCE(`+across+`, 0) AND s.id IN (SELECT s2.id FROM statements s2
				JOIN (SELECT party_key, min(date) AS first FROM statements WHERE date != '' GROUP BY party_key) g ON g.party_key = s2.party_key
				WHERE s2.date > g.first))`)
	}
	return withParties(where, args, f.With)
}

// searchText adds to a query's conditions that the commitment's text,
// folded, holds folded. Folding is a call into Go for each commitment, and
// it only ever makes ASCII: a run of other characters of what is sought
// stands as it is in the text, so the database looks for the longest such
// run first and folds only the texts that hold it, and none when what is
// sought holds no ASCII.
func searchText(where []string, args []any, folded string) ([]string, []any) {
	longest := ""
	for _, run := range strings.FieldsFunc(folded, func(r rune) bool { return r < utf8.RuneSelf }) {
		if len(run) > len(longest) {
			longest = run
		}
	}
	if longest != "" {
		where, args = append(where, "instr(c.text, ?) > 0"), append(args, longest)
	}
	if longest != folded {
		where, args = append(where, "instr(pledge_fold(c.text), ?) > 0"), append(args, folded)
	}
	return where, args
}

// scanCommitments runs query q, which selects commitmentColumns, and calls
// fn with each commitment, without its parties.
func (s *Store) scanCommitments(ctx context.Context, fn func(Commitment) error, q string, args ...any) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c Commitment
		if err := rows.Scan(&c.ID, &c.StatementID, &c.Statement, &c.Fingerprint, &c.Date, &c.Year, &c.Ordinal, &c.Section,
			&c.Text, &c.Domain, &c.Probability, &c.LabelSource, &c.Status, &c.FirstYear, &c.Previous, &c.Similarity, &c.LinkSource,
			&c.DecisionAside); err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
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
// from, each from the one before, newest first. One query follows the
// links back, however long the thread.
func (s *Store) Thread(ctx context.Context, id int64) ([]Commitment, error) {
	// Each step goes to a statement dated earlier, so a thread is never
	// longer than the statements are many: the bound ends the walk should
	// the links ever loop (as they cannot).
	q := `WITH RECURSIVE thread(id, depth) AS (
			SELECT ?1, 0
			UNION ALL
			SELECT l.previous_id, t.depth + 1 FROM thread t JOIN links l ON l.commitment_id = t.id
			WHERE l.status = 'recurring' AND l.previous_id IS NOT NULL AND t.depth < (SELECT count(*) FROM statements))
		SELECT ` + commitmentColumns + ` FROM thread t JOIN commitments c ON c.id = t.id JOIN statements s ON s.id = c.statement_id
		LEFT JOIN links l ON l.commitment_id = c.id ORDER BY t.depth`
	var out []Commitment
	seen := map[int64]bool{}
	err := s.scanCommitments(ctx, func(c Commitment) error {
		if seen[c.ID] {
			return errLoop
		}
		seen[c.ID] = true
		out = append(out, c)
		return nil
	}, q, id)
	if err != nil && !errors.Is(err, errLoop) {
		return nil, err
	}
	if len(out) == 0 || out[0].ID != id {
		return nil, fmt.Errorf("%w: %d", ErrNotFound, id)
	}
	return out, s.fillParties(ctx, out)
}

// errLoop stops the walk of a thread at a commitment met before.
var errLoop = errors.New("the thread comes back to a commitment")

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
	parties, err := partiesWhere(ctx, s.db, "", nil)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Parties = parties[out[i].ID]
	}
	return out, nil
}

// StatementsByID returns the stored statements with the ids, in date
// order, with their titles, dates and numbers of commitments.
func (s *Store) StatementsByID(ctx context.Context, ids []int64) ([]Statement, error) {
	var out []Statement
	for part := range slices.Chunk(ids, maxIDs) {
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.title, s.date, COALESCE(s.year, 0), s.fingerprint,
			(SELECT count(*) FROM commitments WHERE statement_id = s.id)
			FROM statements s WHERE s.id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(part)), ",")+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var st Statement
			if err := rows.Scan(&st.ID, &st.Title, &st.Date, &st.Year, &st.Fingerprint, &st.Commitments); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, st)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b Statement) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
	return out, nil
}

// Count returns how many statements and commitments the database holds.
func (s *Store) Count(ctx context.Context) (statements, commitments int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM statements), (SELECT count(*) FROM commitments)`).Scan(&statements, &commitments)
	return statements, commitments, err
}

// LinkRow is a commitment's link, without its text.
type LinkRow struct {
	ID        int64
	Year      int // 0 when unknown
	Recurring bool
	Previous  int64 // its best earlier match, 0 when none
}

// ThreadLinks returns the links of the commitments that recur and of those
// others recur from (with names parties, of the statements whose parties
// include them all), in the order of Commitments: what following threads
// back in time needs, and no text, nor the links of the commitments that
// are in no thread, which a database of new commitments is full of.
func (s *Store) ThreadLinks(ctx context.Context, with ...string) ([]LinkRow, error) {
	return s.links(ctx, `(l.status = 'recurring' OR EXISTS (SELECT 1 FROM links r WHERE r.previous_id = c.id AND r.status = 'recurring'))`, with)
}

// links returns the links of the commitments cond selects.
func (s *Store) links(ctx context.Context, cond string, with []string) ([]LinkRow, error) {
	where, args := withParties([]string{cond}, nil, with)
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, COALESCE(s.year, 0), COALESCE(l.status, 'new') = 'recurring', COALESCE(l.previous_id, 0)
		`+orderedJoins+` WHERE `+strings.Join(where, " AND ")+` ORDER BY s.date, s.fingerprint, c.ordinal`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LinkRow
	for rows.Next() {
		var l LinkRow
		if err := rows.Scan(&l.ID, &l.Year, &l.Recurring, &l.Previous); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// Years returns the years of the stored statements in order, 0 last for
// statements without a date.
func (s *Store) Years(ctx context.Context) ([]int, error) {
	return column[int](ctx, s.db, `SELECT year FROM tally_statements GROUP BY year HAVING sum(n) > 0 ORDER BY year = 0, year`)
}

// LatestYear returns the year of the latest dated statement whose parties
// include every name of with, 0 when there is none, from the statements
// the database counts per group of parties.
func (s *Store) LatestYear(ctx context.Context, with ...string) (int, error) {
	cond, args := groupsWith(with)
	var y int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(max(year), 0) FROM tally_statements WHERE n > 0 AND `+cond, args...).Scan(&y)
	return y, err
}
