package retry_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

func succeed(context.Context) error { return nil }

func isB(err error) bool { return err == errB }

// sinkInt keeps results alive in allocation tests.
var sinkInt int

// failThen returns an operation failing n times with errA, then succeeding, reusable without
// allocating: reset it with *left = n.
func failThen(left *int) func(context.Context) error {
	return func(context.Context) error {
		if *left > 0 {
			*left--
			return errA
		}
		return nil
	}
}

func TestAllocsFirstSuccess(t *testing.T) {
	ctx := context.Background()
	p := retry.New(retry.Attempts(3), retry.Exponential(500*time.Millisecond, 2), retry.MaxDelay(30*time.Second))
	budget := retry.NewBudget(retry.BudgetConfig{Max: 10, Refill: 0.1})
	pb := retry.New(retry.WithBudget(budget))
	for name, f := range map[string]func(){
		"Do": func() { retry.Do(ctx, succeed) },
		"Do 3 options": func() {
			retry.Do(ctx, succeed, retry.Attempts(3), retry.Exponential(500*time.Millisecond, 2), retry.MaxDelay(30*time.Second))
		},
		"Do classifier":  func() { retry.Do(ctx, succeed, retry.Attempts(3), retry.RetryIf(retry.IsTransient)) },
		"Policy.Do":      func() { p.Do(ctx, succeed) },
		"DoValue":        func() { retry.DoValue(ctx, func(context.Context) (int, error) { return 1, nil }, retry.Attempts(3)) },
		"DoValue From":   func() { retry.DoValue(ctx, func(context.Context) (int, error) { return 1, nil }, retry.From(p)) },
		"Do with jitter": func() { retry.Do(ctx, succeed, retry.Attempts(3), retry.FullJitter(), retry.JitterFraction(0.1)) },
		"Do ctx options": func() {
			retry.Do(ctx, succeed, retry.WaitsIgnoreCtx(), retry.ReturnCtxErr(), retry.Linear(time.Second))
		},
		"Do stop":        func() { retry.Do(ctx, succeed, retry.StopIf(isB), retry.RetryIf(retry.IsTransient)) },
		"Do budget":      func() { retry.Do(ctx, succeed, retry.Attempts(3), retry.WithBudget(budget)) },
		"Policy budget":  func() { pb.Do(ctx, succeed) },
		"DoValue budget": func() { retry.DoValue(ctx, func(context.Context) (int, error) { return 1, nil }, retry.From(pb)) },
		// A closure capturing the caller's variables stays on the caller's stack: Do and
		// DoValue do not let fn escape.
		"Do closure": func() {
			calls := 0
			retry.Do(ctx, func(context.Context) error { calls++; return nil }, retry.Attempts(3))
			sinkInt = calls
		},
		"DoValue closure": func() {
			calls := 0
			v, _ := retry.DoValue(ctx, func(context.Context) (int, error) { calls++; return calls, nil }, retry.Attempts(3))
			sinkInt = v
		},
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations on the first-success path, want 0", name, n)
		}
	}
}

// The retrying path allocates nothing per attempt: with no delay nothing at all, and with a
// delay one timer for all the waits of a call.
func TestAllocsPerAttempt(t *testing.T) {
	ctx := context.Background()
	var left int
	op := failThen(&left)
	count := func(failures int, opts ...retry.Option) float64 {
		return testing.AllocsPerRun(20, func() {
			left = failures
			if err := retry.Do(ctx, op, opts...); err != nil {
				t.Fatal(err)
			}
		})
	}
	noDelay := []retry.Option{retry.Attempts(retry.Unlimited), retry.NoDelay()}
	if a1, a50 := count(1, noDelay...), count(50, noDelay...); a1 != 0 || a50 != 0 {
		t.Errorf("no delay: %v allocations after 1 failure, %v after 50; want 0", a1, a50)
	}
	var failures int
	hooked := append(noDelay, retry.OnFailure(func(retry.Attempt) { failures++ }), retry.RetryIf(retry.IsTransient), retry.RetryOn(errA))
	if a1, a50 := count(1, hooked...), count(50, hooked...); a1 != a50 {
		t.Errorf("hooks and classifiers: %v allocations after 1 failure, %v after 50; want the same", a1, a50)
	}
	budget := retry.NewBudget(retry.BudgetConfig{Max: 100000, Refill: 1})
	budgeted := append(noDelay, retry.WithBudget(budget))
	if a1, a50 := count(1, budgeted...), count(50, budgeted...); a1 != 0 || a50 != 0 {
		t.Errorf("budget: %v allocations after 1 failure, %v after 50; want 0", a1, a50)
	}
	value := func(failures int) float64 {
		return testing.AllocsPerRun(20, func() {
			left = failures
			sinkInt, _ = retry.DoValue(ctx, func(ctx context.Context) (int, error) { return left, op(ctx) }, noDelay...)
		})
	}
	if a1, a50 := value(1), value(50); a1 != 0 || a50 != 0 {
		t.Errorf("DoValue: %v allocations after 1 failure, %v after 50; want 0", a1, a50)
	}
	synctest.Test(t, func(t *testing.T) {
		delayed := []retry.Option{retry.Attempts(retry.Unlimited), retry.Exponential(time.Millisecond, 2), retry.MaxDelay(time.Second), retry.FullJitter()}
		timer := testing.AllocsPerRun(20, func() { time.NewTimer(time.Hour).Stop() })
		a1, a50 := count(1, delayed...), count(50, delayed...)
		if a1 != timer || a50 != timer {
			t.Errorf("waits: %v allocations after 1 failure, %v after 50; want %v, those of one timer", a1, a50, timer)
		}
	})
}
