package retry_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

func TestDoFirstSuccess(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newScript()
		if err := retry.Do(t.Context(), s.op); err != nil {
			t.Fatalf("Do = %v, want nil", err)
		}
		s.wantCalls(t, 0)
	})
}

func TestDoDefaults(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(5)
		err := retry.Do(t.Context(), s.op)
		// 3 calls, 500ms then 1s apart, and the last error itself.
		s.wantCalls(t, at(0, 0.5, 1.5)...)
		if err != s.errs[2] {
			t.Errorf("Do = %v, want the last error e3 itself", err)
		}
	})
}

func TestDoDefaultCap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(20)
		retry.Do(t.Context(), s.op, retry.Attempts(10))
		// 0.5, 1, 2, 4, 8, 16, then 32 capped at 30s.
		s.wantCalls(t, at(0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 61.5, 91.5, 121.5)...)
	})
}

func TestDoSucceedsAfterRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(2)
		if err := retry.Do(t.Context(), s.op); err != nil {
			t.Fatalf("Do = %v, want nil", err)
		}
		s.wantCalls(t, at(0, 0.5, 1.5)...)
	})
}

func TestAttempts(t *testing.T) {
	for _, tc := range []struct{ n, calls int }{{-5, 1}, {0, 1}, {1, 1}, {2, 2}, {7, 7}} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := failing(100)
				err := retry.Do(t.Context(), s.op, retry.Attempts(tc.n), retry.Constant(time.Second))
				if len(s.calls) != tc.calls {
					t.Errorf("%d calls, want %d", len(s.calls), tc.calls)
				}
				if err != s.last() {
					t.Errorf("Do = %v, want the last error %v", err, s.last())
				}
			})
		})
	}
}

func TestAttemptsUnlimited(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(1000)
		if err := retry.Do(t.Context(), s.op, retry.Attempts(retry.Unlimited), retry.NoDelay()); err != nil {
			t.Fatalf("Do = %v, want nil", err)
		}
		if len(s.calls) != 1001 {
			t.Errorf("%d calls, want 1001", len(s.calls))
		}
	})
}

func TestDoNotRetryable(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(5)
		err := retry.Do(t.Context(), s.op, retry.RetryIf(func(error) bool { return false }))
		s.wantCalls(t, 0)
		if err != s.errs[0] {
			t.Errorf("Do = %v, want e1 itself", err)
		}
	})
}

func TestDoPanicPropagates(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		type token struct{}
		calls := 0
		defer func() {
			if r := recover(); r != (token{}) {
				t.Errorf("recovered %v, want the panic value of fn", r)
			}
			if calls != 2 {
				t.Errorf("%d calls, want 2", calls)
			}
		}()
		retry.Do(t.Context(), func(context.Context) error {
			calls++
			if calls == 2 {
				panic(token{})
			}
			return errBoom
		})
		t.Error("Do returned after a panic")
	})
}

func TestDoValue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		calls := 0
		v, err := retry.DoValue(t.Context(), func(context.Context) (int, error) {
			calls++
			if calls < 3 {
				return -calls, errBoom
			}
			return 42, nil
		}, retry.Constant(time.Second))
		if v != 42 || err != nil {
			t.Errorf("DoValue = %v, %v, want 42, nil", v, err)
		}
	})
}

func TestDoValueLastValueOnFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		calls := 0
		v, err := retry.DoValue(t.Context(), func(context.Context) (int, error) {
			calls++
			return calls * 10, fmt.Errorf("e%d", calls)
		}, retry.Attempts(4), retry.NoDelay())
		if v != 40 || err == nil || err.Error() != "e4" {
			t.Errorf("DoValue = %v, %v, want 40, e4 (what the last call returned)", v, err)
		}
	})
}

func TestDoFirstCallIgnoresDoneContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var got error
	err := retry.Do(ctx, func(ctx context.Context) error {
		got = ctx.Err()
		return nil
	})
	if err != nil || got != context.Canceled {
		t.Errorf("Do = %v, fn saw ctx.Err() = %v; want nil, and fn called with the canceled ctx", err, got)
	}
}

func TestDoPassesContext(t *testing.T) {
	type key struct{}
	ctx := context.WithValue(context.Background(), key{}, "v")
	calls := 0
	retry.Do(ctx, func(ctx context.Context) error {
		calls++
		if ctx.Value(key{}) != "v" {
			t.Errorf("call %d: fn got another ctx", calls)
		}
		return errBoom
	}, retry.NoDelay())
	if calls != 3 {
		t.Errorf("%d calls, want 3", calls)
	}
}

func TestOptionsOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		// A later option of the same kind replaces an earlier one.
		retry.Do(t.Context(), s.op, retry.Attempts(9), retry.Constant(time.Hour),
			retry.Attempts(3), retry.Constant(time.Second), retry.Option{})
		s.wantCalls(t, at(0, 1, 2)...)
	})
}

func TestErrorIdentityWithWrappedErrors(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		base := errors.New("base")
		wrapped := fmt.Errorf("op: %w", base)
		err := retry.Do(t.Context(), func(context.Context) error { return wrapped }, retry.NoDelay())
		if err != wrapped || !errors.Is(err, base) || err.Error() != "op: base" {
			t.Errorf("Do = %v, want the wrapped error itself", err)
		}
	})
}
