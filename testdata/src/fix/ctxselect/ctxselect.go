// Package ctxselect waits in a select that also watches the caller's context,
// and returns the context's error when it ends.
package ctxselect

import (
	"context"
	"time"
)

// Publish sends msg up to five times, 100ms, 200ms, 400ms and 800ms apart,
// and stops waiting as soon as ctx ends.
func Publish(ctx context.Context, send func(ctx context.Context, msg string) error, msg string) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ { // want `hand-rolled retry loop`
		if err = send(ctx, msg); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond << attempt):
		}
	}
	return err
}
