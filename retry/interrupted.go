package retry

import (
	"context"
	"fmt"
)

// InterruptedError is what Do returns when ctx ended between two calls, or when the next wait
// could not end before ctx's deadline (then the wait is not started and Do returns at once).
// errors.Is matches both the cause and the last error of the operation.
type InterruptedError struct {
	Attempts int   // calls made
	Cause    error // context.Cause(ctx), or context.DeadlineExceeded when the wait was not started
	Err      error // the last error of the operation
}

var _ interface {
	error
	Unwrap() []error
} = (*InterruptedError)(nil)

// Error says how many calls were made, why the retries stopped and the last error.
func (e *InterruptedError) Error() string {
	return fmt.Sprintf("retry: interrupted after %d %s: %v; last error: %v",
		e.Attempts, plural(e.Attempts, "attempt", "attempts"), e.Cause, e.Err)
}

// Unwrap returns the cause and the last error, so that errors.Is and errors.As see both.
func (e *InterruptedError) Unwrap() []error { return []error{e.Cause, e.Err} }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// interruption returns the cause to report when ctx has ended, or nil.
func interruption(ctx context.Context) error {
	if ctx.Err() == nil {
		return nil
	}
	return context.Cause(ctx)
}
