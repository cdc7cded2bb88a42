package bench

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// TestHandRolledMatchesRetry checks that the baseline and retry.Do are configured alike: the
// same calls at the same times and the same error.
func TestHandRolledMatchesRetry(t *testing.T) {
	run := func(do func(op func(context.Context) error) error) ([]time.Duration, error) {
		var calls []time.Duration
		var err error
		synctest.Test(t, func(t *testing.T) {
			start := time.Now()
			n := 0
			err = do(func(context.Context) error {
				calls = append(calls, time.Since(start))
				n++
				return errors.New("fail")
			})
		})
		return calls, err
	}
	loopCalls, loopErr := run(func(op func(context.Context) error) error { return handRolled(context.Background(), op) })
	doCalls, doErr := run(func(op func(context.Context) error) error {
		return retry.Do(context.Background(), op, retry.Attempts(attempts), retry.Exponential(initial, factor), retry.MaxDelay(maxWait))
	})
	if len(loopCalls) != 3 || len(doCalls) != 3 || loopCalls[2] != doCalls[2] || loopCalls[1] != doCalls[1] {
		t.Errorf("calls at %v (loop) and %v (retry.Do)", loopCalls, doCalls)
	}
	if loopErr.Error() != doErr.Error() {
		t.Errorf("errors %v (loop) and %v (retry.Do)", loopErr, doErr)
	}
}
