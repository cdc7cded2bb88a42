// Package unbounded retries until success or until the context ends, and
// then returns the last error rather than the context's.
package unbounded

import (
	"context"
	"time"
)

// RetryOperation calls op until it succeeds, 500ms apart.
func RetryOperation(ctx context.Context, op func(context.Context) error) error { // want `hand-rolled retry function`
	for {
		err := op(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(500 * time.Millisecond):
		}
	}
}
