package retry_test

import (
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

func TestDelayFunc(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		var seen []int
		retry.Do(t.Context(), s.op, retry.Attempts(4), retry.DelayFunc(func(n int, err error) time.Duration {
			seen = append(seen, n)
			if err != s.errs[n-1] {
				t.Errorf("DelayFunc(%d, %v): want the error of call %d", n, err, n)
			}
			if n == 2 {
				return -time.Hour // counts as 0
			}
			return time.Duration(n) * time.Second
		}))
		s.wantCalls(t, at(0, 1, 1, 4)...)
		if len(seen) != 3 || seen[0] != 1 || seen[2] != 3 {
			t.Errorf("DelayFunc called with %v, want [1 2 3]", seen)
		}
	})
}

func TestDelayFuncByError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		slow := errors.New("slow down")
		s := newScript(slow, errBoom, slow)
		retry.Do(t.Context(), s.op, retry.Attempts(4), retry.DelayFunc(func(_ int, err error) time.Duration {
			if errors.Is(err, slow) {
				return time.Minute
			}
			return time.Second
		}))
		s.wantCalls(t, at(0, 60, 61, 121)...)
	})
}

func TestDelayFuncNilPanics(t *testing.T) {
	mustPanic(t, "DelayFunc(nil)", func() { retry.DelayFunc(nil) })
}
