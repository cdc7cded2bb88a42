// Package deadline computes a deadline first and tries until it passes.
package deadline

import (
	"context"
	"time"
)

type Cluster interface {
	Join(ctx context.Context) error
}

func join(ctx context.Context, c Cluster, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	backoff := 100 * time.Millisecond
	var err error
	for time.Now().Before(deadline) { // want `^hand-rolled retry loop \(for up to timeout, exponential backoff from 100ms\)`
		if err = c.Join(ctx); err == nil {
			return nil
		}
		time.Sleep(backoff)
		backoff *= 2
	}
	return err
}
