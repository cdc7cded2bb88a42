package retry

import (
	"testing"
	"time"
)

func TestJitteredEdges(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opt     Option
		r       float64
		d, prev time.Duration
		want    time.Duration
	}{
		// A schedule growing faster than 3x: the wait is the schedule's delay.
		{"decorrelated below the schedule", DecorrelatedJitter(), 0.9, 4 * time.Second, time.Second, 4 * time.Second},
		// The first wait grows from the schedule's delay itself: 1s + 0.5*(3s-1s).
		{"decorrelated first wait", DecorrelatedJitter(), 0.5, time.Second, 0, 2 * time.Second},
		// Jitter above the largest Duration saturates instead of overflowing.
		{"fraction saturates", JitterFraction(1), 0.9, maxDuration, 0, maxDuration},
		{"decorrelated saturates", DecorrelatedJitter(), 0.9, maxDuration / 2, maxDuration, maxDuration},
		{"full of zero", FullJitter(), 0.9, 0, 0, 0},
	} {
		c := defaults
		c.apply([]Option{tc.opt, RandSource(func() float64 { return tc.r })})
		if got := c.jittered(tc.d, tc.prev); got != tc.want {
			t.Errorf("%s: jittered(%v, %v) = %v, want %v", tc.name, tc.d, tc.prev, got, tc.want)
		}
	}
}
