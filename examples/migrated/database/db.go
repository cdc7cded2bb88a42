// Package database wraps an embedded SQL database that allows one writer at a
// time. A write that finds the database locked by another writer fails with a
// "busy" error; it is tried again after a short, randomised pause so that the
// waiting writers do not all come back at the same moment.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// Conn is the part of *sql.DB the wrapper uses.
type Conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// BusyError is returned by the driver when another connection holds the write lock.
type BusyError struct{ Code int }

func (e *BusyError) Error() string { return fmt.Sprintf("database is locked (%d)", e.Code) }

const (
	busyRetries   = 6
	busyBaseDelay = 50 * time.Millisecond
)

// DB runs statements on a connection.
type DB struct {
	conn Conn
	rand *rand.Rand
}

// New returns a DB using conn; random pauses are drawn from rnd.
func New(conn Conn, rnd *rand.Rand) *DB { return &DB{conn: conn, rand: rnd} }

// ExecWithRetry runs a statement, trying again while the database is busy.
// Each pause is the base delay plus up to as much again, drawn at random.
func (db *DB) ExecWithRetry(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := retry.DoValue(ctx, func(ctx context.Context) (sql.Result, error) {
		return db.conn.ExecContext(ctx, query, args...)
	}, retry.Attempts(busyRetries), retry.DelayFunc(func(_ int, _ error) time.Duration {
		jitter := time.Duration(db.rand.Int64N(int64(busyBaseDelay)))
		return busyBaseDelay + jitter
	}), retry.RetryIf(isBusy))
	if err != nil {
		if ctxErr := retry.CtxErr(err); ctxErr != nil {
			return nil, ctxErr
		}
		if !isBusy(err) {
			return nil, err
		}
		return nil, fmt.Errorf("database: still busy after %d attempts: %w", busyRetries, err)
	}
	return res, nil
}

// isBusy reports whether err says that another writer holds the lock.
func isBusy(err error) bool {
	var busy *BusyError
	return errors.As(err, &busy) || strings.Contains(err.Error(), "database is locked")
}
