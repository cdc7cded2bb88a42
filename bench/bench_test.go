package bench

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	avast4 "github.com/avast/retry-go/v4"
	avast5 "github.com/avast/retry-go/v5"
	"github.com/cenkalti/backoff/v5"
	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
	"github.com/retrylint/retrylint/retry"
	sethvargo "github.com/sethvargo/go-retry"
)

// The policy every contender is configured with: 3 calls in all, exponential backoff from
// 500ms doubling, capped at 30s, no jitter, no time budget.
const (
	attempts = 3
	initial  = 500 * time.Millisecond
	factor   = 2
	maxWait  = 30 * time.Second
)

var (
	errSink  error
	intSink  int
	errFail  = errors.New("fail")
	ctx      = context.Background()
	succeedF = func(context.Context) error { return nil }
	succeedV = func(context.Context) (int, error) { return 1, nil }
)

// handRolled is the loop retrylint rewrites, as services write it: a counted loop, a timer and
// a select on ctx, the delay doubling up to a cap.
func handRolled(ctx context.Context, op func(context.Context) error) error {
	var err error
	delay := initial
	for attempt := 1; attempt <= attempts; attempt++ {
		if err = op(ctx); err == nil {
			return nil
		}
		if attempt == attempts {
			break
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		delay = min(delay*factor, maxWait)
	}
	return err
}

// BenchmarkFirstSuccess measures the path every call takes when nothing fails.
func BenchmarkFirstSuccess(b *testing.B) {
	b.Run("impl=HandRolled", func(b *testing.B) {
		for b.Loop() {
			errSink = handRolled(ctx, succeedF)
		}
	})
	b.Run("impl=RetryDo", func(b *testing.B) {
		for b.Loop() {
			errSink = retry.Do(ctx, succeedF, retry.Attempts(attempts), retry.Exponential(initial, factor), retry.MaxDelay(maxWait))
		}
	})
	b.Run("impl=RetryPolicy", func(b *testing.B) {
		p := retry.New(retry.Attempts(attempts), retry.Exponential(initial, factor), retry.MaxDelay(maxWait))
		for b.Loop() {
			errSink = p.Do(ctx, succeedF)
		}
	})
	b.Run("impl=RetryDoValue", func(b *testing.B) {
		for b.Loop() {
			intSink, errSink = retry.DoValue(ctx, succeedV, retry.Attempts(attempts), retry.Exponential(initial, factor), retry.MaxDelay(maxWait))
		}
	})
	b.Run("impl=RetryDoValuePolicy", func(b *testing.B) {
		p := retry.New(retry.Attempts(attempts), retry.Exponential(initial, factor), retry.MaxDelay(maxWait))
		for b.Loop() {
			intSink, errSink = retry.DoValue(ctx, succeedV, retry.From(p))
		}
	})
	b.Run("impl=Backoff5", func(b *testing.B) {
		for b.Loop() {
			// ExponentialBackOff keeps state, so each call needs its own.
			_, errSink = backoff.Retry(ctx, func() (struct{}, error) { return struct{}{}, succeedF(ctx) },
				backoff.WithBackOff(&backoff.ExponentialBackOff{InitialInterval: initial, Multiplier: factor, MaxInterval: maxWait}),
				backoff.WithMaxTries(attempts), backoff.WithMaxElapsedTime(0))
		}
	})
	b.Run("impl=AvastV4", func(b *testing.B) {
		for b.Loop() {
			errSink = avast4.Do(func() error { return succeedF(ctx) },
				avast4.Attempts(attempts), avast4.Delay(initial), avast4.MaxDelay(maxWait),
				avast4.DelayType(avast4.BackOffDelay), avast4.LastErrorOnly(true), avast4.Context(ctx))
		}
	})
	b.Run("impl=AvastV5Retrier", func(b *testing.B) {
		r := avast5.New(avast5.Attempts(attempts), avast5.Delay(initial), avast5.MaxDelay(maxWait),
			avast5.DelayType(avast5.BackOffDelay), avast5.LastErrorOnly(true), avast5.Context(ctx))
		for b.Loop() {
			errSink = r.Do(func() error { return succeedF(ctx) })
		}
	})
	b.Run("impl=AvastV5RetrierWithData", func(b *testing.B) {
		r := avast5.NewWithData[int](avast5.Attempts(attempts), avast5.Delay(initial), avast5.MaxDelay(maxWait),
			avast5.DelayType(avast5.BackOffDelay), avast5.LastErrorOnly(true), avast5.Context(ctx))
		for b.Loop() {
			intSink, errSink = r.Do(func() (int, error) { return succeedV(ctx) })
		}
	})
	b.Run("impl=Sethvargo", func(b *testing.B) {
		for b.Loop() {
			// The backoff keeps state, so each call needs its own.
			bo := sethvargo.WithMaxRetries(attempts-1, sethvargo.WithCappedDuration(maxWait, sethvargo.NewExponential(initial)))
			errSink = sethvargo.Do(ctx, bo, succeedF)
		}
	})
	b.Run("impl=Failsafe", func(b *testing.B) {
		rp := retrypolicy.NewBuilder[any]().WithMaxAttempts(attempts).WithBackoff(initial, maxWait).Build()
		exec := failsafe.With(rp)
		for b.Loop() {
			errSink = exec.Run(func() error { return succeedF(ctx) })
		}
	})
}

// isFail is the classifier of BenchmarkRetrying.
func isFail(err error) bool { return errors.Is(err, errFail) }

// BenchmarkRetrying measures calls that fail some times and then succeed, with no wait: the
// allocations must not grow with the number of failures.
func BenchmarkRetrying(b *testing.B) {
	for _, failures := range []int{0, 1, 10, 100} {
		left := 0
		op := func(context.Context) error {
			if left > 0 {
				left--
				return errFail
			}
			return nil
		}
		b.Run(fmt.Sprintf("impl=RetryDo/failures=%d", failures), func(b *testing.B) {
			for b.Loop() {
				left = failures
				errSink = retry.Do(ctx, op, retry.Attempts(retry.Unlimited), retry.NoDelay(), retry.RetryIf(isFail))
			}
		})
		b.Run(fmt.Sprintf("impl=RetryPolicyHooks/failures=%d", failures), func(b *testing.B) {
			p := retry.New(retry.Attempts(retry.Unlimited), retry.NoDelay(),
				retry.OnFailure(func(retry.Attempt) {}), retry.OnDone(func(retry.Outcome) {}))
			for b.Loop() {
				left = failures
				errSink = p.Do(ctx, op)
			}
		})
	}
}

// BenchmarkWaiting measures calls that wait between failures (1ns waits, real time): one timer
// for all the waits of a call, so the allocations do not grow with the number of failures.
func BenchmarkWaiting(b *testing.B) {
	for _, failures := range []int{1, 10} {
		left := 0
		op := func(context.Context) error {
			if left > 0 {
				left--
				return errFail
			}
			return nil
		}
		b.Run(fmt.Sprintf("impl=RetryDo/failures=%d", failures), func(b *testing.B) {
			for b.Loop() {
				left = failures
				errSink = retry.Do(ctx, op, retry.Attempts(retry.Unlimited), retry.Constant(time.Nanosecond))
			}
		})
	}
}

// BenchmarkBudget measures a retry budget shared by calls, on its three paths: a first call
// that succeeds (and refills the budget), a call that fails once and retries (spends a token,
// then refills), and a call whose retry the empty budget refuses. The budget is large and
// refills a token per success, so that it never runs dry on the first two paths. avast/retry-go
// v5's token bucket throttle is the one peer with the same feature.
func BenchmarkBudget(b *testing.B) {
	left := 0
	failOnce := func(context.Context) error {
		if left > 0 {
			left--
			return errFail
		}
		return nil
	}
	for _, path := range []struct {
		name     string
		failures int
		empty    bool
	}{{"first", 0, false}, {"retry", 1, false}, {"refused", 1, true}} {
		b.Run("impl=RetryPolicy/path="+path.name, func(b *testing.B) {
			budget := retry.NewBudget(retry.BudgetConfig{Max: 1 << 20, Refill: 1})
			if path.empty {
				budget = retry.NewBudget(retry.BudgetConfig{Max: 1})
				retry.Do(ctx, func(context.Context) error { return errFail }, retry.NoDelay(), retry.WithBudget(budget))
			}
			p := retry.New(retry.Attempts(attempts), retry.NoDelay(), retry.WithBudget(budget))
			for b.Loop() {
				left = path.failures
				errSink = p.Do(ctx, failOnce)
			}
		})
		b.Run("impl=RetryDo/path="+path.name, func(b *testing.B) {
			budget := retry.NewBudget(retry.BudgetConfig{Max: 1 << 20, Refill: 1})
			if path.empty {
				budget = retry.NewBudget(retry.BudgetConfig{Max: 1})
				retry.Do(ctx, func(context.Context) error { return errFail }, retry.NoDelay(), retry.WithBudget(budget))
			}
			for b.Loop() {
				left = path.failures
				errSink = retry.Do(ctx, failOnce, retry.Attempts(attempts), retry.NoDelay(), retry.WithBudget(budget))
			}
		})
		b.Run("impl=AvastV5Throttle/path="+path.name, func(b *testing.B) {
			cfg := avast5.FixedTokenBucketThrottleConfig{MaxCapacity: 1 << 20, ThrottleCost: 1, FirstSuccessReleaseCost: 1}
			if path.empty {
				cfg.MaxCapacity = 1
			}
			throttle := avast5.NewFixedTokenBucketThrottle(cfg)
			r := avast5.New(avast5.Attempts(attempts), avast5.Delay(0), avast5.DelayType(avast5.FixedDelay),
				avast5.LastErrorOnly(true), avast5.Context(ctx), avast5.WithThrottle(throttle))
			if path.empty {
				r.Do(func() error { return errFail })
			}
			for b.Loop() {
				left = path.failures
				errSink = r.Do(func() error { return failOnce(ctx) })
			}
		})
	}
}
