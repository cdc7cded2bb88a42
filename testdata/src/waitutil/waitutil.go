// Package waitutil holds a wait helper that other fixture packages call, so
// that the analyzer must carry what it learnt across packages.
package waitutil

import (
	"context"
	"time"
)

// Pause waits for d unless ctx ends first.
func Pause(ctx context.Context, d time.Duration) error { // want Pause:"waits"
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// Nap is time.Sleep under another name.
func Nap(d time.Duration) { time.Sleep(d) } // want Nap:"waits"

// Backoff sleeps for an exponentially growing delay chosen from attempt.
func Backoff(attempt int) { // want Backoff:"waits"
	time.Sleep(time.Duration(1<<attempt) * 10 * time.Millisecond)
}
