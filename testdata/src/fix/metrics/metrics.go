// Package metrics counts the calls that only succeeded after a retry, and
// returns at once an error that does not say it is retryable.
package metrics

import (
	"context"
	"errors"
	"time"
)

// Exec runs op up to maxAttempts times, 500ms, 1s, 2s, ... apart, while it
// fails with an error that says it is retryable.
func Exec(ctx context.Context, op func(context.Context) error, count func(name string), maxAttempts int) error {
	var err error
	for attempt := 0; attempt < maxAttempts; attempt++ { // want `hand-rolled retry loop`
		err = op(ctx)
		if err == nil {
			if attempt > 0 {
				count("db_retries_successful")
			}
			return nil
		}
		var r interface{ Retryable() bool }
		if !errors.As(err, &r) || !r.Retryable() {
			return err
		}
		if attempt < maxAttempts-1 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(500 * time.Millisecond * time.Duration(1<<attempt)):
			}
		}
	}
	return err
}
