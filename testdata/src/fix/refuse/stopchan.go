package refuse

import (
	"context"
	"errors"
	"time"
)

var errStopped = errors.New("stopped")

// The wait also ends when the service stops, and the loop waits after its
// last attempt too: a stop during that last pause returns errStopped, where
// a rewrite, which gives up at once after the last attempt, would return
// the error (retry.WaitsEndOn fixes the loops that skip that pause, or have
// no last attempt: see testdata/src/fix/stopchan).
func stopChan(stop <-chan struct{}) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the wait also listens to another channel$`
		if err = op(); err == nil {
			return nil
		}
		select {
		case <-stop:
			return errStopped
		case <-time.After(time.Second):
		}
	}
	return err
}

// The wait listens to the context too: retry.Do would give up at once when
// the next wait outlasts the context's deadline, where the loop would still
// return errStopped if stop closed during that wait.
func stopChanCtx(ctx context.Context, send func(context.Context) error, stop <-chan struct{}) error {
	for { // want `no automatic fix: the wait also listens to another channel$`
		err := send(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-stop:
			return errStopped
		case <-time.After(time.Second):
		}
	}
}
