package retry

import (
	"context"
	"log/slog"
	"math"
	"time"
)

// optionKind names an option that carries numbers only (in d1 and d2) and that the first
// call does not need; options that carry a function or a pointer are told apart by its type.
type optionKind uint8

const (
	optAttempts optionKind = iota + 1
	optMaxDelay
	optConstant
	optLinear
	optExponential
	optNoJitter
	optFullJitter
	optEqualJitter
	optDecorrelatedJitter
	optJitterFraction
	optWatchCtx // d1 is a ctxMode
)

// startKind names an option that carries numbers only and that the first call needs, so Do
// must build its config before that call: MaxElapsed needs the start time, AttemptTimeout
// gives the first call its own ctx. Being a type of its own, it is told apart from an
// optionKind by the type word of Option.x alone, which keeps Do's fast-path check to one
// comparison per option.
type startKind uint8

const (
	startMaxElapsed startKind = iota + 1
	startAttemptTimeout
	startGiveUpAfter
	startGiveUpAt
	startCtxFirst
)

// Option is one setting of a retry policy, passed to Do, DoValue, New, Policy.With, Wrap and
// WrapValue. Options are applied in order; a later option of the same kind replaces an earlier
// one, except classifiers (RetryIf, RetryOn, RetryOnType, StopIf, StopOn) and hooks (OnFailure,
// OnDone, OnAttempt and their Context forms), which accumulate. The zero Option does nothing.
//
// Option is a small concrete struct on purpose: applying options is a switch inside this
// package, so the settings never escape to the heap through an unknown function call, and Do
// with options allocates nothing on its first-success path. It is also small enough (three
// fields, four words) for the compiler to keep it in registers, so building the options of a
// call costs a few stores.
type Option struct {
	// x is an optionKind or a startKind for the options that carry numbers, or the function or pointer the
	// option carries: func(error) bool (RetryIf), stopPredicate (StopIf),
	// func(int, error) time.Duration (DelayFunc), func() float64 (RandSource), the hooks'
	// function types, *slog.Logger, *Budget, *Policy or the stopper of WaitsEndOn and
	// StopBefore. All are pointer-shaped or tiny
	// constants, so storing them allocates nothing.
	x      any
	d1, d2 time.Duration // the numbers; floats are stored as their bits
}

// floatBits stores a float64 in a Duration field of an Option.
func floatBits(f float64) time.Duration { return time.Duration(math.Float64bits(f)) }

// bitsFloat reads a float64 stored by floatBits.
func bitsFloat(d time.Duration) float64 { return math.Float64frombits(uint64(d)) }

// Unlimited, given to Attempts, removes the limit on the number of calls: Do then stops only
// on success, a non-retryable error, MaxElapsed, a budget or ctx.
const Unlimited = math.MaxInt

// Attempts sets the total number of calls, the first one included. n < 1 counts as 1 (the
// first call is always made). The default is 3.
func Attempts(n int) Option {
	if n < 1 {
		n = 1
	}
	return Option{x: optAttempts, d1: time.Duration(n)}
}

// config is the applied form of a list of options. A Policy holds one; Do builds one on its
// stack only when the first call fails or something observes the call. Once built it is only
// read, so a Policy's config serves any number of goroutines.
type config struct {
	attempts       int
	sched          scheduleKind
	initial        time.Duration
	step           time.Duration
	factor         float64
	delayFn        func(int, error) time.Duration
	maxDelay       time.Duration
	capSet         bool // MaxDelay was given, so choosing a schedule keeps the cap
	jitter         jitterKind
	jitterFrac     float64
	rand           func() float64
	maxElapsed     time.Duration
	maxElapsedSet  bool // MaxElapsed was given (a budget of 0 or less allows no retry)
	giveUpAfter    time.Duration
	giveUpSet      bool // GiveUpAfter or GiveUpAt was given
	giveUpAt       bool // GiveUpAt: the budget's end is included
	ctxMode        ctxMode
	ctxFirst       bool // CheckCtxFirst: ctx is looked at before the first call too
	attemptTimeout time.Duration
	budget         *Budget
	stopIf         func(error) bool // nil: no error is stopped on
	retryIf        func(error) bool // nil: every error is retried
	hooks          hooks
	logger         *slog.Logger
	observed       bool       // something needs the start time: hooks, logger or MaxElapsed
	perAttempt     bool       // each call gets its own ctx: AttemptTimeout or OnAttempt
	fast           bool       // none of these nor ctxFirst: the first call may be made before anything else
	rt             *roundTrip // set by Transport only: the response of the last call
	stop           stopper    // WaitsEndOn or StopBefore; nil: none
}

// defaults is the documented default policy.
var defaults = config{
	attempts: 3,
	sched:    schedExponential,
	initial:  500 * time.Millisecond,
	factor:   2,
	maxDelay: 30 * time.Second,
	fast:     true,
}

// apply applies opts in order. It is a plain switch so that neither c nor opts escape.
func (c *config) apply(opts []Option) {
	for i := range opts {
		o := &opts[i]
		switch x := o.x.(type) {
		case optionKind:
			c.applyKind(x, o.d1, o.d2)
		case startKind:
			c.applyStart(x, o.d1)
		case func(int, error) time.Duration:
			c.setSchedule(schedFunc, 0, 0, 0)
			c.delayFn = x
		case func() float64:
			c.rand = x
		case func(error) bool:
			c.retryIf = orPredicates(c.retryIf, x)
		case stopPredicate:
			c.stopIf = orPredicates(c.stopIf, x)
		case func(Attempt):
			c.hooks.addFailure(x, nil)
		case func(context.Context, Attempt):
			c.hooks.addFailure(nil, x)
		case retryHook:
			c.hooks.addRetry(x)
		case func(Outcome):
			c.hooks.addDone(x, nil)
		case func(context.Context, Outcome):
			c.hooks.addDone(nil, x)
		case attemptHook:
			c.hooks.addAttempt(x)
		case *slog.Logger:
			c.logger = x
		case *Budget:
			c.budget = x
		case stopper:
			c.stop = x
		case *Policy:
			*c = x.config()
		}
	}
	c.observed = c.hooks.observe() || c.logger != nil || c.maxElapsedSet || c.giveUpSet
	c.perAttempt = c.hooks.onAttempt != nil || c.attemptTimeout > 0
	c.fast = !c.observed && !c.perAttempt && !c.ctxFirst && (c.stop == nil || !c.stop.first())
}

// applyKind applies an option that carries numbers.
func (c *config) applyKind(k optionKind, d1, d2 time.Duration) {
	switch k {
	case optAttempts:
		c.attempts = int(d1)
	case optMaxDelay:
		c.maxDelay, c.capSet = d1, true
	case optConstant:
		c.setSchedule(schedConstant, d1, 0, 0)
	case optLinear:
		c.setSchedule(schedLinear, d1, d2, 0)
	case optExponential:
		c.setSchedule(schedExponential, d1, 0, bitsFloat(d2))
	case optNoJitter:
		c.jitter = jitterNone
	case optFullJitter:
		c.jitter = jitterFull
	case optEqualJitter:
		c.jitter = jitterEqual
	case optDecorrelatedJitter:
		c.jitter = jitterDecorrelated
	case optJitterFraction:
		c.jitter, c.jitterFrac = jitterFraction, bitsFloat(d1)
	case optWatchCtx:
		c.ctxMode = ctxMode(d1)
	}
}

// applyStart applies an option that carries a number the first call needs.
func (c *config) applyStart(k startKind, d time.Duration) {
	switch k {
	case startMaxElapsed:
		c.maxElapsed, c.maxElapsedSet = d, true
	case startGiveUpAfter:
		c.giveUpAfter, c.giveUpSet, c.giveUpAt = d, true, false
	case startGiveUpAt:
		c.giveUpAfter, c.giveUpSet, c.giveUpAt = d, true, true
	case startAttemptTimeout:
		c.attemptTimeout = d
	case startCtxFirst:
		c.ctxFirst = true
	}
}

// setSchedule replaces the schedule and, unless MaxDelay was given, the default cap with it.
func (c *config) setSchedule(k scheduleKind, initial, step time.Duration, factor float64) {
	c.sched, c.initial, c.step, c.factor, c.delayFn = k, initial, step, factor, nil
	if !c.capSet {
		c.maxDelay = 0
	}
}

// numbersOnly reports whether every option carries numbers only, and none of them needs a
// config before the first call (a startKind), or is a policy like that with no budget: then Do
// may make the first call at once, and if it succeeds, there is nothing else to do. It is the
// check of Do's fast path, small enough to be inlined: one comparison of the type word per
// option that carries numbers. (Two type assertions rather than a type switch, which would
// compare type hashes first.)
func numbersOnly(opts []Option) bool {
	for i := range opts {
		if _, ok := opts[i].x.(optionKind); ok {
			continue
		}
		if p, ok := opts[i].x.(*Policy); !ok || p == nil || !p.cfg.fast || p.cfg.budget != nil {
			return false
		}
	}
	return true
}

// plain reports whether Do may make the first call of fn with opts applied without building
// their config first: nothing observes the call (no hook, logger or MaxElapsed) and the call
// needs no ctx of its own (no AttemptTimeout or OnAttempt). It also returns the budget the
// options end with, which a first call that succeeds refills.
func plain(opts []Option) (bool, *Budget) {
	var b *Budget
	for i := range opts {
		switch x := opts[i].x.(type) {
		case startKind:
			return false, nil
		case func(Attempt), func(Outcome), func(context.Context, Attempt), func(context.Context, Outcome),
			attemptHook, retryHook:
			return false, nil
		case *slog.Logger:
			if x != nil {
				return false, nil
			}
		case *Budget:
			b = x
		case stopper:
			if x.first() {
				return false, nil // the channel is looked at before the first call
			}
		case *Policy:
			if x == nil {
				b = nil
				continue
			}
			if !x.cfg.fast {
				return false, nil
			}
			b = x.cfg.budget
		}
	}
	return true, b
}
