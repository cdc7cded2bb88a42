package retry

import "errors"

// RetryIf retries only the errors pred says yes to. Classifiers accumulate: an error is
// retried when no stop predicate (StopIf, StopOn) matches it and any retry predicate (RetryIf,
// RetryOn, RetryOnType) says yes; with no retry predicate, every error that no stop predicate
// matches is retried. See StopIf for the order in which they are called. pred is called from
// the goroutine running Do.
//
// RetryIf panics if pred is nil.
func RetryIf(pred func(error) bool) Option {
	if pred == nil {
		panic("retry: nil retry predicate")
	}
	return Option{x: pred}
}

// RetryOn retries only the errors that match one of targets with errors.Is (and accumulates
// with the other classifiers like RetryIf). RetryOn with no targets matches no error. It keeps
// targets, so calling it allocates; on a hot path build it once, in a Policy or a variable.
func RetryOn(targets ...error) Option {
	return RetryIf(func(err error) bool { return isAny(err, targets) })
}

// RetryOnType retries only the errors that have an E in their chain (errors.As), and
// accumulates with the other classifiers like RetryIf.
func RetryOnType[E error]() Option {
	return RetryIf(func(err error) bool {
		_, ok := asType[E](err)
		return ok
	})
}

// stopPredicate is the function type StopIf keeps, named so that apply tells it apart from a
// retry predicate.
type stopPredicate func(error) bool

// StopIf stops on the errors pred says yes to: Do returns such an error at once, whatever the
// retry predicates (RetryIf, RetryOn, RetryOnType) say. Stop predicates accumulate: any of
// them saying yes stops.
//
// After a failed call that another call could follow (not after the last call Attempts
// allows, nor on a Permanent error, which end Do without asking any classifier), the
// classifiers are called in this order, and the first decisive answer ends the questions:
//
//  1. the stop predicates (StopIf, StopOn), in the order given; the first that says yes stops
//     Do (StopNotRetryable);
//  2. a call that ran out of its AttemptTimeout is retried;
//  3. the retry predicates (RetryIf, RetryOn, RetryOnType), in the order given; the first that
//     says yes retries;
//  4. when there are retry predicates and none said yes, Do stops (StopNotRetryable);
//     otherwise the error is retried.
//
// So the loop
//
//	if errors.Is(err, errGone) { return err }
//	if !isBusy(err) { return err }
//
// is StopOn(errGone), RetryIf(isBusy), and its tests run in the same order. pred is called from
// the goroutine running Do.
//
// StopIf panics if pred is nil.
func StopIf(pred func(error) bool) Option {
	if pred == nil {
		panic("retry: nil stop predicate")
	}
	return Option{x: stopPredicate(pred)}
}

// StopOn stops on the errors that match one of targets with errors.Is (and accumulates with
// StopIf; see it for how the classifiers combine). StopOn with no targets matches no error. It
// keeps targets, so calling it allocates; on a hot path build it once, in a Policy or a
// variable.
func StopOn(targets ...error) Option {
	return StopIf(func(err error) bool { return isAny(err, targets) })
}

// isAny reports whether err matches one of targets, tried in order, with errors.Is.
func isAny(err error, targets []error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}

// orPredicates combines two predicates with OR, a first; a nil one is absent.
func orPredicates(a, b func(error) bool) func(error) bool {
	if a == nil {
		return b
	}
	return func(err error) bool { return a(err) || b(err) }
}

// retryable reports whether the classifiers let err be retried, in the order StopIf
// documents; timedOut says the call ran out of its AttemptTimeout.
func (c *config) retryable(err error, timedOut bool) bool {
	switch {
	case c.stopIf != nil && c.stopIf(err):
		return false
	case timedOut:
		return true
	}
	return c.retryIf == nil || c.retryIf(err)
}

// IsRetryable reports whether err says itself that it may be retried. It looks through err's
// chain (errors.As) for a method, in this order of preference: Retryable() bool, then
// Temporary() bool, then Timeout() bool; the first error found with the preferred method
// decides. An error with none of them is not retryable. Use it with RetryIf.
//
// context.DeadlineExceeded says Timeout() == true, so a per-call timeout is retryable; the end
// of the ctx given to Do is handled by Do itself, between calls.
func IsRetryable(err error) bool {
	if err == nil {
		return false
	}
	if e, ok := asType[interface {
		error
		Retryable() bool
	}](err); ok {
		return e.Retryable()
	}
	if e, ok := asType[interface {
		error
		Temporary() bool
	}](err); ok {
		return e.Temporary()
	}
	if e, ok := asType[interface {
		error
		Timeout() bool
	}](err); ok {
		return e.Timeout()
	}
	return false
}
