package retry

import (
	"context"
	"time"
)

// Attempt describes a failed call, for OnFailure.
type Attempt struct {
	Number   int           // 1-based number of the call that failed
	Err      error         // its error
	Delay    time.Duration // wait before the next call; 0 when none follows
	Elapsed  time.Duration // since Do began
	Retrying bool          // whether Do is about to retry (the end of ctx or a budget may still stop it)
}

// Outcome describes a finished Do, for OnDone.
type Outcome struct {
	Attempts int           // calls made
	Err      error         // what Do returns (nil on success)
	Elapsed  time.Duration // since Do began
	Reason   StopReason    // why Do stopped
	Waited   time.Duration // time spent in waits between calls, part of Elapsed
}

// Retried reports whether more than one call was made; a success after retries is
// o.Err == nil && o.Retried().
func (o Outcome) Retried() bool { return o.Attempts > 1 }

// StopReason says why Do stopped, in Outcome.Reason.
type StopReason uint8

const (
	// StopSucceeded means a call returned nil.
	StopSucceeded StopReason = iota + 1
	// StopExhausted means the last call Attempts allows failed.
	StopExhausted
	// StopNotRetryable means the classifiers (RetryIf, StopIf and the like) said the error is
	// not retried.
	StopNotRetryable
	// StopPermanent means the operation returned an error marked with Permanent.
	StopPermanent
	// StopMaxElapsed means the next wait would have ended past the MaxElapsed budget.
	StopMaxElapsed
	// StopInterrupted means ctx ended, or the next wait would have outlasted its deadline.
	StopInterrupted
	// StopBudget means the retry budget (WithBudget) refused the next retry.
	StopBudget
	// StopChannel means the channel of WaitsEndOn or StopBefore was ready.
	StopChannel
)

var stopReasons = [...]string{
	StopSucceeded:    "succeeded",
	StopExhausted:    "exhausted",
	StopNotRetryable: "not retryable",
	StopPermanent:    "permanent",
	StopMaxElapsed:   "max elapsed",
	StopInterrupted:  "interrupted",
	StopBudget:       "budget",
	StopChannel:      "channel",
}

// String is the reason in a few lowercase words, such as "not retryable".
func (r StopReason) String() string {
	if int(r) < len(stopReasons) && stopReasons[r] != "" {
		return stopReasons[r]
	}
	return "unknown"
}

// OnFailure calls f after every failed call, before its wait, including the last failed call
// (then Delay is 0 and Retrying false). Several failure hooks (OnFailure, OnFailureContext)
// run in the order given. f runs on the goroutine running Do; a Policy shared by goroutines
// calls it concurrently.
//
// OnFailure panics if f is nil.
func OnFailure(f func(Attempt)) Option {
	if f == nil {
		panic("retry: nil OnFailure hook")
	}
	return Option{x: f}
}

// retryHook is the function type OnRetry takes, named so that apply tells it apart.
type retryHook func(Attempt)

// OnRetry calls f after a failed call that Do is about to retry, before its wait: the work a
// loop did right before it waited (logging "retrying in 2s"). It is OnFailure for the
// failures that are retried: f does not see the last failure, nor one that is not retried.
// Several failure hooks (OnFailure, OnRetry and their forms) run in the order given.
//
// OnRetry panics if f is nil.
func OnRetry(f func(Attempt)) Option {
	if f == nil {
		panic("retry: nil OnRetry hook")
	}
	return Option{x: retryHook(f)}
}

// OnFailureContext is OnFailure for a hook that also needs the ctx given to Do: to log with
// the trace it carries, or to record the failure on its span.
//
// OnFailureContext panics if f is nil.
func OnFailureContext(f func(context.Context, Attempt)) Option {
	if f == nil {
		panic("retry: nil OnFailureContext hook")
	}
	return Option{x: f}
}

// OnDone calls f once when Do returns, success or not, with the number of calls made, the
// error Do returns, why it stopped, the time taken and the time spent waiting: enough for
// "calls", "succeeded after retries" and "gave up" metrics with no extra code. Several done
// hooks (OnDone, OnDoneContext) run in the order given.
//
// OnDone panics if f is nil.
func OnDone(f func(Outcome)) Option {
	if f == nil {
		panic("retry: nil OnDone hook")
	}
	return Option{x: f}
}

// OnDoneContext is OnDone for a hook that also needs the ctx given to Do, for example to end
// the span of the whole Do or to log with its trace.
//
// OnDoneContext panics if f is nil.
func OnDoneContext(f func(context.Context, Outcome)) Option {
	if f == nil {
		panic("retry: nil OnDoneContext hook")
	}
	return Option{x: f}
}

// attemptHook is the function type OnAttempt takes, named so that apply tells it apart.
type attemptHook func(ctx context.Context, attempt int) (context.Context, func(error))

// OnAttempt calls start before every call, the first included, with the ctx given to Do and
// the 1-based number of the call. The ctx start returns is the one the call gets (nil means
// ctx unchanged), so start can give each attempt its own child span; the function it returns,
// if not nil, is called with the call's error (nil on success) as soon as the call returns,
// before any hook or wait, to end that span. With AttemptTimeout the call's ctx is derived from
// the one start returns. Several OnAttempt hooks nest in the order given: the first one's ctx
// is the parent of the second's, and their end functions run in reverse order.
//
// With OpenTelemetry:
//
//	retry.OnAttempt(func(ctx context.Context, n int) (context.Context, func(error)) {
//		ctx, span := tracer.Start(ctx, "attempt", trace.WithAttributes(attribute.Int("retry.attempt", n)))
//		return ctx, func(err error) {
//			if err != nil {
//				span.RecordError(err)
//			}
//			span.End()
//		}
//	})
//
// OnAttempt panics if start is nil.
func OnAttempt(start func(ctx context.Context, attempt int) (context.Context, func(err error))) Option {
	if start == nil {
		panic("retry: nil OnAttempt hook")
	}
	return Option{x: attemptHook(start)}
}

// hooks are the hooks of a config. A single failure or done hook is kept as given, in the
// field of its type, so that giving one costs nothing; from the second on, they are chained
// in the order given into one function of the ctx form.
type hooks struct {
	onFailure    func(Attempt)
	onFailureCtx func(context.Context, Attempt)
	onRetry      retryHook
	onDone       func(Outcome)
	onDoneCtx    func(context.Context, Outcome)
	onAttempt    attemptHook
}

// observe reports whether a hook needs to see the call's progress.
func (h *hooks) observe() bool {
	return h.onFailure != nil || h.onFailureCtx != nil || h.onRetry != nil || h.onDone != nil || h.onDoneCtx != nil
}

// addFailure adds f, or fc when f is nil, after the failure hooks already there.
func (h *hooks) addFailure(f func(Attempt), fc func(context.Context, Attempt)) {
	if h.onFailure == nil && h.onFailureCtx == nil && h.onRetry == nil {
		h.onFailure, h.onFailureCtx = f, fc
		return
	}
	prev, next := h.failureChain(), failureCtx(f, fc)
	h.onFailure, h.onFailureCtx, h.onRetry = nil, func(ctx context.Context, a Attempt) { prev(ctx, a); next(ctx, a) }, nil
}

// addRetry adds an OnRetry hook after the failure hooks already there.
func (h *hooks) addRetry(f retryHook) {
	if h.onFailure == nil && h.onFailureCtx == nil && h.onRetry == nil {
		h.onRetry = f
		return
	}
	h.addFailure(nil, retryCtx(f))
}

// failureChain returns the failure hooks as one function of the ctx form.
func (h *hooks) failureChain() func(context.Context, Attempt) {
	if h.onRetry != nil {
		return retryCtx(h.onRetry)
	}
	return failureCtx(h.onFailure, h.onFailureCtx)
}

// retryCtx is an OnRetry hook as a failure hook of the ctx form.
func retryCtx(f retryHook) func(context.Context, Attempt) {
	return func(_ context.Context, a Attempt) {
		if a.Retrying {
			f(a)
		}
	}
}

func failureCtx(f func(Attempt), fc func(context.Context, Attempt)) func(context.Context, Attempt) {
	if f == nil {
		return fc
	}
	return func(_ context.Context, a Attempt) { f(a) }
}

// addDone adds f, or fc when f is nil, after the done hooks already there.
func (h *hooks) addDone(f func(Outcome), fc func(context.Context, Outcome)) {
	if h.onDone == nil && h.onDoneCtx == nil {
		h.onDone, h.onDoneCtx = f, fc
		return
	}
	prev, next := doneCtx(h.onDone, h.onDoneCtx), doneCtx(f, fc)
	h.onDone, h.onDoneCtx = nil, func(ctx context.Context, o Outcome) { prev(ctx, o); next(ctx, o) }
}

func doneCtx(f func(Outcome), fc func(context.Context, Outcome)) func(context.Context, Outcome) {
	if f == nil {
		return fc
	}
	return func(_ context.Context, o Outcome) { f(o) }
}

// addAttempt nests start inside the attempt hooks already there.
func (h *hooks) addAttempt(start attemptHook) {
	outer := h.onAttempt
	if outer == nil {
		h.onAttempt = start
		return
	}
	h.onAttempt = func(ctx context.Context, n int) (context.Context, func(error)) {
		ctx, endOuter := enter(ctx, outer, n)
		ctx, endInner := enter(ctx, start, n)
		if endOuter == nil {
			return ctx, endInner
		}
		if endInner == nil {
			return ctx, endOuter
		}
		return ctx, func(err error) { endInner(err); endOuter(err) }
	}
}

// enter runs an attempt hook; a nil ctx from it means ctx.
func enter(ctx context.Context, start attemptHook, n int) (context.Context, func(error)) {
	actx, end := start(ctx, n)
	if actx == nil {
		actx = ctx
	}
	return actx, end
}

// failed runs the failure hooks.
func (h *hooks) failed(ctx context.Context, a Attempt) {
	switch {
	case h.onFailure != nil:
		h.onFailure(a)
	case h.onFailureCtx != nil:
		h.onFailureCtx(ctx, a)
	case h.onRetry != nil && a.Retrying:
		h.onRetry(a)
	}
}

// done runs the done hooks.
func (h *hooks) done(ctx context.Context, o Outcome) {
	switch {
	case h.onDone != nil:
		h.onDone(o)
	case h.onDoneCtx != nil:
		h.onDoneCtx(ctx, o)
	}
}
