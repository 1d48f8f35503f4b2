package track

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"pledge/figures"
	"pledge/link"

	"github.com/mattn/go-sqlite3"
)

// CommonGroup is a commitment one party makes to several partners:
// similar commitments in statements between that party and different
// others (see figures.Common).
type CommonGroup = figures.Common[CommonCommitment]

// CommonCommitment is a commitment of a CommonGroup: what pledge common
// shows of it.
type CommonCommitment struct {
	ID, StatementID int64
	Date            string // the statement's, "" when unknown
	Parties         []string
	Text            string
}

// Common finds what one party promises several partners: commitments of
// statements between different parties whose similarity, as linking
// measures it, reaches threshold are one group, and a group counts for a
// party in all its statements when that party made it to at least
// minPartners others (see figures.CommonGroups). Groups come in the
// GUIDE's order of domains, those with the most partners first. It holds
// them all; CommonOf gives them one at a time.
//
// Each commitment's best match among other parties' commitments depends on
// every commitment (link.Across), so it is computed for all of them the
// first time Common is asked after a change, and kept (common_matches) for
// the times after; so are the groups found from them, for each threshold
// and least number of partners asked (common_groups), which asking the
// same again reads instead of grouping every commitment anew.
func (s *Store) Common(ctx context.Context, minPartners int, threshold float64) ([]CommonGroup, error) {
	l, err := s.CommonOf(ctx, minPartners, threshold)
	if err != nil {
		return nil, err
	}
	var out []CommonGroup
	return out, l.Each(ctx, func(g CommonGroup) error {
		out = append(out, g)
		return nil
	})
}

// CommonList is what Common finds, known group by group but read one
// group at a time: what it holds does not grow with the commitments the
// groups hold.
type CommonList struct {
	s *Store
	// groups are the groups, with the ids of their commitments when they
	// were found rather than read kept; sizes are how many commitments
	// each has.
	groups []figures.Common[factRow]
	sizes  []int
	// keyID is the id of their common_keys row when they are kept, 0
	// when they could not be; matchKey is the commonKey of the database
	// they were found in.
	keyID    int64
	matchKey string
	parties  map[int64][]string // by statement
	// perBatch is the most commitments Each holds at once, but for a
	// group larger on its own.
	perBatch int
}

// commonBatch is CommonList.perBatch: a batch of 100,000 holds some 30 MB.
const commonBatch = 100000

// errCommonChanged says that the database changed between finding the
// groups and reading them.
var errCommonChanged = errors.New("the database changed while pledge read it (another pledge wrote to it): run the command again")

// Len is how many groups there are.
func (l *CommonList) Len() int { return len(l.groups) }

// Each calls fn with each group, in order, with its commitments read when
// it comes to it, in the group's order (date order). An error from fn
// stops it; so does a change to the database since the groups were found.
//
// The commitments are read from common_members, or where the database
// could not keep them, from a temporary table of their ids (which a
// database opened read-only can hold too); a batch of groups at a time
// (perBatch commitments at most), each batch in one query in the order
// the commitments are stored, each put in its place as it comes: a
// group's commitments lie all over the file, and reading them in the
// order they are stored is about three times as fast as group by group.
func (l *CommonList) Each(ctx context.Context, fn func(CommonGroup) error) error {
	if len(l.groups) == 0 {
		return nil
	}
	conn, err := l.s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	members := "main.common_members"
	if l.keyID == 0 {
		members = "temp.common_here"
		if err := l.hold(ctx, conn); err != nil {
			return fmt.Errorf("holding the commitments of common groups: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `DROP TABLE temp.common_here`)
	}
	// The commitments read from one snapshot, of the database the groups
	// were found in.
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return explain(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	if now, err := commonKey(ctx, conn); err != nil {
		return err
	} else if now != l.matchKey {
		return errCommonChanged
	}
	for from := 0; from < len(l.groups); {
		to, n := from, 0
		for to < len(l.groups) && (to == from || n+l.sizes[to] <= l.perBatch) {
			n += l.sizes[to]
			to++
		}
		if err := l.batch(ctx, conn, members, from, to, fn); err != nil {
			return err
		}
		from = to
	}
	return nil
}

// batch reads the commitments of groups from to to (not included) from
// the table members and calls fn with each group, in order.
func (l *CommonList) batch(ctx context.Context, conn *sql.Conn, members string, from, to int, fn func(CommonGroup) error) error {
	rows, err := conn.QueryContext(ctx, `SELECT m.rank, m.place, c.id, s.id, s.date, c.text FROM `+members+` m
		CROSS JOIN commitments c ON c.id = m.commitment_id CROSS JOIN statements s ON s.id = c.statement_id
		WHERE m.key_id = ? AND m.rank >= ? AND m.rank < ? ORDER BY m.commitment_id`, l.keyID, from, to)
	if err != nil {
		return fmt.Errorf("reading the commitments of common groups: %w", err)
	}
	defer rows.Close()
	got := make([][]CommonCommitment, to-from)
	want := 0
	for k := range got {
		got[k] = make([]CommonCommitment, l.sizes[from+k])
		want += l.sizes[from+k]
	}
	n := 0
	for rows.Next() {
		var rank, place int
		var c CommonCommitment
		if err := rows.Scan(&rank, &place, &c.ID, &c.StatementID, &c.Date, &c.Text); err != nil {
			return fmt.Errorf("reading the commitments of common groups: %w", err)
		}
		if rank < from || rank >= to || place < 0 || place >= len(got[rank-from]) {
			return errCommonChanged
		}
		c.Parties = l.parties[c.StatementID]
		got[rank-from][place] = c
		n++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading the commitments of common groups: %w", err)
	}
	if n != want {
		return errCommonChanged // some were deleted
	}
	rows.Close()
	for k, cs := range got {
		g := l.groups[from+k]
		got[k] = nil // what fn was given is not held after
		if err := fn(CommonGroup{Party: g.Party, Partners: g.Partners, Domain: g.Domain, Years: g.Years, Commitments: cs}); err != nil {
			return err
		}
	}
	return nil
}

// hold writes the ids of the groups' commitments into a temporary table
// of conn, as common_members holds them (key 0).
func (l *CommonList) hold(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS common_here (
		key_id INTEGER NOT NULL, commitment_id INTEGER NOT NULL, rank INTEGER NOT NULL, place INTEGER NOT NULL,
		PRIMARY KEY (key_id, commitment_id, rank)) WITHOUT ROWID`); err != nil {
		return err
	}
	// Many rows a statement: one each would cost more than the query.
	const perInsert = 300
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		_, err := conn.ExecContext(ctx, `INSERT INTO temp.common_here (key_id, commitment_id, rank, place) VALUES `+
			strings.TrimSuffix(strings.Repeat("(0, ?, ?, ?), ", len(args)/3), ", "), args...)
		args = args[:0]
		return err
	}
	for rank, g := range l.groups {
		for place, c := range g.Commitments {
			if args = append(args, c.id, rank, place); len(args) == 3*perInsert {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
}

// CommonOf finds what Common finds, from what it needs to know of each
// commitment (its date, parties and domain; not its text), and returns the
// groups for Each to read. The groups it finds are kept (common_groups,
// for the threshold and least number of partners asked), and asking the
// same again reads them.
func (s *Store) CommonOf(ctx context.Context, minPartners int, threshold float64) (*CommonList, error) {
	l := &CommonList{s: s, perBatch: commonBatch}
	parties, err := partiesWhere(ctx, s.db, "", nil)
	if err != nil {
		return nil, err
	}
	l.parties = parties
	if err := s.snapshot(ctx, func(q querier) error { return l.readKept(ctx, q, minPartners, threshold) }); err != nil {
		return nil, fmt.Errorf("reading the common groups kept: %w", err)
	}
	if l.keyID != 0 {
		return l, nil
	}
	edges, key, kept, err := s.commonEdges(ctx, threshold)
	if err != nil {
		return nil, err
	}
	if j := components(edges); j.n > 0 {
		f, err := s.readFacts(ctx, j, parties)
		if err != nil {
			return nil, err
		}
		l.groups = figures.CommonGroups(f.groups, f.of, minPartners)
		for _, g := range l.groups {
			l.sizes = append(l.sizes, len(g.Commitments))
		}
	}
	l.matchKey = key
	if !kept {
		return l, nil // nor can the groups be
	}
	// Kept only if nothing was written since the edges were read: the
	// facts were read after them, outside their snapshot.
	if _, err := s.keep(ctx, key, func(tx *sql.Tx) (err error) {
		l.keyID, err = keepGroups(ctx, tx, l.groups, key, groupsKey(key, minPartners, threshold))
		return err
	}); err != nil {
		return nil, fmt.Errorf("keeping the common groups: %w", err)
	}
	return l, nil
}

// readKept reads into l the groups kept for the database q reads, the
// threshold and least number of partners, if there are such.
func (l *CommonList) readKept(ctx context.Context, q querier, minPartners int, threshold float64) error {
	key, fresh, err := commonFresh(ctx, q)
	if err != nil || !fresh {
		return err
	}
	var id int64
	err = q.QueryRowContext(ctx, `SELECT id FROM common_keys WHERE key = ?`, groupsKey(key, minPartners, threshold)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, `SELECT party, partners, domain, years, size FROM common_groups WHERE key_id = ? ORDER BY rank`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var g figures.Common[factRow]
		var partners, years []byte
		var size int
		if err := rows.Scan(&g.Party, &partners, &g.Domain, &years, &size); err != nil {
			return err
		}
		if err := json.Unmarshal(partners, &g.Partners); err != nil {
			return err
		}
		if err := json.Unmarshal(years, &g.Years); err != nil {
			return err
		}
		l.groups, l.sizes = append(l.groups, g), append(l.sizes, size)
	}
	l.keyID, l.matchKey = id, key
	return rows.Err()
}

// groupsMethod names how the groups are found from the matches
// (figures.CommonGroups): another method, other groups.
const groupsMethod = "groups-1"

// groupsKey says what kept groups were found from: the key of the
// matches, the threshold, the least number of partners and the program
// that grouped them (as areasKey, so that another build's grouping is not
// taken for this one's).
func groupsKey(key string, minPartners int, threshold float64) string {
	return fmt.Sprintf("%s|%s@%s|%d|%s", key, groupsMethod, program(), minPartners, strconv.FormatFloat(threshold, 'g', -1, 64))
}

// keepGroups stores groups as those found for gkey from the matches of
// the database at key, unless groups for gkey are kept already (the same,
// found by another pledge meanwhile), and deletes those of other
// matches. It returns the id of gkey.
func keepGroups(ctx context.Context, tx *sql.Tx, groups []figures.Common[factRow], key, gkey string) (int64, error) {
	// The groups of other matches: out of date.
	old, err := column[int64](ctx, tx, `SELECT id FROM common_keys WHERE substr(key, 1, ?) != ?`, len(key)+1, key+"|")
	if err != nil {
		return 0, err
	}
	for _, id := range old {
		for _, table := range []string{"common_members", "common_groups"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE key_id = ?`, id); err != nil {
				return 0, err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM common_keys WHERE id = ?`, id); err != nil {
			return 0, err
		}
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM common_keys WHERE key = ?`, gkey).Scan(&id); err == nil {
		return id, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO common_keys (key) VALUES (?)`, gkey)
	if err != nil {
		return 0, err
	}
	if id, err = r.LastInsertId(); err != nil {
		return 0, err
	}
	head, err := tx.PrepareContext(ctx, `INSERT INTO common_groups (key_id, rank, party, partners, domain, years, size) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer head.Close()
	member, err := tx.PrepareContext(ctx, `INSERT INTO common_members (key_id, commitment_id, rank, place) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer member.Close()
	for rank, g := range groups {
		partners, err := json.Marshal(g.Partners)
		if err != nil {
			return 0, err
		}
		years, err := json.Marshal(g.Years)
		if err != nil {
			return 0, err
		}
		if _, err := head.ExecContext(ctx, id, rank, g.Party, partners, g.Domain, years, len(g.Commitments)); err != nil {
			return 0, err
		}
		for place, c := range g.Commitments {
			if _, err := member.ExecContext(ctx, id, c.id, rank, place); err != nil {
				return 0, err
			}
		}
	}
	return id, nil
}

// factRow is what finding common commitments knows of a commitment: its
// id, and its date, year, statement and domain by their number in a
// facts' tables.
type factRow struct {
	id              int64
	date, statement int32
	year            int32
	domain          int32
}

// facts are the commitments of the groups, in date order, each as a
// factRow, and the tables its numbers refer to.
type facts struct {
	groups  [][]factRow
	dates   []string
	parties [][]string // by statement's number
	domains []string
}

// of is the figures.Facts of c.
func (f *facts) of(c factRow) figures.Facts {
	return figures.Facts{Date: f.dates[c.date], Year: int(c.year), Parties: f.parties[c.statement], Domain: f.domains[c.domain]}
}

// readFacts reads, in date order, what finding common commitments needs
// to know of the commitments of the groups j joins.
func (s *Store) readFacts(ctx context.Context, j joined, byStatement map[int64][]string) (*facts, error) {
	f := &facts{groups: make([][]factRow, j.n)}
	dates, statements, domains := map[string]int32{}, map[int64]int32{}, map[string]int32{}
	number := func(m map[string]int32, table *[]string, v string) int32 {
		k, ok := m[v]
		if !ok {
			k = int32(len(*table))
			m[v] = k
			*table = append(*table, v)
		}
		return k
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, s.id, s.date, COALESCE(s.year, 0), c.domain `+orderedJoins+
		` ORDER BY s.date, s.fingerprint, c.ordinal`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, st int64
		var date, domain string
		var year int
		if err := rows.Scan(&id, &st, &date, &year, &domain); err != nil {
			return nil, err
		}
		g := j.of(id)
		if g < 0 {
			continue
		}
		k, ok := statements[st]
		if !ok {
			k = int32(len(f.parties))
			statements[st] = k
			f.parties = append(f.parties, byStatement[st])
		}
		f.groups[g] = append(f.groups[g], factRow{id: id, date: number(dates, &f.dates, date), statement: k, year: int32(year),
			domain: number(domains, &f.domains, domain)})
	}
	return f, rows.Err()
}

// joined are the groups of ids that edges join: of each id in order, the
// group it is in (-1 for none), and how many groups there are.
type joined struct {
	ids   []int64
	group []int32
	n     int32
}

// of is the group of id, -1 for none.
func (j joined) of(id int64) int32 {
	if i, ok := slices.BinarySearch(j.ids, id); ok {
		return j.group[i]
	}
	return -1
}

// components finds the groups of two ids or more that the edges join,
// directly or through others, numbered in the order of their first ids,
// with a union-find over the ids' places in a slice: a map of every id
// would take several times the memory.
func components(edges [][2]int64) joined {
	var ids []int64
	for _, e := range edges {
		ids = append(ids, e[0], e[1])
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	at := func(id int64) int32 {
		i, _ := slices.BinarySearch(ids, id)
		return int32(i)
	}
	parent := make([]int32, len(ids))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(i int32) int32 {
		r := i
		for parent[r] != r {
			r = parent[r]
		}
		for parent[i] != r {
			parent[i], i = r, parent[i]
		}
		return r
	}
	for _, e := range edges {
		if ra, rb := find(at(e[0])), find(at(e[1])); ra != rb {
			// The root of a group is its first id.
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	size := make([]int32, len(ids))
	for i := range ids {
		size[find(int32(i))]++
	}
	j := joined{ids: ids, group: make([]int32, len(ids))}
	// Roots come in the order of their ids: the groups are numbered in
	// the order of their first ids.
	for i := range ids {
		if r := find(int32(i)); size[r] < 2 {
			j.group[i] = -1
		} else if r == int32(i) {
			j.group[i] = j.n
			j.n++
		} else {
			j.group[i] = j.group[r]
		}
	}
	return j
}

// commonEdges returns the pairs of a commitment and its best match among
// other parties' commitments, where they are alike at threshold, the key
// of the database they are of, and whether they are kept: from
// common_matches, computed and kept first if they are out of date. A
// database opened read-only keeps them too where its file can be written
// (as a stopped run's links are made); where it cannot, they are computed
// and not kept.
func (s *Store) commonEdges(ctx context.Context, threshold float64) ([][2]int64, string, bool, error) {
	key, fresh, err := commonFresh(ctx, s.db)
	if err != nil {
		return nil, "", false, err
	}
	if !fresh {
		matches, err := s.computeCommon(ctx, &key)
		if err != nil {
			return nil, "", false, err
		}
		if kept, err := s.keep(ctx, key, func(tx *sql.Tx) error { return keepMatches(ctx, tx, matches, key) }); err != nil {
			return nil, "", false, fmt.Errorf("keeping the common matches: %w", err)
		} else if !kept {
			var edges [][2]int64
			for _, m := range matches {
				if m.similarity >= threshold {
					edges = append(edges, [2]int64{m.id, m.other})
				}
			}
			return edges, key, false, nil
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT commitment_id, other_id FROM common_matches WHERE similarity >= ? ORDER BY commitment_id`, threshold)
	if err != nil {
		return nil, "", false, err
	}
	defer rows.Close()
	var edges [][2]int64
	for rows.Next() {
		var e [2]int64
		if err := rows.Scan(&e[0], &e[1]); err != nil {
			return nil, "", false, err
		}
		edges = append(edges, e)
	}
	return edges, key, true, rows.Err()
}

// commonMatch is a commitment's best match among other parties'.
type commonMatch struct {
	id, other  int64
	similarity float64
}

// commonKey says what common_matches were computed from: the database's
// generation, the linker that compared them, and the marks of the words
// they compared (link.MarksVersion: the stored words are marked again,
// not changed, when the marks change).
func commonKey(ctx context.Context, q querier) (string, error) {
	gen, err := generation(ctx, q)
	if err != nil {
		return "", err
	}
	m, err := link.DefaultModel()
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(gen, 10) + "@" + m.Version() + "@" + link.MarksVersion(), nil
}

// commonFresh returns the key of the database q reads, and whether the kept
// matches were computed for it.
func commonFresh(ctx context.Context, q querier) (string, bool, error) {
	key, err := commonKey(ctx, q)
	if err != nil {
		return "", false, err
	}
	done, err := setting(ctx, q, settingCommonGeneration)
	return key, done == key, err
}

// computeCommon compares every commitment with the commitments of
// statements between other parties, in ascending order of ids, from one
// snapshot of the database, whose key it sets: the write lock is not held
// meanwhile. It gives what link.Across gives on every commitment, in
// memory that does not grow with them: the commitments are read three
// times (link.CrossIndex), and only those that can be anyone's match are
// held prepared, the others a chunk at a time.
func (s *Store) computeCommon(ctx context.Context, key *string) ([]commonMatch, error) {
	x, err := link.NewCrossIndex()
	if err != nil {
		return nil, err
	}
	var out []commonMatch
	err = s.snapshot(ctx, func(q querier) error {
		var err error
		if *key, err = commonKey(ctx, q); err != nil {
			return err
		}
		var ids []int64
		if err := crossItems(ctx, q, func(it link.Item) error {
			ids = append(ids, it.ID)
			return x.Add(it)
		}); err != nil {
			return fmt.Errorf("indexing the words of commitments: %w", err)
		}
		wanted := x.Wanted(ids)
		ids = nil
		if err := crossItems(ctx, q, func(it link.Item) error {
			if _, ok := wanted[it.ID]; !ok {
				return nil
			}
			return x.Prepare(it)
		}); err != nil {
			return fmt.Errorf("preparing the commitments that can be matches: %w", err)
		}
		const perMatch = 8192
		var run []link.Item
		match := func() error {
			found, err := x.Match(run)
			if err != nil {
				return err
			}
			for n, m := range found {
				if m.ID != 0 {
					out = append(out, commonMatch{run[n].ID, m.ID, m.Similarity})
				}
			}
			run = run[:0]
			return nil
		}
		if err := crossItems(ctx, q, func(it link.Item) error {
			if run = append(run, it); len(run) == perMatch {
				return match()
			}
			return nil
		}); err != nil {
			return fmt.Errorf("matching commitments: %w", err)
		}
		return match()
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b commonMatch) int { return cmp.Compare(a.id, b.id) })
	return out, nil
}

// crossItems calls fn with every commitment as link.Across sees it (its
// group is its parties), in Order.
func crossItems(ctx context.Context, q querier, fn func(link.Item) error) error {
	rows, err := q.QueryContext(ctx, `SELECT c.id, s.party_key, s.date, s.fingerprint, c.ordinal, c.domain, c.tokens
		FROM statements s CROSS JOIN commitments c ON c.statement_id = s.id ORDER BY s.date, s.fingerprint, c.ordinal`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var it link.Item
		var fp, tokens string
		var ordinal int
		if err := rows.Scan(&it.ID, &it.Group, &it.Date, &fp, &ordinal, &it.Domain, &tokens); err != nil {
			return err
		}
		it.Order = link.OrderOf(it.Date, fp, ordinal)
		it.Sentences = splitSentences(tokens)
		if err := fn(it); err != nil {
			return err
		}
	}
	return rows.Err()
}

// keep runs write, in one transaction, to store what was computed from
// the database at key, unless it changed meanwhile; on a database opened
// read-only, through a connection that can write, if the file can be
// written. It reports whether write ran and was committed: not when the
// database changed, nor when a read-only database's file cannot be
// written (what was computed is then computed each time).
func (s *Store) keep(ctx context.Context, key string, write func(*sql.Tx) error) (bool, error) {
	w := s
	if s.readOnly {
		var err error
		if w, err = Open(ctx, s.path); err != nil {
			return false, nil
		}
		defer w.Close()
	}
	changed := false
	err := w.tx(ctx, func(tx *sql.Tx) error {
		now, err := commonKey(ctx, tx)
		if err != nil {
			return err
		}
		if changed = now != key; changed {
			return nil
		}
		return write(tx)
	})
	if err != nil && s.readOnly && cannotWrite(err) {
		return false, nil
	}
	return err == nil && !changed, err
}

// cannotWrite reports whether err says that the database cannot be
// written: its file or folder read-only, or another program holding it;
// as SQLite says it, or as explain (which Store.tx returns through) does.
func cannotWrite(err error) bool {
	if errors.Is(err, ErrReadOnly) || busy(err) {
		return true
	}
	var e sqlite3.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm, sqlite3.ErrAuth:
		return true
	}
	return false
}

// keepMatches stores matches as the common_matches of the database at key.
func keepMatches(ctx context.Context, tx *sql.Tx, matches []commonMatch, key string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM common_matches`); err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO common_matches (commitment_id, other_id, similarity) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for _, m := range matches {
		if _, err := ins.ExecContext(ctx, m.id, m.other, m.similarity); err != nil {
			return err
		}
	}
	return setSetting(ctx, tx, settingCommonGeneration, key)
}
