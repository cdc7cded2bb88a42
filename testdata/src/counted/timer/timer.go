// Package timer uses a stoppable timer, so a cancelled wait frees it at once.
package timer

import (
	"context"
	"time"
)

type Fetcher interface {
	Fetch(ctx context.Context, key string) ([]byte, error)
}

func fetch(ctx context.Context, f Fetcher, key string) ([]byte, error) {
	var lastErr error
	for i := 0; i < 4; i++ { // want `^hand-rolled retry loop \(4 attempts, constant delay of 300ms\)`
		b, err := f.Fetch(ctx, key)
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
