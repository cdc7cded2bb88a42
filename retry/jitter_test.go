package retry_test

import (
	"math"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

func TestJitter(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []retry.Option
		want []time.Duration
	}{
		// waits d*r: 500ms, 250ms, 0
		{"full", []retry.Option{retry.FullJitter(), retry.RandSource(seq(0.5, 0.25, 0))}, at(0, 0.5, 0.75, 0.75)},
		// waits d/2 + d/2*r: 750ms, 500ms, 1s-ish
		{"equal", []retry.Option{retry.EqualJitter(), retry.RandSource(seq(0.5, 0, 0.999))}, []time.Duration{0, 750 * time.Millisecond, 1250 * time.Millisecond, 1250*time.Millisecond + 999500*time.Microsecond}},
		// waits d + r*(3*prev - d): 1s + 0.5*2s = 2s; 1s + 0.5*(6s-1s) = 3.5s; 1s + 0*(...) = 1s
		{"decorrelated", []retry.Option{retry.DecorrelatedJitter(), retry.RandSource(seq(0.5, 0.5, 0))}, at(0, 2, 5.5, 6.5)},
		// capped: 2s; then prev 2s: 1s + 1*... -> capped at 3s; then 1s + 0.5*(9s-1s) = 5s -> 3s
		{"decorrelated capped", []retry.Option{retry.DecorrelatedJitter(), retry.MaxDelay(3 * time.Second), retry.RandSource(seq(0.5, 0.99, 0.5))}, at(0, 2, 5, 8)},
		// waits d*(1 + f*(2r-1)) with f = 0.2: 1.1s, 0.8s, 1s
		{"fraction", []retry.Option{retry.JitterFraction(0.2), retry.RandSource(seq(0.75, 0, 0.5))}, at(0, 1.1, 1.9, 2.9)},
		{"fraction zero is none", []retry.Option{retry.JitterFraction(0), retry.RandSource(seq(0))}, at(0, 1, 2, 3)},
		{"no jitter undoes jitter", []retry.Option{retry.FullJitter(), retry.NoJitter(), retry.RandSource(seq(0))}, at(0, 1, 2, 3)},
		// values out of [0,1) are clamped: 1.5 -> just below 1, -1 and NaN -> 0
		{"clamped source", []retry.Option{retry.FullJitter(), retry.RandSource(seq(-1, math.NaN(), 1.5))}, []time.Duration{0, 0, 0, 999999999}},
		// jitter of a capped schedule is capped again
		{"fraction above the cap", []retry.Option{retry.JitterFraction(0.5), retry.MaxDelay(time.Second), retry.RandSource(seq(0.99))}, at(0, 1, 2, 3)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := failing(20)
				opts := append([]retry.Option{retry.Attempts(4), retry.Constant(time.Second)}, tc.opts...)
				retry.Do(t.Context(), s.op, opts...)
				s.wantCalls(t, tc.want...)
			})
		})
	}
}

func TestJitterDefaultSource(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var delays []time.Duration
		retry.Do(t.Context(), failing(100).op, retry.Attempts(50), retry.Constant(time.Second), retry.FullJitter(),
			retry.OnFailure(func(a retry.Attempt) {
				if a.Retrying {
					delays = append(delays, a.Delay)
				}
			}))
		distinct := map[time.Duration]bool{}
		for _, d := range delays {
			if d < 0 || d >= time.Second {
				t.Errorf("full jitter of 1s gave %v, want [0, 1s)", d)
			}
			distinct[d] = true
		}
		if len(delays) != 49 || len(distinct) < 40 {
			t.Errorf("%d waits, %d distinct: the default source does not look random", len(delays), len(distinct))
		}
	})
}

func TestJitterFractionPanics(t *testing.T) {
	for _, f := range []float64{-0.1, 1.01, math.NaN()} {
		mustPanic(t, "JitterFraction", func() { retry.JitterFraction(f) })
	}
}
