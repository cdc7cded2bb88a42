package retry_test

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

func TestMaxDelay(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []retry.Option
		want []time.Duration
	}{
		{"alone replaces the default cap", []retry.Option{retry.Attempts(5), retry.MaxDelay(time.Second)}, at(0, 0.5, 1.5, 2.5, 3.5)},
		{"after a schedule", []retry.Option{retry.Attempts(5), retry.Exponential(time.Second, 2), retry.MaxDelay(3 * time.Second)}, at(0, 1, 3, 6, 9)},
		{"before a schedule", []retry.Option{retry.Attempts(5), retry.MaxDelay(3 * time.Second), retry.Exponential(time.Second, 2)}, at(0, 1, 3, 6, 9)},
		{"schedule removes the default cap", []retry.Option{retry.Attempts(9), retry.Exponential(time.Second, 2)}, at(0, 1, 3, 7, 15, 31, 63, 127, 255)},
		{"zero removes every cap", []retry.Option{retry.Attempts(9), retry.MaxDelay(0)}, at(0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 63.5, 127.5)},
		{"caps linear", []retry.Option{retry.Attempts(4), retry.Linear(time.Second), retry.MaxDelay(1500 * time.Millisecond)}, at(0, 1, 2.5, 4)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := failing(20)
				retry.Do(t.Context(), s.op, tc.opts...)
				s.wantCalls(t, tc.want...)
			})
		})
	}
}
