package retry_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/retrylint/retrylint/retry"
)

func TestStopClassifiers(t *testing.T) {
	wrappedB := fmt.Errorf("op: %w", errB)
	for _, tc := range []struct {
		name  string
		errs  []error
		opts  []retry.Option
		calls int
		want  error
	}{
		{"StopOn alone retries the rest", []error{errA, errA, errB, errA}, []retry.Option{retry.StopOn(errB)}, 3, errB},
		{"StopOn wrapped", []error{errA, wrappedB}, []retry.Option{retry.StopOn(errB)}, 2, wrappedB},
		{"StopOn no targets", []error{errA, errB}, []retry.Option{retry.StopOn()}, 3, nil},
		{"StopIf", []error{errA, errC}, []retry.Option{retry.StopIf(func(err error) bool { return err == errC })}, 2, errC},
		{"stop wins over retry", []error{errA, errB}, []retry.Option{retry.RetryOn(errA, errB), retry.StopOn(errB)}, 2, errB},
		{"stop wins whatever the order", []error{errA, errB}, []retry.Option{retry.StopOn(errB), retry.RetryIf(func(error) bool { return true })}, 2, errB},
		{"no stop match: the retry rule", []error{errA, errC}, []retry.Option{retry.StopOn(errB), retry.RetryOn(errA)}, 2, errC},
		{"stop predicates accumulate", []error{errA, errC}, []retry.Option{retry.StopOn(errB), retry.StopOn(errC)}, 2, errC},
		{"Permanent first", []error{retry.Permanent(errA)}, []retry.Option{retry.StopIf(func(error) bool { panic("called") })}, 1, errA},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls, err := callsUntilStop(t, tc.errs, tc.opts...)
			if calls != tc.calls || err != tc.want {
				t.Errorf("%d calls, Do = %v; want %d calls, %v", calls, err, tc.calls, tc.want)
			}
		})
	}
}

// The order of the questions: stop predicates in the order given, then retry predicates in
// the order given, up to the first decisive answer; none for the last call or a Permanent
// error.
func TestClassifierOrder(t *testing.T) {
	var asked []string
	ask := func(name string, answer bool) func(error) bool {
		return func(error) bool { asked = append(asked, name); return answer }
	}
	for _, tc := range []struct {
		name string
		opts []retry.Option
		want []string
	}{
		{"stop says yes first",
			[]retry.Option{retry.RetryIf(ask("r1", true)), retry.StopIf(ask("s1", true)), retry.StopIf(ask("s2", true))},
			[]string{"s1"}},
		{"stops, then retries up to the first yes",
			[]retry.Option{retry.RetryIf(ask("r1", false)), retry.StopIf(ask("s1", false)), retry.RetryIf(ask("r2", true)),
				retry.StopIf(ask("s2", false)), retry.RetryIf(ask("r3", true))},
			[]string{"s1", "s2", "r1", "r2"}},
		{"every retry predicate says no",
			[]retry.Option{retry.RetryIf(ask("r1", false)), retry.RetryIf(ask("r2", false))},
			[]string{"r1", "r2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			asked = nil
			callsUntilStop(t, []error{errA}, append(tc.opts, retry.Attempts(2))...)
			if !slices.Equal(asked, tc.want) {
				t.Errorf("asked %v, want %v", asked, tc.want)
			}
		})
	}
	// The last call Attempts allows is not classified.
	asked = nil
	callsUntilStop(t, []error{errA, errA}, retry.Attempts(1), retry.StopIf(ask("s1", false)), retry.RetryIf(ask("r1", true)))
	if len(asked) != 0 {
		t.Errorf("asked %v after the last call, want nothing", asked)
	}
}

func TestStopNilPanics(t *testing.T) {
	mustPanic(t, "StopIf(nil)", func() { retry.StopIf(nil) })
}

// StopOn keeps the identity of the error, wrapped or not, as the rest of Do does.
func TestStopOnReturnsTheError(t *testing.T) {
	errGone := errors.New("gone")
	wrapped := fmt.Errorf("get: %w", errGone)
	_, err := callsUntilStop(t, []error{errA, wrapped}, retry.StopOn(errGone))
	if err != wrapped || !errors.Is(err, errGone) {
		t.Errorf("Do = %v, want the wrapped error itself", err)
	}
}
