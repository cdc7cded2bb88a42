package retry

import (
	"context"
	"time"
)

// Do calls fn until it succeeds, the attempts run out, fn's error is not retryable or is
// Permanent, the MaxElapsed budget is spent, a retry budget refuses a retry, or ctx ends; opts
// configure it (see the package documentation for the defaults). The first call is always
// made; ctx is consulted only between calls and is given to fn. Do returns nil on success and
// otherwise fn's last error unchanged, the error inside a Permanent marker, a *BudgetError,
// or an *InterruptedError when ctx ended or its deadline would pass during the next wait
// (ReturnCtxErr and WaitsIgnoreCtx change that last case). A panic in fn is not recovered.
//
// With options that observe nothing (no hooks, OnAttempt included, no logger, MaxElapsed or
// AttemptTimeout), a first call that succeeds costs one call of fn and no allocation.
func Do(ctx context.Context, fn func(context.Context) error, opts ...Option) error {
	if !numbersOnly(opts) {
		return doOther(ctx, fn, opts)
	}
	if err := fn(ctx); err != nil {
		return doRest(ctx, fn, err, true, opts)
	}
	return nil
}

// doOther is Do with options that are not all numbers: a classifier, a hook, a budget, a
// policy. It still makes the first call before building a config when nothing observes it.
//
//go:noinline
func doOther(ctx context.Context, fn func(context.Context) error, opts []Option) error {
	ok, b := plain(opts)
	if !ok {
		return doRest(ctx, fn, nil, false, opts)
	}
	if err := fn(ctx); err != nil {
		return doRest(ctx, fn, err, true, opts)
	}
	if b != nil {
		b.succeeded()
	}
	return nil
}

// doRest builds the config of Do and runs the rest of it; called says whether the first call
// was made already, with the result err. It is kept out of Do so that Do's own stack frame
// stays small: the config lives here, and the first-success path never pays for setting it
// up.
//
//go:noinline
func doRest(ctx context.Context, fn func(context.Context) error, err error, called bool, opts []Option) error {
	c := defaults
	c.apply(opts)
	return c.run(ctx, fn, err, called)
}

// DoValue is Do for an operation that also returns a value. It returns the value and error of
// the last call made (the value of a failed call too, as a loop assigning `v, err = fn()`
// leaves it), except that an *InterruptedError or a *BudgetError replaces the error as in Do.
// Its first call that succeeds costs what Do's does.
func DoValue[T any](ctx context.Context, fn func(context.Context) (T, error), opts ...Option) (T, error) {
	if !numbersOnly(opts) {
		return doValueOther(ctx, fn, opts)
	}
	v, err := fn(ctx)
	if err != nil {
		return doValueRest(ctx, fn, v, err, true, opts)
	}
	return v, nil
}

// doValueOther is doOther for DoValue.
//
//go:noinline
func doValueOther[T any](ctx context.Context, fn func(context.Context) (T, error), opts []Option) (T, error) {
	ok, b := plain(opts)
	if !ok {
		var zero T
		return doValueRest(ctx, fn, zero, nil, false, opts)
	}
	v, err := fn(ctx)
	if err != nil {
		return doValueRest(ctx, fn, v, err, true, opts)
	}
	if b != nil {
		b.succeeded()
	}
	return v, nil
}

// doValueRest is doRest for DoValue: v and err are the results of the first call, when called.
//
//go:noinline
func doValueRest[T any](ctx context.Context, fn func(context.Context) (T, error), v T, err error, called bool, opts []Option) (T, error) {
	err = doRest(ctx, func(ctx context.Context) error {
		var err error
		v, err = fn(ctx)
		return err
	}, err, called, opts)
	return v, err
}

// progress is what one Do has done so far, for the hooks: when it began (set when the config
// observes calls) and how long it has waited.
type progress struct {
	start  time.Time
	waited time.Duration
}

// run runs Do with c: the first call unless called (then err is its result), and the rest.
// It never changes c, which a Policy shares between goroutines.
func (c *config) run(ctx context.Context, fn func(context.Context) error, err error, called bool) error {
	var (
		p        progress
		timedOut bool          // the last call ran out of its AttemptTimeout
		timer    *time.Timer   // one timer for all the waits of this call of Do
		prev     time.Duration // the previous wait, for decorrelated jitter
	)
	if c.observed {
		p.start = time.Now()
	}
	if !called {
		if err, ok := c.ctxEnded(ctx, &p); ok {
			return err
		}
		if err, ok := c.stopFirst(ctx, 0, nil, &p); ok {
			return err
		}
		timedOut, err = c.call(ctx, fn, 1)
	}
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for n := 1; ; n++ {
		if err == nil {
			if c.budget != nil {
				c.budget.succeeded()
			}
			return c.done(ctx, n, nil, StopSucceeded, &p)
		}
		if perm, ok := unmarkPermanent(err); ok {
			return c.giveUp(ctx, n, perm, StopPermanent, &p)
		}
		if n >= c.attempts {
			return c.giveUp(ctx, n, err, StopExhausted, &p)
		}
		if !c.retryable(err, timedOut) {
			return c.giveUp(ctx, n, err, StopNotRetryable, &p)
		}
		var elapsed time.Duration
		if c.observed {
			elapsed = time.Since(p.start)
		}
		if c.giveUpSet && (elapsed > c.giveUpAfter || c.giveUpAt && elapsed == c.giveUpAfter) {
			return c.giveUp(ctx, n, err, StopMaxElapsed, &p)
		}
		d := c.wait(n, err, prev)
		if c.maxElapsedSet && d >= c.maxElapsed-elapsed {
			return c.giveUp(ctx, n, err, StopMaxElapsed, &p)
		}
		// The hooks hear of the retry before Do looks at ctx: a loop that
		// logged "retrying in 2s" and then waited on ctx.Done() logged it
		// also when ctx had just ended. A budget is asked last, so that a
		// retry ctx stops spends nothing.
		c.failed(ctx, Attempt{Number: n, Err: err, Delay: d, Elapsed: elapsed, Retrying: true})
		if c.ctxMode != ctxIgnore {
			if cause, ctxErr := interruption(ctx); cause != nil {
				return c.interrupted(ctx, n, err, cause, ctxErr, &p, true)
			}
			if deadline, ok := ctx.Deadline(); ok && d >= time.Until(deadline) {
				return c.interrupted(ctx, n, err, context.DeadlineExceeded, context.DeadlineExceeded, &p, true)
			}
		}
		if c.budget != nil && !c.budget.spend() {
			return c.done(ctx, n, &BudgetError{Attempts: n, Err: err}, StopBudget, &p)
		}
		if c.rt != nil {
			c.rt.discard()
		}
		if d > 0 {
			if timer == nil {
				timer = time.NewTimer(d)
			} else {
				timer.Reset(d)
			}
			var began time.Time
			if c.observed {
				began = time.Now()
			}
			end := waitTimer
			switch {
			case c.stop != nil && !c.stop.first():
				end = c.stop.wait(ctx, c.ctxMode != ctxIgnore, timer.C)
			case c.ctxMode == ctxIgnore:
				<-timer.C
			default:
				select {
				case <-ctx.Done():
					end = waitCtx
				case <-timer.C:
				}
			}
			if c.observed {
				p.waited += time.Since(began)
			}
			switch end {
			case waitCtx:
				return c.interrupted(ctx, n, err, context.Cause(ctx), ctx.Err(), &p, true)
			case waitStop:
				return c.stopped(ctx, n, err, &p)
			}
		} else if c.stop != nil && !c.stop.first() && c.stop.ready() {
			return c.stopped(ctx, n, err, &p) // a wait of no length still looks at the channel
		}
		prev = d
		if err, ok := c.stopFirst(ctx, n, err, &p); ok {
			return err
		}
		timedOut, err = c.call(ctx, fn, n+1)
	}
}

// failed reports a failed call to the hooks and the logger.
func (c *config) failed(ctx context.Context, a Attempt) {
	c.hooks.failed(ctx, a)
	if c.logger != nil && a.Retrying {
		c.logRetry(ctx, a)
	}
}

// giveUp ends Do after failed call n, returning err.
func (c *config) giveUp(ctx context.Context, n int, err error, why StopReason, p *progress) error {
	if c.observed {
		c.failed(ctx, Attempt{Number: n, Err: err, Elapsed: time.Since(p.start)})
	}
	return c.done(ctx, n, err, why, p)
}

// interrupted ends Do after failed call n because ctx ended (or its deadline would have passed
// during the wait); reported says whether the hooks already saw call n. It returns an
// *InterruptedError, or ctxErr itself with ReturnCtxErr.
func (c *config) interrupted(ctx context.Context, n int, last, cause, ctxErr error, p *progress, reported bool) error {
	err := ctxErr // ReturnCtxErr; WaitsIgnoreCtx never gets here
	switch c.ctxMode {
	case ctxInterrupt:
		err = &InterruptedError{Attempts: n, Cause: cause, Err: last, CtxErr: ctxErr}
	case ctxReturnLast:
		err = last
	}
	if c.observed && !reported {
		c.failed(ctx, Attempt{Number: n, Err: last, Elapsed: time.Since(p.start)})
	}
	return c.done(ctx, n, err, StopInterrupted, p)
}

// done ends Do after n calls, returning err.
func (c *config) done(ctx context.Context, n int, err error, why StopReason, p *progress) error {
	if !c.observed {
		return err
	}
	o := Outcome{Attempts: n, Err: err, Elapsed: time.Since(p.start), Reason: why, Waited: p.waited}
	c.hooks.done(ctx, o)
	if c.logger != nil {
		c.logEnd(ctx, o)
	}
	return err
}
