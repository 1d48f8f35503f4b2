package track

import (
	"cmp"
	"container/heap"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"pledge/link"
)

// maxTouchedSeeds bounds the seeds of a group that linkTouched links from
// its words: more, as an ingest of many statements brings, touch most of
// the group, which is then read whole.
const maxTouchedSeeds = 512

// linkTouched links a group as linkGroup does, reading of the group only
// the words of its commitments from the date of the earliest seed on,
// and further back only as far as weighing them needs, and, whole, the
// commitments its seeds touch and those weighing them needs (link's
// Touched and Reweigh): a person's label or decision costs what it
// touches and what came after it, not the whole group. Statements dated
// after the rest of their group cost less again: only the commitments
// the tails of their words name are read (sketch.after). The years threads
// began are followed from the links weighed again to the later ones that
// recur from them, and only links that changed are written. It reports
// false, having written nothing, when the order of the group's
// commitments is not known without their Order, and linkGroup reads the
// group whole.
func linkTouched(ctx context.Context, tx *sql.Tx, m *link.Model, g pendingGroup, threshold float64) (Linked, bool, error) {
	sts, ok, err := groupStatements(ctx, tx, g.key)
	if err != nil || !ok || len(sts) == 0 {
		return Linked{}, false, err
	}
	// How many the group holds, as the tallies count them.
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(sum(n), 0) FROM tally_cells WHERE party_key = ?`, g.key).Scan(&total); err != nil {
		return Linked{}, false, err
	}
	decisions, err := groupDecisions(ctx, tx, g.key)
	if err != nil {
		return Linked{}, false, err
	}
	sk := &sketch{statements: make(map[int64]sketchStatement, len(sts))}
	for _, s := range sts {
		sk.statements[s.id] = s
	}
	// Statements dated after the rest of the group: what their words'
	// tails name; else the group from the earliest seed's date on.
	weigh, need, ok, err := sk.after(ctx, tx, g, sts, total, decisions)
	if err != nil {
		return Linked{}, false, err
	}
	if !ok {
		if weigh, need, ok, err = sk.touched(ctx, tx, m, g, sts, total, decisions); err != nil || !ok {
			return Linked{}, false, err
		}
	}
	sk.pos = make(map[int64]int32, len(sk.group))
	for i, s := range sk.group {
		sk.pos[s.ID] = int32(i)
	}
	items, err := sk.items(ctx, tx, g.key, need)
	if err != nil {
		return Linked{}, false, err
	}
	links := m.Reweigh(items, weigh, threshold)

	st, err := newStoredRows(ctx, tx, weigh)
	if err != nil {
		return Linked{}, false, err
	}
	defer st.close()
	final, err := sk.followThreads(st, links)
	if err != nil {
		return Linked{}, false, err
	}
	ids := slices.SortedFunc(maps.Keys(final), func(a, b int64) int { return cmp.Compare(sk.pos[a], sk.pos[b]) })
	write := make([]link.Item, len(ids))
	stored := map[int64]linkRow{}
	for k, id := range ids {
		write[k].ID = id
		if r, ok, err := st.row(id); err != nil {
			return Linked{}, false, err
		} else if ok {
			stored[id] = r
		}
	}
	written, err := writeLinks(ctx, tx, write, final, stored)
	return Linked{Commitments: total, Read: len(sk.group), Weighed: len(weigh), Written: written}, true, err
}

// touched reads into sk the words of the group from the first statement of
// the earliest seed's date on, then back, each time as much again, until
// Touched has what it needs, and returns what Touched says. The group's
// tails are made anew when it was read whole, and given up when it was
// not and it holds commitments they lack. It reports false when none of
// the seeds is stored.
func (sk *sketch) touched(ctx context.Context, tx *sql.Tx, m *link.Model, g pendingGroup, sts []sketchStatement, total int, decisions map[int64]*link.Decision) (weigh, need []int64, ok bool, err error) {
	from, ok, err := seedsFrom(ctx, tx, g.seeds)
	if err != nil || !ok {
		return nil, nil, false, err
	}
	first, _ := slices.BinarySearchFunc(sts, from, func(s sketchStatement, d string) int { return cmp.Compare(s.date, d) })
	for end := len(sts); ; {
		part, err := readSketch(ctx, tx, sts[first:end], decisions, nil)
		if err != nil {
			return nil, nil, false, err
		}
		sk.prepend(part)
		var earlier bool
		weigh, need, earlier = m.Touched(sk.group, g.seeds)
		if !earlier || first == 0 {
			break
		}
		end = first
		first = max(0, first-max(64, len(sts)-first))
		for first > 0 && sts[first-1].date == sts[first].date {
			first--
		}
	}
	if first == 0 {
		err = keepTails(ctx, tx, g.key, link.Tails(sk.group), nil, total)
	} else {
		err = tailsStale(ctx, tx, g.key, total)
	}
	return weigh, need, true, err
}

// after reads into sk, when the seeds are all the commitments of the
// group's last statements, dated after every other of the group, and the
// group's tails are whole but for them, only their words and those of
// the commitments their words' tails name (link.TouchedAfter), returns
// what Touched would say, and adds them to the tails. It reports false,
// having read and written nothing of the group, when it cannot.
func (sk *sketch) after(ctx context.Context, tx *sql.Tx, g pendingGroup, sts []sketchStatement, total int, decisions map[int64]*link.Decision) (weigh, need []int64, ok bool, err error) {
	var version string
	var n int
	err = tx.QueryRowContext(ctx, `SELECT version, n FROM link_tail_groups WHERE party_key = ?`, g.key).Scan(&version, &n)
	if err == sql.ErrNoRows || err == nil && (version != link.WordsVersion() || n+len(g.seeds) != total) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, err
	}
	// The last statements, back until they hold as many commitments as
	// there are seeds.
	k, n := len(sts), 0
	for k > 0 && n < len(g.seeds) {
		k--
		var c int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM commitments WHERE statement_id = ?`, sts[k].id).Scan(&c); err != nil {
			return nil, nil, false, err
		}
		n += c
	}
	if n != len(g.seeds) || k == 0 || sts[k].date == "" || sts[k].date <= sts[k-1].date {
		return nil, nil, false, nil
	}
	// The seeds are those statements' commitments, not others'.
	seeds, err := json.Marshal(g.seeds)
	if err != nil {
		return nil, nil, false, err
	}
	ids := make([]int64, 0, len(sts)-k)
	for _, s := range sts[k:] {
		ids = append(ids, s.id)
	}
	statements, err := json.Marshal(ids)
	if err != nil {
		return nil, nil, false, err
	}
	var theirs int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM commitments WHERE id IN (SELECT value FROM json_each(?))
		AND statement_id IN (SELECT value FROM json_each(?))`, string(seeds), string(statements)).Scan(&theirs); err != nil {
		return nil, nil, false, err
	}
	if theirs != len(g.seeds) {
		return nil, nil, false, nil
	}
	last, err := readSketch(ctx, tx, sts[k:], decisions, nil)
	if err != nil {
		return nil, nil, false, err
	}
	var words []string
	for _, s := range last.group {
		for _, w := range s.Words {
			if !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
	}
	tails, err := readTails(ctx, tx, g.key, words)
	if err != nil {
		return nil, nil, false, err
	}
	need, after, ok := link.TouchedAfter(last.group, tails)
	if !ok {
		return nil, nil, false, nil
	}
	earlier := []int64{} // not nil: none is not all
	for _, id := range need {
		if !slices.Contains(g.seeds, id) {
			earlier = append(earlier, id)
		}
	}
	before, err := readSketch(ctx, tx, sts[:k], decisions, earlier)
	if err != nil {
		return nil, nil, false, err
	}
	sk.prepend(last)
	sk.prepend(before)
	for _, s := range last.group {
		weigh = append(weigh, s.ID)
	}
	return weigh, need, true, keepTails(ctx, tx, g.key, after, words, total)
}

// tailsOf returns the tails of a group's items, given whole, one item's
// words at a time: a group read whole is large.
func tailsOf(items []link.Item) map[string][]int64 {
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(items[a].Order, items[b].Order) })
	tails := map[string][]int64{}
	var words []string
	for _, i := range order {
		words = words[:0]
		for _, s := range items[i].Sentences {
			words = append(words, s...)
		}
		link.AddToTails(tails, link.SketchOf(items[i].ID, items[i].Date, words, nil))
	}
	return tails
}

// readTails reads the tails of a group's words.
func readTails(ctx context.Context, q querier, group string, words []string) (map[string][]int64, error) {
	list, err := json.Marshal(words)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT word, holders FROM link_tails WHERE party_key = ? AND word IN (SELECT value FROM json_each(?))`, group, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	tails := make(map[string][]int64, len(words))
	for rows.Next() {
		var w, holders string
		if err := rows.Scan(&w, &holders); err != nil {
			return nil, err
		}
		for _, f := range strings.Fields(holders) {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("the tail of %q in group %s: %w", w, group, err)
			}
			tails[w] = append(tails[w], id)
		}
	}
	return tails, rows.Err()
}

// keepTails keeps the tails of a group of total commitments: those of
// words, or when words is nil all of them, in place of what it held.
func keepTails(ctx context.Context, tx *sql.Tx, group string, tails map[string][]int64, words []string, total int) error {
	if words == nil {
		if _, err := tx.ExecContext(ctx, `DELETE FROM link_tails WHERE party_key = ?`, group); err != nil {
			return err
		}
		words = slices.Sorted(maps.Keys(tails))
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO link_tails (party_key, word, holders) VALUES (?, ?, ?)
		ON CONFLICT (party_key, word) DO UPDATE SET holders = excluded.holders`)
	if err != nil {
		return err
	}
	defer ins.Close()
	var b strings.Builder
	for _, w := range words {
		b.Reset()
		for k, id := range tails[w] {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.FormatInt(id, 10))
		}
		if _, err := ins.ExecContext(ctx, group, w, b.String()); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO link_tail_groups (party_key, version, n) VALUES (?, ?, ?)
		ON CONFLICT (party_key) DO UPDATE SET version = excluded.version, n = excluded.n`, group, link.WordsVersion(), total)
	return err
}

// tailsStale gives up a group's tails when they lack some of its total
// commitments.
func tailsStale(ctx context.Context, tx *sql.Tx, group string, total int) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM link_tail_groups WHERE party_key = ? AND n <> ?`, group, total)
	return err
}

// seedsFrom returns the date of the earliest of the seeds and of the
// commitments a person decided repeat one of them ("" for an undated
// one): Touched needs the group from then on. It reports false when none
// of them is stored.
func seedsFrom(ctx context.Context, q querier, seeds []int64) (string, bool, error) {
	list, err := json.Marshal(seeds)
	if err != nil {
		return "", false, err
	}
	var from sql.NullString
	err = q.QueryRowContext(ctx, `SELECT min(s.date) FROM commitments c JOIN statements s ON s.id = c.statement_id
		WHERE c.id IN (SELECT value FROM json_each(?1))
		OR c.id IN (SELECT commitment_id FROM link_decisions WHERE previous_id IN (SELECT value FROM json_each(?1)))`, string(list)).Scan(&from)
	return from.String, from.Valid, err
}

// sketch is a group's commitments as link's Touched sees them, in order,
// with what makes the items of some of them whole.
type sketch struct {
	group      []link.Sketch
	pos        map[int64]int32 // a commitment's place in group, once it is read
	statements map[int64]sketchStatement
	statement  []int64 // of each commitment
	ordinal    []int
	tokens     []string
}

// sketchStatement is a statement of a group: what its commitments' items
// take of it.
type sketchStatement struct {
	id                int64
	date, fingerprint string
	year              int
}

// groupStatements returns the statements of group in the order of their
// commitments' items (date, then fingerprint). It reports false when the
// fingerprints are not all of one length, where that order cannot be had
// without the items' Order.
func groupStatements(ctx context.Context, q querier, group string) ([]sketchStatement, bool, error) {
	// From the index of groups alone, in its order (statements_group).
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.date, COALESCE(s.year, 0), s.fingerprint
		FROM statements s WHERE s.party_key = ? ORDER BY s.date, s.fingerprint`, group)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	var out []sketchStatement
	for rows.Next() {
		var s sketchStatement
		if err := rows.Scan(&s.id, &s.date, &s.year, &s.fingerprint); err != nil {
			return nil, false, err
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	// With fingerprints of one length, ordering statements by date and
	// fingerprint, then commitments by ordinal, is ordering by Order: no
	// statement's "date fingerprint " begins another's.
	for _, s := range out {
		if len(s.fingerprint) != len(out[0].fingerprint) {
			return nil, false, nil
		}
	}
	return out, true, nil
}

// readSketch reads the words of every commitment of the statements sts
// (consecutive ones of a group, in order: see groupStatements), or of the
// commitments only of them when only is not nil, in order, with the
// people's decisions of their links.
func readSketch(ctx context.Context, q querier, sts []sketchStatement, decisions map[int64]*link.Decision, only []int64) (*sketch, error) {
	rank := make(map[int64]int, len(sts))
	date := make(map[int64]string, len(sts))
	ids := make([]int64, len(sts))
	for k, s := range sts {
		rank[s.id], date[s.id], ids[k] = k, s.date, s.id
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	// The words of every commitment are read into one buffer, and cut
	// into one array of words: a group holds tens of thousands.
	type row struct {
		key              int64 // the statement's rank, then the ordinal
		id, statement    int64
		ordinal          int
		tokenFrom, words int // where its tokens start in buf, its words in flat
	}
	var all []row
	var buf []byte
	query, args := `SELECT id, statement_id, ordinal, tokens FROM commitments
		WHERE statement_id IN (SELECT value FROM json_each(?))`, []any{string(list)}
	if only != nil {
		ids, err := json.Marshal(only)
		if err != nil {
			return nil, err
		}
		query, args = `SELECT id, statement_id, ordinal, tokens FROM commitments
			WHERE id IN (SELECT value FROM json_each(?))`, []any{string(ids)}
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var r row
		var tokens sql.RawBytes
		if err := rows.Scan(&r.id, &r.statement, &r.ordinal, &tokens); err != nil {
			rows.Close()
			return nil, err
		}
		r.key = int64(rank[r.statement])<<32 | int64(uint32(r.ordinal))
		r.tokenFrom = len(buf)
		buf = append(buf, tokens...)
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	text := string(buf)
	flat := make([]string, 0, len(text)/5) // a word and a space take 3 bytes or more, most 7
	for k := range all {
		end := len(text)
		if k+1 < len(all) {
			end = all[k+1].tokenFrom
		}
		all[k].words = len(flat)
		flat = appendWords(flat, text[all[k].tokenFrom:end])
	}
	tokensOf := func(k int) string {
		if k+1 < len(all) {
			return text[all[k].tokenFrom:all[k+1].tokenFrom]
		}
		return text[all[k].tokenFrom:]
	}
	wordsOf := func(k int) []string {
		if k+1 < len(all) {
			return flat[all[k].words:all[k+1].words:all[k+1].words]
		}
		return flat[all[k].words:]
	}
	place := make([]int, len(all)) // the rows in order
	for k := range place {
		place[k] = k
	}
	slices.SortFunc(place, func(a, b int) int { return cmp.Compare(all[a].key, all[b].key) })
	sk := &sketch{
		group:     make([]link.Sketch, len(all)),
		statement: make([]int64, len(all)),
		ordinal:   make([]int, len(all)),
		tokens:    make([]string, len(all)),
	}
	for i, k := range place {
		r := all[k]
		sk.group[i] = link.SketchOf(r.id, date[r.statement], wordsOf(k), decisions[r.id])
		sk.statement[i], sk.ordinal[i], sk.tokens[i] = r.statement, r.ordinal, tokensOf(k)
	}
	return sk, nil
}

// prepend puts the commitments of earlier before those of sk.
func (sk *sketch) prepend(earlier *sketch) {
	sk.group = append(earlier.group, sk.group...)
	sk.statement = append(earlier.statement, sk.statement...)
	sk.ordinal = append(earlier.ordinal, sk.ordinal...)
	sk.tokens = append(earlier.tokens, sk.tokens...)
}

// appendWords appends the words of stored words, every sentence's in
// turn: what storedWords returns.
func appendWords(to []string, tokens string) []string {
	start := -1
	for i, c := range tokens {
		switch {
		case unicode.IsSpace(c) || c == rune(sentenceBreak[0]):
			if start >= 0 {
				to = append(to, tokens[start:i])
			}
			start = -1
		case start < 0:
			start = i
		}
	}
	if start >= 0 {
		to = append(to, tokens[start:])
	}
	return to
}

// groupDecisions returns the people's decisions of the links of a group's
// commitments.
func groupDecisions(ctx context.Context, q querier, group string) (map[int64]*link.Decision, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.commitment_id, COALESCE(d.previous_id, 0)
		FROM link_decisions d JOIN commitments c ON c.id = d.commitment_id JOIN statements s ON s.id = c.statement_id
		WHERE s.party_key = ?`, group)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]*link.Decision{}
	for rows.Next() {
		var id int64
		var d link.Decision
		if err := rows.Scan(&id, &d.Previous); err != nil {
			return nil, err
		}
		out[id] = &d
	}
	return out, rows.Err()
}

// items returns the items of the commitments ids of group, as linkItems
// makes them, reading only their domains.
func (sk *sketch) items(ctx context.Context, q querier, group string, ids []int64) ([]link.Item, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT id, domain FROM commitments WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []link.Item
	for rows.Next() {
		var id int64
		var domain string
		if err := rows.Scan(&id, &domain); err != nil {
			return nil, err
		}
		i := sk.pos[id]
		s := sk.statements[sk.statement[i]]
		out = append(out, link.Item{ID: id, Group: group, Date: s.date, Year: s.year, Domain: domain,
			Order:     link.OrderOf(s.date, s.fingerprint, sk.ordinal[i]),
			Sentences: splitSentences(sk.tokens[i]), Decision: sk.group[i].Decision})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) != len(ids) {
		return nil, fmt.Errorf("group %s: %d of %d commitments read", group, len(out), len(ids))
	}
	return out, nil
}

// followThreads returns the links weighed again, each with the year its
// thread began, and the stored links of the later commitments that recur
// from them, directly or through others, with the years theirs began now:
// the links of the group that may have changed. It goes in the order of
// the group, so that a link's thread is known before a later one follows
// it.
func (sk *sketch) followThreads(st *storedRows, links map[int64]link.Link) (map[int64]link.Link, error) {
	final := make(map[int64]link.Link, len(links))
	queue := &places{}
	queued := map[int64]bool{}
	push := func(id int64) {
		if p, ok := sk.pos[id]; ok && !queued[id] {
			queued[id] = true
			heap.Push(queue, p)
		}
	}
	for id := range links {
		push(id)
	}
	for queue.Len() > 0 {
		i := heap.Pop(queue).(int32)
		id := sk.group[i].ID
		old, had, err := st.row(id)
		if err != nil {
			return nil, err
		}
		l, weighed := links[id]
		if !weighed {
			l = old.link() // a later one's: its stored link stands
		}
		l.FirstYear = 0
		if sk.group[i].Date != "" {
			l.FirstYear = sk.statements[sk.statement[i]].year
			if b, ok := sk.pos[l.Previous]; ok && l.Recurring && b < i {
				if prev, ok := final[l.Previous]; ok {
					l.FirstYear = prev.FirstYear
				} else if r, ok, err := st.row(l.Previous); err != nil {
					return nil, err
				} else if ok {
					l.FirstYear = int(r.first.Int64)
				} else {
					l.FirstYear = sk.statements[sk.statement[b]].year // none stored: new
				}
			}
		}
		final[id] = l
		if had && old.link().FirstYear == l.FirstYear {
			continue
		}
		later, err := st.recurringFrom(id)
		if err != nil {
			return nil, err
		}
		for _, c := range later {
			push(c)
		}
	}
	return final, nil
}

// places is a heap of places in a group, the earliest first.
type places []int32

func (h places) Len() int           { return len(h) }
func (h places) Less(i, j int) bool { return h[i] < h[j] }
func (h places) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *places) Push(x any)        { *h = append(*h, x.(int32)) }
func (h *places) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// storedRows reads stored links one commitment at a time, each once.
type storedRows struct {
	ctx            context.Context
	one, recurring *sql.Stmt
	rows           map[int64]*linkRow // nil: no link stored
}

// newStoredRows prepares the reads, and reads the links of ids at once.
func newStoredRows(ctx context.Context, tx *sql.Tx, ids []int64) (*storedRows, error) {
	st := &storedRows{ctx: ctx, rows: make(map[int64]*linkRow, len(ids))}
	var err error
	if st.one, err = tx.PrepareContext(ctx, `SELECT previous_id, similarity, status, first_year, link_source FROM links WHERE commitment_id = ?`); err != nil {
		return nil, err
	}
	if st.recurring, err = tx.PrepareContext(ctx, `SELECT commitment_id FROM links WHERE previous_id = ? AND status = 'recurring' ORDER BY commitment_id`); err != nil {
		st.close()
		return nil, err
	}
	list, err := json.Marshal(ids)
	if err != nil {
		st.close()
		return nil, err
	}
	for _, id := range ids {
		st.rows[id] = nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT commitment_id, previous_id, similarity, status, first_year, link_source
		FROM links WHERE commitment_id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		st.close()
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r linkRow
		if err := rows.Scan(&id, &r.prev, &r.sim, &r.status, &r.first, &r.source); err != nil {
			st.close()
			return nil, err
		}
		st.rows[id] = &r
	}
	if err := rows.Err(); err != nil {
		st.close()
		return nil, err
	}
	return st, nil
}

func (st *storedRows) close() {
	for _, s := range []*sql.Stmt{st.one, st.recurring} {
		if s != nil {
			s.Close()
		}
	}
}

// row returns the stored link of commitment id, and whether there is one.
func (st *storedRows) row(id int64) (linkRow, bool, error) {
	if r, ok := st.rows[id]; ok {
		if r == nil {
			return linkRow{}, false, nil
		}
		return *r, true, nil
	}
	var r linkRow
	err := st.one.QueryRowContext(st.ctx, id).Scan(&r.prev, &r.sim, &r.status, &r.first, &r.source)
	if err == sql.ErrNoRows {
		st.rows[id] = nil
		return linkRow{}, false, nil
	}
	if err != nil {
		return linkRow{}, false, fmt.Errorf("the link of commitment %d: %w", id, err)
	}
	st.rows[id] = &r
	return r, true, nil
}

// recurringFrom returns the commitments whose stored links recur from
// commitment id.
func (st *storedRows) recurringFrom(id int64) ([]int64, error) {
	return scanColumn[int64](st.recurring.QueryContext(st.ctx, id))
}
