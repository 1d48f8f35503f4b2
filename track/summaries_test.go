package track

import (
	"context"
	"maps"
	"reflect"
	"testing"

	"pledge/extract"
)

// recount counts, the way the summaries' triggers keep them, straight
// from the rows: commitments per group, year, domain and status, and
// statements per group and year.
func recount(t *testing.T, s *Store) (cells, statements map[string]int) {
	t.Helper()
	read := func(q string) map[string]int {
		rows, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]int{}
		for rows.Next() {
			var key string
			var n int
			if err := rows.Scan(&key, &n); err != nil {
				t.Fatal(err)
			}
			out[key] = n
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	cells = read(`SELECT s.party_key || '/' || COALESCE(s.year, 0) || '/' || c.domain || '/' || COALESCE(l.status = 'recurring', 0), count(*)
		FROM commitments c JOIN statements s ON s.id = c.statement_id LEFT JOIN links l ON l.commitment_id = c.id GROUP BY 1`)
	statements = read(`SELECT party_key || '/' || COALESCE(year, 0), count(*) FROM statements GROUP BY 1`)
	return cells, statements
}

// kept is what the summaries hold, without the cells that count 0; it
// fails the test on a cell below 0.
func kept(t *testing.T, s *Store) (cells, statements map[string]int) {
	t.Helper()
	read := func(q string) map[string]int {
		rows, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]int{}
		for rows.Next() {
			var key string
			var n int
			if err := rows.Scan(&key, &n); err != nil {
				t.Fatal(err)
			}
			if n < 0 {
				t.Errorf("summary %s counts %d", key, n)
			}
			if n != 0 {
				out[key] = n
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	cells = read(`SELECT party_key || '/' || year || '/' || domain || '/' || recurring, n FROM tally_cells`)
	statements = read(`SELECT party_key || '/' || year, n FROM tally_statements`)
	return cells, statements
}

// checkSummaries fails the test unless the summaries count what the rows
// hold.
func checkSummaries(t *testing.T, s *Store, step string) {
	t.Helper()
	wantCells, wantStatements := recount(t, s)
	gotCells, gotStatements := kept(t, s)
	if !maps.Equal(gotCells, wantCells) {
		t.Errorf("%s: tally_cells\n%v\nthe rows count\n%v", step, gotCells, wantCells)
	}
	if !maps.Equal(gotStatements, wantStatements) {
		t.Errorf("%s: tally_statements\n%v\nthe rows count\n%v", step, gotStatements, wantStatements)
	}
	ctx := context.Background()
	for _, f := range []Filter{LinkQueue(), LabelQueue(0.6), LabelQueue(1.01), {}} {
		got, err := s.CountCommitments(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := s.Commitments(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if got != len(cs) {
			t.Errorf("%s: %+v counts %d, selects %d", step, f, got, len(cs))
		}
	}
	if err := s.Summarise(ctx); err != nil {
		t.Fatalf("%s: Summarise: %v", step, err)
	}
	if fresh, _, err := areasFresh(ctx, s.db); err != nil || !fresh {
		t.Errorf("%s: after Summarise the new areas are not fresh (%v)", step, err)
	}
	kept, err := s.AllNewAreas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	computed, err := computeAreas(ctx, s.db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(kept, computed) {
		t.Errorf("%s: new areas kept\n%v\ncomputed\n%v", step, kept, computed)
	}
	for year, want := range computed {
		if got, err := s.NewAreas(ctx, year); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: NewAreas(%d) = %v, %v; want %v", step, year, got, err, want)
		}
	}
}

// TestSummariseKeepsAreas keeps the new areas over a change that does not
// touch them (a label), and computes them again, to the same as without
// what it kept, after one that does.
func TestSummariseKeepsAreas(t *testing.T) {
	ctx := context.Background()
	f := newFolder(t)
	f.read("a.txt", first, another)
	if err := f.s.Summarise(ctx); err != nil {
		t.Fatal(err)
	}
	fresh := func() bool {
		t.Helper()
		ok, _, err := areasFresh(ctx, f.s.db)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !fresh() {
		t.Fatal("not fresh after Summarise")
	}
	if err := f.s.Label(ctx, f.id("推进 核电 项目"), "energy-nuclear"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
	if !fresh() {
		t.Error("a label made the new areas out of date")
	}
	f.read("b.txt", second)
	if fresh() {
		t.Error("a statement stored left the new areas fresh")
	}
	stale, err := f.s.AllNewAreas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.Summarise(ctx); err != nil {
		t.Fatal(err)
	}
	if kept, err := f.s.AllNewAreas(ctx); err != nil || !fresh() || !reflect.DeepEqual(kept, stale) {
		t.Errorf("kept %v (%v), computed before %v", kept, err, stale)
	}
}

// TestSummariesFollowChanges makes every kind of change a database knows,
// one after another, and checks after each that the counts the triggers
// keep are what counting the rows gives.
func TestSummariesFollowChanges(t *testing.T) {
	ctx := context.Background()
	f := newFolder(t)
	third := doc{"甲丙联合声明", extract.Date{Year: 2005, Month: 3, Day: 2}, []string{"甲国", "丙国"}, []string{"扩大 本币 结算 规模", "推进 核电 项目"}}
	undated := doc{"甲乙联合新闻稿", extract.Date{}, pair, []string{"加强 油气 管道 合作"}}
	steps := []struct {
		name string
		do   func() error
	}{
		{"statements stored", func() error { f.read("a.txt", first, another); f.read("b.txt", second); return nil }},
		{"other parties, no date", func() error { f.read("c.txt", third, undated); return nil }},
		{"a label", func() error { return f.s.Label(ctx, f.id("推进 核电 项目"), "energy-nuclear") }},
		{"a label taken back", func() error { return f.s.Unlabel(ctx, f.id("推进 核电 项目")) }},
		{"a link decided", func() error {
			return f.s.DecideLink(ctx, f.id("建设 油气 管道"), f.id("深化 油气 管道 合作"))
		}},
		{"linked", func() error { _, err := f.s.LinkPending(ctx); return err }},
		{"a link decided new", func() error { return f.s.DecideLink(ctx, f.id("继续 扩大 本币 结算 规模"), 0) }},
		{"linked again", func() error { _, err := f.s.LinkPending(ctx); return err }},
		{"a link taken back", func() error { return f.s.UndecideLink(ctx, f.id("继续 扩大 本币 结算 规模")) }},
		{"a file edited: another date, a text reworded", func() error {
			edited := first
			edited.date = extract.Date{Year: 2004, Month: 5, Day: 6}
			edited.texts = []string{"扩大 本币 结算 规模", "深化 油气 管道 合作", "推进 核电 与 风电 项目"}
			f.read("a.txt", edited, another)
			return nil
		}},
		{"a file corrected: other parties", func() error {
			fixed := third
			fixed.parties = []string{"甲国", "丁国"}
			f.read("c.txt", fixed, undated)
			return nil
		}},
		{"across parties", func() error {
			if err := f.s.SetAcrossParties(ctx, true); err != nil {
				return err
			}
			_, err := f.s.LinkPending(ctx)
			return err
		}},
		{"within parties, another threshold", func() error {
			if err := f.s.SetAcrossParties(ctx, false); err != nil {
				return err
			}
			if err := f.s.SetThreshold(ctx, 0.3); err != nil {
				return err
			}
			_, err := f.s.Relink(ctx)
			return err
		}},
		{"relabelled by a model", func() error { _, err := f.s.Reclassify(ctx, f.c); return err }},
		{"a file forgotten", func() error {
			if _, err := f.s.Forget(ctx, []string{"b.txt"}); err != nil {
				return err
			}
			_, err := f.s.LinkPending(ctx)
			return err
		}},
		{"everything forgotten", func() error {
			if _, err := f.s.Forget(ctx, []string{"a.txt", "c.txt"}); err != nil {
				return err
			}
			_, err := f.s.LinkPending(ctx)
			return err
		}},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		checkSummaries(t, f.s, st.name)
	}
	if cells, _ := kept(t, f.s); len(cells) != 0 {
		t.Errorf("an empty database keeps %v", cells)
	}
}

// TestSummariseCountsWhatWasAdded gives the areas counted before the
// commitments stored since, and counts afresh where that would not give
// what counting all of them gives: a commitment added to a statement
// already counted (a statement's terms go together: 化武 is 化学武器's short
// form only in a statement that uses both).
func TestSummariseCountsWhatWasAdded(t *testing.T) {
	f := newFolder(t)
	f.read("a.txt", first, another)
	checkSummaries(t, f.s, "counted")
	var st int64
	var upto int64
	if err := f.s.db.QueryRow(`SELECT statement_id, (SELECT upto FROM areas_state) FROM commitments ORDER BY id DESC LIMIT 1`).Scan(&st, &upto); err != nil {
		t.Fatal(err)
	}
	if upto == 0 {
		t.Fatal("Summarise kept no count")
	}
	for _, terms := range []string{"化学武器", "化武"} {
		if _, err := f.s.db.Exec(`INSERT INTO commitments (statement_id, ordinal, section, text, tokens, terms, domain, probability, label_source)
			VALUES (?1, (SELECT max(ordinal) + 1 FROM commitments WHERE statement_id = ?1), '', ?2, ?2, ?2, 'security', 0.9, 'model')`, st, terms); err != nil {
			t.Fatal(err)
		}
		checkSummaries(t, f.s, "a commitment added to a statement counted: "+terms)
	}
}

// TestSummariesOfOlderDatabase opens a database whose commitments were
// stored before the summaries existed: the migration counts them.
func TestSummariesOfOlderDatabase(t *testing.T) {
	f := newFolder(t)
	f.read("a.txt", first, another)
	f.read("b.txt", second)
	// Back to schema version 6: the triggers and tables of version 7 gone.
	rows, err := f.s.db.Query(`SELECT name FROM sqlite_master WHERE type = 'trigger'`)
	if err != nil {
		t.Fatal(err)
	}
	var drop []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		drop = append(drop, "DROP TRIGGER "+name)
	}
	rows.Close()
	for _, q := range append(drop, `DELETE FROM schema_migrations WHERE version >= 7`, `DROP TABLE no_statement_files`,
		`DROP TABLE tally_cells`, `DROP TABLE tally_statements`, `DROP TABLE summary_state`, `DROP TABLE new_areas`, `DROP TABLE areas_state`, `DROP TABLE link_tails`, `DROP TABLE link_tail_groups`, `DROP INDEX statements_order`, `DROP INDEX commitments_label`, `DROP INDEX links_person`, `DROP INDEX links_doubt`,
		`DROP INDEX sources_path`, `DROP INDEX statements_group`, `CREATE INDEX statements_party_key ON statements(party_key)`,
		`DROP TABLE common_keys`, `DROP TABLE common_groups`, `DROP TABLE common_members`) {
		if _, err := f.s.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	path := f.s.Path()
	f.s.Close()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkSummaries(t, s, "migrated")
	if cells, _ := kept(t, s); len(cells) == 0 {
		t.Error("the migration counted nothing")
	}
}
