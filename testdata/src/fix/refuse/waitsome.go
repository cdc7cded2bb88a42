package refuse

import (
	"context"
	"time"
)

// The loop pauses only after every second failure, and that pause watches
// ctx: retry.Do, told to watch ctx, would look at it after every failure,
// the ones the loop goes on from at once too.
func sendTwice(ctx context.Context, send func(ctx context.Context) error) error {
	var err error
	for i := 0; i < 6; i++ { // want `no automatic fix: the loop waits after some failures only$`
		if err = send(ctx); err == nil {
			return nil
		}
		if i%2 == 1 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Second):
			}
		}
	}
	return err
}
