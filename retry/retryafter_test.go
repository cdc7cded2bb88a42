package retry_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

var now = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

const largest = time.Duration(1<<63 - 1)

func TestParseRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		h    string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{" 5 ", 5 * time.Second, true},
		{"0", 0, true},
		{"007", 7 * time.Second, true},
		{"", 0, false},
		{"   ", 0, false},
		{"-5", 0, false},
		{"+5", 0, false},
		{"1.5", 0, false},
		{"5s", 0, false},
		{"abc", 0, false},
		{"1e3", 0, false},
		{"Sat, 01 Mar 2025 12:01:30 GMT", 90 * time.Second, true},    // IMF-fixdate
		{"Saturday, 01-Mar-25 12:00:10 GMT", 10 * time.Second, true}, // RFC 850
		{"Sat Mar  1 12:00:03 2025", 3 * time.Second, true},          // ANSI C asctime
		{"Sat, 01 Mar 2025 11:00:00 GMT", 0, true},                   // in the past: now
		{"Sat, 01 Mar 2025 25:00:00 GMT", 0, false},
		{"9223372036", 9223372036 * time.Second, true},
		{"9223372037", largest, true},                 // just over the largest Duration: saturates
		{"99999999999999999999999999", largest, true}, // over uint64 too
	} {
		got, ok := retry.ParseRetryAfter(tc.h, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseRetryAfter(%q) = %v, %v, want %v, %v", tc.h, got, ok, tc.want, tc.ok)
		}
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"120", "-1", "Sat, 01 Mar 2025 12:01:30 GMT", "99999999999999999999", "1.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		d, ok := retry.ParseRetryAfter(h, now)
		if d < 0 || !ok && d != 0 {
			t.Errorf("ParseRetryAfter(%q) = %v, %v", h, d, ok)
		}
	})
}

func TestRetryAfterFrom(t *testing.T) {
	resp := func(h ...string) *http.Response {
		r := &http.Response{Header: http.Header{}}
		for i := 0; i < len(h); i += 2 {
			r.Header.Set(h[i], h[i+1])
		}
		return r
	}
	if d, ok := retry.RetryAfterFrom(nil); ok || d != 0 {
		t.Errorf("RetryAfterFrom(nil) = %v, %v", d, ok)
	}
	if d, ok := retry.RetryAfterFrom(resp()); ok || d != 0 {
		t.Errorf("RetryAfterFrom(no header) = %v, %v", d, ok)
	}
	if d, ok := retry.RetryAfterFrom(resp("Retry-After", "3")); !ok || d != 3*time.Second {
		t.Errorf("RetryAfterFrom(3) = %v, %v", d, ok)
	}
	// A date is measured from the response's Date, not the local clock.
	r := resp("Date", "Sat, 01 Mar 2025 12:00:00 GMT", "Retry-After", "Sat, 01 Mar 2025 12:00:42 GMT")
	if d, ok := retry.RetryAfterFrom(r); !ok || d != 42*time.Second {
		t.Errorf("RetryAfterFrom(date, Date header) = %v, %v, want 42s", d, ok)
	}
	// Without a Date header, from time.Now (fake time here).
	synctest.Test(t, func(t *testing.T) {
		at := time.Now().Add(time.Minute).UTC().Format(http.TimeFormat)
		if d, ok := retry.RetryAfterFrom(resp("Retry-After", at)); !ok || d != time.Minute {
			t.Errorf("RetryAfterFrom(date) = %v, %v, want 1m", d, ok)
		}
	})
}

func TestAfterAndDelayOf(t *testing.T) {
	if retry.After(nil, time.Second) != nil {
		t.Error("After(nil) != nil")
	}
	e := retry.After(errA, 3*time.Second)
	if !errors.Is(e, errA) || e.Error() != "a" {
		t.Errorf("After(a) = %v, want an error that is a and reads like it", e)
	}
	for _, tc := range []struct {
		err  error
		want time.Duration
		ok   bool
	}{
		{nil, 0, false},
		{errA, 0, false},
		{e, 3 * time.Second, true},
		{fmt.Errorf("x: %w", e), 3 * time.Second, true},
		{errors.Join(errB, e), 3 * time.Second, true},
		{errors.Join(errB, errC), 0, false},
		{retry.After(errA, 0), 0, false},
		{retry.After(errA, -time.Second), 0, false},
		{&retry.StatusError{StatusCode: 503, RetryAfter: 2 * time.Second}, 2 * time.Second, true},
		{fmt.Errorf("x: %w", &retry.StatusError{StatusCode: 503}), 0, false},
		// the first in the chain decides
		{retry.After(&retry.StatusError{StatusCode: 503, RetryAfter: 2 * time.Second}, time.Second), time.Second, true},
	} {
		if d, ok := retry.DelayOf(tc.err); d != tc.want || ok != tc.ok {
			t.Errorf("DelayOf(%v) = %v, %v, want %v, %v", tc.err, d, ok, tc.want, tc.ok)
		}
	}
}

func TestServerDelayCombination(t *testing.T) {
	for _, tc := range []struct {
		name string
		errs []error
		opts []retry.Option
		want []time.Duration
	}{
		{"longer than the schedule wins", []error{retry.After(errA, 3*time.Second), errA}, nil, at(0, 3, 4)},
		{"shorter than the schedule loses", []error{retry.After(errA, 100*time.Millisecond), errA}, nil, at(0, 1, 2)},
		{"zero and negative are ignored", []error{retry.After(errA, 0), retry.After(errA, -time.Hour)}, nil, at(0, 1, 2)},
		{"capped", []error{retry.After(errA, time.Hour), errA}, []retry.Option{retry.MaxDelay(5 * time.Second)}, at(0, 5, 6)},
		{"a wrapped StatusError", []error{fmt.Errorf("get: %w", &retry.StatusError{StatusCode: 429, RetryAfter: 7 * time.Second}), errA}, nil, at(0, 7, 8)},
		{"above jitter", []error{retry.After(errA, 2*time.Second), errA}, []retry.Option{retry.FullJitter(), retry.RandSource(seq(0.5))}, at(0, 2, 2.5)},
		{"huge is still capped", []error{retry.After(errA, largest), errA}, []retry.Option{retry.MaxDelay(time.Minute)}, at(0, 60, 61)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := newScript(append(tc.errs, errA, errA, errA)...)
				retry.Do(t.Context(), s.op, append([]retry.Option{retry.Constant(time.Second)}, tc.opts...)...)
				s.wantCalls(t, tc.want...)
			})
		})
	}
}

// A server delay longer than what is left of ctx's deadline ends Do at once.
func TestServerDelayPastDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		last := retry.After(errA, largest)
		s := newScript(last)
		err := retry.Do(ctx, s.op, retry.Constant(time.Second))
		s.wantCalls(t, 0)
		interrupted(t, err, 1, context.DeadlineExceeded, last)
	})
}
