package retry

import "time"

// Linear waits n*step after failed call n (1-based): step, 2*step, 3*step, ... This is
// `time.Sleep(time.Duration(attempt) * step)` in a loop counting attempts from 1. The product
// saturates at the largest time.Duration, and a negative step counts as 0. Choosing it replaces
// the default schedule and its 30s cap. LinearFrom starts from another first wait.
func Linear(step time.Duration) Option {
	step = max(step, 0)
	return Option{x: optLinear, d1: step, d2: step}
}

// LinearFrom waits initial + (n-1)*step after failed call n (1-based): initial, initial+step,
// initial+2*step, ... LinearFrom(d, d) is Linear(d). The sum saturates at the largest
// time.Duration and a negative result (a negative step) counts as 0. Choosing it replaces the
// default schedule and its 30s cap.
func LinearFrom(initial, step time.Duration) Option {
	return Option{x: optLinear, d1: initial, d2: max(step, -maxDuration)}
}

// linearDelay is initial + (n-1)*step, saturating instead of overflowing.
func linearDelay(initial, step time.Duration, n int) time.Duration {
	k := time.Duration(n - 1)
	switch {
	case step == 0 || k == 0:
		return initial
	case step > 0 && k > (maxDuration-max(initial, 0))/step:
		return maxDuration
	case step < 0 && (initial <= 0 || k > initial/(-step)):
		return 0 // the sum is negative
	}
	return initial + k*step
}
