package refuse

import (
	"context"
	"time"
)

// Drain tests its context before every attempt, the first included, and
// returns the last error once it ended: before the first attempt that is
// the err of the function, which retry.Do has no way to return.
func Drain(ctx context.Context, flush func(context.Context) error) error {
	var err error
	for { // want `no automatic fix: work before the call may end the loop$`
		select {
		case <-ctx.Done():
			return err
		default:
		}
		if err = flush(ctx); err == nil {
			return nil
		}
	}
}

// Settle leaves the loop when its context ends, for the code after it that
// returns the last error: nil before the first attempt.
func Settle(ctx context.Context, settle func(context.Context) error) error {
	var err error
	for ctx.Err() == nil { // want `no automatic fix: work before the call may end the loop$`
		if err = settle(ctx); err == nil {
			return nil
		}
	}
	return err
}

// Poke sleeps without watching its context, and tests it before the next
// attempt: it waits each pause out, where retry.Do would stop in the middle.
func Poke(ctx context.Context, poke func(context.Context) error) error {
	for i := 0; i < 5 && ctx.Err() == nil; i++ { // want `no automatic fix: work before the call may end the loop$`
		if err := poke(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return ctx.Err()
}
