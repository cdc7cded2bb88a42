package retry

import (
	"log/slog"
	"math"
	"time"
)

// optionKind says which setting an Option carries; config.apply switches on it.
type optionKind uint8

const (
	optNone optionKind = iota
	optAttempts
	optSchedule
	optMaxDelay
	optJitter
	optRand
	optMaxElapsed
	optRetryIf
	optOnFailure
	optOnDone
	optLogger
	optFrom
)

// Option is one setting of a retry policy, passed to Do, DoValue, New, Policy.With, Wrap and
// WrapValue. Options are applied in order; a later option of the same kind replaces an earlier
// one, except classifiers (RetryIf, RetryOn, RetryOnType) and hooks (OnFailure, OnDone), which
// accumulate. The zero Option does nothing.
//
// Option is a small concrete struct on purpose: applying options is a switch inside this
// package, so the settings never escape to the heap through an unknown function call, and Do
// with options allocates nothing on its first-success path.
type Option struct {
	kind  optionKind
	sched scheduleKind
	jit   jitterKind
	d1    time.Duration // attempts, initial delay, cap, budget
	d2    time.Duration // linear step
	f     float64       // exponential factor, jitter fraction
	x     any           // a func or pointer payload; pointer-shaped, so boxing it is free
}

// Unlimited, given to Attempts, removes the limit on the number of calls: Do then stops only
// on success, a non-retryable error, MaxElapsed or ctx.
const Unlimited = math.MaxInt

// Attempts sets the total number of calls, the first one included. n < 1 counts as 1 (the
// first call is always made). The default is 3.
func Attempts(n int) Option {
	if n < 1 {
		n = 1
	}
	return Option{kind: optAttempts, d1: time.Duration(n)}
}

// MaxDelay caps every wait at d, whatever the schedule, jitter or server-directed delay say.
// d <= 0 removes the cap. The default policy caps at 30s; choosing a schedule without MaxDelay
// removes that default cap.
func MaxDelay(d time.Duration) Option {
	return Option{kind: optMaxDelay, d1: max(d, 0)}
}

// MaxElapsed is a time budget measured from the moment Do begins: no call starts at or after
// d. A wait that would end at or after that point is not started, and Do returns the last error
// unchanged. This is exactly what `for time.Since(start) < d { ... }` does, minus the last
// pointless wait. d <= 0 removes the budget (the default).
func MaxElapsed(d time.Duration) Option {
	return Option{kind: optMaxElapsed, d1: max(d, 0)}
}

// config is the applied form of a list of options. A Policy holds one; Do builds one on its
// stack only when the first call fails or something observes the call.
type config struct {
	attempts   int
	sched      scheduleKind
	initial    time.Duration
	step       time.Duration
	factor     float64
	delayFn    func(int, error) time.Duration
	maxDelay   time.Duration
	capSet     bool // MaxDelay was given, so choosing a schedule keeps the cap
	jitter     jitterKind
	jitterFrac float64
	rand       func() float64
	maxElapsed time.Duration
	retryIf    func(error) bool // nil: every error is retried
	onFailure  func(Attempt)
	onDone     func(Outcome)
	logger     *slog.Logger
	observed   bool // something needs the start time: hooks, logger or MaxElapsed
}

// defaults is the documented default policy.
var defaults = config{
	attempts: 3,
	sched:    schedExponential,
	initial:  500 * time.Millisecond,
	factor:   2,
	maxDelay: 30 * time.Second,
}

// apply applies opts in order. It is a plain switch so that neither c nor opts escape.
func (c *config) apply(opts []Option) {
	for i := range opts {
		o := &opts[i]
		switch o.kind {
		case optAttempts:
			c.attempts = int(o.d1)
		case optSchedule:
			c.sched = o.sched
			c.initial, c.step, c.factor = o.d1, o.d2, o.f
			c.delayFn, _ = o.x.(func(int, error) time.Duration)
			if !c.capSet {
				c.maxDelay = 0
			}
		case optMaxDelay:
			c.maxDelay, c.capSet = o.d1, true
		case optJitter:
			c.jitter, c.jitterFrac = o.jit, o.f
		case optRand:
			c.rand, _ = o.x.(func() float64)
		case optMaxElapsed:
			c.maxElapsed = o.d1
		case optRetryIf:
			c.retryIf = orPredicates(c.retryIf, o.x.(func(error) bool))
		case optOnFailure:
			c.onFailure = chainFailure(c.onFailure, o.x.(func(Attempt)))
		case optOnDone:
			c.onDone = chainDone(c.onDone, o.x.(func(Outcome)))
		case optLogger:
			c.logger, _ = o.x.(*slog.Logger)
		case optFrom:
			if p, _ := o.x.(*Policy); p != nil {
				*c = p.cfg
			} else {
				*c = defaults
			}
		}
	}
	c.observed = c.onFailure != nil || c.onDone != nil || c.logger != nil || c.maxElapsed > 0
}

// observes reports whether applying opts would need the start time of Do. Do asks it before
// the first call, so that it can skip building a config when the first call succeeds.
func observes(opts []Option) bool {
	for i := range opts {
		switch opts[i].kind {
		case optOnFailure, optOnDone, optLogger, optMaxElapsed:
			return true
		case optFrom:
			if p, _ := opts[i].x.(*Policy); p != nil && p.cfg.observed {
				return true
			}
		}
	}
	return false
}
