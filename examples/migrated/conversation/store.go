// Package conversation keeps chat conversations in a database whose calls
// sometimes fail for a moment (a busy connection, a failover) and say so.
package conversation

import (
	"context"
	"errors"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// DB is the part of the database client the store uses.
type DB interface {
	Exec(ctx context.Context, query string, args ...any) error
}

// DBError is what the database client returns. Some failures are worth
// another try (a connection dropped during a failover), others are not (a
// constraint violation); the client knows which.
type DBError struct {
	Code      string
	Transient bool
}

func (e *DBError) Error() string { return "db: " + e.Code }

// Retryable reports whether the same call may succeed if made again.
func (e *DBError) Retryable() bool { return e.Transient }

// Metrics counts events by name.
type Metrics interface {
	Increment(name string)
}

// Store saves messages of conversations.
type Store struct {
	db          DB
	metrics     Metrics
	maxAttempts int
}

// NewStore returns a Store that tries each database call up to maxAttempts times.
func NewStore(db DB, metrics Metrics, maxAttempts int) *Store {
	return &Store{db: db, metrics: metrics, maxAttempts: maxAttempts}
}

// SaveMessage appends a message to a conversation.
func (s *Store) SaveMessage(ctx context.Context, conversationID, text string) error {
	return s.executeWithRetry(ctx, func(ctx context.Context) error {
		return s.db.Exec(ctx, "INSERT INTO messages (conversation_id, text) VALUES (?, ?)", conversationID, text)
	})
}

// executeWithRetry runs op again while it fails with an error that says it is
// retryable, waiting 500ms, 1s, 2s, ... between tries, and counts the calls
// that only succeeded after a retry.
func (s *Store) executeWithRetry(ctx context.Context, op func(context.Context) error) error {
	return retry.Do(ctx, op, retry.Attempts(s.maxAttempts), retry.Exponential(500*time.Millisecond, 2), retry.RetryIf(func(err error) bool {
		var dbErr *DBError
		return errors.As(err, &dbErr) && dbErr.Retryable()
	}), retry.ReturnCtxErr(), retry.OnDone(func(o retry.Outcome) {
		if o.Err == nil && o.Retried() {
			s.metrics.Increment("conversation.db_retries_successful")
		}
	}))
}
