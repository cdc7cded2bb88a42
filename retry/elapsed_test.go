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

// loopUntil is the hand-rolled loop MaxElapsed must reproduce: call while less than d has
// passed, sleeping delay(n) after failed call n.
func loopUntil(d time.Duration, delay func(n int) time.Duration, s *script) error {
	start := time.Now()
	var err error
	for n := 1; time.Since(start) < d; n++ {
		if err = s.op(context.Background()); err == nil {
			return nil
		}
		time.Sleep(delay(n))
	}
	return err
}

func TestMaxElapsedMatchesLoop(t *testing.T) {
	constant := func(d time.Duration) func(int) time.Duration { return func(int) time.Duration { return d } }
	doubling := func(n int) time.Duration { return 100 * time.Millisecond << (n - 1) }
	for _, tc := range []struct {
		budget   time.Duration
		took     time.Duration
		delay    func(int) time.Duration
		schedule retry.Option
		failures int
	}{
		{time.Second, 0, constant(300 * time.Millisecond), retry.Constant(300 * time.Millisecond), 100},
		{time.Second, 0, constant(250 * time.Millisecond), retry.Constant(250 * time.Millisecond), 100}, // a wait ending exactly at the budget
		{time.Second, 70 * time.Millisecond, constant(250 * time.Millisecond), retry.Constant(250 * time.Millisecond), 100},
		{10 * time.Second, 0, doubling, retry.Exponential(100*time.Millisecond, 2), 100},
		{10 * time.Second, 333 * time.Millisecond, doubling, retry.Exponential(100*time.Millisecond, 2), 100},
		{10 * time.Second, 0, doubling, retry.Exponential(100*time.Millisecond, 2), 3}, // succeeds in time
		{time.Second, 2 * time.Second, constant(0), retry.NoDelay(), 100},              // one slow call spends it all
	} {
		t.Run(fmt.Sprintf("%v/%v/%d", tc.budget, tc.took, tc.failures), func(t *testing.T) {
			var wantCalls []time.Duration
			var wantErr error
			var loopEnd time.Duration
			synctest.Test(t, func(t *testing.T) {
				s := failing(tc.failures)
				s.took = tc.took
				wantErr = loopUntil(tc.budget, tc.delay, s)
				wantCalls = s.calls
				// The loop's end, minus its pointless last sleep, is when Do must return.
				loopEnd = s.calls[len(s.calls)-1] + tc.took
			})
			synctest.Test(t, func(t *testing.T) {
				s := failing(tc.failures)
				s.took = tc.took
				err := retry.Do(context.Background(), s.op, retry.Attempts(retry.Unlimited), tc.schedule, retry.MaxElapsed(tc.budget))
				if !slices.Equal(s.calls, wantCalls) {
					t.Errorf("calls at %v, the loop's at %v", s.calls, wantCalls)
				}
				if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() || err != s.last() {
					t.Errorf("Do = %v, the loop returned %v", err, wantErr)
				}
				if got := time.Since(s.start); got != loopEnd {
					t.Errorf("Do returned after %v, want %v", got, loopEnd)
				}
			})
		})
	}
}

func TestMaxElapsedWithAttempts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		err := retry.Do(t.Context(), s.op, retry.Attempts(3), retry.Constant(time.Second), retry.MaxElapsed(time.Hour))
		s.wantCalls(t, at(0, 1, 2)...)
		if err != s.errs[2] {
			t.Errorf("Do = %v, want e3", err)
		}
	})
}

// A budget of 0 or less is spent before it starts: the first call, no retry, as a loop
// `for time.Since(start) < d` makes none (and Do one).
func TestMaxElapsedZeroAllowsNoRetry(t *testing.T) {
	for _, d := range []time.Duration{0, -time.Second} {
		synctest.Test(t, func(t *testing.T) {
			s := failing(10)
			err := retry.Do(t.Context(), s.op, retry.Constant(time.Hour), retry.MaxElapsed(time.Minute), retry.MaxElapsed(d))
			s.wantCalls(t, at(0)...)
			if err != s.errs[0] {
				t.Errorf("MaxElapsed(%v): Do = %v, want e1", d, err)
			}
		})
	}
}

// GiveUpAfter tests the budget after a failure: it waits and calls again while no more than
// d has passed, even when that call starts past d, as a loop testing time.Since(start) > d
// before its wait does.
// GiveUpAt is GiveUpAfter with the end included: failing at exactly d gives up, as a loop
// testing time.Since(start) >= d after a failure does.
func TestGiveUpAt(t *testing.T) {
	loop := func(d time.Duration, s *script) error {
		start := time.Now()
		for {
			err := s.op(context.Background())
			if err == nil {
				return nil
			}
			if time.Since(start) >= d {
				return err
			}
			time.Sleep(time.Second)
		}
	}
	for _, d := range []time.Duration{0, 2 * time.Second, 2500 * time.Millisecond} {
		var wantCalls []time.Duration
		var wantErr error
		synctest.Test(t, func(t *testing.T) {
			s := failing(10)
			wantErr = loop(d, s)
			wantCalls = s.calls
		})
		synctest.Test(t, func(t *testing.T) {
			s := failing(10)
			err := retry.Do(t.Context(), s.op, retry.Attempts(retry.Unlimited), retry.Constant(time.Second), retry.GiveUpAt(d))
			if !slices.Equal(s.calls, wantCalls) {
				t.Errorf("GiveUpAt(%v): calls at %v, the loop's at %v", d, s.calls, wantCalls)
			}
			if err == nil || err.Error() != wantErr.Error() || err != s.last() {
				t.Errorf("GiveUpAt(%v) = %v, the loop returned %v", d, err, wantErr)
			}
		})
	}
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		retry.Do(t.Context(), s.op, retry.Attempts(retry.Unlimited), retry.Constant(time.Second), retry.GiveUpAt(2*time.Second))
		s.wantCalls(t, at(0, 1, 2)...) // failing at 2s, exactly d: gives up
	})
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		// the last of GiveUpAt and GiveUpAfter wins
		retry.Do(t.Context(), s.op, retry.Attempts(retry.Unlimited), retry.Constant(time.Second), retry.GiveUpAt(2*time.Second), retry.GiveUpAfter(2*time.Second))
		s.wantCalls(t, at(0, 1, 2, 3)...)
	})
}

func TestGiveUpAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		err := retry.Do(t.Context(), s.op, retry.Attempts(retry.Unlimited), retry.Constant(time.Second), retry.GiveUpAfter(2500*time.Millisecond))
		s.wantCalls(t, at(0, 1, 2, 3)...) // fails at 3s: 3s > 2.5s, gives up
		if err != s.errs[3] {
			t.Errorf("Do = %v, want e4", err)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		retry.Do(t.Context(), s.op, retry.Attempts(retry.Unlimited), retry.Constant(time.Second), retry.GiveUpAfter(2*time.Second))
		// failing at 2s, exactly d, is not past d: one more call, at 3s
		s.wantCalls(t, at(0, 1, 2, 3)...)
	})
}
