package retry

import (
	"math"
	"time"
)

// Exponential waits initial * factor^(n-1) after failed call n (1-based): with factor 2,
// initial, 2*initial, 4*initial, ... When factor is a whole number the delay is computed in
// integer nanoseconds, exactly as a loop doing `delay *= factor` would, and saturates at the
// largest time.Duration instead of overflowing; any other factor uses float64 math
// (math.Pow), truncated to whole nanoseconds and saturating the same way. A negative initial
// counts as 0. Choosing it replaces the default schedule and its 30s cap.
//
// Exponential panics if factor is not a finite number greater than 0.
func Exponential(initial time.Duration, factor float64) Option {
	if !(factor > 0) || math.IsInf(factor, 0) {
		panic("retry: exponential factor must be finite and greater than 0")
	}
	return Option{x: optExponential, d1: max(initial, 0), d2: floatBits(factor)}
}

// exponentialDelay is initial * factor^(n-1), saturating at maxDuration.
func exponentialDelay(initial time.Duration, factor float64, n int) time.Duration {
	if initial <= 0 || n <= 1 || factor == 1 {
		return max(initial, 0)
	}
	if factor == math.Trunc(factor) && factor < 1<<62 {
		// Integral factor: repeated multiplication, which reaches maxDuration within 63
		// steps, so the loop is short even for huge n.
		f := time.Duration(factor)
		d := initial
		for i := 1; i < n; i++ {
			if d > maxDuration/f {
				return maxDuration
			}
			d *= f
		}
		return d
	}
	v := float64(initial) * math.Pow(factor, float64(n-1))
	if v >= float64(maxDuration) { // also +Inf
		return maxDuration
	}
	return time.Duration(v)
}
