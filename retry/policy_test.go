package retry_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

func TestPolicyDo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := retry.New(retry.Attempts(4), retry.Linear(time.Second))
		s := failing(10)
		err := p.Do(t.Context(), s.op)
		s.wantCalls(t, at(0, 1, 3, 6)...)
		if err != s.errs[3] {
			t.Errorf("Do = %v, want e4", err)
		}
	})
}

func TestNilPolicyIsDefault(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var p *retry.Policy
		s := failing(10)
		p.Do(t.Context(), s.op)
		s.wantCalls(t, at(0, 0.5, 1.5)...)
		if d := p.Delay(7, nil); d != 30*time.Second {
			t.Errorf("nil policy Delay(7) = %v, want the 30s default cap", d)
		}
	})
}

func TestPolicyWithLeavesPUnchanged(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var hooked atomic.Int32
		p := retry.New(retry.Attempts(3), retry.Constant(time.Second))
		q := p.With(retry.Attempts(5), retry.OnFailure(func(retry.Attempt) { hooked.Add(1) }), retry.RetryOn(errA))

		s := failing(10)
		p.Do(t.Context(), s.op)
		s.wantCalls(t, at(0, 1, 2)...)
		if hooked.Load() != 0 {
			t.Error("p runs a hook added to q")
		}

		s = failing(10)
		q.Do(t.Context(), s.op)
		s.wantCalls(t, 0) // RetryOn(a) does not retry e1
		if hooked.Load() != 1 {
			t.Errorf("q's hook ran %d times, want 1", hooked.Load())
		}
		s = newScript(errA, errA, errA, errA, errA, errA)
		q.Do(t.Context(), s.op)
		s.wantCalls(t, at(0, 1, 2, 3, 4)...)
	})
}

func TestFrom(t *testing.T) {
	p := retry.New(retry.Attempts(5), retry.Constant(time.Second))
	for _, tc := range []struct {
		name string
		opts []retry.Option
		want []time.Duration
	}{
		{"as is", []retry.Option{retry.From(p)}, at(0, 1, 2, 3, 4)},
		{"later options override", []retry.Option{retry.From(p), retry.Attempts(2)}, at(0, 1)},
		{"earlier options are replaced", []retry.Option{retry.Attempts(2), retry.Constant(time.Hour), retry.From(p)}, at(0, 1, 2, 3, 4)},
		{"nil is the defaults", []retry.Option{retry.Attempts(9), retry.From(nil)}, at(0, 0.5, 1.5)},
		{"keeps p's cap", []retry.Option{retry.From(retry.New(retry.MaxDelay(2 * time.Second))), retry.Attempts(4), retry.Constant(time.Hour)}, at(0, 2, 4, 6)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := failing(10)
				v, err := retry.DoValue(t.Context(), func(ctx context.Context) (int, error) { return len(s.calls), s.op(ctx) }, tc.opts...)
				s.wantCalls(t, tc.want...)
				if err != s.last() || v != len(tc.want)-1 {
					t.Errorf("DoValue = %v, %v", v, err)
				}
			})
		})
	}
}

func TestFromKeepsHooksAndAddsClassifiers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var done int
		p := retry.New(retry.NoDelay(), retry.Attempts(10), retry.RetryOn(errA), retry.OnDone(func(retry.Outcome) { done++ }))
		s := newScript(errA, errB, errC)
		err := retry.Do(t.Context(), s.op, retry.From(p), retry.RetryOn(errB))
		if len(s.calls) != 3 || err != errC || done != 1 {
			t.Errorf("%d calls, Do = %v, OnDone ran %d times; want 3, c, 1", len(s.calls), err, done)
		}
	})
}

func TestWrap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(1)
		f := retry.Wrap(s.op, retry.Constant(time.Second))
		if err := f(t.Context()); err != nil {
			t.Errorf("wrapped = %v, want nil", err)
		}
		if err := f(t.Context()); err != nil { // the script succeeds from now on
			t.Errorf("wrapped = %v, want nil", err)
		}
		s.wantCalls(t, at(0, 1, 1)...)
	})
}

func TestWrapValue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		calls := 0
		f := retry.WrapValue(func(context.Context) (string, error) {
			calls++
			if calls%3 != 0 {
				return "partial", errA
			}
			return "ok", nil
		}, retry.Attempts(2), retry.NoDelay())
		if v, err := f(t.Context()); v != "partial" || err != errA {
			t.Errorf("wrapped = %q, %v, want partial, a", v, err)
		}
		if v, err := f(t.Context()); v != "ok" || err != nil {
			t.Errorf("wrapped = %q, %v, want ok, nil", v, err)
		}
	})
}

func TestPolicyDelay(t *testing.T) {
	p := retry.New(retry.Exponential(time.Second, 2), retry.MaxDelay(10*time.Second), retry.FullJitter())
	for n, want := range map[int]time.Duration{-1: time.Second, 1: time.Second, 2: 2 * time.Second, 4: 8 * time.Second, 5: 10 * time.Second} {
		if got := p.Delay(n, nil); got != want {
			t.Errorf("Delay(%d) = %v, want %v", n, got, want)
		}
	}
	if got := p.Delay(1, retry.After(errA, 5*time.Second)); got != 5*time.Second {
		t.Errorf("Delay(1, after 5s) = %v, want 5s", got)
	}
}

// One Policy shared by many goroutines, under -race: every Do sees its own attempts.
func TestPolicyConcurrent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var failures, successes atomic.Int64
		p := retry.New(retry.Attempts(5), retry.Exponential(time.Millisecond, 2), retry.EqualJitter(),
			retry.RetryIf(retry.IsTransient),
			retry.OnFailure(func(retry.Attempt) { failures.Add(1) }),
			retry.OnDone(func(o retry.Outcome) {
				if o.Err == nil && o.Attempts == 3 {
					successes.Add(1)
				}
			}))
		transient := &retry.StatusError{StatusCode: 503}
		var wg sync.WaitGroup
		for range 64 {
			wg.Go(func() {
				calls := 0
				err := p.Do(t.Context(), func(context.Context) error {
					calls++
					if calls < 3 {
						return transient
					}
					return nil
				})
				if err != nil || calls != 3 {
					t.Errorf("Do = %v after %d calls", err, calls)
				}
			})
		}
		wg.Wait()
		if failures.Load() != 128 || successes.Load() != 64 {
			t.Errorf("%d failures and %d successes after retries, want 128 and 64", failures.Load(), successes.Load())
		}
	})
}

// A shared Policy also returns each goroutine's own last error.
func TestPolicyConcurrentErrors(t *testing.T) {
	p := retry.New(retry.Attempts(3), retry.NoDelay())
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Go(func() {
			mine := errors.New("mine")
			if err := p.Do(context.Background(), func(context.Context) error { return mine }); err != mine {
				t.Errorf("goroutine %d: Do = %v, want its own error", i, err)
			}
		})
	}
	wg.Wait()
}
