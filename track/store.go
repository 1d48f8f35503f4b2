package track

import (
	"bytes"
	"cmp"
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
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
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
	db       *sql.DB
	path     string
	readOnly bool
	models   sync.Map // model id → *classify.Model, for LoadModel: a model never changes
}

// Errors of Open and OpenReadOnly. The file is left as it was.
var (
	ErrNotPledge = errors.New("not a pledge database")
	ErrTooNew    = errors.New("written by a newer version of pledge")
	// ErrOutdated is a database of an older pledge opened read-only:
	// bringing its schema up to date needs writing.
	ErrOutdated = errors.New("written by an older version of pledge; a command that writes (pledge relink) brings it up to date")
	ErrReadOnly = errors.New("cannot be written: the file or its folder is read-only")
	ErrDiskFull = errors.New("cannot be written: the disk is full, or the file has reached the size the system allows")
	ErrNoFolder = errors.New("its folder does not exist")
)

// Open opens the database at path, creating it if it does not exist, and
// brings its schema up to date. A file that is not a pledge database, or
// one written by a newer pledge, is refused and left untouched: it is
// looked at read-only before anything is written to it.
//
// The database runs in WAL mode with a busy timeout and immediate write
// transactions, so several pledge processes can use it at once: readers
// never block, and a writer waits its turn instead of failing with
// "database is locked".
func Open(ctx context.Context, path string) (*Store, error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Dir(path)); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w (%s)", ErrNoFolder, filepath.Dir(path))
	}
	if info, err := os.Stat(path); err == nil && info.Size() > 0 {
		ro, err := OpenReadOnly(ctx, path)
		if err != nil && !errors.Is(err, ErrOutdated) {
			return nil, err
		}
		if ro != nil {
			ro.Close()
		}
	}
	q := url.Values{}
	q.Set("_busy_timeout", strconv.Itoa(int(busyTimeout/time.Millisecond)))
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_txlock", "immediate")
	q.Set("_synchronous", "NORMAL")
	db := openDB("file:" + url.PathEscape(path) + "?" + q.Encode())
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, explain(err)
	}
	return s, nil
}

// OpenReadOnly opens the database at path, which must exist, to read it
// and never write: in a read-only folder too, where SQLite cannot keep the
// files it shares between processes, it reads the database as a file
// nobody changes (unless a write-ahead log beside it holds what the file
// lacks). A database of an older pledge is ErrOutdated.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	open := func(extra string) (*Store, error) {
		db := openDB("file:" + url.PathEscape(path) + "?mode=ro&_busy_timeout=" + strconv.Itoa(int(busyTimeout/time.Millisecond)) + "&_foreign_keys=on" + extra)
		s := &Store{db: db, path: path, readOnly: true}
		if err := s.checkVersion(ctx); err != nil {
			db.Close()
			return nil, err
		}
		return s, nil
	}
	s, err := open("")
	var e sqlite3.Error
	if errors.As(err, &e) && (e.Code == sqlite3.ErrReadonly || e.Code == sqlite3.ErrCantOpen) {
		if info, werr := os.Stat(path + "-wal"); werr != nil || info.Size() == 0 {
			s, err = open("&immutable=1")
		}
	}
	if err != nil {
		return nil, explain(err)
	}
	return s, nil
}

// checkTables refuses an SQLite database of something else, and returns
// how many tables the database has (none: a new one).
func (s *Store) checkTables(ctx context.Context) (int, error) {
	var tables int
	var hasMigrations bool
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return 0, err
		}
		tables++
		hasMigrations = hasMigrations || name == "schema_migrations"
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if tables > 0 && !hasMigrations {
		return 0, fmt.Errorf("%w (an SQLite database of something else)", ErrNotPledge)
	}
	return tables, nil
}

// checkVersion refuses a database that is no pledge database, or whose
// schema is not this pledge's.
func (s *Store) checkVersion(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	tables, err := s.checkTables(ctx)
	if err != nil {
		return err
	}
	if tables == 0 {
		return ErrOutdated // empty: a new database, made by Open
	}
	var have int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return err
	}
	switch {
	case have > len(ms):
		return fmt.Errorf("%w: its schema is version %d, this pledge knows up to %d", ErrTooNew, have, len(ms))
	case have < len(ms):
		return ErrOutdated
	}
	if stale, err := staleTerms(ctx, s.db); err != nil || stale {
		return cmp.Or(err, ErrOutdated)
	}
	if stale, err := staleMarks(ctx, s.db); err != nil || stale {
		return cmp.Or(err, ErrOutdated)
	}
	return nil
}

// explain turns SQLite's answer into what failed, in words a user can act
// on: a file that is not a database, one that cannot be written, a full
// disk. Other errors come back as they are.
func explain(err error) error {
	var e sqlite3.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Code {
	case sqlite3.ErrNotADB:
		return fmt.Errorf("%w (%v)", ErrNotPledge, err)
	case sqlite3.ErrReadonly:
		return ErrReadOnly
	case sqlite3.ErrFull:
		return ErrDiskFull
	case sqlite3.ErrIoErr:
		if e.ExtendedCode == sqlite3.ErrIoErrWrite || e.ExtendedCode == sqlite3.ErrIoErrFsync || e.ExtendedCode == sqlite3.ErrIoErrTruncate || e.ExtendedCode == sqlite3.ErrIoErrSHMSize {
			return fmt.Errorf("%w (%v)", ErrDiskFull, err)
		}
	case sqlite3.ErrCantOpen:
		return fmt.Errorf("cannot be opened: %w (is its folder writable?)", err)
	}
	return err
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
	if _, err := s.checkTables(ctx); err != nil {
		return err
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
		if err := refreshMarks(ctx, tx); err != nil {
			return err
		}
		return refreshTerms(ctx, tx)
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
			return explain(err)
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
