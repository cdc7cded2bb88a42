// Package gotoloop retries with a label and a goto back to it rather than a
// for statement. The label, the counter and the gotos go with the rewrite;
// what the code after the label did on each failure is what retry.Do does.
package gotoloop

import (
	"context"
	"fmt"
	"time"
)

// Push sends until it succeeds, at most five times, 200ms apart; the pause
// ends early when ctx ends, and Push then returns ctx's error.
func Push(ctx context.Context, send func(context.Context) error) error {
	attempt := 0
retry: // want `^hand-rolled retry loop \(5 attempts, constant delay of 200ms\) can be replaced by retry.Do$`
	if err := send(ctx); err != nil {
		attempt++
		if attempt >= 5 {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		goto retry
	}
	return nil
}

// Start starts a container, trying again while the failure is transient, up
// to five more times, each pause 50ms longer than the last; a failure that
// lasts is wrapped, any other is returned as it is.
func Start(start func() error, transient func(error) bool) error {
	attempted := 0
START: // want `^hand-rolled retry loop \(6 attempts, linear backoff from 50ms\) can be replaced by retry.Do$`
	err := start()
	if err == nil {
		return nil
	}
	if transient(err) {
		if attempted < 5 {
			attempted++
			time.Sleep(time.Duration(attempted) * 50 * time.Millisecond)
			goto START
		}
		return fmt.Errorf("still failing: %w", err)
	}
	return err
}
