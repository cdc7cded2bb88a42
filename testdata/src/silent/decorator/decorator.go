// Package decorator is a retry library in miniature: middleware that
// retries whatever call comes next. What it retries is a parameter, the same
// for every caller; the teams' operations are in the callers, which wrap
// their handler once. Code inside a retry library is not a hand-rolled retry.
// (A constructor named for retrying, WithRetries(h) Handler, is reported all
// the same: -funcpattern's category; see wrapper/decorator.)
package decorator

import (
	"context"
	"time"
)

// Invoker makes one call.
type Invoker func(ctx context.Context, method string, req any) error

// Interceptor wraps an invoker.
type Interceptor func(ctx context.Context, method string, req any, next Invoker) error

// Patient returns an interceptor that calls next up to max times, pause
// apart.
func Patient(max int, pause time.Duration) Interceptor {
	return func(ctx context.Context, method string, req any, next Invoker) error {
		var err error
		for i := 0; i < max; i++ {
			if err = next(ctx, method, req); err == nil {
				return nil
			}
			time.Sleep(pause)
		}
		return err
	}
}
