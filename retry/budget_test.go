package retry_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// Retries spend a token each; when less than one is left, Do stops with a *BudgetError that
// matches both the sentinel and the last error.
func TestBudgetSpends(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := retry.NewBudget(retry.BudgetConfig{Max: 3})
		s := failing(10)
		err := retry.Do(t.Context(), s.op, retry.Attempts(10), retry.Constant(time.Second), retry.WithBudget(b))
		s.wantCalls(t, at(0, 1, 2, 3)...)
		var be *retry.BudgetError
		if !errors.As(err, &be) || be.Attempts != 4 || be.Err != s.errs[3] {
			t.Fatalf("Do = %v, want a *BudgetError after 4 calls with e4", err)
		}
		if !errors.Is(err, retry.ErrBudgetExhausted) || !errors.Is(err, s.errs[3]) {
			t.Errorf("errors.Is misses the sentinel or the last error in %v", err)
		}
		if want := "retry: budget exhausted after 4 attempts; last error: e4"; err.Error() != want {
			t.Errorf("Error() = %q, want %q", err.Error(), want)
		}
		// Empty now: a new call makes its first attempt, and no retry.
		s2 := failing(10)
		retry.Do(t.Context(), s2.op, retry.Constant(time.Second), retry.WithBudget(b))
		if len(s2.calls) != 1 {
			t.Errorf("%d calls with an empty budget, want 1", len(s2.calls))
		}
		if st := b.Stats(); st != (retry.BudgetStats{Tokens: 0, Max: 3, Retries: 3, Refused: 2}) {
			t.Errorf("Stats() = %+v", st)
		}
	})
}

// Every success refills the budget, a first attempt's too, up to Max.
func TestBudgetRefills(t *testing.T) {
	b := retry.NewBudget(retry.BudgetConfig{Max: 2, Refill: 0.25})
	p := retry.New(retry.NoDelay(), retry.Attempts(3), retry.WithBudget(b))
	ctx := context.Background()
	p.Do(ctx, failing(10).op) // spends 2 tokens
	if st := b.Stats(); st.Tokens != 0 || st.Retries != 2 || st.Refused != 0 {
		t.Fatalf("after a failing call: %+v", st)
	}
	for range 3 {
		p.Do(ctx, succeed) // first-attempt successes, through the fast path
	}
	retry.Do(ctx, succeed, retry.WithBudget(b))
	retry.DoValue(ctx, func(context.Context) (int, error) { return 1, nil }, retry.From(p))
	if st := b.Stats(); st.Tokens != 1.25 || st.Successes != 5 {
		t.Errorf("after 5 successes: %+v, want 1.25 tokens", st)
	}
	if err := p.Do(ctx, failing(1).op); err != nil { // one retry, then success
		t.Fatal(err)
	}
	if st := b.Stats(); st.Tokens != 0.5 {
		t.Errorf("after a retry and a success: %v tokens, want 0.5", st.Tokens)
	}
	for range 20 {
		p.Do(ctx, succeed)
	}
	if st := b.Stats(); st.Tokens != 2 {
		t.Errorf("after many successes: %v tokens, want Max 2", st.Tokens)
	}
}

// The floor lets a few retries per second through an empty budget.
func TestBudgetFloor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := retry.NewBudget(retry.BudgetConfig{Max: 1, Floor: 2})
		retries := func() int {
			s := failing(100)
			retry.Do(t.Context(), s.op, retry.Attempts(100), retry.NoDelay(), retry.WithBudget(b))
			return len(s.calls) - 1
		}
		// The token, then the floor's 2 of this second.
		if n := retries(); n != 3 {
			t.Errorf("%d retries, want 3", n)
		}
		if n := retries(); n != 0 {
			t.Errorf("%d more retries in the same second, want 0", n)
		}
		time.Sleep(time.Second)
		if n := retries(); n != 2 {
			t.Errorf("%d retries in the next second, want the floor's 2", n)
		}
	})
}

// A budget never stops a wait that has begun: it is asked before the wait, once per retry.
func TestBudgetDoesNotCancelInFlight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := retry.NewBudget(retry.BudgetConfig{Max: 1})
		first := failing(1)
		done := make(chan error)
		go func() { done <- retry.Do(t.Context(), first.op, retry.Constant(time.Minute), retry.WithBudget(b)) }()
		synctest.Wait() // the first call failed and its wait began, with the only token
		other := failing(5)
		if err := retry.Do(t.Context(), other.op, retry.Constant(time.Second), retry.WithBudget(b)); !errors.Is(err, retry.ErrBudgetExhausted) {
			t.Errorf("the other call: %v, want the budget refused", err)
		}
		if err := <-done; err != nil {
			t.Errorf("the call waiting: %v, want its retry made and succeeded", err)
		}
		first.wantCalls(t, at(0, 60)...)
	})
}

// A retry that something else stops spends nothing.
func TestBudgetAskedLast(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := retry.NewBudget(retry.BudgetConfig{Max: 5})
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		retry.Do(ctx, failing(10).op, retry.Constant(time.Minute), retry.WithBudget(b))
		retry.Do(t.Context(), failing(10).op, retry.NoDelay(), retry.RetryIf(func(error) bool { return false }), retry.WithBudget(b))
		retry.Do(t.Context(), failing(10).op, retry.Constant(time.Minute), retry.MaxElapsed(time.Second), retry.WithBudget(b))
		if st := b.Stats(); st.Tokens != 5 || st.Retries != 0 || st.Refused != 0 {
			t.Errorf("Stats() = %+v, want the budget untouched", st)
		}
	})
}

// WithBudget(nil) removes a budget, also one of a policy.
func TestWithBudgetNil(t *testing.T) {
	b := retry.NewBudget(retry.BudgetConfig{Max: 1})
	p := retry.New(retry.NoDelay(), retry.WithBudget(b))
	s := failing(10)
	retry.Do(t.Context(), s.op, retry.From(p), retry.WithBudget(nil))
	if len(s.calls) != 3 || b.Stats().Retries != 0 {
		t.Errorf("%d calls, %+v; want 3 calls and the budget untouched", len(s.calls), b.Stats())
	}
}

// Many goroutines share a budget: it never allows more retries than its tokens and the
// refills of the successes, and it never goes negative (run with -race).
func TestBudgetConcurrent(t *testing.T) {
	b := retry.NewBudget(retry.BudgetConfig{Max: 50, Refill: 0.5})
	p := retry.New(retry.NoDelay(), retry.Attempts(4), retry.WithBudget(b))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				if (g+i)%2 == 0 {
					p.Do(context.Background(), succeed)
				} else {
					p.Do(context.Background(), func(context.Context) error { return errA })
				}
			}
		})
	}
	wg.Wait()
	st := b.Stats()
	if st.Tokens < 0 || st.Tokens > 50 {
		t.Errorf("tokens %v out of [0, 50]", st.Tokens)
	}
	if limit := 50 + 0.5*float64(st.Successes); float64(st.Retries) > limit {
		t.Errorf("%d retries allowed, more than 50 + refills %v", st.Retries, limit)
	}
	// Each of the 800 failing calls asks for up to 3 retries and stops at the first refusal.
	if st.Successes != 800 || st.Retries+st.Refused > 2400 || st.Refused == 0 {
		t.Errorf("Stats() = %+v: want 800 successes, and the failing calls running the budget dry", st)
	}
}

func TestNewBudgetPanics(t *testing.T) {
	for name, cfg := range map[string]retry.BudgetConfig{
		"max 0":          {Max: 0},
		"negative":       {Max: -1},
		"refill < 0":     {Max: 1, Refill: -0.1},
		"refill > max":   {Max: 1, Refill: 2},
		"refill NaN":     {Max: 1, Refill: nan()},
		"negative floor": {Max: 1, Floor: -1},
		"huge floor":     {Max: 1, Floor: 1 << 30},
	} {
		mustPanic(t, name, func() { retry.NewBudget(cfg) })
	}
}

func nan() float64 { zero := 0.0; return zero / zero }
