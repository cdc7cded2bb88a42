// Package decorator wraps a handler in a retry, in a constructor named for
// it: the point of the *WithRetry category, reported though what it retries
// is its parameter (silent/decorator is the unnamed middleware that is not).
package decorator

import (
	"context"
	"time"
)

// Handler serves one request.
type Handler func(ctx context.Context, req string) (string, error)

// WithRetries wraps h so that a failed request is served again, up to three
// times, 100ms apart.
func WithRetries(h Handler) Handler {
	return func(ctx context.Context, req string) (string, error) {
		var err error
		for attempt := 0; attempt < 3; attempt++ { // want `hand-rolled retry loop \(3 attempts, constant delay of 100ms\)`
			var resp string
			if resp, err = h(ctx, req); err == nil {
				return resp, nil
			}
			time.Sleep(100 * time.Millisecond)
		}
		return "", err
	}
}
