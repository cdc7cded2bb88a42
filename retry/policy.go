package retry

import (
	"context"
	"time"
)

// Policy is a retry policy built once from options and reused: immutable, and safe for
// concurrent use by any number of goroutines (hooks, predicates and the random source it was
// given are then called concurrently). A nil *Policy is the default policy.
type Policy struct {
	cfg config
}

// New returns a Policy with opts applied over the defaults.
func New(opts ...Option) *Policy {
	p := &Policy{cfg: defaults}
	p.cfg.apply(opts)
	return p
}

// With returns a new Policy: p's settings with opts applied after them. p is unchanged.
func (p *Policy) With(opts ...Option) *Policy {
	q := &Policy{cfg: p.config()}
	q.cfg.apply(opts)
	return q
}

// From is an option holding p's settings: it replaces every setting made by the options before
// it, and the options after it override it (classifiers and hooks after it add to p's). It
// lets a shared policy drive DoValue and WrapValue: retry.DoValue(ctx, fn, retry.From(p)).
// From(nil) restores the defaults.
func From(p *Policy) Option { return Option{x: p} }

// Do is the package-level Do with p's settings. A first call that succeeds costs one call of
// fn and, unless p observes calls or gives each call its own ctx, nothing else: no allocation
// and no clock read.
func (p *Policy) Do(ctx context.Context, fn func(context.Context) error) error {
	if p == nil {
		p = defaultPolicy
	}
	c := &p.cfg
	if !c.fast {
		return c.run(ctx, fn, nil, false)
	}
	if err := fn(ctx); err != nil {
		return c.run(ctx, fn, err, true)
	}
	if c.budget != nil {
		c.budget.succeeded()
	}
	return nil
}

// config returns p's settings, the defaults for a nil p.
func (p *Policy) config() config {
	if p == nil {
		return defaults
	}
	return p.cfg
}

// defaultPolicy is what a nil *Policy means.
var defaultPolicy = &Policy{cfg: defaults}

// Wrap returns fn made to retry with opts: every call of the result is a Do. The policy is
// built once, here.
func Wrap(fn func(context.Context) error, opts ...Option) func(context.Context) error {
	p := New(opts...)
	return func(ctx context.Context) error { return p.Do(ctx, fn) }
}

// WrapValue is Wrap for an operation that also returns a value (see DoValue).
func WrapValue[T any](fn func(context.Context) (T, error), opts ...Option) func(context.Context) (T, error) {
	p := New(opts...)
	return func(ctx context.Context) (T, error) { return DoValue(ctx, fn, From(p)) }
}

// Delay returns the wait p makes after failed call attempt (1-based) whose error is err,
// without jitter: the schedule's delay, raised to a server-directed delay err carries, then
// capped by MaxDelay. It does not look at Attempts, MaxElapsed or a ctx. It is meant for
// showing and testing a schedule; attempt < 1 counts as 1.
func (p *Policy) Delay(attempt int, err error) time.Duration {
	c := p.config()
	c.jitter = jitterNone
	return c.wait(max(attempt, 1), err, 0)
}
