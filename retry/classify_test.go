package retry_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"

	"github.com/retrylint/retrylint/retry"
)

var (
	errA = errors.New("a")
	errB = errors.New("b")
	errC = errors.New("c")
)

type codeError struct{ code int }

func (e *codeError) Error() string { return fmt.Sprintf("code %d", e.code) }

// callsUntilStop runs Do over errs (then success) and returns the number of calls and the result.
func callsUntilStop(t *testing.T, errs []error, opts ...retry.Option) (int, error) {
	var n int
	var err error
	synctest.Test(t, func(t *testing.T) {
		s := newScript(errs...)
		err = retry.Do(t.Context(), s.op, append([]retry.Option{retry.Attempts(10), retry.NoDelay()}, opts...)...)
		n = len(s.calls)
	})
	return n, err
}

func TestClassifiers(t *testing.T) {
	wrappedB := fmt.Errorf("op: %w", errB)
	coded := fmt.Errorf("op: %w", &codeError{7})
	for _, tc := range []struct {
		name  string
		errs  []error
		opts  []retry.Option
		calls int
		err   error
	}{
		{"none retries all", []error{errA, errB, errC}, nil, 4, nil},
		{"RetryIf no", []error{errA, errB}, []retry.Option{retry.RetryIf(func(error) bool { return false })}, 1, errA},
		{"RetryIf by error", []error{errA, errA, errB, errA}, []retry.Option{retry.RetryIf(func(err error) bool { return err == errA })}, 3, errB},
		{"RetryOn wrapped", []error{wrappedB, errA}, []retry.Option{retry.RetryOn(errB)}, 2, errA},
		{"RetryOn several", []error{errA, errB, errC}, []retry.Option{retry.RetryOn(errA, errB)}, 3, errC},
		{"RetryOn none matches nothing", []error{errA}, []retry.Option{retry.RetryOn()}, 1, errA},
		{"RetryOnType", []error{coded, coded, errA}, []retry.Option{retry.RetryOnType[*codeError]()}, 3, errA},
		{"accumulate with OR", []error{errA, coded, errB, errC}, []retry.Option{retry.RetryOn(errA), retry.RetryOnType[*codeError](), retry.RetryIf(func(err error) bool { return err == errB })}, 4, errC},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := callsUntilStop(t, tc.errs, tc.opts...)
			if n != tc.calls || err != tc.err {
				t.Errorf("%d calls returning %v, want %d returning %v", n, err, tc.calls, tc.err)
			}
		})
	}
}

func TestRetryIfNilPanics(t *testing.T) {
	mustPanic(t, "RetryIf(nil)", func() { retry.RetryIf(nil) })
}

type retryableErr bool

func (e retryableErr) Error() string   { return fmt.Sprintf("retryable=%v", bool(e)) }
func (e retryableErr) Retryable() bool { return bool(e) }

type temporaryErr bool

func (e temporaryErr) Error() string   { return fmt.Sprintf("temporary=%v", bool(e)) }
func (e temporaryErr) Temporary() bool { return bool(e) }

type timeoutErr bool

func (e timeoutErr) Error() string { return fmt.Sprintf("timeout=%v", bool(e)) }
func (e timeoutErr) Timeout() bool { return bool(e) }

// wrapErr wraps an error and says Temporary() itself, to test the order of preference.
type wrapErr struct {
	temporary bool
	err       error
}

func (e wrapErr) Error() string   { return "wrap: " + e.err.Error() }
func (e wrapErr) Unwrap() error   { return e.err }
func (e wrapErr) Temporary() bool { return e.temporary }

func TestIsRetryable(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errA, false},
		{retryableErr(true), true},
		{retryableErr(false), false},
		{temporaryErr(true), true},
		{temporaryErr(false), false},
		{timeoutErr(true), true},
		{timeoutErr(false), false},
		{fmt.Errorf("op: %w", retryableErr(true)), true},
		{errors.Join(errA, timeoutErr(true)), true},
		// Retryable is preferred to Temporary, wherever it is in the chain.
		{wrapErr{true, retryableErr(false)}, false},
		{wrapErr{false, retryableErr(true)}, true},
		// Temporary is preferred to Timeout.
		{wrapErr{false, timeoutErr(true)}, false},
		{context.DeadlineExceeded, true},
		{context.Canceled, false},
	} {
		if got := retry.IsRetryable(tc.err); got != tc.want {
			t.Errorf("IsRetryable(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
