package track

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3" // also the database/sql driver "sqlite3"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered schema change: migrations/0002_parties.sql is
// version 2.
type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", e.Name())
		}
		b, err := fs.ReadFile(migrationFiles, path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, e.Name(), string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: want number %d", m.name, i+1)
		}
	}
	return out, nil
}

// migrationData fills what a migration's new tables hold for the rows
// already stored, where SQL alone cannot derive it.
var migrationData = map[int]func(context.Context, *sql.Tx) error{
	2: backfillParties,
	3: backfillGroups,
}

// Store is a pledge database: one SQLite file that holds every statement,
// commitment, label and link, so that a second run adds to the first.
type Store struct {
	db   *sql.DB
	path string
}

// Errors of Open. The file is left as it was.
var (
	ErrNotPledge = errors.New("not a pledge database")
	ErrTooNew    = errors.New("written by a newer version of pledge")
)

// Open opens the database at path, creating it if it does not exist, and
// brings its schema up to date. A file that is not a pledge database, or
// one written by a newer pledge, is refused and left untouched.
//
// The database runs in WAL mode with a busy timeout and immediate write
// transactions, so several pledge processes can use it at once: readers
// never block, and a writer waits its turn instead of failing with
// "database is locked".
func Open(ctx context.Context, path string) (*Store, error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Set("_busy_timeout", "30000")
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_txlock", "immediate")
	q.Set("_synchronous", "NORMAL")
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	s := &Store{db, path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkFile refuses an existing file that is not SQLite, before the driver
// touches it.
func checkFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 16)
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == io.ErrUnexpectedEOF) {
		return nil // an empty file becomes a new database
	}
	if !bytes.Equal(head[:n], []byte("SQLite format 3\x00")[:n]) || n < 16 {
		return fmt.Errorf("%w (not an SQLite file)", ErrNotPledge)
	}
	return nil
}

// migrate applies the migrations the database lacks, each in a transaction
// with its record in schema_migrations. Two processes opening a new
// database at once take turns: the second finds the work done.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var tables int
	var hasMigrations bool
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return fmt.Errorf("%w (%v)", ErrNotPledge, err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		tables++
		hasMigrations = hasMigrations || name == "schema_migrations"
	}
	rows.Close()
	if tables > 0 && !hasMigrations {
		return fmt.Errorf("%w (an SQLite database of something else)", ErrNotPledge)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
			return err
		}
		var have int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
			return err
		}
		if have > len(ms) {
			return fmt.Errorf("%w: its schema is version %d, this pledge knows up to %d", ErrTooNew, have, len(ms))
		}
		for _, m := range ms[have:] {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if f := migrationData[m.version]; f != nil {
				if err := f(ctx, tx); err != nil {
					return fmt.Errorf("migration %s: %w", m.name, err)
				}
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, now()); err != nil {
				return err
			}
		}
		return nil
	})
}

// tx runs f in a transaction, committed when f returns nil and rolled back
// otherwise: a statement is stored whole or not at all. Write transactions
// take the database's write lock when they begin and wait for it (the busy
// timeout); should SQLite still answer that the database is busy or locked,
// the whole transaction is tried again after a pause, so that several
// pledge processes on one database all finish.
func (s *Store) tx(ctx context.Context, f func(*sql.Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := s.tryTx(ctx, f)
		if !busy(err) || attempt == 20 {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(50*(attempt+1)) * time.Millisecond):
		}
	}
}

func (s *Store) tryTx(ctx context.Context, f func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// busy reports whether err is SQLite saying another connection holds a lock.
func busy(err error) bool {
	var e sqlite3.Error
	return errors.As(err, &e) && (e.Code == sqlite3.ErrBusy || e.Code == sqlite3.ErrLocked)
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file.
func (s *Store) Path() string { return s.path }

func now() string { return time.Now().UTC().Format(time.RFC3339) }
