// Package nodelayctx retries at once, with no pause, and tests its context
// after each failure: the call watches the same context between attempts.
package nodelayctx

import "context"

// Claim asks for the lease until it gets it, and returns the context's
// error once ctx ends.
func Claim(ctx context.Context, claim func(ctx context.Context, id string) error, id string) error {
	var err error
	for { // want `hand-rolled retry loop`
		err = claim(ctx, id)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
	}
}

// Release gives the lease back until it succeeds or ctx ends, and then
// returns nothing either way.
func Release(ctx context.Context, release func(ctx context.Context, id string) error, id string) {
	for { // want `hand-rolled retry loop`
		if err := release(ctx, id); err == nil {
			return
		}
		if ctx.Err() != nil {
			return
		}
	}
}
