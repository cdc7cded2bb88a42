// Package haltctx retries at once until a test of the error, which also
// asks the context whether it ended, says to stop: the context bounds the
// retries through that test.
package haltctx

import (
	"context"
	"errors"
)

var errUnavailable = errors.New("unavailable")

// isHalt reports whether the retries should stop: the context ended, or
// the error is not one that goes away.
func isHalt(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return true
	}
	return !errors.Is(err, errUnavailable)
}

// keepAlive sends the keep-alive again until it goes through.
func keepAlive(ctx context.Context, send func(context.Context) (int64, error)) (int64, error) {
	for { // want `^hand-rolled retry loop \(no delay\) can be replaced by retry\.Do`
		ttl, err := send(ctx)
		if err == nil {
			return ttl, nil
		}
		if isHalt(ctx, err) {
			return 0, err
		}
	}
}
