package track

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"pledge/classify"
	"pledge/internal/seeds"
	"pledge/internal/testkit"
	"pledge/label"
)

// classifier is the default classifier, made once for the package's tests.
var classifier = sync.OnceValues(func() (*classify.Classifier, error) {
	j, err := testkit.Segmenter()
	if err != nil {
		return nil, err
	}
	return classify.Default(j)
})

func testClassifier(t testing.TB) *classify.Classifier {
	t.Helper()
	c, err := classifier()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// testStore opens a new database in a temporary folder.
func testStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "pledge.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// seedPaths returns the seed files, or skips the test when they are absent.
func seedPaths(t testing.TB) []string { return seeds.Paths(t) }

// ingest stores the statements of the files in s, in the order given, as
// pledge ingest does (package ingest, which this package cannot import):
// labelled by package label, stored, and linked.
func ingest(t testing.TB, s *Store, paths ...string) {
	t.Helper()
	ctx := context.Background()
	c := testClassifier(t)
	model, err := s.RegisterModel(ctx, ModelOf(c.Model))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		for _, st := range testkit.Statements(t, p) {
			if _, _, err := s.AddStatement(ctx, st, Source{Path: filepath.Base(p)}, label.Commitments(c, st.Commitments), model); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
		}
	}
	if _, err := s.LinkPending(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestMigrationsRecorded(t *testing.T) {
	s := testStore(t)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var n, max int
	if err := s.db.QueryRow(`SELECT count(*), MAX(version) FROM schema_migrations`).Scan(&n, &max); err != nil {
		t.Fatal(err)
	}
	if n != len(ms) || max != len(ms) {
		t.Errorf("schema_migrations holds %d rows up to version %d, want %d", n, max, len(ms))
	}
	// Opening again applies nothing twice.
	s2, err := Open(context.Background(), s.Path())
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if err := s.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(ms) {
		t.Errorf("after a second open: %d rows, %v", n, err)
	}
}

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte("not a database at all, just text\n"), 0o644)
	other := filepath.Join(dir, "other.db")
	if s, err := Open(ctx, other); err == nil {
		s.db.Exec(`DROP TABLE schema_migrations`)
		s.Close()
	}
	newer := filepath.Join(dir, "newer.db")
	if s, err := Open(ctx, newer); err == nil {
		s.db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future.sql', 'x')`)
		s.Close()
	}
	for path, want := range map[string]error{text: ErrNotPledge, other: ErrNotPledge, newer: ErrTooNew} {
		before, _ := os.ReadFile(path)
		_, err := Open(ctx, path)
		if !errors.Is(err, want) {
			t.Errorf("%s: error %v, want %v", filepath.Base(path), err, want)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("%s: changed by the refused open", filepath.Base(path))
		}
	}
}

// TestOpenReadOnly reads a pledge database without writing to it, and
// refuses what Open refuses, a missing file, and a database an older
// pledge wrote, which only a command that writes brings up to date.
func TestOpenReadOnly(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	written, _ := reviewStore(t)
	path := written.Path()
	written.Close()
	made := func(name string, change string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		s, err := Open(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec(change); err != nil {
			t.Fatal(err)
		}
		s.Close()
		return p
	}
	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte("not a database at all, just text\n"), 0o644)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	tests := []struct {
		name string
		path string
		want error
	}{
		{"missing", filepath.Join(dir, "missing.db"), fs.ErrNotExist},
		{"not SQLite", text, ErrNotPledge},
		{"another program's", made("other.db", `DROP TABLE schema_migrations`), ErrNotPledge},
		{"a newer pledge's", made("newer.db", `INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future.sql', 'x')`), ErrTooNew},
		{"an older pledge's", made("older.db", `DELETE FROM schema_migrations WHERE version > 1`), ErrOutdated},
		{"empty", empty, ErrOutdated},
	}
	for _, tt := range tests {
		before, _ := os.ReadFile(tt.path)
		s, err := OpenReadOnly(ctx, tt.path)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.want)
		}
		if s != nil {
			s.Close()
		}
		if after, _ := os.ReadFile(tt.path); !bytes.Equal(before, after) {
			t.Errorf("%s: changed by the refused open", tt.name)
		}
	}

	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if statements, commitments, err := s.Count(ctx); err != nil || statements != 5 || commitments != 8 {
		t.Errorf("read-only: %d statements, %d commitments, %v; want 5 and 8", statements, commitments, err)
	}
	if err := s.SetAcrossParties(ctx, true); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a write to a database opened read-only: %v, want %v", err, ErrReadOnly)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the database opened read-only changed")
	}
}
