package retry

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

func TestLinear(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var calls []time.Duration
		Do(t.Context(), func(ctxIgnored context.Context) error {
			calls = append(calls, time.Since(start))
			return errTest
		}, Attempts(4), LinearFrom(time.Second, 2*time.Second))
		// waits 1s, 3s, 5s
		want := []time.Duration{0, time.Second, 4 * time.Second, 9 * time.Second}
		if !slices.Equal(calls, want) {
			t.Errorf("calls at %v, want %v", calls, want)
		}
	})
}

// Linear(step) is the loop sleeping attempt*step after failed call attempt.
func TestLinearStep(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var calls []time.Duration
		Do(t.Context(), func(ctxIgnored context.Context) error {
			calls = append(calls, time.Since(start))
			return errTest
		}, Attempts(4), Linear(time.Second))
		// waits 1s, 2s, 3s
		want := []time.Duration{0, time.Second, 3 * time.Second, 6 * time.Second}
		if !slices.Equal(calls, want) {
			t.Errorf("calls at %v, want %v", calls, want)
		}
	})
}

func TestLinearStepDelay(t *testing.T) {
	for _, tc := range []struct {
		step time.Duration
		n    int
		want time.Duration
	}{
		{time.Second, 1, time.Second},
		{time.Second, 7, 7 * time.Second},
		{250 * time.Millisecond, 3, 750 * time.Millisecond},
		{0, 5, 0},
		{-time.Second, 3, 0}, // a negative step counts as 0
		{time.Hour, math.MaxInt, maxDuration},
		{maxDuration, 2, maxDuration},
	} {
		c := defaults
		c.apply([]Option{Linear(tc.step)})
		if got := c.scheduled(tc.n, nil); got != tc.want {
			t.Errorf("Linear(%v) after call %d = %v, want %v", tc.step, tc.n, got, tc.want)
		}
		if tc.step >= 0 {
			f := defaults
			f.apply([]Option{LinearFrom(tc.step, tc.step)})
			if got := f.scheduled(tc.n, nil); got != tc.want {
				t.Errorf("LinearFrom(%v, %v) after call %d = %v, want %v (Linear's)", tc.step, tc.step, tc.n, got, tc.want)
			}
		}
	}
}

func TestLinearDelay(t *testing.T) {
	for _, tc := range []struct {
		initial, step time.Duration
		n             int
		want          time.Duration
	}{
		{time.Second, time.Second, 1, time.Second},
		{time.Second, time.Second, 5, 5 * time.Second},
		{0, 100 * time.Millisecond, 3, 200 * time.Millisecond},
		{3 * time.Second, -time.Second, 3, time.Second},
		{3 * time.Second, -time.Second, 4, 0},
		{3 * time.Second, -time.Second, 5, 0},              // negative counts as 0
		{3 * time.Second, -time.Second, math.MaxInt, 0},    // no overflow
		{time.Second, maxDuration / 2, 10, maxDuration},    // saturates
		{time.Second, time.Hour, math.MaxInt, maxDuration}, // saturates
		{-time.Second, time.Second, 3, time.Second},        // exact formula
		{time.Second, 0, math.MaxInt, time.Second},         // constant
		{time.Second, -maxDuration, 2, 0},                  // extreme step
	} {
		c := defaults
		c.apply([]Option{LinearFrom(tc.initial, tc.step)})
		if got := c.scheduled(tc.n, nil); got != tc.want {
			t.Errorf("LinearFrom(%v, %v) after call %d = %v, want %v", tc.initial, tc.step, tc.n, got, tc.want)
		}
	}
	// LinearFrom(_, math.MinInt64) must not overflow when negated.
	c := defaults
	c.apply([]Option{LinearFrom(time.Second, math.MinInt64)})
	if got := c.scheduled(3, nil); got != 0 {
		t.Errorf("LinearFrom(1s, MinInt64) after call 3 = %v, want 0", got)
	}
}

// errTest is a plain error for the package's internal tests.
var errTest = errors.New("test")
