package refuse

import (
	"context"
	"errors"
	"time"
)

var errPaused = errors.New("stopped waiting")

// pauseOrStop waits for d, but says it stopped in its own words when ctx
// ends: the loop returns that error, which retry.Do cannot produce.
func pauseOrStop(ctx context.Context, d time.Duration) error { // want pauseOrStop:"waits"
	select {
	case <-ctx.Done():
		return errPaused
	case <-time.After(d):
		return nil
	}
}

func helperStop(ctx context.Context) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the wait helper stops early when the context ends$`
		if err = op(); err == nil {
			return nil
		}
		if werr := pauseOrStop(ctx, time.Second); werr != nil {
			return werr
		}
	}
	return err
}
