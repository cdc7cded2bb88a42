package retry

import (
	"context"
	"math"
	"math/big"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

func TestExponential(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var calls []time.Duration
		Do(t.Context(), func(context.Context) error {
			calls = append(calls, time.Since(start))
			return errTest
		}, Attempts(5), Exponential(100*time.Millisecond, 3))
		// waits 100ms, 300ms, 900ms, 2.7s
		want := []time.Duration{0, 100 * time.Millisecond, 400 * time.Millisecond, 1300 * time.Millisecond, 4000 * time.Millisecond}
		if !slices.Equal(calls, want) {
			t.Errorf("calls at %v, want %v", calls, want)
		}
	})
}

// TestExponentialIntegralExact compares the integral-factor schedule with exact big-integer
// arithmetic, saturated at the largest Duration.
func TestExponentialIntegralExact(t *testing.T) {
	for _, initial := range []time.Duration{1, 7, 333 * time.Millisecond, time.Second, 1<<62 + 1} {
		for _, factor := range []int64{1, 2, 3, 10, 1 << 40} {
			for n := 1; n <= 200; n++ {
				want := new(big.Int).Exp(big.NewInt(factor), big.NewInt(int64(n-1)), nil)
				want.Mul(want, big.NewInt(int64(initial)))
				if want.Cmp(big.NewInt(math.MaxInt64)) > 0 {
					want.SetInt64(math.MaxInt64)
				}
				if got := exponentialDelay(initial, float64(factor), n); int64(got) != want.Int64() {
					t.Fatalf("exponential(%d, %d) after call %d = %d, want %s", initial, factor, n, got, want)
				}
			}
		}
	}
}

func TestExponentialSaturatesForHugeAttempts(t *testing.T) {
	for _, factor := range []float64{2, 3, 1.5, 1.0001, 1e300} {
		for _, n := range []int{200, 1000, 1 << 40, math.MaxInt} {
			if factor < 1.5 && n < 1<<40 {
				continue
			}
			if got := exponentialDelay(time.Second, factor, n); got != maxDuration {
				t.Errorf("exponential(1s, %v) after call %d = %v, want the largest Duration", factor, n, got)
			}
		}
	}
}

func TestExponentialNonIntegral(t *testing.T) {
	for _, tc := range []struct {
		initial time.Duration
		factor  float64
		n       int
		want    time.Duration
	}{
		{100 * time.Millisecond, 1.5, 1, 100 * time.Millisecond},
		{100 * time.Millisecond, 1.5, 2, 150 * time.Millisecond},
		{100 * time.Millisecond, 1.5, 3, 225 * time.Millisecond},
		{time.Second, 0.5, 3, 250 * time.Millisecond}, // a shrinking schedule is allowed
		{time.Second, 1e-300, 3, 0},                   // underflows to 0
		{10, 1.1, 2, 11},                              // float math, truncated
		{3, 2.5, 2, 7},                                // 7.5 truncated to 7
	} {
		if got := exponentialDelay(tc.initial, tc.factor, tc.n); got != tc.want {
			t.Errorf("exponential(%v, %v) after call %d = %v, want %v", tc.initial, tc.factor, tc.n, got, tc.want)
		}
	}
}

func TestExponentialPanics(t *testing.T) {
	for _, f := range []float64{0, -2, math.NaN(), math.Inf(1)} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Exponential(1s, %v) did not panic", f)
				}
			}()
			Exponential(time.Second, f)
		}()
	}
}

func TestExponentialNegativeInitial(t *testing.T) {
	c := defaults
	c.apply([]Option{Exponential(-time.Second, 2)})
	if got := c.scheduled(3, nil); got != 0 {
		t.Errorf("Exponential(-1s, 2) after call 3 = %v, want 0", got)
	}
}
