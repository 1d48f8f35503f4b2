package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The tests in this file open databases as they are found: written by
// earlier versions of pledge, empty, or no file at all.

// readCommands are the commands that only read a database, each with the
// arguments it needs beyond --db; out is where report writes.
func readCommands(out string) [][]string {
	return [][]string{
		{"tally"}, {"tally", "--status"}, {"list"}, {"show", "1"}, {"new"},
		{"export"}, {"report", "-o", out}, {"common"},
	}
}

// migrationFiles are the schema's migrations, in order, as the files of
// track/migrations hold them.
func migrationFiles(t *testing.T) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("..", "..", "track", "migrations", "*.sql"))
	if err != nil || len(names) < 2 {
		t.Fatalf("migrations: %v %v", names, err)
	}
	sort.Strings(names)
	return names
}

// olderDatabase returns a copy of the database at db as a pledge of schema
// version v wrote it: the first v migrations, and of the current tables
// the columns those had.
func olderDatabase(t *testing.T, db string, v int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", v))
	conn, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1) // one connection: the attached database stays attached
	must := func(q string, args ...any) {
		t.Helper()
		if _, err := conn.Exec(q, args...); err != nil {
			t.Fatalf("building a version %d database: %v\n%s", v, err, q)
		}
	}
	must(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
	for i, name := range migrationFiles(t)[:v] {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		must(string(b))
		must(`INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01T00:00:00Z')`, i+1, filepath.Base(name))
	}
	must(`ATTACH DATABASE ? AS cur`, db)
	rows, err := conn.Query(`SELECT name FROM main.sqlite_master WHERE type = 'table' AND name != 'schema_migrations'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	for _, tb := range tables {
		rows, err := conn.Query(`SELECT name FROM pragma_table_info(?, 'main')`, tb)
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
		// OR REPLACE: the triggers of a schema with summaries fill them
		// as the rows are copied, with what the copy then brings.
		must(`INSERT OR REPLACE INTO main.` + tb + ` (` + list + `) SELECT ` + list + ` FROM cur.` + tb)
	}
	must(`DETACH DATABASE cur`)
	return path
}

// TestReadOlderDatabase runs every read command on a database of each
// earlier schema, and on an empty file: the first run brings it up to date
// and answers, as the second does.
func TestReadOlderDatabase(t *testing.T) {
	db := smallDB(t)
	versions := len(migrationFiles(t))
	want, _, err := run(t, "tally", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v < versions; v++ {
		for _, args := range readCommands(filepath.Join(t.TempDir(), "r.html")) {
			old := olderDatabase(t, db, v)
			out, errOut, err := run(t, append([]string{args[0], "--db", old}, args[1:]...)...)
			if err != nil {
				t.Errorf("version %d, pledge %v: %v\n%s", v, args, err, errOut)
				continue
			}
			if strings.Contains(errOut, "older version") {
				t.Errorf("version %d, pledge %v said %q: it can be brought up to date", v, args, errOut)
			}
			if args[0] == "tally" && len(args) == 1 && out != want {
				t.Errorf("version %d, pledge tally:\n%s\nwant, as of the current version:\n%s", v, out, want)
			}
		}
	}
	for _, args := range readCommands(filepath.Join(t.TempDir(), "r.html")) {
		if args[0] == "show" {
			continue // an empty database holds no commitment 1
		}
		empty := writeFile(t, t.TempDir(), "empty.db", nil)
		if _, errOut, err := run(t, append([]string{args[0], "--db", empty}, args[1:]...)...); err != nil && !strings.Contains(err.Error(), "no dated statement") {
			t.Errorf("an empty file, pledge %v: %v\n%s", args, err, errOut)
		}
	}
}
