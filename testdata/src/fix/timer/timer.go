// Package timer waits on a timer it stops when the context ends first.
package timer

import (
	"context"
	"time"
)

// Fetch reads key up to four times, 300ms apart, giving up when ctx ends.
func Fetch(ctx context.Context, fetch func(ctx context.Context, key string) ([]byte, error), key string) ([]byte, error) {
	var lastErr error
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop`
		b, err := fetch(ctx, key)
		if err == nil {
			return b, nil
		}
		lastErr = err
		t := time.NewTimer(300 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
	return nil, lastErr
}
