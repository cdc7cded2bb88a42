// Package helperlocal hides the wait in a small helper of the same package.
package helperlocal

import (
	"context"
	"time"
)

// sleepCtx waits for d or until ctx ends.
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

type Store interface {
	Load(ctx context.Context, id string) ([]byte, error)
}

func load(ctx context.Context, s Store, id string) ([]byte, error) {
	var lastErr error
	for i := 0; i < 5; i++ { // want `^hand-rolled retry loop \(5 attempts, constant delay of 400ms\)`
		b, err := s.Load(ctx, id)
		if err == nil {
			return b, nil
		}
		lastErr = err
		if err := sleepCtx(ctx, 400*time.Millisecond); err != nil {
			return nil, err
		}
	}
	return nil, lastErr
}
