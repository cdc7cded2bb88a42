package retry

import "errors"

// RetryIf retries only the errors pred says yes to. Classifiers (RetryIf, RetryOn,
// RetryOnType) accumulate: an error is retried when any of them says yes. With none, every
// error is retried. pred is called from the goroutine running Do.
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
	return RetryIf(func(err error) bool {
		for _, t := range targets {
			if errors.Is(err, t) {
				return true
			}
		}
		return false
	})
}

// RetryOnType retries only the errors that have an E in their chain (errors.AsType), and
// accumulates with the other classifiers like RetryIf.
func RetryOnType[E error]() Option {
	return RetryIf(func(err error) bool {
		_, ok := errors.AsType[E](err)
		return ok
	})
}

// orPredicates combines two classifiers with OR; a nil one is absent.
func orPredicates(a, b func(error) bool) func(error) bool {
	if a == nil {
		return b
	}
	return func(err error) bool { return a(err) || b(err) }
}

// retryable reports whether the classifiers let err be retried.
func (c *config) retryable(err error) bool {
	return c.retryIf == nil || c.retryIf(err)
}

// IsRetryable reports whether err says itself that it may be retried. It looks through err's
// chain (errors.AsType) for a method, in this order of preference: Retryable() bool, then
// Temporary() bool, then Timeout() bool; the first error found with the preferred method
// decides. An error with none of them is not retryable. Use it with RetryIf.
//
// context.DeadlineExceeded says Timeout() == true, so a per-call timeout is retryable; the end
// of the ctx given to Do is handled by Do itself, between calls.
func IsRetryable(err error) bool {
	if err == nil {
		return false
	}
	if e, ok := errors.AsType[interface {
		error
		Retryable() bool
	}](err); ok {
		return e.Retryable()
	}
	if e, ok := errors.AsType[interface {
		error
		Temporary() bool
	}](err); ok {
		return e.Temporary()
	}
	if e, ok := errors.AsType[interface {
		error
		Timeout() bool
	}](err); ok {
		return e.Timeout()
	}
	return false
}
