// Package doubling holds a retry whose pause is drawn from a window that
// doubles after each wait, in a variable of its own, up to a cap.
package doubling

import (
	"context"
	"errors"
	"time"
)

// ErrHeld says another owner holds the lock.
var ErrHeld = errors.New("lock held")

// Acquire takes the lock while it is held by another, pausing a share of
// a window of 10ms that doubles after each pause, up to 80ms, until ctx
// ends; jitter picks the share.
func Acquire(ctx context.Context, lock func(ctx context.Context) error, jitter func(n int) int) error {
	window := 10
	for { // want `hand-rolled retry loop \(computed delay\)`
		err := lock(ctx)
		if err == nil {
			return nil
		}
		if !errors.Is(err, ErrHeld) {
			return err
		}
		select {
		case <-time.After(time.Duration(jitter(window)) * time.Millisecond):
			if window < 80 {
				window *= 2
			}
		case <-ctx.Done():
			return err
		}
	}
}
