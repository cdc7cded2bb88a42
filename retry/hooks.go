package retry

import "time"

// Attempt describes a failed call, for OnFailure.
type Attempt struct {
	Number   int           // 1-based number of the call that failed
	Err      error         // its error
	Delay    time.Duration // wait before the next call; 0 when none follows
	Elapsed  time.Duration // since Do began
	Retrying bool          // whether another call follows
}

// Outcome describes a finished Do, for OnDone.
type Outcome struct {
	Attempts int           // calls made
	Err      error         // what Do returns (nil on success)
	Elapsed  time.Duration // since Do began
}

// Retried reports whether more than one call was made; a success after retries is
// o.Err == nil && o.Retried().
func (o Outcome) Retried() bool { return o.Attempts > 1 }

// OnFailure calls f after every failed call, before its wait, including the last failed call
// (then Delay is 0 and Retrying false). Several OnFailure hooks run in the order given. f runs
// on the goroutine running Do; a Policy shared by goroutines calls it concurrently.
//
// OnFailure panics if f is nil.
func OnFailure(f func(Attempt)) Option {
	if f == nil {
		panic("retry: nil OnFailure hook")
	}
	return Option{x: f}
}

// OnDone calls f once when Do returns, success or not, with the number of calls made, the
// error Do returns and the time taken: enough for "calls", "succeeded after retries" and
// "gave up" metrics with no extra code. Several OnDone hooks run in the order given.
//
// OnDone panics if f is nil.
func OnDone(f func(Outcome)) Option {
	if f == nil {
		panic("retry: nil OnDone hook")
	}
	return Option{x: f}
}

func chainFailure(a, b func(Attempt)) func(Attempt) {
	if a == nil {
		return b
	}
	return func(at Attempt) { a(at); b(at) }
}

func chainDone(a, b func(Outcome)) func(Outcome) {
	if a == nil {
		return b
	}
	return func(o Outcome) { a(o); b(o) }
}
