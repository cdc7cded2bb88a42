// Package stepcounter counts its attempts in a variable that only the delay
// (and a log of it) reads: the loop is bounded by its context, or by the
// delay growing past a limit, not by the count.
package stepcounter

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrFatal marks an error that no retry can fix.
var ErrFatal = errors.New("fatal")

// backoff doubles base for each attempt made, up to limit.
func backoff(base, limit time.Duration, attempt uint64) time.Duration {
	if attempt > 30 {
		return limit
	}
	return min(base<<attempt, limit)
}

// Renew renews a lease until it succeeds, the error is fatal or ctx ends,
// waiting 100ms, 200ms, ... up to 1s between tries.
func Renew(ctx context.Context, renew func(context.Context) (time.Duration, error)) (time.Duration, error) {
	var attempts uint64
	for { // want `hand-rolled retry loop`
		ttl, err := renew(ctx)
		if err == nil {
			return ttl, nil
		}
		if errors.Is(err, ErrFatal) {
			return 0, err
		}
		wait := backoff(100*time.Millisecond, time.Second, attempts)
		attempts++
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(wait):
		}
	}
}

// Report reports a check's state; while the check is not registered yet it
// tries again after 250ms, then 1s, and gives up once the next wait would
// pass 2s.
func Report(ctx context.Context, update func() error) error {
	for tries := 0; ; tries++ { // want `hand-rolled retry loop`
		err := update()
		if err == nil {
			return nil
		}
		wait := (1 << (2 * uint(tries))) * 250 * time.Millisecond
		if wait > 2*time.Second {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

// newTimer returns a stopped timer and the function that releases it.
func newTimer() (*time.Timer, func()) {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return t, func() { t.Stop() }
}

// Preflight checks a token until the store knows it or ctx ends, logging
// each wait: 50ms, then 100ms, 200ms, capped at 400ms.
func Preflight(ctx context.Context, check func() error, logf func(string, ...any)) error {
	timer, release := newTimer()
	defer release()
	var n uint64
	for { // want `hand-rolled retry loop`
		err := check()
		if err == nil {
			return nil
		}
		wait := backoff(50*time.Millisecond, 400*time.Millisecond, n)
		n++
		logf("token not ready: %v (again in %s)", err, wait)
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return err
		case <-timer.C:
		}
	}
}

// Refresh refreshes a token until it succeeds or ctx ends; a fatal error is
// logged and wrapped, while the end of ctx returns ctx.Err() as it is.
func Refresh(ctx context.Context, refresh func(context.Context) error, logf func(string, ...any)) error {
	var attempts uint64
	for { // want `hand-rolled retry loop`
		err := refresh(ctx)
		if err == nil {
			return nil
		}
		if errors.Is(err, ErrFatal) {
			logf("giving up: %v", err)
			return fmt.Errorf("refresh: %w", err)
		}
		wait := backoff(10*time.Millisecond, 80*time.Millisecond, attempts)
		attempts++
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// Probe asks the agent for its version until it answers or ctx ends, and
// logs what it found; a timer made before the loop times the waits, whose
// delay a variable declared beside it holds.
func Probe(ctx context.Context, self func() (string, error), logf func(string, ...any)) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	var tries uint64
	var wait time.Duration
	for { // want `hand-rolled retry loop`
		v, err := self()
		if err == nil {
			logf("agent %s", v)
			return
		}
		wait = backoff(20*time.Millisecond, 100*time.Millisecond, tries)
		tries++
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
	}
}
