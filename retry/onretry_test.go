package retry_test

import (
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// OnRetry runs after the failures Do retries, with the wait to come, and not after the last
// one nor after one that is not retried; it keeps its place among the other failure hooks.
func TestOnRetry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		var got []string
		err := retry.Do(t.Context(), s.op, retry.Attempts(3), retry.Constant(time.Second),
			retry.OnFailure(func(a retry.Attempt) { got = append(got, "failure") }),
			retry.OnRetry(func(a retry.Attempt) {
				if a.Delay != time.Second || !a.Retrying {
					t.Errorf("OnRetry got %+v", a)
				}
				got = append(got, "retry")
			}))
		want := []string{"failure", "retry", "failure", "retry", "failure"}
		if !slices.Equal(got, want) || err != s.errs[2] {
			t.Errorf("hooks ran %v, Do = %v; want %v and e3", got, err, want)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		n := 0
		retry.Do(t.Context(), s.op, retry.StopIf(func(err error) bool { return errors.Is(err, s.errs[0]) }),
			retry.OnRetry(func(retry.Attempt) { n++ }))
		if n != 0 {
			t.Errorf("OnRetry ran %d times for an error that is not retried", n)
		}
	})
}
