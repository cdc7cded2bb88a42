// Package retry runs an operation again when it fails, with the schedule, limits, error
// classification and observability that hand-rolled retry loops spell out by hand.
//
// It is the package that retrylint rewrites hand-rolled loops into, so it can say exactly what
// such a loop says: a number of attempts, a delay schedule (constant, linear, exponential with
// any factor, or a function of the attempt and the error), a cap, optional jitter, a time
// budget, which errors are retried or stop the retries, how waits treat ctx, and what happens
// on every failure.
//
//	err := retry.Do(ctx, func(ctx context.Context) error {
//		return client.Ping(ctx)
//	}, retry.Attempts(5), retry.Exponential(100*time.Millisecond, 2), retry.MaxDelay(5*time.Second))
//
// It also has what a service needs when many calls retry at once: a retry Budget shared by
// calls, so that an outage does not turn into a retry storm; AttemptTimeout, a deadline per
// call; Transport, an http.RoundTripper that retries only what HTTP allows; and hooks for
// tracing (OnAttempt gives each call its own ctx, for a child span).
//
// # Defaults
//
// With no options, Do makes at most 3 calls, waits 500ms then 1s between them (exponential
// backoff from 500ms doubling, capped at 30s), retries every error, adds no jitter and has no
// time budget. Choosing a schedule replaces the default schedule and its 30s cap; MaxDelay alone
// replaces only the cap.
//
// # Errors
//
// The rules are chosen so that code rewritten from a loop sees the same error values:
//
//   - when the attempts run out, the time budget (MaxElapsed) is spent, or the error is not
//     retryable, Do returns the operation's last error unchanged (the same value, so == holds);
//   - when the operation returns Permanent(err), Do returns err itself;
//   - when ctx ends between calls, or the next wait could not end before ctx's deadline, Do
//     returns an *InterruptedError that matches both the ctx cause and the last error with
//     errors.Is and reports how many calls were made; with ReturnCtxErr it returns ctx.Err()
//     itself instead, and with WaitsIgnoreCtx it never looks at ctx between calls; with
//     CheckCtxFirst it also looks before the first call, and makes none when ctx has ended;
//   - when a retry Budget refuses a retry, Do returns a *BudgetError that matches both
//     ErrBudgetExhausted and the last error;
//   - when the channel of WaitsEndOn (looked at during the waits) or StopBefore (looked at
//     before every call) is ready, Do returns a *StoppedError that matches both ErrStopped
//     and the last error;
//   - a panic in the operation is not recovered.
//
// Do always makes the first call; ctx is consulted only between calls, and it is passed to
// the operation, which should honour it.
//
// # Cost
//
// Option is a small struct value rather than a function, so applying options happens inside
// this package and nothing escapes: Do and DoValue with a few options, a reused Policy and a
// Budget allocate nothing when the first call succeeds, and a retrying call allocates one
// timer for all its waits. AttemptTimeout costs a context per call.
//
// # Module
//
// The package is a module of its own, github.com/retrylint/retrylint/retry, which requires
// nothing: importing it adds no other module to a build. Its versions are tagged
// retry/vX.Y.Z, apart from those of the retrylint command (see docs/versioning.md in the
// repository).
package retry
