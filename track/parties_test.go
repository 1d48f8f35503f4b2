package track

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// kazakhStatement is a China–Kazakhstan statement written for these tests,
// later than the seeds, whose commitments are close to some of the seeds'
// Russia commitments: trade in local currencies, energy, the SCO.
const kazakhStatement = `中华人民共和国和哈萨克斯坦共和国联合声明
中华人民共和国和哈萨克斯坦共和国（以下称“双方”），声明如下：
双方将继续扩大本币在双边贸易、投资和贷款中的使用，完善本币结算安排。
双方将深化油气、核能和可再生能源领域合作，保障能源供应稳定。
双方将加强在上海合作组织框架内的协调，推动该组织发展。
双方将扩大农产品贸易，推动相互市场准入。
双方将加强人文交流，扩大互派留学生规模。
二〇二五年九月三日于阿斯塔纳
`

// writeKazakh writes kazakhStatement to a file and returns its path.
func writeKazakh(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "kz.txt")
	if err := os.WriteFile(p, []byte(kazakhStatement), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLinkWithinParties ingests the seeds and a China–Kazakhstan statement:
// by default no Kazakhstan commitment recurs from a Russia statement; with
// links across parties some do; and the tally with Russia equals that of
// the seeds alone.
func TestLinkWithinParties(t *testing.T) {
	ctx := context.Background()
	seeds := testStore(t)
	ingest(t, seeds, seedPaths(t)...)
	s := testStore(t)
	ingest(t, s, append(seedPaths(t), writeKazakh(t))...)

	kz, err := s.Commitments(ctx, Filter{With: []string{"哈萨克斯坦"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(kz) != 5 {
		t.Fatalf("%d commitments with 哈萨克斯坦, want 5", len(kz))
	}
	for _, c := range kz {
		if !reflect.DeepEqual(c.Parties, []string{"中国", "哈萨克斯坦"}) {
			t.Errorf("parties %v", c.Parties)
		}
		if c.Status != "new" || c.Previous != 0 {
			t.Errorf("by default %q links to commitment %d (%s)", c.Text, c.Previous, c.Status)
		}
	}

	want, err := seeds.Tally(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Tally(ctx, "俄罗斯")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tally with 俄罗斯:\n%+v\nwant the seeds' tally:\n%+v", got, want)
	}
	all, err := s.Tally(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(all, want) {
		t.Error("the tally of everything equals that of the seeds: the Kazakhstan statement is missing")
	}

	if err := s.SetAcrossParties(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Relink(ctx); err != nil {
		t.Fatal(err)
	}
	kz, err = s.Commitments(ctx, Filter{With: []string{"哈萨克斯坦"}})
	if err != nil {
		t.Fatal(err)
	}
	linked := 0
	for _, c := range kz {
		if c.Status != "recurring" {
			continue
		}
		linked++
		prev, err := s.Commitment(ctx, c.Previous)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(prev.Parties, "俄罗斯") {
			t.Errorf("%q recurs from %v, not a Russia statement", c.Text, prev.Parties)
		}
	}
	if linked == 0 {
		t.Error("across parties, no Kazakhstan commitment recurs from a Russia statement")
	}

	// Back within parties, the links are those of the default again.
	if err := s.SetAcrossParties(ctx, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Relink(ctx); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Tally(ctx, "俄罗斯"); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("after relinking within parties, the tally with 俄罗斯 differs from the seeds' (%v)", err)
	}
}

// TestPartnerTally counts China's partners, not China.
func TestPartnerTally(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	ingest(t, s, append(seedPaths(t), writeKazakh(t))...)
	pt, err := s.PartnerTally(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if pt.Home != "中国" {
		t.Errorf("home party %q, want 中国", pt.Home)
	}
	var partners []string
	for _, r := range pt.Rows {
		partners = append(partners, r.Partner)
	}
	if !reflect.DeepEqual(partners, []string{"俄罗斯", "哈萨克斯坦"}) {
		t.Fatalf("partners %v, want [俄罗斯 哈萨克斯坦]", partners)
	}
	tally, err := s.Tally(ctx, "俄罗斯")
	if err != nil {
		t.Fatal(err)
	}
	total, statements := tally.Total()
	if got := pt.Rows[0].Total(); got != total || pt.Rows[0].Statements != statements {
		t.Errorf("俄罗斯: %+v in %d statements, want %+v in %d as tally --with 俄罗斯", got, pt.Rows[0].Statements, total, statements)
	}
	if got := pt.Rows[1].Total().Total(); got != 5 || pt.Rows[1].Statements != 1 {
		t.Errorf("哈萨克斯坦: %d commitments in %d statements, want 5 in 1", got, pt.Rows[1].Statements)
	}
	// With Russia only, China is still the home party, not a partner.
	pt, err = s.PartnerTally(ctx, "俄罗斯")
	if err != nil {
		t.Fatal(err)
	}
	if len(pt.Rows) != 1 || pt.Rows[0].Partner != "俄罗斯" || pt.Rows[0].Total() != total {
		t.Errorf("partner tally with 俄罗斯: %+v", pt.Rows)
	}
}

// TestCommon finds what China promises both Russia and Kazakhstan, and
// nothing for a minimum of three partners.
func TestCommon(t *testing.T) {
	ctx := context.Background()
	s := testStore(t)
	ingest(t, s, append(seedPaths(t), writeKazakh(t))...)
	groups, err := s.Common(ctx, 2, DefaultThreshold())
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) == 0 {
		t.Fatal("no commitment common to two partners")
	}
	for _, g := range groups {
		if g.Party != "中国" || !reflect.DeepEqual(g.Partners, []string{"俄罗斯", "哈萨克斯坦"}) {
			t.Errorf("group of %s with %v, want 中国 with [俄罗斯 哈萨克斯坦]", g.Party, g.Partners)
		}
		kz := 0
		for _, c := range g.Commitments {
			if slices.Contains(c.Parties, "哈萨克斯坦") {
				kz++
			}
		}
		if kz == 0 || kz == len(g.Commitments) {
			t.Errorf("group %v: %d of %d commitments with Kazakhstan", g.Commitments, kz, len(g.Commitments))
		}
		if !slices.IsSorted(g.Years) || g.Years[len(g.Years)-1] != 2025 {
			t.Errorf("years %v", g.Years)
		}
	}
	if groups, err := s.Common(ctx, 3, DefaultThreshold()); err != nil || len(groups) != 0 {
		t.Errorf("with three partners: %d groups, %v; want none", len(groups), err)
	}
}

// TestMigrateVersion1 opens a database written before parties were stored
// (schema version 1 only): Open migrates it to the current version, keeps
// every row, and gives its statements the parties of their titles.
func TestMigrateVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	old, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		ms[0].sql,
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
		`INSERT INTO schema_migrations VALUES (1, '` + ms[0].name + `', '2026-01-01T00:00:00Z')`,
	} {
		if _, err := old.Exec(q); err != nil {
			t.Fatalf("building a version 1 database: %v", err)
		}
	}
	old.Close()
	// Fill it with the pledge of version 1's tables: ingest into a current
	// database and copy the version 1 tables over.
	cur := testStore(t)
	ingest(t, cur, seedPaths(t)...)
	tables := []string{"statements", "sources", "models", "commitments", "links"}
	counts := map[string]int{}
	if _, err := cur.db.Exec(`ATTACH DATABASE ? AS old`, path); err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		// The columns version 1 had, which later versions add to.
		rows, err := cur.db.Query(`SELECT name FROM pragma_table_info(?, 'old')`, tb)
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for rows.Next() {
			var c string
			rows.Scan(&c)
			cols = append(cols, c)
		}
		rows.Close()
		list := strings.Join(cols, ", ")
		if _, err := cur.db.Exec(`INSERT INTO old.` + tb + ` (` + list + `) SELECT ` + list + ` FROM main.` + tb); err != nil {
			t.Fatalf("copy %s: %v", tb, err)
		}
		var n int
		cur.db.QueryRow(`SELECT count(*) FROM old.` + tb).Scan(&n)
		counts[tb] = n
	}
	if _, err := cur.db.Exec(`DETACH DATABASE old`); err != nil {
		t.Fatal(err)
	}

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version int
	if err := s.db.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&version); err != nil || version != len(ms) {
		t.Errorf("version %d after open (%v), want %d", version, err, len(ms))
	}
	for _, tb := range tables {
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM ` + tb).Scan(&n); err != nil || n != counts[tb] || n == 0 {
			t.Errorf("%s: %d rows after migration (%v), want %d", tb, n, err, counts[tb])
		}
	}
	sts, err := s.Statements(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		if !reflect.DeepEqual(st.Parties, []string{"中国", "俄罗斯"}) {
			t.Errorf("%s: parties %v after migration", st.Title, st.Parties)
		}
	}
	if got, want := export(t, s), export(t, cur); got != want {
		t.Error("the migrated database exports differently from one built now")
	}
}

// TestParties lists the parties of the statements, those of most
// statements first.
func TestParties(t *testing.T) {
	s, _ := reviewStore(t)
	parties, err := s.Parties(context.Background())
	if want := []string{"甲国", "乙国", "丙国"}; err != nil || !reflect.DeepEqual(parties, want) {
		t.Errorf("Parties() = %v, %v; want %v", parties, err, want)
	}
}

func TestStatementHas(t *testing.T) {
	st := Statement{Parties: []string{"中国", "俄罗斯", "蒙古"}}
	tests := []struct {
		names []string
		want  bool
	}{
		{nil, true},
		{[]string{"俄罗斯"}, true},
		{[]string{"蒙古", "中国"}, true},
		{[]string{"俄罗斯", "哈萨克斯坦"}, false},
		{[]string{"俄罗斯联邦"}, false},
	}
	for _, tt := range tests {
		if got := st.Has(tt.names...); got != tt.want {
			t.Errorf("Has(%q) = %v, want %v", tt.names, got, tt.want)
		}
	}
	if (Statement{}).Has("中国") {
		t.Error("a statement without parties has 中国")
	}
}
