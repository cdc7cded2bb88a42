package retry_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// flaky returns an operation that fails n times with err and then succeeds.
func flaky(n int, err error) func(context.Context) error {
	return func(context.Context) error {
		if n > 0 {
			n--
			return err
		}
		return nil
	}
}

func ExampleDo() {
	err := retry.Do(context.Background(), flaky(2, errors.New("connection reset")),
		retry.Attempts(5), retry.NoDelay(),
		retry.OnFailure(func(a retry.Attempt) { fmt.Printf("attempt %d failed: %v\n", a.Number, a.Err) }))
	fmt.Println("err:", err)
	// Output:
	// attempt 1 failed: connection reset
	// attempt 2 failed: connection reset
	// err: <nil>
}

func ExampleDo_lastError() {
	errDown := errors.New("service down")
	err := retry.Do(context.Background(), flaky(10, errDown), retry.Attempts(3), retry.NoDelay())
	// The operation's own last error comes back, the same value.
	fmt.Println(err == errDown, err)
	// Output: true service down
}

func ExampleDoValue() {
	calls := 0
	v, err := retry.DoValue(context.Background(), func(context.Context) (string, error) {
		calls++
		if calls < 3 {
			return "", io.ErrUnexpectedEOF
		}
		return "hello", nil
	}, retry.RetryIf(retry.IsTransient), retry.NoDelay())
	fmt.Println(v, err, calls)
	// Output: hello <nil> 3
}

func ExampleNew() {
	// Built once, shared by every request of a service.
	p := retry.New(retry.Attempts(4), retry.Exponential(100*time.Millisecond, 2), retry.MaxDelay(time.Second))
	for n := 1; n <= 5; n++ {
		fmt.Printf("wait after failed call %d: %v\n", n, p.Delay(n, nil))
	}
	// Output:
	// wait after failed call 1: 100ms
	// wait after failed call 2: 200ms
	// wait after failed call 3: 400ms
	// wait after failed call 4: 800ms
	// wait after failed call 5: 1s
}

func ExamplePolicy_Delay() {
	// The defaults: exponential from 500ms doubling, capped at 30s.
	var p *retry.Policy
	for n := 1; n <= 8; n++ {
		fmt.Print(p.Delay(n, nil), " ")
	}
	fmt.Println()
	// Output: 500ms 1s 2s 4s 8s 16s 30s 30s
}

func ExamplePolicy_With() {
	base := retry.New(retry.Attempts(3), retry.Constant(time.Second))
	patient := base.With(retry.Attempts(10), retry.Linear(time.Second))
	fmt.Println(base.Delay(4, nil), patient.Delay(4, nil))
	// Output: 1s 4s
}

func ExampleFrom() {
	shared := retry.New(retry.Attempts(5), retry.NoDelay())
	calls := 0
	_, err := retry.DoValue(context.Background(), func(context.Context) (int, error) {
		calls++
		return 0, errors.New("nope")
	}, retry.From(shared), retry.Attempts(2)) // the shared policy, with fewer attempts
	fmt.Println(calls, err)
	// Output: 2 nope
}

func ExampleWrap() {
	ping := retry.Wrap(flaky(1, errors.New("timeout")), retry.NoDelay())
	fmt.Println(ping(context.Background()))
	// Output: <nil>
}

func ExampleLinear() {
	// time.Sleep(time.Duration(attempt) * 250*time.Millisecond) after failed call attempt.
	p := retry.New(retry.Linear(250 * time.Millisecond))
	fmt.Println(p.Delay(1, nil), p.Delay(2, nil), p.Delay(3, nil))
	// Output: 250ms 500ms 750ms
}

func ExampleLinearFrom() {
	p := retry.New(retry.LinearFrom(time.Second, 500*time.Millisecond))
	fmt.Println(p.Delay(1, nil), p.Delay(2, nil), p.Delay(3, nil))
	// Output: 1s 1.5s 2s
}

func ExampleExponential() {
	p := retry.New(retry.Exponential(100*time.Millisecond, 1.5), retry.MaxDelay(time.Second))
	fmt.Println(p.Delay(1, nil), p.Delay(2, nil), p.Delay(3, nil), p.Delay(10, nil))
	// Output: 100ms 150ms 225ms 1s
}

func ExampleDelayFunc() {
	errBusy := errors.New("database is locked")
	p := retry.New(retry.DelayFunc(func(attempt int, err error) time.Duration {
		if errors.Is(err, errBusy) {
			return 50 * time.Millisecond
		}
		return time.Duration(attempt) * time.Second
	}))
	fmt.Println(p.Delay(1, errBusy), p.Delay(3, errors.New("other")))
	// Output: 50ms 3s
}

func ExamplePermanent() {
	errBadRequest := errors.New("bad request")
	calls := 0
	err := retry.Do(context.Background(), func(context.Context) error {
		calls++
		return retry.Permanent(errBadRequest)
	}, retry.NoDelay())
	fmt.Println(calls, err == errBadRequest)
	// Output: 1 true
}

func ExampleRetryOn() {
	errBusy := errors.New("busy")
	errGone := errors.New("gone")
	op := func() func(context.Context) error {
		errs := []error{fmt.Errorf("query: %w", errBusy), errGone}
		return func(context.Context) error {
			err := errs[0]
			errs = errs[1:]
			return err
		}
	}()
	err := retry.Do(context.Background(), op, retry.RetryOn(errBusy), retry.NoDelay())
	fmt.Println(err)
	// Output: gone
}

func ExampleIsTransient() {
	for _, err := range []error{
		io.ErrUnexpectedEOF,
		&retry.StatusError{StatusCode: http.StatusServiceUnavailable},
		&retry.StatusError{StatusCode: http.StatusNotFound},
		context.Canceled,
	} {
		fmt.Println(retry.IsTransient(err), err)
	}
	// Output:
	// true unexpected EOF
	// true retry: http status 503 Service Unavailable
	// false retry: http status 404 Not Found
	// false context canceled
}

// roundTrip lets an example answer HTTP requests without a network.
type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func ExampleCheckResponse() {
	calls := 0
	client := &http.Client{Transport: roundTrip(func(*http.Request) (*http.Response, error) {
		calls++
		if calls == 1 {
			return &http.Response{StatusCode: 503, Status: "503 Service Unavailable",
				Header: http.Header{"Retry-After": {"0"}}, Body: io.NopCloser(strings.NewReader(""))}, nil
		}
		return &http.Response{StatusCode: 200, Status: "200 OK", Body: io.NopCloser(strings.NewReader("ok"))}, nil
	})}
	body, err := retry.DoValue(context.Background(), func(ctx context.Context) (string, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://example.invalid/", nil)
		if err != nil {
			return "", retry.Permanent(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		if err := retry.CheckResponse(resp); err != nil {
			return "", err // waits at least Retry-After before the next call
		}
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}, retry.RetryIf(retry.IsTransient), retry.NoDelay())
	fmt.Println(body, err, calls)
	// Output: ok <nil> 2
}

func ExampleParseRetryAfter() {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, h := range []string{"120", "Sat, 01 Mar 2025 12:00:30 GMT", "-1", "soon"} {
		d, ok := retry.ParseRetryAfter(h, now)
		fmt.Println(d, ok)
	}
	// Output:
	// 2m0s true
	// 30s true
	// 0s false
	// 0s false
}

func ExampleInterruptedError() {
	ctx, cancel := context.WithCancel(context.Background())
	errDown := errors.New("service down")
	err := retry.Do(ctx, func(context.Context) error {
		cancel() // for example, the service is shutting down
		return errDown
	})
	var ie *retry.InterruptedError
	fmt.Println(errors.As(err, &ie), ie.Attempts, errors.Is(err, context.Canceled), errors.Is(err, errDown))
	fmt.Println(err)
	// Output:
	// true 1 true true
	// retry: interrupted after 1 attempt: context canceled; last error: service down
}

func ExampleOnDone() {
	var calls, retriedOK, gaveUp atomic.Int64
	p := retry.New(retry.NoDelay(), retry.OnDone(func(o retry.Outcome) {
		calls.Add(int64(o.Attempts))
		switch {
		case o.Err == nil && o.Retried():
			retriedOK.Add(1)
		case o.Err != nil:
			gaveUp.Add(1)
		}
	}))
	ctx := context.Background()
	p.Do(ctx, flaky(0, nil))
	p.Do(ctx, flaky(1, errors.New("blip")))
	p.Do(ctx, flaky(9, errors.New("down")))
	fmt.Println("calls", calls.Load(), "succeeded after retries", retriedOK.Load(), "gave up", gaveUp.Load())
	// Output: calls 6 succeeded after retries 1 gave up 1
}

func ExampleLogger() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "elapsed" {
				return slog.Attr{} // keep the output stable
			}
			return a
		},
	}))
	retry.Do(context.Background(), flaky(1, errors.New("blip")), retry.NoDelay(), retry.Logger(logger))
	// Output:
	// level=WARN msg="retry: attempt failed" attempt=1 max=3 delay=0s error=blip
	// level=INFO msg="retry: succeeded" attempt=2 max=3
}
