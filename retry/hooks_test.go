package retry_test

import (
	"context"
	"fmt"
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
		wantDone := []retry.Outcome{{Attempts: 3, Err: err, Elapsed: 2300 * time.Millisecond,
			Reason: retry.StopExhausted, Waited: 2 * time.Second}}
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
			wait := time.Duration(tc.failures) * time.Second
			want := []retry.Outcome{{Attempts: tc.failures + 1, Elapsed: wait, Reason: retry.StopSucceeded, Waited: wait}}
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

// A wait not started because of ctx's deadline: the hooks heard of the retry Do meant to make,
// as a loop's log before its wait would, and the outcome says it was interrupted.
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
		want := []retry.Attempt{{Number: 1, Err: s.errs[0], Delay: time.Minute, Retrying: true}}
		if !slices.Equal(attempts, want) || outcome.Err != err || outcome.Attempts != 1 || outcome.Reason != retry.StopInterrupted {
			t.Errorf("failures %+v, outcome %+v, Do = %v", attempts, outcome, err)
		}
	})
}

// Outcome.Reason says why Do stopped, for each way it can stop.
func TestOutcomeReason(t *testing.T) {
	for _, tc := range []struct {
		name string
		errs []error
		ctx  func(context.Context) (context.Context, context.CancelFunc)
		opts []retry.Option
		want retry.StopReason
	}{
		{"succeeded", []error{errA}, nil, nil, retry.StopSucceeded},
		{"exhausted", []error{errA, errA, errA}, nil, []retry.Option{retry.Attempts(2)}, retry.StopExhausted},
		{"not retryable", []error{errA, errB}, nil, []retry.Option{retry.RetryOn(errA)}, retry.StopNotRetryable},
		{"stopped on", []error{errA, errB}, nil, []retry.Option{retry.StopOn(errB)}, retry.StopNotRetryable},
		{"permanent", []error{retry.Permanent(errA)}, nil, nil, retry.StopPermanent},
		{"max elapsed", []error{errA, errA, errA}, nil, []retry.Option{retry.MaxElapsed(1500 * time.Millisecond)}, retry.StopMaxElapsed},
		{"interrupted", []error{errA, errA}, func(ctx context.Context) (context.Context, context.CancelFunc) {
			return context.WithTimeout(ctx, 500*time.Millisecond)
		}, nil, retry.StopInterrupted},
		{"budget", []error{errA, errA, errA}, nil, []retry.Option{retry.WithBudget(retry.NewBudget(retry.BudgetConfig{Max: 1}))}, retry.StopBudget},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := t.Context(), context.CancelFunc(func() {})
				if tc.ctx != nil {
					ctx, cancel = tc.ctx(ctx)
				}
				defer cancel()
				var o retry.Outcome
				err := retry.Do(ctx, newScript(tc.errs...).op, append([]retry.Option{retry.Attempts(5), retry.Constant(time.Second),
					retry.OnDone(func(x retry.Outcome) { o = x })}, tc.opts...)...)
				if o.Reason != tc.want || o.Err != err {
					t.Errorf("Reason %v (Err %v), want %v (Do = %v)", o.Reason, o.Err, tc.want, err)
				}
			})
		})
	}
}

func TestStopReasonString(t *testing.T) {
	for r, want := range map[retry.StopReason]string{
		retry.StopSucceeded: "succeeded", retry.StopNotRetryable: "not retryable", retry.StopBudget: "budget",
		retry.StopMaxElapsed: "max elapsed", 0: "unknown", 200: "unknown",
	} {
		if r.String() != want {
			t.Errorf("StopReason(%d).String() = %q, want %q", r, r.String(), want)
		}
	}
}

// Waited is the time spent in waits, also when ctx ends during one.
func TestOutcomeWaited(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(3500*time.Millisecond, cancel)
		s := failing(10)
		s.took = 500 * time.Millisecond
		var o retry.Outcome
		retry.Do(ctx, s.op, retry.Attempts(10), retry.Constant(time.Second), retry.OnDone(func(x retry.Outcome) { o = x }))
		// calls 0-0.5, 1.5-2, 3-3.5; then 0s of the third wait: cancelled at 3.5s.
		if o.Waited != 2*time.Second || o.Elapsed != 3500*time.Millisecond || o.Attempts != 3 {
			t.Errorf("outcome %+v, want 3 attempts, 2s waited of 3.5s", o)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(1700*time.Millisecond, cancel)
		var o retry.Outcome
		retry.Do(ctx, failing(10).op, retry.Attempts(10), retry.Constant(time.Second), retry.OnDone(func(x retry.Outcome) { o = x }))
		if o.Waited != 1700*time.Millisecond {
			t.Errorf("waited %v, want 1.7s: the wait ctx cut short counts as long as it lasted", o.Waited)
		}
	})
}

type ctxKey struct{}

// The Context forms get the ctx given to Do, and all failure (or done) hooks run in the
// order given, whatever their form.
func TestHooksContextForms(t *testing.T) {
	ctx := context.WithValue(t.Context(), ctxKey{}, "do")
	var order []string
	mark := func(name string) func(context.Context) {
		return func(ctx context.Context) {
			if ctx.Value(ctxKey{}) != "do" {
				t.Errorf("%s got another ctx", name)
			}
			order = append(order, name)
		}
	}
	retry.Do(ctx, failing(1).op, retry.NoDelay(),
		retry.OnDoneContext(func(ctx context.Context, o retry.Outcome) { mark("d1")(ctx) }),
		retry.OnFailure(func(retry.Attempt) { order = append(order, "f1") }),
		retry.OnFailureContext(func(ctx context.Context, a retry.Attempt) { mark("f2")(ctx) }),
		retry.OnDone(func(retry.Outcome) { order = append(order, "d2") }),
		retry.OnFailure(func(retry.Attempt) { order = append(order, "f3") }))
	if want := []string{"f1", "f2", "f3", "d1", "d2"}; !slices.Equal(order, want) {
		t.Errorf("hooks ran %v, want %v", order, want)
	}
	mustPanic(t, "OnFailureContext(nil)", func() { retry.OnFailureContext(nil) })
	mustPanic(t, "OnDoneContext(nil)", func() { retry.OnDoneContext(nil) })
}

type spanKey struct{}

// OnAttempt gives every call its own ctx and sees how the call ended, before the other hooks.
func TestOnAttempt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log []string
		s := failing(2)
		err := retry.Do(t.Context(), func(ctx context.Context) error {
			log = append(log, fmt.Sprintf("call in %v", ctx.Value(spanKey{})))
			return s.op(ctx)
		}, retry.Constant(time.Second),
			retry.OnAttempt(func(ctx context.Context, n int) (context.Context, func(error)) {
				span := fmt.Sprintf("span %d", n)
				log = append(log, "start "+span)
				return context.WithValue(ctx, spanKey{}, span), func(err error) { log = append(log, fmt.Sprintf("end %s: %v", span, err)) }
			}),
			retry.OnFailure(func(a retry.Attempt) { log = append(log, fmt.Sprintf("failure %d", a.Number)) }))
		want := []string{
			"start span 1", "call in span 1", "end span 1: e1", "failure 1",
			"start span 2", "call in span 2", "end span 2: e2", "failure 2",
			"start span 3", "call in span 3", "end span 3: <nil>",
		}
		if err != nil || !slices.Equal(log, want) {
			t.Errorf("Do = %v, events\n%q\nwant\n%q", err, log, want)
		}
		s.wantCalls(t, at(0, 1, 2)...)
	})
}

// Several OnAttempt hooks nest: the first one's ctx is the second's parent, and the ends run
// in reverse order. A nil ctx and a nil end are allowed.
func TestOnAttemptNesting(t *testing.T) {
	var log []string
	type outer struct{}
	p := retry.New(retry.NoDelay(), retry.Attempts(1),
		retry.OnAttempt(func(ctx context.Context, n int) (context.Context, func(error)) {
			return context.WithValue(ctx, outer{}, "o"), func(error) { log = append(log, "end outer") }
		}),
		retry.OnAttempt(func(ctx context.Context, n int) (context.Context, func(error)) {
			log = append(log, fmt.Sprintf("inner sees %v", ctx.Value(outer{})))
			return nil, func(error) { log = append(log, "end inner") }
		}),
		retry.OnAttempt(func(ctx context.Context, n int) (context.Context, func(error)) { return ctx, nil }))
	p.Do(t.Context(), func(ctx context.Context) error {
		log = append(log, fmt.Sprintf("call sees %v", ctx.Value(outer{})))
		return nil
	})
	if want := []string{"inner sees o", "call sees o", "end inner", "end outer"}; !slices.Equal(log, want) {
		t.Errorf("events %q, want %q", log, want)
	}
	mustPanic(t, "OnAttempt(nil)", func() { retry.OnAttempt(nil) })
}
