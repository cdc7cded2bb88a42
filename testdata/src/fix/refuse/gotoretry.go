package refuse

import (
	"context"
	"errors"
	"time"
)

var errBusy = errors.New("busy")

func submit() error { return nil }

// submitWithGoto retries through a label instead of a for statement: a
// failure that is worth another try jumps back to the call, up to three
// times, a second apart. It is a retry all the same; the rewrite would have
// to move code a goto jumps to, so it gets no fix.
func submitWithGoto() error {
	tries := 0
again: // want `^hand-rolled retry loop \(4 attempts, constant delay of 1s\) can be replaced by retry.Do; no automatic fix: the function uses goto$`
	err := submit()
	if err != nil && errors.Is(err, errBusy) && tries < 3 {
		tries++
		time.Sleep(time.Second)
		goto again
	}
	return err
}

// submitCtxGoto counts its failures and gives up after the fifth; the
// pause between tries ends early when ctx ends.
func submitCtxGoto(ctx context.Context) error {
	attempt := 0
retry: // want `^hand-rolled retry loop \(5 attempts, constant delay of 200ms\) can be replaced by retry.Do; no automatic fix: the function uses goto$`
	if err := submit(); err != nil {
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
