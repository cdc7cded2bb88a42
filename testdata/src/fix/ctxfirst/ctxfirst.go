// Package ctxfirst retries at once while its context lasts, and tests the
// context before every attempt, the first included: on an ended context it
// makes no call, and neither does the rewrite (retry.CheckCtxFirst).
package ctxfirst

import (
	"context"
	"time"
)

// Rescind deletes the key until that succeeds or ctx ends.
func Rescind(ctx context.Context, del func(ctx context.Context, key string) error, key string) {
	for ctx.Err() == nil { // want `hand-rolled retry loop`
		if err := del(ctx, key); err == nil {
			return
		}
	}
}

// Join asks to join the cluster, each time with a second to answer, until
// it is let in; it returns the context's error once ctx ends.
func Join(ctx context.Context, join func(ctx context.Context, peer string) error, peer string, logf func(string, ...any)) error {
	for { // want `hand-rolled retry loop`
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		logf("joining %s", peer)
		reqCtx, cancel := context.WithTimeout(ctx, time.Second)
		err := join(reqCtx, peer)
		cancel()
		if err == nil {
			return nil
		}
	}
}

// Lease asks for a lease until it gets one, and returns the context's error
// from after the loop once ctx ends.
func Lease(ctx context.Context, grant func(context.Context) (int64, error)) (int64, error) {
	for ctx.Err() == nil { // want `hand-rolled retry loop`
		id, err := grant(ctx)
		if err == nil {
			return id, nil
		}
	}
	return 0, ctx.Err()
}
