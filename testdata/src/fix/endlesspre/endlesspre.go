// Package endlesspre retries until success or the end of its context, with
// work before every attempt: that work stays in the closure, before the call.
package endlesspre

import (
	"context"
	"time"
)

// Push says what it is about to do, then pushes, 200ms apart, until the
// push succeeds or ctx ends.
func Push(ctx context.Context, push func(context.Context) error, logf func(string, ...any)) error {
	for { // want `hand-rolled retry loop`
		logf("pushing")
		err := push(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
