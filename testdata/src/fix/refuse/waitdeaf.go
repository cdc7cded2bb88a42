package refuse

import (
	"context"
	"time"
)

// Ping tests its context after each failure, then sleeps without watching
// it: when the context ends during a pause, the loop sleeps it out and calls
// once more before it stops, where retry.Do would stop at once.
func Ping(ctx context.Context, ping func(context.Context) error) error {
	for { // want `no automatic fix: the loop tests its context, but its wait does not watch it$`
		err := ping(ctx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		time.Sleep(time.Second)
	}
}
