package refuse

import (
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
