package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadOlderDatabase reads a database of the pledge before schema
// version 7 with a command that reads: it is brought up to date and read
// at the first run, not refused.
func TestReadOlderDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "old.db")
	if _, stderr, err := run(t, "demo", "--db", db); err != nil {
		t.Fatalf("demo: %v\n%s", err, stderr)
	}
	want, _, err := run(t, "tally", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	// Back to version 6: the tables, index and triggers of 7 gone.
	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := conn.Query(`SELECT name FROM sqlite_master WHERE type = 'trigger'`)
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
	for _, q := range append(drop, `DELETE FROM schema_migrations WHERE version >= 7`, `DROP TABLE tally_cells`,
		`DROP TABLE tally_statements`, `DROP TABLE summary_state`, `DROP TABLE new_areas`, `DROP INDEX statements_order`, `DROP INDEX commitments_label`, `DROP INDEX links_person`) {
		if _, err := conn.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close()
	got, stderr, err := run(t, "tally", "--db", db)
	if err != nil || got != want {
		t.Errorf("tally of the older database: %v\n%s%s\nwant\n%s", err, stderr, got, want)
	}
	if strings.Contains(stderr, "older version") {
		t.Errorf("said %q", stderr)
	}
}
