package readiness

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

func TestWaitReady(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		calls := 0
		check := func(ctx context.Context) (bool, error) {
			calls++
			return calls == 4, nil
		}

		if err := WaitReady(context.Background(), check, time.Second); err != nil {
			t.Fatal(err)
		}
		if calls != 4 || time.Since(start) != 3*time.Second {
			t.Errorf("%d checks over %v, want 4 over 3s", calls, time.Since(start))
		}
	})
}

func TestWaitReadyStopsAtError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		broken := errors.New("health endpoint answered 500")
		check := func(ctx context.Context) (bool, error) { return false, broken }

		if err := WaitReady(context.Background(), check, time.Second); err != broken {
			t.Errorf("err = %v, want %v", err, broken)
		}
	})
}

func TestWaitReadyCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 2500*time.Millisecond)
		defer cancel()
		check := func(ctx context.Context) (bool, error) { return false, nil }

		if err := WaitReady(ctx, check, time.Second); err != context.DeadlineExceeded {
			t.Errorf("err = %v, want context.DeadlineExceeded", err)
		}
	})
}
