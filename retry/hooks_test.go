package retry_test

import (
	"context"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

func TestHooksNumbering(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		s.took = 100 * time.Millisecond
		var attempts []retry.Attempt
		var outcomes []retry.Outcome
		err := retry.Do(t.Context(), s.op, retry.Attempts(3), retry.Constant(time.Second),
			retry.OnFailure(func(a retry.Attempt) { attempts = append(attempts, a) }),
			retry.OnDone(func(o retry.Outcome) { outcomes = append(outcomes, o) }))
		want := []retry.Attempt{
			{Number: 1, Err: s.errs[0], Delay: time.Second, Elapsed: 100 * time.Millisecond, Retrying: true},
			{Number: 2, Err: s.errs[1], Delay: time.Second, Elapsed: 1200 * time.Millisecond, Retrying: true},
			{Number: 3, Err: s.errs[2], Delay: 0, Elapsed: 2300 * time.Millisecond, Retrying: false},
		}
		if !slices.Equal(attempts, want) {
			t.Errorf("OnFailure got\n%+v\nwant\n%+v", attempts, want)
		}
		wantDone := []retry.Outcome{{Attempts: 3, Err: err, Elapsed: 2300 * time.Millisecond}}
		if !slices.Equal(outcomes, wantDone) || err != s.errs[2] {
			t.Errorf("OnDone got %+v, want %+v", outcomes, wantDone)
		}
		if outcomes[0].Retried() != true {
			t.Error("Retried() = false after 3 calls")
		}
	})
}

func TestOnDoneSuccess(t *testing.T) {
	for _, tc := range []struct {
		failures int
		retried  bool
	}{{0, false}, {2, true}} {
		synctest.Test(t, func(t *testing.T) {
			s := failing(tc.failures)
			var outcomes []retry.Outcome
			var failures int
			retry.Do(t.Context(), s.op, retry.Constant(time.Second),
				retry.OnFailure(func(retry.Attempt) { failures++ }),
				retry.OnDone(func(o retry.Outcome) { outcomes = append(outcomes, o) }))
			want := []retry.Outcome{{Attempts: tc.failures + 1, Elapsed: time.Duration(tc.failures) * time.Second}}
			if !slices.Equal(outcomes, want) || outcomes[0].Retried() != tc.retried || failures != tc.failures {
				t.Errorf("OnDone got %+v (%d failures), want %+v", outcomes, failures, want)
			}
		})
	}
}

// The hooks see the error Do returns, whatever ended it.
func TestHooksOnEveryEnd(t *testing.T) {
	for _, tc := range []struct {
		name string
		errs []error
		opts []retry.Option
	}{
		{"permanent", []error{errA, retry.Permanent(errB)}, nil},
		{"not retryable", []error{errA, errB}, []retry.Option{retry.RetryOn(errA)}},
		{"budget", []error{errA, errB, errC}, []retry.Option{retry.MaxElapsed(1500 * time.Millisecond)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := newScript(tc.errs...)
				var attempts []retry.Attempt
				var outcome retry.Outcome
				done := 0
				err := retry.Do(t.Context(), s.op, append(tc.opts, retry.Attempts(10), retry.Constant(time.Second),
					retry.OnFailure(func(a retry.Attempt) { attempts = append(attempts, a) }),
					retry.OnDone(func(o retry.Outcome) { outcome = o; done++ }))...)
				lastA := attempts[len(attempts)-1]
				if done != 1 || outcome.Err != err || outcome.Attempts != 2 || len(attempts) != 2 {
					t.Errorf("%d OnDone, outcome %+v, %d failures; Do = %v", done, outcome, len(attempts), err)
				}
				if lastA.Number != 2 || lastA.Retrying || lastA.Delay != 0 || lastA.Err != err {
					t.Errorf("last failure %+v, want number 2, not retrying, no delay, Err = %v", lastA, err)
				}
			})
		})
	}
}

func TestHooksAccumulateInOrder(t *testing.T) {
	var order []string
	retry.Do(t.Context(), failing(1).op, retry.NoDelay(),
		retry.OnFailure(func(retry.Attempt) { order = append(order, "f1") }),
		retry.OnDone(func(retry.Outcome) { order = append(order, "d1") }),
		retry.OnFailure(func(retry.Attempt) { order = append(order, "f2") }),
		retry.OnDone(func(retry.Outcome) { order = append(order, "d2") }))
	if want := []string{"f1", "f2", "d1", "d2"}; !slices.Equal(order, want) {
		t.Errorf("hooks ran %v, want %v", order, want)
	}
}

func TestHooksNilPanic(t *testing.T) {
	mustPanic(t, "OnFailure(nil)", func() { retry.OnFailure(nil) })
	mustPanic(t, "OnDone(nil)", func() { retry.OnDone(nil) })
}

// Interrupted during a wait: the failure was reported as retrying, then OnDone sees the
// *InterruptedError.
func TestHooksInterrupted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(500*time.Millisecond, cancel)
		var attempts []retry.Attempt
		var outcome retry.Outcome
		err := retry.Do(ctx, failing(5).op, retry.Constant(time.Second),
			retry.OnFailure(func(a retry.Attempt) { attempts = append(attempts, a) }),
			retry.OnDone(func(o retry.Outcome) { outcome = o }))
		if len(attempts) != 1 || !attempts[0].Retrying || outcome.Err != err || outcome.Attempts != 1 ||
			outcome.Elapsed != 500*time.Millisecond {
			t.Errorf("failures %+v, outcome %+v, Do = %v", attempts, outcome, err)
		}
	})
}

// A wait not started because of ctx's deadline: the last failure is reported as not retrying.
func TestHooksDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		var attempts []retry.Attempt
		var outcome retry.Outcome
		s := failing(5)
		err := retry.Do(ctx, s.op, retry.Constant(time.Minute),
			retry.OnFailure(func(a retry.Attempt) { attempts = append(attempts, a) }),
			retry.OnDone(func(o retry.Outcome) { outcome = o }))
		want := []retry.Attempt{{Number: 1, Err: s.errs[0]}}
		if !slices.Equal(attempts, want) || outcome.Err != err || outcome.Attempts != 1 {
			t.Errorf("failures %+v, outcome %+v, Do = %v", attempts, outcome, err)
		}
	})
}
