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

// An ended ctx: no call, and what Do returns when ctx ends between calls.
func TestCheckCtxFirstEnded(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for _, tc := range []struct {
		name string
		mode []retry.Option
		want func(error) bool
	}{
		{"interrupted", nil, func(err error) bool {
			var ie *retry.InterruptedError
			return errors.As(err, &ie) && ie.Attempts == 0 && ie.Err == nil && ie.CtxErr == context.Canceled && errors.Is(err, context.Canceled)
		}},
		{"ReturnCtxErr", []retry.Option{retry.ReturnCtxErr()}, func(err error) bool { return err == context.Canceled }},
		{"ReturnLastErr", []retry.Option{retry.ReturnLastErr()}, func(err error) bool { return err == context.Canceled }},
		{"WaitsIgnoreCtx", []retry.Option{retry.WaitsIgnoreCtx()}, func(err error) bool { return err == context.Canceled }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			var out retry.Outcome
			opts := append([]retry.Option{retry.CheckCtxFirst(), retry.OnDone(func(o retry.Outcome) { out = o })}, tc.mode...)
			err := retry.Do(ctx, func(context.Context) error { calls++; return nil }, opts...)
			if calls != 0 || !tc.want(err) {
				t.Errorf("Do made %d calls and returned %v", calls, err)
			}
			if out.Attempts != 0 || out.Reason != retry.StopInterrupted || out.Err != err {
				t.Errorf("OnDone saw %+v", out)
			}
			v, err := retry.DoValue(ctx, func(context.Context) (int, error) { calls++; return 7, nil }, append([]retry.Option{retry.CheckCtxFirst()}, tc.mode...)...)
			if calls != 0 || v != 0 || !tc.want(err) {
				t.Errorf("DoValue made %d calls and returned %d, %v", calls, v, err)
			}
			p := retry.New(append([]retry.Option{retry.CheckCtxFirst()}, tc.mode...)...)
			if err := p.Do(ctx, func(context.Context) error { calls++; return nil }); calls != 0 || !tc.want(err) {
				t.Errorf("Policy.Do made %d calls and returned %v", calls, err)
			}
		})
	}
}

// A live ctx: the calls are the same as without the option, and ctx is still looked at
// between them.
func TestCheckCtxFirstLive(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(2)
		err := retry.Do(t.Context(), s.op, retry.CheckCtxFirst(), retry.Attempts(5), retry.Constant(time.Second))
		if err != nil {
			t.Errorf("Do = %v, want nil", err)
		}
		s.wantCalls(t, at(0, 1, 2)...)

		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(1500*time.Millisecond, cancel)
		s = failing(10)
		err = retry.Do(ctx, s.op, retry.CheckCtxFirst(), retry.Attempts(5), retry.Constant(time.Second), retry.ReturnCtxErr())
		if err != context.Canceled {
			t.Errorf("Do = %v, want context.Canceled", err)
		}
		s.wantCalls(t, at(0, 1)...)
	})
}

// A loop that tests its context before every attempt, the first included.
func ExampleCheckCtxFirst() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	err := retry.Do(ctx, func(context.Context) error {
		calls++
		return nil
	}, retry.Attempts(retry.Unlimited), retry.NoDelay(), retry.CheckCtxFirst(), retry.ReturnCtxErr())
	fmt.Println(calls, err)
	// Output: 0 context canceled
}
