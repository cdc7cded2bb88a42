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

	// CtxErr is what ctx.Err() said when Do stopped: context.Canceled or
	// context.DeadlineExceeded, and context.DeadlineExceeded when the wait was
	// not started because of the deadline (ctx.Err() may still be nil then).
	// It differs from Cause when ctx was cancelled with a cause
	// (context.WithCancelCause, errgroup), and it is what code that returned
	// ctx.Err() from its own select must keep returning.
	CtxErr error
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

// interruption returns the cause and ctx.Err() to report when ctx has ended,
// or nils.
func interruption(ctx context.Context) (cause, ctxErr error) {
	if err := ctx.Err(); err != nil {
		return context.Cause(ctx), err
	}
	return nil, nil
}

// CtxErr returns what ctx.Err() said when Do stopped because its context ended (or the next
// wait would have outlasted its deadline): the CtxErr of an *InterruptedError in err's chain.
// It returns nil for any other error, nil included. Code that did something of its own when
// ctx ended tells that case apart with it:
//
//	err := retry.Do(ctx, op, retry.Attempts(5))
//	if ctxErr := retry.CtxErr(err); ctxErr != nil {
//		return fmt.Errorf("load %s: %w", id, ctxErr)
//	}
func CtxErr(err error) error {
	if ie, ok := asType[*InterruptedError](err); ok {
		return ie.CtxErr
	}
	return nil
}
