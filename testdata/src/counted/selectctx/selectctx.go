// Package selectctx stops waiting when the caller's context ends.
package selectctx

import (
	"context"
	"time"
)

type Queue interface {
	Publish(ctx context.Context, msg []byte) error
}

func publish(ctx context.Context, q Queue, msg []byte) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ { // want `^hand-rolled retry loop \(5 attempts, exponential backoff from 100ms\)`
		if err = q.Publish(ctx, msg); err == nil {
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
