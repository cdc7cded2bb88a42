package retry_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

// script is an operation that fails with errs in order and then succeeds, recording the fake
// time of each call since the script was made. Make it inside a synctest bubble.
type script struct {
	start time.Time
	errs  []error
	took  time.Duration // how long each call takes, on fake time
	calls []time.Duration
}

func newScript(errs ...error) *script { return &script{start: time.Now(), errs: errs} }

// failing returns a script failing n times with distinct errors e1, e2, ...
func failing(n int) *script {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = fmt.Errorf("e%d", i+1)
	}
	return newScript(errs...)
}

func (s *script) op(ctx context.Context) error {
	s.calls = append(s.calls, time.Since(s.start))
	if s.took > 0 {
		time.Sleep(s.took)
	}
	if i := len(s.calls) - 1; i < len(s.errs) {
		return s.errs[i]
	}
	return nil
}

// last is the error of the last call made.
func (s *script) last() error {
	if i := len(s.calls) - 1; i < len(s.errs) {
		return s.errs[i]
	}
	return nil
}

// wantCalls fails the test unless the script was called at exactly these times.
func (s *script) wantCalls(t *testing.T, want ...time.Duration) {
	t.Helper()
	if !slices.Equal(s.calls, want) {
		t.Errorf("calls at %v, want %v", s.calls, want)
	}
}

// at turns seconds into durations, for readable expectations.
func at(secs ...float64) []time.Duration {
	ds := make([]time.Duration, len(secs))
	for i, s := range secs {
		ds[i] = time.Duration(s * float64(time.Second))
	}
	return ds
}

// seq returns a random source yielding vals in turn, repeating the last one.
func seq(vals ...float64) func() float64 {
	i := 0
	return func() float64 {
		v := vals[min(i, len(vals)-1)]
		i++
		return v
	}
}

// errBoom is a plain error for tests that need just one.
var errBoom = errors.New("boom")

// mustPanic fails the test unless f panics.
func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", name)
		}
	}()
	f()
}
