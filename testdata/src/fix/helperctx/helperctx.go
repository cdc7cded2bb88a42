// Package helperctx waits in a small helper that returns the context's error
// when the context ends first, and nil otherwise.
package helperctx

import (
	"context"
	"fmt"
	"time"
)

// sleepCtx waits for d, or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error { // want sleepCtx:"waits"
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Load reads id up to five times, 400ms apart, and stops when ctx ends.
func Load(ctx context.Context, load func(ctx context.Context, id string) ([]byte, error), id string) ([]byte, error) {
	var lastErr error
	for i := 0; i < 5; i++ { // want `hand-rolled retry loop`
		b, err := load(ctx, id)
		if err == nil {
			return b, nil
		}
		lastErr = err
		if err := sleepCtx(ctx, 400*time.Millisecond); err != nil {
			return nil, fmt.Errorf("load %s: %w", id, err)
		}
	}
	return nil, lastErr
}
