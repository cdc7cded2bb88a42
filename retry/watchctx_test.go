package retry_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// WaitsIgnoreCtx is a loop sleeping with time.Sleep: cancellation changes nothing between
// calls, and the operation still gets ctx.
func TestWaitsIgnoreCtxCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(1500*time.Millisecond, cancel)
		s := failing(10)
		var seen []error
		err := retry.Do(ctx, func(ctx context.Context) error {
			seen = append(seen, ctx.Err())
			return s.op(ctx)
		}, retry.Attempts(4), retry.Constant(time.Second), retry.WaitsIgnoreCtx())
		s.wantCalls(t, at(0, 1, 2, 3)...)
		if err != s.errs[3] {
			t.Errorf("Do = %v, want the last error e4 itself", err)
		}
		want := []error{nil, nil, context.Canceled, context.Canceled}
		for i := range want {
			if seen[i] != want[i] {
				t.Errorf("call %d saw ctx.Err() = %v, want %v", i+1, seen[i], want[i])
			}
		}
	})
}

// A wait that outlasts the deadline is started, and the next call gets the expired ctx.
func TestWaitsIgnoreCtxDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		s := failing(10)
		err := retry.Do(ctx, s.op, retry.Attempts(3), retry.Constant(time.Minute), retry.WaitsIgnoreCtx())
		s.wantCalls(t, at(0, 60, 120)...)
		var ie *retry.InterruptedError
		if errors.As(err, &ie) || err != s.errs[2] {
			t.Errorf("Do = %v, want the last error e3 itself", err)
		}
	})
}

// Even a ctx done before Do begins changes nothing.
func TestWaitsIgnoreCtxDoneBefore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		s := failing(1)
		var o retry.Outcome
		err := retry.Do(ctx, s.op, retry.Constant(time.Second), retry.WaitsIgnoreCtx(), retry.OnDone(func(x retry.Outcome) { o = x }))
		s.wantCalls(t, at(0, 1)...)
		if err != nil || o.Reason != retry.StopSucceeded || o.Waited != time.Second {
			t.Errorf("Do = %v, outcome %+v; want nil after waiting 1s", err, o)
		}
	})
}

func TestReturnCtxErr(t *testing.T) {
	for _, tc := range []struct {
		name     string
		ctx      func(context.Context) (context.Context, context.CancelFunc)
		wait     time.Duration
		want     error
		calls    []time.Duration
		returnAt time.Duration
	}{
		{"canceled during a wait", func(ctx context.Context) (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancelCause(ctx)
			time.AfterFunc(1500*time.Millisecond, func() { cancel(errors.New("shutting down")) })
			return ctx, func() { cancel(nil) }
		}, time.Second, context.Canceled, at(0, 1), 1500 * time.Millisecond},
		{"the wait would outlast a parent's deadline", func(ctx context.Context) (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(ctx)
			dctx, dcancel := context.WithDeadline(ctx, time.Now().Add(1500*time.Millisecond))
			return dctx, func() { dcancel(); cancel() }
		}, time.Second, context.DeadlineExceeded, at(0, 1), time.Second},
		{"the wait would outlast the deadline", func(ctx context.Context) (context.Context, context.CancelFunc) {
			return context.WithTimeout(ctx, 2500*time.Millisecond)
		}, 2 * time.Second, context.DeadlineExceeded, at(0, 2), 2 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := tc.ctx(t.Context())
				defer cancel()
				s := failing(10)
				var o retry.Outcome
				err := retry.Do(ctx, s.op, retry.Attempts(5), retry.Constant(tc.wait), retry.ReturnCtxErr(),
					retry.OnDone(func(x retry.Outcome) { o = x }))
				if err != tc.want {
					t.Errorf("Do = %v, want %v itself", err, tc.want)
				}
				s.wantCalls(t, tc.calls...)
				if time.Since(s.start) != tc.returnAt || o.Reason != retry.StopInterrupted || o.Err != err {
					t.Errorf("returned after %v with %+v, want after %v, interrupted", time.Since(s.start), o, tc.returnAt)
				}
			})
		})
	}
}

// ReturnCtxErr changes only the interruptions: the last error still comes back when the
// attempts run out.
func TestReturnCtxErrExhausted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		if err := retry.Do(t.Context(), s.op, retry.NoDelay(), retry.ReturnCtxErr()); err != s.errs[2] {
			t.Errorf("Do = %v, want e3 itself", err)
		}
	})
}

// The two options set one thing; the later wins.
func TestCtxOptionsLaterWins(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		ignore := retry.New(retry.WaitsIgnoreCtx(), retry.NoDelay())
		if err := ignore.With(retry.ReturnCtxErr()).Do(ctx, failing(10).op); err != context.Canceled {
			t.Errorf("WaitsIgnoreCtx then ReturnCtxErr: Do = %v, want context.Canceled", err)
		}
		s := failing(10)
		if err := retry.Do(ctx, s.op, retry.ReturnCtxErr(), retry.WaitsIgnoreCtx(), retry.NoDelay()); err != s.errs[2] {
			t.Errorf("ReturnCtxErr then WaitsIgnoreCtx: Do = %v, want e3", err)
		}
	})
}

// ReturnLastErr is a loop whose `case <-ctx.Done():` returned its last error: the end of ctx
// during a wait gives that error itself.
func TestReturnLastErr(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(1500*time.Millisecond, cancel)
		s := failing(10)
		err := retry.Do(ctx, s.op, retry.Attempts(5), retry.Constant(time.Second), retry.ReturnLastErr())
		s.wantCalls(t, at(0, 1)...)
		if err != s.errs[1] {
			t.Errorf("Do = %v, want the last error e2 itself", err)
		}
	})
}

// CtxErr gives what ctx.Err() said when Do was interrupted, and nil for any other error.
func TestCtxErr(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancelCause(t.Context())
		cause := errors.New("shutting down")
		time.AfterFunc(1500*time.Millisecond, func() { cancel(cause) })
		s := failing(10)
		err := retry.Do(ctx, s.op, retry.Attempts(5), retry.Constant(time.Second))
		if got := retry.CtxErr(err); got != context.Canceled {
			t.Errorf("CtxErr(%v) = %v, want context.Canceled (not the cause)", err, got)
		}
		if got := retry.CtxErr(s.errs[0]); got != nil {
			t.Errorf("CtxErr(an operation's error) = %v, want nil", got)
		}
		if got := retry.CtxErr(nil); got != nil {
			t.Errorf("CtxErr(nil) = %v, want nil", got)
		}
	})
}

// The failure hooks hear of a retry before Do looks at ctx, as a loop's log before its wait:
// with ctx already ended, OnRetry runs once, then Do stops.
func TestOnRetryBeforeInterruption(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		s := failing(10)
		var retries []int
		err := retry.Do(ctx, func(ctx context.Context) error {
			cancel()
			return s.op(ctx)
		}, retry.Attempts(5), retry.Constant(time.Second), retry.ReturnCtxErr(),
			retry.OnRetry(func(a retry.Attempt) { retries = append(retries, a.Number) }))
		if err != context.Canceled || len(retries) != 1 || retries[0] != 1 {
			t.Errorf("Do = %v, retries heard %v; want context.Canceled after OnRetry for call 1", err, retries)
		}
	})
}
