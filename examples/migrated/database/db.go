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
	var lastErr error
	permanent := false
	res, err := retry.DoValue(ctx, func(ctx context.Context) (sql.Result, error) {
		res, err := db.conn.ExecContext(ctx, query, args...)
		if err == nil {
			return res, nil
		}
		if !isBusy(err) {
			permanent = true
			return nil, retry.Permanent(err)
		}
		lastErr = err
		return res, err
	}, retry.Attempts(busyRetries), retry.DelayFunc(func(attempt int, _ error) time.Duration {
		jitter := time.Duration(db.rand.Int64N(int64(busyBaseDelay)))
		return busyBaseDelay + jitter
	}))
	if ie, ok := err.(*retry.InterruptedError); ok {
		return nil, ie.CtxErr
	}
	if err == nil || permanent {
		return res, err
	}
	return nil, fmt.Errorf("database: still busy after %d attempts: %w", busyRetries, lastErr)
}

// isBusy reports whether err says that another writer holds the lock.
func isBusy(err error) bool {
	var busy *BusyError
	return errors.As(err, &busy) || strings.Contains(err.Error(), "database is locked")
}
