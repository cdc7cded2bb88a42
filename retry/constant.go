package retry

import "time"

// Constant waits d after every failed call: `time.Sleep(d)` in a loop. A negative d counts as
// 0. Choosing it replaces the default schedule and the default 30s cap.
func Constant(d time.Duration) Option {
	return Option{x: optConstant, d1: max(d, 0)}
}

// NoDelay retries at once, with no wait between calls; it is Constant(0).
func NoDelay() Option { return Constant(0) }
