package retry

import (
	"context"
	"time"
)

// Do calls fn until it succeeds, the attempts run out, fn's error is not retryable or is
// Permanent, the MaxElapsed budget is spent, or ctx ends; opts configure it (see the package
// documentation for the defaults). The first call is always made; ctx is consulted only
// between calls and is given to fn. Do returns nil on success and otherwise fn's last error
// unchanged, the error inside a Permanent marker, or an *InterruptedError when ctx ended or
// its deadline would pass during the next wait. A panic in fn is not recovered.
//
// With options that observe nothing (no hooks, logger or MaxElapsed), a first call that
// succeeds costs one call of fn and no allocation.
func Do(ctx context.Context, fn func(context.Context) error, opts ...Option) error {
	var start time.Time
	observed := observes(opts)
	if observed {
		start = time.Now()
	}
	err := fn(ctx)
	if err == nil && !observed {
		return nil
	}
	return doRest(ctx, fn, err, start, opts)
}

// doRest builds the config of Do and runs the rest of it. It is kept out of Do so that Do's
// own stack frame stays small: the config lives here, and the first-success path never pays
// for setting it up.
//
//go:noinline
func doRest(ctx context.Context, fn func(context.Context) error, err error, start time.Time, opts []Option) error {
	c := defaults
	c.apply(opts)
	return c.continueAfter(ctx, fn, err, start)
}

// DoValue is Do for an operation that also returns a value. It returns the value and error of
// the last call made (the value of a failed call too, as a loop assigning `v, err = fn()`
// leaves it), except that an *InterruptedError replaces the error as in Do.
func DoValue[T any](ctx context.Context, fn func(context.Context) (T, error), opts ...Option) (T, error) {
	var v T
	err := Do(ctx, func(ctx context.Context) error {
		var err error
		v, err = fn(ctx)
		return err
	}, opts...)
	return v, err
}

// continueAfter runs the rest of Do once the first call has returned err (maybe nil).
// start is when Do began; it is set when c.observed.
func (c *config) continueAfter(ctx context.Context, fn func(context.Context) error, err error, start time.Time) error {
	var (
		timer *time.Timer   // one timer for all the waits of this call of Do
		prev  time.Duration // the previous wait, for decorrelated jitter
	)
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for n := 1; ; n++ {
		if err == nil {
			return c.done(ctx, n, nil, start)
		}
		if perm, ok := unmarkPermanent(err); ok {
			return c.giveUp(ctx, n, perm, start)
		}
		if n >= c.attempts || !c.retryable(err) {
			return c.giveUp(ctx, n, err, start)
		}
		d := c.wait(n, err, prev)
		var elapsed time.Duration
		if c.observed {
			elapsed = time.Since(start)
		}
		if c.maxElapsed > 0 && d >= c.maxElapsed-elapsed {
			return c.giveUp(ctx, n, err, start)
		}
		if cause, ctxErr := interruption(ctx); cause != nil {
			return c.interrupted(ctx, n, err, cause, ctxErr, start, false)
		}
		if deadline, ok := ctx.Deadline(); ok && d >= time.Until(deadline) {
			return c.interrupted(ctx, n, err, context.DeadlineExceeded, context.DeadlineExceeded, start, false)
		}
		c.failed(ctx, Attempt{Number: n, Err: err, Delay: d, Elapsed: elapsed, Retrying: true})
		if d > 0 {
			if timer == nil {
				timer = time.NewTimer(d)
			} else {
				timer.Reset(d)
			}
			select {
			case <-ctx.Done():
				return c.interrupted(ctx, n, err, context.Cause(ctx), ctx.Err(), start, true)
			case <-timer.C:
			}
		}
		prev = d
		err = fn(ctx)
	}
}

// failed reports a failed call to the hook and the logger.
func (c *config) failed(ctx context.Context, a Attempt) {
	if c.onFailure != nil {
		c.onFailure(a)
	}
	if c.logger != nil && a.Retrying {
		c.logRetry(ctx, a)
	}
}

// giveUp ends Do after failed call n, returning err.
func (c *config) giveUp(ctx context.Context, n int, err error, start time.Time) error {
	if c.observed {
		c.failed(ctx, Attempt{Number: n, Err: err, Elapsed: time.Since(start)})
	}
	return c.done(ctx, n, err, start)
}

// interrupted ends Do after failed call n because ctx ended (or its deadline would have passed
// during the wait); reported says whether the hook already saw call n.
func (c *config) interrupted(ctx context.Context, n int, last, cause, ctxErr error, start time.Time, reported bool) error {
	err := &InterruptedError{Attempts: n, Cause: cause, Err: last, CtxErr: ctxErr}
	if c.observed && !reported {
		c.failed(ctx, Attempt{Number: n, Err: last, Elapsed: time.Since(start)})
	}
	return c.done(ctx, n, err, start)
}

// done ends Do after n calls, returning err.
func (c *config) done(ctx context.Context, n int, err error, start time.Time) error {
	if !c.observed {
		return err
	}
	o := Outcome{Attempts: n, Err: err, Elapsed: time.Since(start)}
	if c.onDone != nil {
		c.onDone(o)
	}
	if c.logger != nil {
		c.logEnd(ctx, o)
	}
	return err
}

// zeroTime is the start time passed when nothing observes the call.
var zeroTime time.Time
