// Package recursive holds functions that retry by calling themselves, with
// one try fewer and a longer pause each time.
package recursive

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// sendWithRetry sends up to tries times, pausing wait, then twice as long after
// each failure.
func sendWithRetry(send func() error, tries int, wait time.Duration) error { // want `hand-rolled retry function sendWithRetry \(tries attempts, exponential backoff from wait\)`
	err := send()
	if err == nil || tries <= 1 {
		return err
	}
	time.Sleep(wait)
	return sendWithRetry(send, tries-1, 2*wait)
}

// flushWithRetry flushes up to left times, 100ms apart; its pauses do not
// watch ctx, only the flush does.
func flushWithRetry(ctx context.Context, flush func(ctx context.Context) error, left int) error { // want `hand-rolled retry function flushWithRetry \(left attempts, constant delay of 100ms\)`
	err := flush(ctx)
	if left < 2 {
		return err
	}
	if err == nil {
		return nil
	}
	time.Sleep(100 * time.Millisecond)
	return flushWithRetry(ctx, flush, left-1)
}

// ErrConflict says another writer committed first: trying again would not
// help.
var ErrConflict = errors.New("conflict")

// commitWithRetry commits up to attempts times, waiting pause and then 50ms
// more after each failure, and gives up at once on a conflict.
func commitWithRetry(commit func() error, attempts int, pause time.Duration) (err error) { // want `hand-rolled retry function commitWithRetry \(attempts attempts, linear backoff from pause\)`
	if err = commit(); err != nil {
		if errors.Is(err, ErrConflict) {
			return fmt.Errorf("commit: %w", err)
		}
		if attempts--; attempts > 0 {
			time.Sleep(pause)
			return commitWithRetry(commit, attempts, pause+50*time.Millisecond)
		}
	}
	return err
}

// Commit commits up to three times, 10ms, then 60ms apart.
func Commit(commit func() error) error {
	return commitWithRetry(commit, 3, 10*time.Millisecond)
}

// Send sends up to four times, 20ms, 40ms, 80ms apart.
func Send(send func() error) error { return sendWithRetry(send, 4, 20*time.Millisecond) }

// Flush flushes up to five times, 100ms apart.
func Flush(ctx context.Context, flush func(ctx context.Context) error) error {
	return flushWithRetry(ctx, flush, 5)
}
