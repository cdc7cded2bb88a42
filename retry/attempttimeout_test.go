package retry_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// hang is an operation that never answers: it returns when its ctx ends, with ctx.Err(), and
// records the cause it saw.
type hang struct {
	start  time.Time
	calls  []time.Duration
	causes []error
}

func (h *hang) op(ctx context.Context) error {
	h.calls = append(h.calls, time.Since(h.start))
	<-ctx.Done()
	h.causes = append(h.causes, context.Cause(ctx))
	return ctx.Err()
}

// A call that runs out of its own time is retried, even when the classifiers would not retry
// its error, and the last error comes back unchanged.
func TestAttemptTimeoutRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := &hang{start: time.Now()}
		err := retry.Do(t.Context(), h.op, retry.Attempts(3), retry.Constant(500*time.Millisecond),
			retry.AttemptTimeout(2*time.Second), retry.RetryOn(errA))
		if want := at(0, 2.5, 5); !slices.Equal(h.calls, want) {
			t.Errorf("calls at %v, want %v", h.calls, want)
		}
		if err != context.DeadlineExceeded {
			t.Errorf("Do = %v, want the operation's own context.DeadlineExceeded", err)
		}
		for i, c := range h.causes {
			if c != retry.ErrAttemptTimeout {
				t.Errorf("call %d saw cause %v, want ErrAttemptTimeout", i+1, c)
			}
		}
	})
}

// The end of the parent ctx is final, and the call sees the parent's cause.
func TestAttemptTimeoutParentEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		stop := errors.New("shutting down")
		ctx, cancel := context.WithCancelCause(t.Context())
		time.AfterFunc(2500*time.Millisecond, func() { cancel(stop) })
		h := &hang{start: time.Now()}
		err := retry.Do(ctx, h.op, retry.Attempts(10), retry.NoDelay(), retry.AttemptTimeout(time.Second))
		if want := at(0, 1, 2); !slices.Equal(h.calls, want) {
			t.Errorf("calls at %v, want %v", h.calls, want)
		}
		if want := []error{retry.ErrAttemptTimeout, retry.ErrAttemptTimeout, stop}; !slices.Equal(h.causes, want) {
			t.Errorf("causes %v, want %v", h.causes, want)
		}
		interrupted(t, err, 3, stop, context.Canceled)
	})
}

// A parent deadline shorter than the attempt's is the parent's: final, not retried.
func TestAttemptTimeoutParentDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 1500*time.Millisecond)
		defer cancel()
		h := &hang{start: time.Now()}
		var o retry.Outcome
		err := retry.Do(ctx, h.op, retry.Attempts(10), retry.NoDelay(), retry.AttemptTimeout(time.Second),
			retry.RetryIf(func(error) bool { return false }), retry.OnDone(func(x retry.Outcome) { o = x }))
		// The first call times out by itself and is retried whatever RetryIf says; the second
		// ends with the parent, and RetryIf says no.
		if want := at(0, 1); !slices.Equal(h.calls, want) {
			t.Errorf("calls at %v, want %v", h.calls, want)
		}
		if err != context.DeadlineExceeded || o.Reason != retry.StopNotRetryable {
			t.Errorf("Do = %v (%v), want the operation's error, not retryable", err, o.Reason)
		}
	})
}

// Stop predicates still win over the timeout rule, and Permanent still ends Do.
func TestAttemptTimeoutStopWins(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := &hang{start: time.Now()}
		err := retry.Do(t.Context(), h.op, retry.NoDelay(), retry.AttemptTimeout(time.Second), retry.StopOn(context.DeadlineExceeded))
		if len(h.calls) != 1 || err != context.DeadlineExceeded {
			t.Errorf("%d calls, Do = %v; want 1 call", len(h.calls), err)
		}
		calls := 0
		err = retry.Do(t.Context(), func(ctx context.Context) error {
			calls++
			<-ctx.Done()
			return retry.Permanent(ctx.Err())
		}, retry.NoDelay(), retry.AttemptTimeout(time.Second))
		if calls != 1 || err != context.DeadlineExceeded {
			t.Errorf("%d calls, Do = %v; want 1 call", calls, err)
		}
	})
}

// Each call gets its own deadline, and a fast call is not affected; the ctx is derived from
// the one OnAttempt gives.
func TestAttemptTimeoutDeadlines(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var deadlines []time.Duration
		var values []any
		calls := 0
		err := retry.Do(t.Context(), func(ctx context.Context) error {
			calls++
			d, _ := ctx.Deadline()
			deadlines = append(deadlines, d.Sub(start))
			values = append(values, ctx.Value(spanKey{}))
			time.Sleep(100 * time.Millisecond)
			if calls < 3 {
				return errA
			}
			return nil
		}, retry.Constant(time.Second), retry.AttemptTimeout(time.Second),
			retry.OnAttempt(func(ctx context.Context, n int) (context.Context, func(error)) {
				return context.WithValue(ctx, spanKey{}, n), nil
			}))
		if err != nil {
			t.Errorf("Do = %v, want nil", err)
		}
		if want := at(1, 2.1, 3.2); !slices.Equal(deadlines, want) {
			t.Errorf("deadlines %v, want %v", deadlines, want)
		}
		if len(values) != 3 || values[0] != 1 || values[2] != 3 {
			t.Errorf("calls saw span values %v, want 1, 2, 3", values)
		}
	})
}
