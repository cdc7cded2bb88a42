// Package analyzer defines an Analyzer that reports hand-rolled retry logic
// that the retry package can replace.
//
// # Analyzer retrylint
//
// retrylint: report hand-rolled retry loops and offer to replace them with retry.Do
//
// Services copy the same loop from one to the next: call an operation, leave
// on success, wait, try again. Each copy differs a little (3 attempts here, 5
// there, a doubling delay, a forgotten cap) and none has metrics. retrylint
// finds these loops by their structure and type information, says what it
// understood of each (attempts, delay schedule), and offers a rewrite into a
// call of the retry package when the rewrite keeps what the code does;
// otherwise the message ends with "; no automatic fix: <reason>".
//
// A loop is reported when all of these hold: its body calls an operation
// that returns an error; the loop is left when that error is nil (return,
// break, or a test like err == nil || !retryable(err)); a failure reaches a
// wait (time.Sleep, <-time.After, a select on time.After or a timer and
// ctx.Done(), time.NewTimer, or a helper function that only waits, found
// through analysis facts in any package); and the loop is bounded by a count
// or by elapsed time. Calls are identified by type, never by name alone: a
// local func Sleep is not time.Sleep.
//
// # Counted loops (category counted-loop)
//
// The header counts the attempts: for i := 0; i < n; i++, for i := 1; i <= n;
// i++, for i := range n, for range n, or counting down.
//
//	var err error
//	for i := 0; i < 5; i++ {
//		if err = client.Publish(ctx, msg); err == nil {
//			return nil
//		}
//		time.Sleep(time.Duration(1<<i) * 500 * time.Millisecond)
//	}
//	return err
//
// is reported as "hand-rolled retry loop (5 attempts, exponential backoff
// from 500ms) can be replaced by retry.Do", and -fix rewrites it into
//
//	var err error
//	err = retry.Do(context.Background(), func(context.Context) error {
//		if err = client.Publish(ctx, msg); err == nil {
//			return nil
//		}
//		return err
//	}, retry.Attempts(5), retry.Exponential(500*time.Millisecond, 2))
//	return err
//
// The loop ignored ctx while waiting, so the rewrite waits under
// context.Background(); with -scopectx it passes ctx instead, which also
// stops the waits when ctx ends.
//
// # While-counter loops (category while-counter)
//
// The counter is declared before the loop and stepped in its body, with the
// bound in the loop's condition or in an if inside it:
//
//	attempts := 0
//	for {
//		err := lock.TryLock(name)
//		if err == nil {
//			return nil
//		}
//		attempts++
//		if attempts >= max {
//			return err
//		}
//		time.Sleep(100 * time.Millisecond)
//	}
//
// "hand-rolled retry loop (max attempts, constant delay of 100ms) can be
// replaced by retry.Do"; -fix keeps the counter and its check, turning the
// give-up return into a permanent error:
//
//	attempts := 0
//	return retry.Do(context.Background(), func(context.Context) error {
//		err := lock.TryLock(name)
//		if err == nil {
//			return nil
//		}
//		attempts++
//		if attempts >= max {
//			return retry.Permanent(err)
//		}
//		return err
//	}, retry.Attempts(retry.Unlimited), retry.Constant(100*time.Millisecond))
//
// # Time budgets (category time-budget)
//
// The loop is bounded by elapsed time: for time.Since(start) < limit,
// for time.Now().Before(deadline), for time.Until(deadline) > 0, or an if in
// the body that leaves when the time is up.
//
//	start := time.Now()
//	for time.Since(start) < 30*time.Second {
//		if err = ping(); err == nil {
//			return nil
//		}
//		time.Sleep(500 * time.Millisecond)
//	}
//
// "hand-rolled retry loop (for up to 30s, constant delay of 500ms) can be
// replaced by retry.Do"; the retry package bounds such tries with
// retry.MaxElapsed(30*time.Second) and retry.Attempts(retry.Unlimited).
//
// # Retry functions (category retry-func)
//
// A function named like a retry wrapper (executeWithRetry, callWithRetries,
// retryOperation; the -funcpattern flag sets the pattern) that holds such a
// loop, an endless loop that leaves only on success, or that calls itself
// again after a wait when its operation failed, is one finding, reported on
// its name:
//
//	func callWithRetry(fn func() error, attempts int, delay time.Duration) error {
//		err := fn()
//		if err == nil || attempts <= 1 {
//			return err
//		}
//		time.Sleep(delay)
//		return callWithRetry(fn, attempts-1, delay*2)
//	}
//
// "hand-rolled retry function callWithRetry (exponential backoff from delay)
// can be replaced by retry.Do". A rewrite keeps the function's signature, so
// its callers do not change, and its body becomes one retry.Do call.
//
// # What is not reported
//
// Polling for a condition (a bool, a status, a file that appears), tickers,
// paginated reads that sleep for a rate limit, worker, accept and supervisor
// loops that go on after a success, loops that sleep between batches or items
// (for _, addr := range addrs, or a counter that indexes a slice), tight
// retries with no wait, code that already calls a retry library (backoff,
// retry-go, k8s wait, ...), generated files, the retry package itself
// (-retrypkg) and any package whose import path names a retry or backoff
// library.
//
// # Schedules
//
// The message names the schedule that the waits follow: constant, linear,
// exponential (1<<i, math.Pow, a variable doubled each round), capped (min, an
// if) and jittered (math/rand, math/rand/v2; the first delay shown is then the
// smallest). A schedule it cannot name is "computed delay".
//
// # Suppressing a report
//
// //nolint:retrylint (also //nolint and //nolint:all) or
// //retrylint:ignore <reason>, on the reported line or the line above.
// A //retrylint:ignore without a reason silences nothing and is itself
// reported (category directive).
//
// # Flags
//
//	-funcpattern regexp   names of functions that wrap retry logic
//	-retrypkg path        import path of the retry package that fixes call
//	                      (default github.com/retrylint/retrylint/retry)
//	-scopectx             make fixes pass the context in scope to loops that
//	                      ignored every context, instead of context.Background()
package analyzer

const doc = `report hand-rolled retry loops and offer to replace them with retry.Do

A loop (or a function named like executeWithRetry) that calls an operation,
leaves when its error is nil, waits after a failure and is bounded by a count
or elapsed time is reported with what was understood of it: the attempts and
the delay schedule. A fix rewriting it into a retry.Do call is offered when the
rewrite keeps what the code does; otherwise the message says why not.
Silence a report with //nolint:retrylint or //retrylint:ignore <reason>.`
