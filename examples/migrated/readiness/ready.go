// Package readiness waits for a dependency to report that it is ready. It
// looks like a retry loop but is not one: nothing failed, the loop waits for
// a condition to become true, and an error stops it at once. retrylint leaves
// it alone.
package readiness

import (
	"context"
	"time"
)

// Check reports whether the dependency is ready to serve.
type Check func(ctx context.Context) (bool, error)

// WaitReady calls check every interval until it reports ready, returns an
// error, or ctx ends.
func WaitReady(ctx context.Context, check Check, interval time.Duration) error {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		ready, err := check(ctx)
		if err != nil {
			return err
		}
		if ready {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
		}
	}
}
