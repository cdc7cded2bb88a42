package retry_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"time"

	"github.com/retrylint/retrylint/retry"
)

func ExampleStopOn() {
	errGone := errors.New("gone")
	errBusy := errors.New("busy")
	results := []error{errBusy, fmt.Errorf("get: %w", errGone), nil}
	calls := 0
	// The loop said: if errors.Is(err, errGone) { return err }; if !errors.Is(err, errBusy) { return err }.
	err := retry.Do(context.Background(), func(context.Context) error {
		calls++
		return results[calls-1]
	}, retry.StopOn(errGone), retry.RetryOn(errBusy), retry.NoDelay())
	fmt.Println(calls, err)
	// Output: 2 get: gone
}

func ExampleStopIf() {
	notFound := func(err error) bool { return strings.HasSuffix(err.Error(), "not found") }
	calls := 0
	err := retry.Do(context.Background(), func(context.Context) error {
		calls++
		return fmt.Errorf("user %d: not found", calls)
	}, retry.StopIf(notFound), retry.RetryIf(func(error) bool { return true }), retry.NoDelay())
	fmt.Println(calls, err)
	// Output: 1 user 1: not found
}

func ExampleWaitsIgnoreCtx() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // ended before Do begins, and it changes nothing between calls
	calls := 0
	err := retry.Do(ctx, func(ctx context.Context) error {
		calls++
		return fmt.Errorf("call %d (ctx: %v)", calls, ctx.Err())
	}, retry.Attempts(3), retry.NoDelay(), retry.WaitsIgnoreCtx())
	fmt.Println(calls, err)
	// Output: 3 call 3 (ctx: context canceled)
}

func ExampleReturnCtxErr() {
	ctx, cancel := context.WithCancel(context.Background())
	err := retry.Do(ctx, func(context.Context) error {
		cancel()
		return errors.New("connection reset")
	}, retry.NoDelay(), retry.ReturnCtxErr())
	fmt.Println(err == context.Canceled, err)
	// Output: true context canceled
}

func ExampleNewBudget() {
	// One budget per backend, shared by every call to it: 10 retries in a burst, then one
	// per ten successes.
	budget := retry.NewBudget(retry.BudgetConfig{Max: 10, Refill: 0.1})
	backend := retry.New(retry.Attempts(3), retry.NoDelay(), retry.WithBudget(budget))
	down := errors.New("backend down")
	var refused int
	for range 8 { // a storm: every call fails
		err := backend.Do(context.Background(), func(context.Context) error { return down })
		if errors.Is(err, retry.ErrBudgetExhausted) && errors.Is(err, down) {
			refused++
		}
	}
	st := budget.Stats()
	fmt.Printf("%d calls, %d retries, %d refused, %v tokens left\n", 8, st.Retries, refused, st.Tokens)
	// Output: 8 calls, 10 retries, 3 refused, 0 tokens left
}

func ExampleAttemptTimeout() {
	calls := 0
	err := retry.Do(context.Background(), func(ctx context.Context) error {
		calls++
		if calls == 1 {
			<-ctx.Done() // the first call hangs until its own deadline
			fmt.Println("call 1:", context.Cause(ctx))
			return ctx.Err()
		}
		return nil
	}, retry.AttemptTimeout(time.Millisecond), retry.NoDelay(), retry.RetryIf(retry.IsTransient))
	fmt.Println("calls:", calls, "err:", err)
	// Output:
	// call 1: retry: attempt timed out
	// calls: 2 err: <nil>
}

func ExampleTransport() {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) < 3 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "overloaded", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "hello")
	}))
	defer srv.Close()

	client := &http.Client{Transport: &retry.Transport{
		Base:   srv.Client().Transport,
		Policy: retry.New(retry.Attempts(4), retry.NoDelay(), retry.AttemptTimeout(5*time.Second)),
	}}
	resp, err := client.Get(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body), "after", hits.Load(), "requests")
	// Output: 200 hello after 3 requests
}

func ExampleOnAttempt() {
	type spanKey struct{}
	ctx := context.WithValue(context.Background(), spanKey{}, "request")
	err := retry.Do(ctx, flaky(1, errors.New("blip")), retry.NoDelay(),
		retry.OnAttempt(func(ctx context.Context, n int) (context.Context, func(error)) {
			span := fmt.Sprintf("%v/attempt-%d", ctx.Value(spanKey{}), n)
			fmt.Println("start", span)
			return context.WithValue(ctx, spanKey{}, span), func(err error) { fmt.Println("end", span, err) }
		}),
		retry.OnDoneContext(func(ctx context.Context, o retry.Outcome) {
			fmt.Println("done in", ctx.Value(spanKey{}), "after", o.Attempts, "attempts:", o.Reason)
		}))
	fmt.Println(err)
	// Output:
	// start request/attempt-1
	// end request/attempt-1 blip
	// start request/attempt-2
	// end request/attempt-2 <nil>
	// done in request after 2 attempts: succeeded
	// <nil>
}

func ExampleOnFailureContext() {
	type traceKey struct{}
	ctx := context.WithValue(context.Background(), traceKey{}, "trace-42")
	retry.Do(ctx, flaky(2, errors.New("timeout")), retry.NoDelay(),
		retry.OnFailureContext(func(ctx context.Context, a retry.Attempt) {
			fmt.Printf("%v: attempt %d failed: %v\n", ctx.Value(traceKey{}), a.Number, a.Err)
		}))
	// Output:
	// trace-42: attempt 1 failed: timeout
	// trace-42: attempt 2 failed: timeout
}

func ExampleStopReason() {
	for _, opts := range [][]retry.Option{
		{retry.Attempts(2)},
		{retry.RetryOn(io.EOF)},
		{retry.StopOn(io.ErrUnexpectedEOF)},
	} {
		retry.Do(context.Background(), flaky(5, io.ErrUnexpectedEOF), append(opts, retry.NoDelay(),
			retry.OnDone(func(o retry.Outcome) { fmt.Println(o.Attempts, o.Reason, o.Waited) }))...)
	}
	// Output:
	// 2 exhausted 0s
	// 1 not retryable 0s
	// 1 not retryable 0s
}

func ExampleOnRetry() {
	calls := 0
	err := retry.Do(context.Background(), func(context.Context) error {
		calls++
		if calls < 3 {
			return errors.New("busy")
		}
		return nil
	}, retry.Attempts(5), retry.NoDelay(), retry.OnRetry(func(a retry.Attempt) {
		fmt.Printf("attempt %d failed (%v), retrying\n", a.Number, a.Err)
	}))
	fmt.Println(err)
	// Output:
	// attempt 1 failed (busy), retrying
	// attempt 2 failed (busy), retrying
	// <nil>
}

func ExampleReturnLastErr() {
	ctx, cancel := context.WithCancel(context.Background())
	errBusy := errors.New("busy")
	err := retry.Do(ctx, func(context.Context) error {
		cancel() // the caller gives up while the first call runs
		return errBusy
	}, retry.Attempts(5), retry.NoDelay(), retry.ReturnLastErr())
	fmt.Println(err == errBusy)
	// Output: true
}

func ExampleCtxErr() {
	ctx, cancel := context.WithCancel(context.Background())
	err := retry.Do(ctx, func(context.Context) error {
		cancel()
		return errors.New("busy")
	}, retry.Attempts(5), retry.NoDelay())
	if ctxErr := retry.CtxErr(err); ctxErr != nil {
		fmt.Println("stopped:", ctxErr)
	}
	// Output: stopped: context canceled
}

func ExampleGiveUpAfter() {
	start := time.Now()
	calls := 0
	err := retry.Do(context.Background(), func(context.Context) error {
		calls++
		return errors.New("not yet")
	}, retry.Attempts(retry.Unlimited), retry.NoDelay(), retry.GiveUpAfter(0))
	fmt.Println(calls, err, time.Since(start) < time.Second)
	// Output: 1 not yet true
}
