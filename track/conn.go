package track

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"time"

	"github.com/mattn/go-sqlite3"
)

// busyTimeout is how long a connection waits for another's lock before
// SQLite answers that the database is busy.
const busyTimeout = 30 * time.Second

// openDB returns the database of the SQLite data source name dsn. Its
// connections know the function pledge_fold, which is Fold.
func openDB(dsn string) *sql.DB {
	return sql.OpenDB(connector{dsn: dsn, driver: &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		return c.RegisterFunc("pledge_fold", Fold, true)
	}}})
}

// connector opens the connections of one database. Opening a connection
// runs the pragmas of its data source name, and switching a new file to
// WAL takes a lock SQLite does not wait for, busy timeout or not: when
// several processes open a new database at once, one of them is told the
// database is locked. So a connection is opened again after a pause while
// SQLite answers busy, for as long as the busy timeout, as a write
// transaction is (see Store.tx).
type connector struct {
	dsn    string
	driver *sqlite3.SQLiteDriver
}

func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	deadline := time.Now().Add(busyTimeout)
	for attempt := 0; ; attempt++ {
		conn, err := c.driver.Open(c.dsn)
		if !busy(err) || time.Now().After(deadline) {
			return conn, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(retryPause(attempt)):
		}
	}
}

func (c connector) Driver() driver.Driver { return c.driver }

// retryPause is how long to wait before trying again what SQLite answered
// busy to, the attempt-th time: longer each time, up to half a second.
func retryPause(attempt int) time.Duration {
	return min(time.Duration(10*(attempt+1))*time.Millisecond, 500*time.Millisecond)
}
