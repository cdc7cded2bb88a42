package retry

import "time"

// DelayFunc computes the wait after each failed call: f gets the 1-based number of the call
// that just failed and its error. A negative result counts as 0. Choosing it replaces the
// default schedule and its 30s cap. f is called from the goroutine running Do.
//
// DelayFunc panics if f is nil.
func DelayFunc(f func(attempt int, err error) time.Duration) Option {
	if f == nil {
		panic("retry: nil delay func")
	}
	return Option{x: f}
}
