// Package retry stands in for the project's own retry package: the analyzer
// never reports it, though its loop is the one every other loop becomes.
package retry

import (
	"context"
	"time"
)

// Option configures Do.
type Option struct{ attempts int }

// Attempts sets the number of calls.
func Attempts(n int) Option { return Option{attempts: n} }

// Do calls fn until it succeeds or the attempts run out.
func Do(ctx context.Context, fn func(context.Context) error, opts ...Option) error {
	n := 3
	for _, o := range opts {
		n = o.attempts
	}
	var err error
	for i := 0; i < n; i++ {
		if err = fn(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return err
}
