package retry

import (
	"context"
	"errors"
	"time"
)

// ErrAttemptTimeout is the cause (context.Cause) of the ctx of a call that ran out of the time
// AttemptTimeout gives it.
var ErrAttemptTimeout = errors.New("retry: attempt timed out")

// AttemptTimeout gives each call its own deadline, d after it starts: the call gets a ctx
// derived from the one given to Do (context.WithTimeoutCause, the cause being
// ErrAttemptTimeout), so a call that hangs is cut short while the parent ctx still bounds the
// whole. A call that fails after running out of its own time is retried whatever the retry
// classifiers say (StopIf and StopOn still stop it, Permanent still ends it); when the parent
// ctx ends, that is final, as between any two calls. The error Do returns is the operation's
// own, unchanged, and inside the call context.Cause(ctx) tells the two apart: ErrAttemptTimeout
// for the call's own deadline, the parent's cause otherwise. d <= 0 removes the limit (the
// default).
//
// It costs a context and a timer per call (those of context.WithTimeoutCause).
func AttemptTimeout(d time.Duration) Option {
	return Option{x: startAttemptTimeout, d1: max(d, 0)}
}

// call makes call n of fn, with the ctx of its own that OnAttempt and AttemptTimeout give it,
// and reports whether it failed after running out of its own time. fn does not escape.
func (c *config) call(ctx context.Context, fn func(context.Context) error, n int) (timedOut bool, err error) {
	if !c.perAttempt {
		return false, fn(ctx)
	}
	actx := ctx
	var end func(error)
	if c.hooks.onAttempt != nil {
		actx, end = enter(ctx, c.hooks.onAttempt, n)
	}
	var cancel context.CancelFunc
	if c.attemptTimeout > 0 {
		actx, cancel = context.WithTimeoutCause(actx, c.attemptTimeout, ErrAttemptTimeout)
	}
	err = fn(actx)
	if cancel != nil {
		timedOut = err != nil && context.Cause(actx) == ErrAttemptTimeout
		if c.rt != nil {
			c.rt.keep(cancel) // the response body is read under actx
		} else {
			cancel()
		}
	}
	if end != nil {
		end(err)
	}
	return timedOut, err
}
