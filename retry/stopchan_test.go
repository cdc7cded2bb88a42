package retry_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// A value sent during the second wait ends it at once: no third call, a *StoppedError that
// matches ErrStopped and the last error, the value kept, and the outcome says why.
func TestWaitsEndOnValue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(5)
		ch := make(chan int)
		go func() {
			time.Sleep(1500 * time.Millisecond)
			ch <- 42
		}()
		var got int
		var out retry.Outcome
		err := retry.Do(t.Context(), s.op, retry.Attempts(5), retry.Constant(time.Second),
			retry.WaitsEndOn(ch, &got), retry.OnDone(func(o retry.Outcome) { out = o }))
		s.wantCalls(t, at(0, 1)...)
		var se *retry.StoppedError
		if !errors.As(err, &se) || se.Attempts != 2 || se.Err != s.last() || !errors.Is(err, retry.ErrStopped) || !errors.Is(err, s.last()) {
			t.Fatalf("err = %v", err)
		}
		if got != 42 {
			t.Errorf("got = %d, want 42", got)
		}
		if out.Reason != retry.StopChannel || out.Attempts != 2 || out.Err != err || out.Waited != 1500*time.Millisecond {
			t.Errorf("OnDone saw %+v", out)
		}
		if time.Since(s.start) != 1500*time.Millisecond {
			t.Errorf("Do returned after %v, want 1.5s", time.Since(s.start))
		}
	})
}

// A channel that never becomes ready changes nothing: the same calls, the same last error.
func TestWaitsEndOnQuiet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(5)
		err := retry.Do(t.Context(), s.op, retry.Attempts(3), retry.Constant(time.Second), retry.WaitsEndOn(make(chan struct{}), nil))
		s.wantCalls(t, at(0, 1, 2)...)
		if err != s.last() {
			t.Errorf("err = %v, want %v", err, s.last())
		}
	})
}

// A closed channel stops Do at its first wait, one of no length included, and the first
// call is always made.
func TestWaitsEndOnClosed(t *testing.T) {
	for _, d := range []time.Duration{0, time.Second} {
		t.Run(d.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := failing(5)
				stop := make(chan struct{})
				close(stop)
				err := retry.Do(t.Context(), s.op, retry.Attempts(5), retry.Constant(d), retry.WaitsEndOn(stop, nil))
				s.wantCalls(t, 0)
				if !errors.Is(err, retry.ErrStopped) || !errors.Is(err, s.last()) {
					t.Errorf("err = %v", err)
				}
			})
		})
	}
}

// ctx still cuts the waits short, and WaitsIgnoreCtx still keeps them deaf to it: only the
// channel ends them then.
func TestWaitsEndOnCtx(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 1500*time.Millisecond)
		defer cancel()
		s := failing(5)
		err := retry.Do(ctx, s.op, retry.Attempts(5), retry.Constant(time.Second), retry.WaitsEndOn(make(chan struct{}), nil), retry.ReturnCtxErr())
		s.wantCalls(t, at(0, 1)...)
		if err != context.DeadlineExceeded {
			t.Errorf("err = %v, want the deadline", err)
		}

		ctx, cancel = context.WithCancel(t.Context())
		cancel()
		stop := make(chan struct{})
		go func() {
			time.Sleep(2500 * time.Millisecond)
			close(stop)
		}()
		s = failing(5)
		err = retry.Do(ctx, s.op, retry.Attempts(5), retry.Constant(time.Second), retry.WaitsEndOn(stop, nil), retry.WaitsIgnoreCtx())
		s.wantCalls(t, at(0, 1, 2)...)
		if !errors.Is(err, retry.ErrStopped) {
			t.Errorf("err = %v, want a stop", err)
		}
	})
}

// StopBefore looks before every call, the first included, and never during a wait: a close
// in the middle of the first wait lets the wait run out and stops before the second call.
func TestStopBefore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(5)
		stop := make(chan struct{})
		go func() {
			time.Sleep(500 * time.Millisecond)
			close(stop)
		}()
		var out retry.Outcome
		err := retry.Do(t.Context(), s.op, retry.Attempts(5), retry.Constant(time.Second),
			retry.StopBefore(stop, nil), retry.OnDone(func(o retry.Outcome) { out = o }))
		s.wantCalls(t, 0)
		var se *retry.StoppedError
		if !errors.As(err, &se) || se.Attempts != 1 || se.Err != s.last() {
			t.Fatalf("err = %v", err)
		}
		if time.Since(s.start) != time.Second {
			t.Errorf("Do returned after %v, want 1s: the wait is not cut short", time.Since(s.start))
		}
		if out.Reason != retry.StopChannel || out.Attempts != 1 {
			t.Errorf("OnDone saw %+v", out)
		}
	})
}

// A channel ready before Do: no call at all, from Do, DoValue and a Policy alike, and the
// value sent is kept.
func TestStopBeforeFirst(t *testing.T) {
	ch := make(chan string, 3)
	ch <- "a"
	ch <- "b"
	ch <- "c"
	calls := 0
	var got string
	err := retry.Do(t.Context(), func(context.Context) error { calls++; return nil }, retry.StopBefore(ch, &got))
	var se *retry.StoppedError
	if calls != 0 || !errors.As(err, &se) || se.Attempts != 0 || se.Err != nil || got != "a" {
		t.Fatalf("Do made %d calls, returned %v, kept %q", calls, err, got)
	}
	v, err := retry.DoValue(t.Context(), func(context.Context) (int, error) { calls++; return 1, nil }, retry.StopBefore(ch, &got))
	if calls != 0 || v != 0 || !errors.Is(err, retry.ErrStopped) || got != "b" {
		t.Fatalf("DoValue made %d calls, returned %d, %v, kept %q", calls, v, err, got)
	}
	p := retry.New(retry.StopBefore(ch, &got))
	if err := p.Do(t.Context(), func(context.Context) error { calls++; return nil }); calls != 0 || !errors.Is(err, retry.ErrStopped) || got != "c" {
		t.Fatalf("Policy.Do made %d calls, returned %v, kept %q", calls, err, got)
	}
	if err := p.Do(t.Context(), func(context.Context) error { calls++; return nil }); calls != 1 || err != nil {
		t.Fatalf("with the channel empty, Policy.Do made %d calls and returned %v", calls, err)
	}
}

// The last of WaitsEndOn and StopBefore wins.
func TestStopLastWins(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		stop := make(chan struct{})
		close(stop)
		s := failing(5)
		err := retry.Do(t.Context(), s.op, retry.Attempts(3), retry.NoDelay(), retry.StopBefore(stop, nil), retry.WaitsEndOn(make(chan struct{}), nil))
		s.wantCalls(t, 0, 0, 0)
		if err != s.last() {
			t.Errorf("err = %v, want the last error", err)
		}
	})
}

// Stopped is errors.Is with ErrStopped: true for a *StoppedError, wrapped or not, and for
// nothing else.
func TestStopped(t *testing.T) {
	se := &retry.StoppedError{Attempts: 1, Err: errBoom}
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{se, true},
		{fmt.Errorf("flush: %w", se), true},
		{retry.ErrStopped, true},
		{errBoom, false},
		{nil, false},
		{&retry.InterruptedError{Attempts: 1, Cause: context.Canceled, Err: errBoom}, false},
	} {
		if got := retry.Stopped(tc.err); got != tc.want {
			t.Errorf("Stopped(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestStoppedErrorText(t *testing.T) {
	for _, tc := range []struct {
		err  *retry.StoppedError
		want string
	}{
		{&retry.StoppedError{}, "retry: stopped before the first attempt"},
		{&retry.StoppedError{Attempts: 1, Err: errBoom}, "retry: stopped after 1 attempt; last error: boom"},
		{&retry.StoppedError{Attempts: 2, Err: errBoom}, "retry: stopped after 2 attempts; last error: boom"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func ExampleWaitsEndOn() {
	// resultCh says the task exited on its own: no need to kill it again.
	resultCh := make(chan int, 1)
	kill := func(context.Context) error {
		resultCh <- 137 // the task exits while the kill is under way
		return errors.New("kill: timed out")
	}
	var exit int
	err := retry.Do(context.Background(), kill, retry.Attempts(5), retry.Constant(time.Second), retry.WaitsEndOn(resultCh, &exit))
	if retry.Stopped(err) {
		fmt.Println("exited with", exit)
	}
	// Output: exited with 137
}
