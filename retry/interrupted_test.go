package retry_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// interrupted checks that err is an *InterruptedError after n calls with this cause and last
// error, matching both with errors.Is.
func interrupted(t *testing.T, err error, n int, cause, last error) {
	t.Helper()
	var ie *retry.InterruptedError
	if !errors.As(err, &ie) {
		t.Fatalf("Do = %v, want an *InterruptedError", err)
	}
	if ie.Attempts != n || ie.Cause != cause || ie.Err != last {
		t.Errorf("InterruptedError{%d, %v, %v}, want {%d, %v, %v}", ie.Attempts, ie.Cause, ie.Err, n, cause, last)
	}
	if !errors.Is(err, cause) || !errors.Is(err, last) {
		t.Errorf("errors.Is(%v) misses the cause or the last error", err)
	}
}

// ctxErr checks what the *InterruptedError err says ctx.Err() was.
func ctxErr(t *testing.T, err, want error) {
	t.Helper()
	var ie *retry.InterruptedError
	if !errors.As(err, &ie) || ie.CtxErr != want {
		t.Errorf("CtxErr of %v is not %v", err, want)
	}
}

func TestCancelDuringWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		stop := errors.New("shutting down")
		ctx, cancel := context.WithCancelCause(t.Context())
		time.AfterFunc(1700*time.Millisecond, func() { cancel(stop) })
		s := failing(10)
		start := time.Now()
		err := retry.Do(ctx, s.op, retry.Attempts(10), retry.Constant(time.Second))
		if got := time.Since(start); got != 1700*time.Millisecond {
			t.Errorf("Do returned after %v, want 1.7s: at once when ctx ended", got)
		}
		s.wantCalls(t, at(0, 1)...)
		interrupted(t, err, 2, stop, s.errs[1])
		ctxErr(t, err, context.Canceled) // the cause is stop, ctx.Err() is context.Canceled
		want := "retry: interrupted after 2 attempts: shutting down; last error: e2"
		if err.Error() != want {
			t.Errorf("Error() = %q, want %q", err.Error(), want)
		}
	})
}

func TestCanceledDuringCall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		calls := 0
		err := retry.Do(ctx, func(ctx context.Context) error {
			calls++
			cancel()
			return ctx.Err()
		}, retry.NoDelay())
		if calls != 1 {
			t.Errorf("%d calls, want 1", calls)
		}
		interrupted(t, err, 1, context.Canceled, context.Canceled)
		ctxErr(t, err, context.Canceled)
	})
}

func TestDeadlineShorterThanNextWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		s := failing(10)
		start := time.Now()
		err := retry.Do(ctx, s.op, retry.Attempts(10), retry.Constant(2*time.Second))
		// calls at 0, 2s, 4s; the wait after the third would end at 6s > 5s: not started.
		s.wantCalls(t, at(0, 2, 4)...)
		if got := time.Since(start); got != 4*time.Second {
			t.Errorf("Do returned after %v, want 4s: without starting the last wait", got)
		}
		interrupted(t, err, 3, context.DeadlineExceeded, s.errs[2])
		if ctx.Err() != nil {
			t.Errorf("ctx.Err() = %v at return, want nil: Do returned before the deadline", ctx.Err())
		}
		ctxErr(t, err, context.DeadlineExceeded)
	})
}

func TestDeadlineBeforeFirstWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		s := failing(10)
		err := retry.Do(ctx, s.op, retry.Constant(time.Minute))
		s.wantCalls(t, 0)
		if time.Since(s.start) != 0 {
			t.Errorf("Do waited %v, want no wait", time.Since(s.start))
		}
		interrupted(t, err, 1, context.DeadlineExceeded, s.errs[0])
	})
}

// A wait that would end exactly at the deadline is not started either: the next call would get
// an expired ctx.
func TestDeadlineEqualToWaitEnd(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 4*time.Second)
		defer cancel()
		s := failing(10)
		err := retry.Do(ctx, s.op, retry.Attempts(10), retry.Constant(2*time.Second))
		s.wantCalls(t, at(0, 2)...)
		interrupted(t, err, 2, context.DeadlineExceeded, s.errs[1])
	})
}

func TestDeadlineLongEnough(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), time.Hour)
		defer cancel()
		s := failing(2)
		if err := retry.Do(ctx, s.op, retry.Constant(time.Second)); err != nil {
			t.Errorf("Do = %v, want nil", err)
		}
		s.wantCalls(t, at(0, 1, 2)...)
	})
}

// When the attempts are used up, ctx does not matter: the last error comes back unchanged.
func TestAttemptsExhaustedBeforeCtxCheck(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		s := failing(10)
		err := retry.Do(ctx, func(ctx context.Context) error {
			err := s.op(ctx)
			if len(s.calls) == 2 {
				cancel()
			}
			return err
		}, retry.Attempts(2), retry.NoDelay())
		if err != s.errs[1] {
			t.Errorf("Do = %v, want e2 itself", err)
		}
	})
}
