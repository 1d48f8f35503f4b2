package track

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"

	"pledge/figures"
)

// State says which version of the database a reader saw: two reads with
// the same State read the same data, so that what was computed from one
// (a page's figures) holds for the other. Generation counts changes to
// statements, commitments, labels and decisions; Content the changes to
// what new policy areas are made of; Links the links written; Across and
// Threshold are the settings that change how links read.
type State struct {
	Generation, Content, Links int64
	Across, Threshold          string
}

// State returns the database's State now.
func (s *Store) State(ctx context.Context) (State, error) {
	var st State
	err := s.db.QueryRowContext(ctx, `SELECT
		COALESCE((SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?), 0),
		content, links,
		COALESCE((SELECT value FROM settings WHERE key = ?), ''),
		COALESCE((SELECT value FROM settings WHERE key = ?), '')
		FROM summary_state`, settingGeneration, settingAcrossParties, settingThreshold).
		Scan(&st.Generation, &st.Content, &st.Links, &st.Across, &st.Threshold)
	return st, err
}

// Summarise brings up to date what the database keeps for its readers and
// cannot keep by triggers: the new policy areas of every year, computed
// again when what they are made of changed since they were (a label or a
// link does not change them). Every command that writes calls it after
// linking, so that a command that reads finds them and does not compute
// them; a reader that finds them out of date (a run stopped before it got
// here) computes them itself. It reads without holding the write lock, and
// keeps what it computed only if nothing changed meanwhile.
func (s *Store) Summarise(ctx context.Context) error {
	var fresh bool
	var content, upto, changed int64
	var counted *figures.NewAreas
	var areas map[int][]figures.Area
	if program() == "" {
		return nil // what it computed, no reader could tell its own
	}
	err := s.snapshot(ctx, func(q querier) error {
		var err error
		if fresh, content, err = areasFresh(ctx, q); err != nil || fresh {
			return err
		}
		// What was counted before, given the commitments stored since:
		// after an ingest of new statements, only theirs are read.
		if counted, upto, changed, err = countedAreas(ctx, q); err != nil {
			return err
		}
		if upto, err = addAreas(ctx, q, counted, nil, upto); err != nil {
			return err
		}
		areas = counted.ByYear()
		return nil
	})
	if err != nil || fresh {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var now int64
		if err := tx.QueryRowContext(ctx, `SELECT content FROM summary_state`).Scan(&now); err != nil || now != content {
			return err // changed meanwhile: the next Summarise computes them
		}
		if err := storeAreas(ctx, tx, areas, areasKey(content)); err != nil {
			return err
		}
		return keepCounted(ctx, tx, counted, upto, changed)
	})
}

// snapshot runs f on one connection in a read transaction: all it reads is
// the database at one moment, and writers go on meanwhile (a transaction of
// the Store itself would take the write lock).
func (s *Store) snapshot(ctx context.Context, f func(q querier) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return explain(err)
	}
	err = f(conn)
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); err == nil && rerr != nil {
		err = rerr
	}
	return explain(err)
}

// areasMethod names how new areas are found; areasKey, kept in the
// settings beside them, says what they were computed from: the content
// count and this program. The program is named by its file's path, size
// and time, so that a pledge built otherwise (another version, a change to
// package figures or to the word lists) computes them again rather than
// read what another computed.
const areasMethod = "areas-1"

// settingAreas is the areasKey of the stored new areas.
const settingAreas = "areas"

func areasKey(content int64) string {
	return fmt.Sprintf("%s@%s@%d", areasMethod, program(), content)
}

// areasStateKey says which program counted what areas_state keeps.
func areasStateKey() string { return areasMethod + "@" + program() }

// program names the running program by its file: path, size and time;
// "" when it cannot be known.
func program() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	info, err := os.Stat(path)
	if err != nil {
		return ""
	}
	return path + ":" + strconv.FormatInt(info.Size(), 10) + ":" + strconv.FormatInt(info.ModTime().UnixNano(), 10)
}

// areasFresh reports whether the stored new areas were computed from what
// the database holds now, by this program, and the content count. A
// program that cannot name itself finds none fresh.
func areasFresh(ctx context.Context, q querier) (bool, int64, error) {
	var content int64
	if err := q.QueryRowContext(ctx, `SELECT content FROM summary_state`).Scan(&content); err != nil {
		return false, 0, err
	}
	key, err := setting(ctx, q, settingAreas)
	return program() != "" && key == areasKey(content), content, err
}
